/**
 * Names of the deliberate deviations the engine knows how to make. The engine never decides which are on:
 * it receives a {@link FaultSet} and asks `has(name)` where the behaviour lives. The catalogue with
 * descriptions and broken requirements is src/reference/faults.ts.
 */

/** Fault names the coordinator engine implements. */
export const SERVER_FAULT_NAMES = [
  'bad-enum-value',
  'wrong-type',
  'missing-required-field',
  'page-size-ignored',
  'page-duplicates',
  'token-on-last-page',
  'unknown-resource-200',
  'unknown-resource-400',
  'malformed-json-500',
  'wrong-type-500',
  'bad-resource-name',
  'list-get-mismatch',
  'confirm-rejects-genuine',
  'confirm-reused',
  'confirm-tampered',
  'confirm-deleted',
  'confirm-any-environment',
  'confirm-garbage-500',
  'confirm-only-deprecated-key',
  'no-capacity-check',
  'duplicate-connection-accepted',
  'guidance-missing-channel',
  'feature-vlan-unchecked',
  'feature-subnet-unchecked',
  'feature-prefix-unchecked',
  'feature-mtu-unchecked',
  'feature-overlap-accepted',
  'feature-second-on-channel',
  'features-never-final',
  'never-notifies',
  'verified-early',
  'needs-all-features',
  'no-refresh-on-notify',
  'no-feature-refresh-on-notify',
  'no-renotify-on-feature-change',
  'update-not-applied',
  'update-over-capacity',
  'delete-keeps-features',
  'output-only-honoured',
  'delete-not-deleting',
  // A CLOSED interconnect (CC-NEG-032)
  'closed-interconnect-accepts',
  // Authentication (CC-SEC-005)
  'accepts-unknown-provider',
  // Issues API (CC-ISS-*)
  'issue-id-ignored',
  'issue-title-body-optional',
  'issue-output-only-honoured',
  'issue-starts-in-progress',
  'issue-without-create-time',
  'issue-feature-context-refused',
  'issue-interconnect-type-refused',
  'issue-missing-context-500',
  'issue-nameless-context-accepted',
  'get-issue-drops-priority',
  'issues-list-omits-open',
  'issues-default-page-unbounded',
  'issues-large-page-refused',
  'add-comment-empty-answer',
  'comment-body-optional',
  'comments-oldest-first',
  'comments-default-page-unbounded',
  'comment-without-create-time',
  'close-not-kept',
  'duplicate-issue-accepted',
  'issue-enum-unchecked',
  'issue-id-generated',
  'create-issue-201',
  // Negotiation rules beyond the guidance (CC-NEG-017..067)
  'feature-reservation-race',
  'duplicate-feature-accepted',
  'provisioning-state-honoured',
  'feature-channel-unchecked',
  'feature-mtu-defaulted',
  'feature-asn-unchecked',
  'feature-host-bits-accepted',
  'guidance-reserved-vlans',
  'guidance-overlapping-ranges',
  'guidance-exclude-misspelt',
  'guidance-needs-body',
  'notify-refused-before-ready',
  'feature-mtu-rewritten',
  'refused-feature-kept',
  'feature-id-from-body-name',
  'unsupported-size-accepted',
  'capacity-race',
  'crossing-notify-dropped',
  'ipv6-refused',
  'md5-refused',
  'preferred-subnet-only',
  // Lifecycle (CC-LC-007..010)
  'update-mask-unchecked',
  'delete-in-service-declined',
  'repeat-delete-500',
  'delete-feature-kept',
  // Names, references and request rules (CC-SCH-013..026)
  'create-feature-self-rooted',
  'own-provider-hidden',
  'providers-listed-elsewhere',
  'feature-channel-bare',
  'update-without-body-accepted',
  'environment-without-l3',
  'connection-admin-state-missing',
  'asn-int32',
  'update-answer-without-bandwidth',
  'interconnect-sizes-repeated',
  // MACsec keys, the candidate as receiver (CC-MS-001..021)
  'macsec-rotation-refused',
  'macsec-start-time-from-request',
  'macsec-any-manager',
  'macsec-declines-400',
  'macsec-third-key-accepted',
  'macsec-parallel-rotations',
  'macsec-no-bake-time',
  'macsec-first-keys-serialised',
  'macsec-overlapping-active',
  'macsec-rotation-never-active',
  'macsec-delete-active',
  'macsec-delete-any-caller',
  'macsec-delete-refused',
  'macsec-active-from-request',
  'rotation-request-refused',
  'rotation-request-ignored',
  'macsec-ops-missing',
  'macsec-manager-unnamed',
  // Maintenance coordination (CC-MNT-001..013)
  'maintenance-window-reversed',
  'maintenance-id-reused',
  'maintenance-overlap-published',
  'maintenance-not-published',
  'maintenance-overlap-own',
  'maintenance-overlap-peer',
  'no-maintenance-refresh',
  'maintenance-refresh-channel-only',
  'maintenance-notify-needs-events',
  'maintenance-ops-missing',
  // The reference as a client: notifying and verifying as negotiator, deferral, migration (CC-NEG-054/055, CC-DEF-*, CC-LC-025..027)
  'negotiator-never-notifies',
  'negotiator-verifies-early',
  'deferral-refused-409',
  'deferral-never-notifies',
  'treats-deferconnection',
  'migration-refused',
  'migration-replaces-old',
  'migration-deletes-both',
  // Resiliency (CC-RES-013, CC-RES-015)
  'provider-sites-wrong',
  'verifies-below-threshold',
  // Remaining server checks (CC-AK-002, CC-NEG-001/005/040, CC-SCH-015/022, CC-SEC-010/011, CC-DEF-005/008, CC-LC-011)
  'confirm-own-partition',
  'bandwidth-read-as-gbps',
  'last-channel-unknown',
  'responder-requests-guidance',
  'list-comments-unimplemented',
  'environment-sizes-hidden',
  'macsec-cak-echoed',
  'md5-password-echoed',
  'deferral-size-unchecked',
  'deferral-timeout-too-long',
  'unready-connection-dropped',
] as const;

/** One engine fault name. */
export type ServerFaultName = (typeof SERVER_FAULT_NAMES)[number];

/** The switched-on faults, asked by name. */
export interface FaultSet {
  /** True when fault `name` is switched on. */
  has(name: ServerFaultName): boolean;
}

/** A fault set with nothing switched on: a conformant engine. */
export const NO_FAULTS: FaultSet = { has: () => false };

/** Builds a fault set from names (unknown names are the caller's concern). */
export function faultSet(names: Iterable<string>): FaultSet {
  const set = new Set<string>(names);
  return { has: (name) => set.has(name) };
}
