/**
 * The run configuration for certifying an in-process reference partner (what `ictk run` does with neither
 * --config nor --target): its URLs and account, the throw-away credentials both ways, and its deferral timeout.
 */
import type { ReferenceAuthSetup } from './auth.js';
import type { ReferencePartner } from './partner.js';
import { REFERENCE_DEFERRAL_TIMEOUT_HOURS } from './topology.js';

/**
 * The raw run configuration (before validation) for `reference`, using `auth` and rolling back deferrals after
 * `deferralHourMs` per hour of the deferring environment's timeout.
 */
export function referenceRunConfig(reference: ReferencePartner, auth: ReferenceAuthSetup, deferralHourMs: number): Record<string, Record<string, unknown>> {
  return {
    candidate: { baseUrl: reference.baseUrl, providerId: reference.providerId, hooksUrl: reference.hooksUrl, accountId: reference.accountId, auth: auth.candidateAuth },
    kit: { peerAuth: auth.peerAuth },
    timeouts: { deferralRollbackSeconds: (REFERENCE_DEFERRAL_TIMEOUT_HOURS * deferralHourMs) / 1000 },
  };
}
