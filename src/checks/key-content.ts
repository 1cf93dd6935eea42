/**
 * What a decoded activation key must say (CC-AK-013..015; ERRATA D07, D11, D36): the order it was issued for,
 * version 1 of the key format, and a connection UUID of its own. Pure comparisons of keys already decoded.
 */
import { environmentIdOf } from './activation-key.js';
import type { ActivationKey } from './model.js';

/** The customer's order a key was issued for, as the kit placed it. */
export interface IssuedOrder {
  /** Environment id the order named. */
  readonly environmentId: string;
  /** Bandwidth ordered, in Mbps. */
  readonly bandwidthMbps: number;
  /** The customer's account at the other provider (the key's destination). */
  readonly remoteAccountId: string;
}

/** The key-format version an API v1 key carries (D11). */
export const KEY_FORMAT_VERSION = 1;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One line per field in which a decoded key departs from its order; environments compare by their last path segment (D36). */
export function keyOrderMismatches(key: ActivationKey, order: IssuedOrder): string[] {
  const out: string[] = [];
  if (environmentIdOf(key.destinationEnvironmentUri) !== order.environmentId) {
    out.push(`destinationEnvironmentUri ${key.destinationEnvironmentUri} does not name environment ${order.environmentId}`);
  }
  if (key.connectionSizeMbps !== order.bandwidthMbps) out.push(`connectionSizeMbps ${key.connectionSizeMbps} is not the ${order.bandwidthMbps} Mbps ordered`);
  if (key.destinationAccountId !== order.remoteAccountId) out.push(`destinationAccountId ${key.destinationAccountId} is not the account ${order.remoteAccountId} the customer named`);
  return out;
}

/** True for the textual form of a UUID (RFC 9562: 8-4-4-4-12 hex digits, either case, any version). */
export function isUuid(text: string): boolean {
  return UUID.test(text);
}

/** Problems of the shared connection UUIDs of several keys: a value that is not a UUID, or one that two keys share (compared ignoring case). */
export function sharedUuidProblems(uuids: readonly string[]): string[] {
  const out = uuids.filter((u) => !isUuid(u)).map((u) => `${JSON.stringify(u)} is not a UUID`);
  const seen = new Set<string>();
  for (const u of uuids) {
    const k = u.toLowerCase();
    if (seen.has(k)) out.push(`${u} names more than one key's connection`);
    seen.add(k);
  }
  return [...new Set(out)];
}
