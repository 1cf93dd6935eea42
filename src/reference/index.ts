/**
 * The bundled reference partner: an in-memory, conformant Connection Coordinator implementation with the
 * customer-action hooks of kit-contracts.md section 3, as a candidate would build them, and a catalogue of
 * deliberate faults that each break one requirement.
 * @packageDocumentation
 */
export { createReferencePartner, serveReference, DEFAULT_DEFERRAL_HOUR_MS, type ReferencePartner, type ReferencePartnerOptions } from './partner.js';
export { referenceRunConfig } from './run-config.js';
export {
  FAULTS, listFaults, isFaultName, resolveFaults, faultConfig, withFaultConfig, describeFaultConfig,
  type FaultInfo, type FaultConfig, type FaultName, type HookFaultName, type ReferenceFaults,
} from './faults.js';
export { referenceAuthSetup, REFERENCE_AUTH_ENV, AUTH_FAULTS, type ReferenceAuthSetup } from './auth.js';
export { SLA_FAULTS, LOAD_ENGAGE_GETS, LOAD_RELEASE_GETS, type SlaFaultName } from './faults-sla.js';
export { referenceTopology, REFERENCE_DEFERRING_ENVIRONMENT, REFERENCE_DEFERRAL_TIMEOUT_HOURS, REFERENCE_ENVIRONMENT, REFERENCE_GUIDANCE, REFERENCE_SIZES_MBPS } from './topology.js';
export { DEFAULT_RETRY, type PartnerEvent, type RetryPolicy } from './context.js';
