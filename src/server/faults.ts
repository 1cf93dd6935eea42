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
  'update-not-applied',
  'update-over-capacity',
  'delete-keeps-features',
  'output-only-honoured',
  'delete-not-deleting',
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
