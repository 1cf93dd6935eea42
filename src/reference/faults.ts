/**
 * The reference partner's deliberate defects, switched on by name (`ictk serve-reference --fault NAME`).
 * Each is one small deviation; everything else stays conformant. `breaks` lists the requirement ids the
 * fault is meant to make fail, primary first.
 */
import { CtkError } from '../errors/index.js';
import { faultSet, type FaultSet, type ServerFaultName } from '../server/index.js';
import { MACSEC_MAINTENANCE_FAULTS, type MacsecHookFaultName } from './faults-macsec.js';
import { CLIENT_FAULTS, type ClientHookFaultName } from './faults-client.js';
import { COVERAGE_FAULTS, type KeyHookFaultName } from './faults-coverage.js';
import { RESILIENCY_FAULTS, type TopologyFaultName } from './faults-resiliency.js';
import { RULE_FAULTS } from './faults-rules.js';
import { AUTH_FAULTS, type AuthHookFaultName } from './auth.js';
import { DEFERRING_FAULTS, type DeferringFaultName } from './deferring.js';
import { RETRY_FAULTS, type RetryFaultName } from './faults-retry.js';
import { SLA_FAULTS, type SlaFaultName } from './faults-sla.js';

/** Faults implemented by the reference's customer hooks rather than the engine. */
export type HookFaultName = 'issue-any-bandwidth' | 'non-base64-key' | MacsecHookFaultName | SlaFaultName | ClientHookFaultName | TopologyFaultName | AuthHookFaultName | DeferringFaultName | RetryFaultName | KeyHookFaultName;

/** Every fault name. */
export type FaultName = ServerFaultName | HookFaultName;

/** What a fault does and which requirements it breaks. */
export interface FaultInfo {
  /** One sentence on the deviation. */
  readonly description: string;
  /** Requirement ids it makes fail, primary first. */
  readonly breaks: readonly string[];
  /** Run configuration the fault is caught with (section, then keys), set over the run's own when the fault is on; see {@link withFaultConfig}. */
  readonly config?: FaultConfig;
}

/** Run-configuration values by section, e.g. `{ sla: { provisioningSeconds: 1 } }`. */
export type FaultConfig = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

/** The fault catalogue. */
export const FAULTS: Readonly<Record<FaultName, FaultInfo>> = {
  'bad-enum-value': { description: 'Environments report environmentVisibility "PUBLIC" instead of ENVIRONMENT_VISIBILITY_PUBLIC.', breaks: ['CC-SCH-002'] },
  'wrong-type': { description: 'Channels report aggregateChannelSizeGbps as a string ("200").', breaks: ['CC-SCH-001'] },
  'missing-required-field': { description: 'Features are returned without their required `channel`.', breaks: ['CC-SCH-003'] },
  'page-size-ignored': { description: 'List operations ignore pageSize and return everything at once.', breaks: ['CC-SCH-004', 'CC-ISS-012', 'CC-ISS-017'] },
  'page-duplicates': { description: 'Each next page starts again with the previous page\u2019s last item.', breaks: ['CC-SCH-005'] },
  'token-on-last-page': { description: 'The last page carries a nextPageToken that leads to an empty page.', breaks: ['CC-SCH-006'] },
  'unknown-resource-200': {
    description: 'GetInterconnect, GetChannel and GetConnection of ids that never existed answer 200 with a made-up object.',
    breaks: ['CC-SCH-007', 'CC-SCH-008'],
  },
  'unknown-resource-400': { description: 'Resources that never existed are answered 400 instead of 404.', breaks: ['CC-SCH-008'] },
  'malformed-json-500': { description: 'A malformed JSON body crashes the handler with 500.', breaks: ['CC-SCH-009'] },
  'wrong-type-500': { description: 'A body field of the wrong type crashes the handler with 500.', breaks: ['CC-SCH-010'] },
  'bad-resource-name': { description: 'Connection names are returned without the providers/ prefix.', breaks: ['CC-SCH-011'] },
  'list-get-mismatch': { description: 'GetChannel returns another demarc than ListChannels.', breaks: ['CC-SCH-012'] },
  'issue-any-bandwidth': { description: 'The activation-key hook issues keys for sizes the environment does not support.', breaks: ['CC-AK-001'] },
  'confirm-rejects-genuine': { description: 'The second confirmation of a genuine, unused key answers keyValid=false.', breaks: ['CC-AK-012'] },
  'confirm-reused': { description: 'Keys stay valid after a connection used them.', breaks: ['CC-AK-003'] },
  'confirm-tampered': {
    description: 'Keys are matched by sharedConnectionUuid only, ignoring every other field.',
    breaks: ['CC-AK-004', 'CC-AK-007'],
  },
  'confirm-deleted': {
    description: 'Deleting a connection does not invalidate its key: the key confirms again as if never used.',
    breaks: ['CC-AK-005'],
  },
  'confirm-any-environment': { description: 'ConfirmActivationKey ignores the environment in the path.', breaks: ['CC-AK-006'] },
  'confirm-garbage-500': { description: 'A non-base64 encodedKey crashes ConfirmActivationKey with 500.', breaks: ['CC-AK-008'] },
  'confirm-only-deprecated-key': {
    description: 'ConfirmActivationKey reads only the deprecated `key` object and answers false for encodedKey (blocks negotiation downstream).',
    breaks: ['CC-AK-009'],
  },
  'non-base64-key': { description: 'The activation-key hook returns the raw JSON instead of base64.', breaks: ['CC-AK-011'] },
  'no-capacity-check': { description: 'CreateConnection accepts connections beyond the interconnect\u2019s maxBandwidthMbps.', breaks: ['CC-NEG-002', 'CC-NEG-034'] },
  'duplicate-connection-accepted': { description: 'CreateConnection with an existing id on the interconnect answers 200.', breaks: ['CC-NEG-003'] },
  'guidance-missing-channel': { description: 'GenerateFeatureGuidance leaves out the last channel.', breaks: ['CC-NEG-004'] },
  'feature-vlan-unchecked': { description: 'CreateFeature accepts reserved or unguided VLANs.', breaks: ['CC-NEG-006'] },
  'feature-subnet-unchecked': { description: 'CreateFeature accepts subnets outside the includes or inside an exclude.', breaks: ['CC-NEG-007'] },
  'feature-prefix-unchecked': { description: 'CreateFeature accepts prefix lengths the guidance does not allow.', breaks: ['CC-NEG-008'] },
  'feature-mtu-unchecked': { description: 'CreateFeature accepts MTUs outside the guided ranges.', breaks: ['CC-NEG-009'] },
  'feature-overlap-accepted': { description: 'CreateFeature accepts a subnet overlapping one already in use.', breaks: ['CC-NEG-010', 'CC-NEG-017'] },
  'feature-second-on-channel': { description: 'CreateFeature accepts a second L3 feature on a channel of the same connection.', breaks: ['CC-NEG-011'] },
  'features-never-final': { description: 'Accepted features stay PROVISIONING_STATE_PENDING forever.', breaks: ['CC-NEG-012'] },
  'never-notifies': { description: 'The reference never sends NotifyConnectionStatus.', breaks: ['CC-NEG-013'] },
  'verified-early': { description: 'Connections turn VERIFIED as soon as features are final, before any notification.', breaks: ['CC-NEG-014'] },
  'needs-all-features': { description: 'With 3 of 4 features final the reference neither notifies nor verifies.', breaks: ['CC-NEG-015'] },
  'no-refresh-on-notify': { description: 'After a NotifyConnectionStatus the reference does not re-read the connection from the peer.', breaks: ['CC-NEG-016'] },
  'update-not-applied': { description: 'UpdateConnection answers 200 but leaves the bandwidth unchanged.', breaks: ['CC-LC-001'] },
  'update-over-capacity': { description: 'UpdateConnection accepts any bandwidth, supported or not, fitting or not.', breaks: ['CC-LC-002'] },
  'delete-keeps-features': { description: 'DeleteConnection leaves the connection\u2019s features behind.', breaks: ['CC-LC-004', 'CC-DEF-007'] },
  'output-only-honoured': { description: 'A verificationState or adminState sent by the client is stored and returned.', breaks: ['CC-LC-005'] },
  'delete-not-deleting': { description: 'DeleteConnection answers 200 but the connection remains.', breaks: ['CC-LC-006', 'CC-LC-008', 'CC-DEF-007'] },
  ...RULE_FAULTS,
  ...MACSEC_MAINTENANCE_FAULTS,
  ...SLA_FAULTS,
  ...CLIENT_FAULTS,
  ...RESILIENCY_FAULTS,
  ...AUTH_FAULTS,
  ...DEFERRING_FAULTS,
  ...RETRY_FAULTS,
  ...COVERAGE_FAULTS,
};

/** The configuration the named faults are caught with, merged in order (unknown names are ignored). */
export function faultConfig(names: readonly string[]): FaultConfig {
  const out: Record<string, Record<string, unknown>> = {};
  for (const name of names.filter(isFaultName)) {
    for (const [section, values] of Object.entries(FAULTS[name].config ?? {})) out[section] = { ...out[section], ...values };
  }
  return out;
}

/** A raw run configuration with `override` set over it, section by section (the input is not changed). */
export function withFaultConfig(raw: Readonly<Record<string, unknown>>, override: FaultConfig): Record<string, unknown> {
  const out: Record<string, unknown> = { ...raw };
  for (const [section, values] of Object.entries(override)) {
    const own = out[section];
    out[section] = { ...(typeof own === 'object' && own !== null ? own : {}), ...values };
  }
  return out;
}

/** The override as `section.key=value` words, e.g. `sla.provisioningSeconds=1` (empty when none). */
export function describeFaultConfig(override: FaultConfig): string[] {
  return Object.entries(override).flatMap(([section, values]) => Object.entries(values).map(([k, v]) => `${section}.${k}=${JSON.stringify(v)}`));
}

/** Every fault with its name, in catalogue order. */
export function listFaults(): readonly ({ readonly name: FaultName } & FaultInfo)[] {
  return (Object.keys(FAULTS) as FaultName[]).map((name) => ({ name, ...FAULTS[name] }));
}

/** True when `name` is a fault of the catalogue. */
export function isFaultName(name: string): name is FaultName {
  return Object.prototype.hasOwnProperty.call(FAULTS, name);
}

/** The switched-on faults, for the engine and the hooks. */
export interface ReferenceFaults extends FaultSet {
  /** True when the hook-side fault `name` is on. */
  hook(name: HookFaultName): boolean;
  /** The names switched on. */
  readonly names: readonly FaultName[];
}

/** Validates fault names; an unknown one is a CtkError CTK_ERR_FAULT_UNKNOWN naming it. */
export function resolveFaults(names: readonly string[] = []): ReferenceFaults {
  const unknown = names.filter((n) => !isFaultName(n));
  if (unknown.length > 0) {
    throw new CtkError('CTK_ERR_FAULT_UNKNOWN', `Unknown reference fault: ${unknown.join(', ')}.`, listFaults().map((f) => `${f.name}: ${f.description}`));
  }
  const set = faultSet(names);
  const valid = names.filter(isFaultName);
  return { has: (name) => set.has(name), hook: (name) => valid.includes(name), names: valid };
}
