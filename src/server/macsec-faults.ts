/**
 * The MACsec operations' deliberate defects (CC-MS-001..021): rotation rules skipped or bent, key activation
 * taken from the request or delayed, deletes allowed or refused against the rules, rotation requests refused
 * or ignored, operations missing on some channels, a channel naming neither provider. Each applies only while
 * its fault is on.
 */
import { findEnvironment, type Engine } from './engine.js';
import { channelKey, type ChannelRef } from './names.js';
import { apiError, badRequest, conflict, ok, type Reply } from './reply.js';
import type { ChannelSpec, InterconnectSpec, MacSecKeyRecord } from './types.js';

/** How long macsec-overlapping-active keeps the old key active beside the new one, in ms. */
export const OVERLAP_ACTIVE_MS = 500;

/** Bake time macsec-first-keys-serialised applies to first keys, in ms (2 hours). */
const FIRST_KEY_HOLD_MS = 2 * 60 * 60 * 1000;

/** How a CreateMacSecKey refusal under the rotation rules is answered (409, or 400 with macsec-declines-400). */
export function decline(engine: Engine, message: string): Reply {
  return engine.faults.has('macsec-declines-400') ? badRequest(message) : conflict(message, 'FAILED_PRECONDITION');
}

/** The refusal macsec-first-keys-serialised gives a first key while another channel of the interconnect received one less than 2 hours ago. */
export function firstKeyRefusal(engine: Engine, ref: ChannelRef, ix: InterconnectSpec): string | undefined {
  if (!engine.faults.has('macsec-first-keys-serialised')) return undefined;
  const recent = ix.channels.find((c) => c.id !== ref.channel && (engine.store.macsec.get(channelKey({ ...ref, channel: c.id })) ?? []).some((k) => engine.clock.now() - k.startTime < FIRST_KEY_HOLD_MS));
  return recent ? `channel ${recent.id} of interconnect ${ix.id} received a key less than 2 hours ago` : undefined;
}

/** The startTime a new key gets: the server's clock, or the request's with macsec-start-time-from-request. */
export function startTimeOf(engine: Engine, claimed: string | undefined): number {
  const t = claimed === undefined ? Number.NaN : Date.parse(claimed);
  return engine.faults.has('macsec-start-time-from-request') && !Number.isNaN(t) ? t : engine.clock.now();
}

/** The `active` value macsec-active-from-request takes from the request (undefined: the server decides). */
export function claimedActive(engine: Engine, active: boolean | undefined): boolean | undefined {
  return engine.faults.has('macsec-active-from-request') ? active : undefined;
}

/** True when macsec-rotation-never-active keeps a rotation key (not a first key) inactive forever. */
export function neverActivates(engine: Engine, key: MacSecKeyRecord): boolean {
  return engine.faults.has('macsec-rotation-never-active') && !key.initial;
}

/** With macsec-overlapping-active, makes `key` active at once but leaves the older keys active for a while; true when it did. */
export function activateOverlapping(engine: Engine, keys: readonly MacSecKeyRecord[], key: MacSecKeyRecord): boolean {
  if (!engine.faults.has('macsec-overlapping-active')) return false;
  key.active = true;
  const older = keys.slice(0, keys.indexOf(key));
  engine.timers.after(OVERLAP_ACTIVE_MS, () => { for (const k of older) k.active = false; });
  return true;
}

/** The 501 macsec-ops-missing gives to key operations on the last channel of every interconnect. */
export function missingKeyOperation(engine: Engine, ix: InterconnectSpec, ch: ChannelSpec): Reply | undefined {
  return engine.faults.has('macsec-ops-missing') && ix.channels.at(-1)?.id === ch.id ? apiError(501, `MACsec keys are not implemented on channel ${ch.id}`) : undefined;
}

/** The answer DeleteMacSecKey gives under the delete faults, or undefined to follow the rules. */
export function deleteOverride(engine: Engine, key: MacSecKeyRecord | undefined, managed: boolean): Reply | 'skip-checks' | undefined {
  if (key === undefined) return engine.faults.has('macsec-delete-any-caller') && !managed ? ok({}) : undefined;
  if (engine.faults.has('macsec-delete-refused') && !key.active) return conflict(`MACsec key ${key.id} is kept until the channel is retired`, 'FAILED_PRECONDITION');
  if (engine.faults.has('macsec-delete-active') && managed) return 'skip-checks';
  return undefined;
}

/** The refusal rotation-request-refused gives the non-manager's RequestMacSecKeyRotation (the literal manager-only reading, D46). */
export function rotationRequestRefusal(engine: Engine, caller: string, ch: ChannelSpec): Reply | undefined {
  return engine.faults.has('rotation-request-refused') ? conflict(`provider ${caller} is not the macsecManagerProvider of channel ${ch.id}`, 'FAILED_PRECONDITION') : undefined;
}

/** The provider name macsec-manager-unnamed shows for the last channel the caller manages on the last interconnect. */
export function unnamedManager(engine: Engine, ref: ChannelRef, ch: ChannelSpec): string | undefined {
  if (!engine.faults.has('macsec-manager-unnamed') || ch.macsecManager !== 'caller') return undefined;
  const ix = findEnvironment(engine, ref.env)?.interconnects.at(-1);
  return ix?.id === ref.ix && ix.channels.filter((c) => c.macsecManager === 'caller').at(-1)?.id === ch.id ? 'providers/no-such-provider' : undefined;
}
