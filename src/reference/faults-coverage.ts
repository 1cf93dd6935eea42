/**
 * The reference's deliberate defects that give the remaining server-side checks a way to fail: the key the
 * activation-key hook issues (CC-AK-013..016), the confirmation and acceptance of a genuine negotiation
 * (CC-AK-002, CC-NEG-001, CC-NEG-005), the responder's role (CC-NEG-040), implemented operations and published
 * facts (CC-SCH-015, CC-SCH-022), secrets given back (CC-SEC-010, CC-SEC-011), deferral rules (CC-DEF-005,
 * CC-DEF-008) and early cleanup (CC-LC-011). Spread into {@link FAULTS}; `breaks` lists the requirement ids each
 * makes fail, primary first. The key faults are applied by the activation-key hook through the functions below;
 * the others live in the engine.
 */
import { encodeActivationKey, type ActivationKey } from '../checks/index.js';
import type { IssuedKey, LocalApi } from '../server/index.js';
import { ixSuffix, peerCall, type PartnerContext } from './context.js';
import type { FaultInfo } from './faults.js';

/** Faults of the activation-key hook: the key the reference issues and what it does next. */
const KEY_HOOK_FAULTS = {
  'key-wrong-size': { description: 'Activation keys carry the environment\u2019s largest connection size instead of the bandwidth the customer ordered.', breaks: ['CC-AK-013'] },
  'key-version-0': { description: 'Activation keys carry version 0 (the int32 default) instead of 1.', breaks: ['CC-AK-014'] },
  'key-uuid-not-uuid': { description: 'Activation keys name their connection with a short random token (ref-3f2a9c1b7d0e) instead of a UUID.', breaks: ['CC-AK-015'] },
  'issuer-creates-connection': {
    description: 'Right after issuing a key the reference creates the connection at the peer itself, instead of waiting for the provider that receives the key.',
    breaks: ['CC-AK-016'],
  },
} as const satisfies Readonly<Record<string, FaultInfo>>;

/** Faults of the engine. */
const ENGINE_FAULTS = {
  'confirm-own-partition': {
    description: 'ConfirmActivationKey looks the key up among keys issued to the reference\u2019s own provider id rather than the caller\u2019s, so no genuine key is confirmed.',
    breaks: ['CC-AK-002'],
  },
  'bandwidth-read-as-gbps': { description: 'CreateConnection reads the peer\u2019s bandwidthMbps as Gbps, so every connection looks 1000 times too big and is refused for lack of room.', breaks: ['CC-NEG-001'] },
  'last-channel-unknown': {
    description: 'CreateFeature misses the last channel of the interconnect (an off-by-one over its channels) and refuses a guided feature there as on an unknown channel.',
    breaks: ['CC-NEG-005'],
  },
  'responder-requests-guidance': {
    description: 'After accepting a connection without deferral, the reference also asks the peer for feature guidance, as only the negotiator may.',
    breaks: ['CC-NEG-040', 'CC-DEF-006'],
  },
  'list-comments-unimplemented': { description: 'ListComments answers 501 Not Implemented.', breaks: ['CC-SCH-015'] },
  'environment-sizes-hidden': { description: 'Environments do not publish their supportedConnectionSizeMbps.', breaks: ['CC-SCH-022'] },
  'macsec-cak-echoed': { description: 'CreateMacSecKey, GetMacSecKey and ListMacSecKeys give the CAK back in plain text.', breaks: ['CC-SEC-010'] },
  'md5-password-echoed': { description: 'Feature answers give the BGP MD5 password back in plain text.', breaks: ['CC-SEC-011'] },
  'deferral-size-unchecked': { description: 'A deferring CreateConnection skips the size check, so the reference takes on a connection of a size its environment does not offer.', breaks: ['CC-DEF-005'] },
  'deferral-timeout-too-long': { description: 'Environments set deferralTimeoutHours to 240 (10 days), beyond the 7-day cleanup of unfinished connections.', breaks: ['CC-DEF-008'] },
  'closed-interconnect-accepts': { description: 'CreateConnection on an interconnect in INTERCONNECT_STATE_CLOSED is accepted as on an ACTIVE one.', breaks: ['CC-NEG-032'] },
  'unready-connection-dropped': {
    description: 'A connection the peer reports ready while it is not ready here is deleted as failed at once instead of being kept.',
    breaks: ['CC-LC-011'],
  },
} as const satisfies Readonly<Record<string, FaultInfo>>;

/** Every fault of this file, for the catalogue in faults.ts. */
export const COVERAGE_FAULTS = { ...KEY_HOOK_FAULTS, ...ENGINE_FAULTS } as const;

/** The faults of this file implemented by the reference's activation-key hook rather than the engine. */
export type KeyHookFaultName = keyof typeof KEY_HOOK_FAULTS;

/** The shared connection UUID of a new key: `fresh()` unless key-uuid-not-uuid turns it into a short token. */
export function keyUuid(on: (name: KeyHookFaultName) => boolean, fresh: () => string): string {
  return on('key-uuid-not-uuid') ? `ref-${fresh().replace(/-/g, '').slice(0, 12)}` : fresh();
}

/** How the hook encodes a new key: the kit's codec, with the size or version the key faults put in. */
export function keyEncoding(on: (name: KeyHookFaultName) => boolean, local: LocalApi, env: string): ((key: ActivationKey) => string) | undefined {
  const largest = Math.max(...(local.topology.environments.find((e) => e.id === env)?.supportedConnectionSizeMbps ?? [0]));
  const size = on('key-wrong-size');
  const version = on('key-version-0');
  if (!size && !version) return undefined;
  return (key) => encodeActivationKey({ ...key, ...(size ? { connectionSizeMbps: largest } : {}), ...(version ? { version: 0 } : {}) });
}

/** Under issuer-creates-connection, creates the key's connection at the peer on the environment's first interconnect, in the background. */
export function issuerActsFirst(ctx: PartnerContext, on: (name: KeyHookFaultName) => boolean, issued: IssuedKey, bandwidthMbps: number): void {
  if (!on('issuer-creates-connection')) return;
  const ix = ctx.local.topology.environments.find((e) => e.id === issued.env)?.interconnects[0];
  if (ix === undefined) return;
  const suffix = `${ixSuffix(issued.env, ix.id)}/connections?connectionId=${encodeURIComponent(issued.key.sharedConnectionUuid)}`;
  ctx.background('issuer-first', async () => { await peerCall(ctx, 'POST', suffix, { bandwidthMbps, activationKey: issued.encoded }); });
}
