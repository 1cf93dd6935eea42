/**
 * MACsec key operations and rotation requests (paths/macseckeys.yaml, paths/channels.yaml
 * RequestMacSecKeyRotation, docs/Protocols.md#macsec-key-rotation, spec-defects D30, D31, D46, D49).
 * Only the channel's macsecManagerProvider may create or delete keys; a channel holds at most 2 keys and an
 * interconnect of N channels at most N+1; one channel of an interconnect in rotation (2 keys) at a time;
 * 2 hours of bake on a channel after a rotation key (initial keys are exempt); an active key cannot be deleted.
 */
import { emit, type Engine } from '../engine.js';
import {
  activateOverlapping, claimedActive, decline, deleteOverride, firstKeyRefusal, missingKeyOperation, neverActivates, rotationRequestRefusal, startTimeOf,
} from '../macsec-faults.js';
import { channelKey, macSecKeyName, type ChannelRef } from '../names.js';
import { renderMacSecKey } from '../render.js';
import { conflict, ok } from '../reply.js';
import { MacSecKeyBody, RotationBody } from '../schemas.js';
import type { ChannelSpec, InterconnectSpec, MacSecKeyRecord } from '../types.js';
import { body, lookupChannel, missing, param, requiredQuery, type Handler } from './common.js';

/** Bake time after a rotation on a channel, in ms (2 hours). */
export const BAKE_TIME_MS = 2 * 60 * 60 * 1000;

/** Keys stored on a channel, oldest first. */
export function keysOf(engine: Engine, ref: ChannelRef): MacSecKeyRecord[] {
  return engine.store.macsec.get(channelKey(ref)) ?? [];
}

function activate(engine: Engine, ref: ChannelRef, key: MacSecKeyRecord): void {
  const keys = keysOf(engine, ref);
  if (!keys.includes(key) || activateOverlapping(engine, keys, key)) return;
  for (const k of keys) k.active = k === key;
}

function rotationRefusal(engine: Engine, ref: ChannelRef, ix: InterconnectSpec, keys: readonly MacSecKeyRecord[]): string | undefined {
  if (keys.length >= 2 && !engine.faults.has('macsec-third-key-accepted')) return `channel ${ref.channel} already holds 2 MACsec keys`;
  const others = ix.channels.filter((c) => c.id !== ref.channel).map((c) => ({ id: c.id, keys: keysOf(engine, { ...ref, channel: c.id }) }));
  const total = keys.length + others.reduce((n, o) => n + o.keys.length, 0);
  if (total >= ix.channels.length + 1) return `interconnect ${ix.id} already holds N+1 = ${ix.channels.length + 1} MACsec keys`;
  if (keys.length === 0) return firstKeyRefusal(engine, ref, ix);
  if (keys.length >= 2) return undefined;
  if (engine.faults.has('macsec-rotation-refused')) return `channel ${ref.channel} already has its key; this server takes first keys only`;
  const busy = engine.faults.has('macsec-parallel-rotations') ? undefined : others.find((o) => o.keys.length >= 2);
  if (busy) return `channel ${busy.id} of interconnect ${ix.id} is in rotation`;
  const lastRotation = [...keys].reverse().find((k) => !k.initial);
  if (lastRotation && !engine.faults.has('macsec-no-bake-time') && engine.clock.now() - lastRotation.startTime < BAKE_TIME_MS) {
    return `channel ${ref.channel} is within its 2-hour bake time`;
  }
  return undefined;
}

function managedByCaller(ch: ChannelSpec): boolean {
  return ch.macsecManager === 'caller';
}

/** CreateMacSecKey ?macSecKeyId=: installs a key (startTime from this server's clock), active after the activation delay. */
export const createMacSecKey: Handler = (engine, req) => {
  const found = lookupChannel(engine, req);
  if (!found.ok) return found.reply;
  const id = requiredQuery(req, 'macSecKeyId');
  if (!id.ok) return id.reply;
  const input = body(engine, req, MacSecKeyBody);
  if (!input.ok) return input.reply;
  const { ix, ch, ref } = found.value;
  const gap = missingKeyOperation(engine, ix, ch);
  if (gap) return gap;
  if (!managedByCaller(ch) && !engine.faults.has('macsec-any-manager')) return decline(engine, `provider ${req.caller} is not the macsecManagerProvider of channel ${ch.id}`);
  const keys = keysOf(engine, ref);
  if (keys.some((k) => k.id === id.value)) return conflict(`MACsec key ${id.value} already exists`, 'ALREADY_EXISTS');
  const refusal = rotationRefusal(engine, ref, ix, keys);
  if (refusal) return decline(engine, refusal);
  const claimed = claimedActive(engine, input.value.active);
  const key: MacSecKeyRecord = { id: id.value, cak: input.value.cak, ckn: input.value.ckn, startTime: startTimeOf(engine, input.value.startTime), active: false, initial: keys.length === 0 };
  engine.store.macsec.set(channelKey(ref), [...keys, key]);
  engine.store.everExisted.add(macSecKeyName(ref, key.id));
  if (claimed !== undefined || neverActivates(engine, key)) {
    if (claimed === true) activate(engine, ref, key);
  } else if (engine.settings.macSecActivationDelayMs <= 0) activate(engine, ref, key);
  else engine.timers.after(engine.settings.macSecActivationDelayMs, () => activate(engine, ref, key));
  return ok(renderMacSecKey(engine, ref, key));
};

/** ListMacSecKeys (no pagination: at most 2 keys, D65). */
export const listMacSecKeys: Handler = (engine, req) => {
  const found = lookupChannel(engine, req);
  if (!found.ok) return found.reply;
  const gap = missingKeyOperation(engine, found.value.ix, found.value.ch);
  if (gap) return gap;
  return ok({ macSecKeys: keysOf(engine, found.value.ref).map((k) => renderMacSecKey(engine, found.value.ref, k)) });
};

/** GetMacSecKey. */
export const getMacSecKey: Handler = (engine, req) => {
  const found = lookupChannel(engine, req);
  if (!found.ok) return found.reply;
  const gap = missingKeyOperation(engine, found.value.ix, found.value.ch);
  if (gap) return gap;
  const key = keysOf(engine, found.value.ref).find((k) => k.id === param(req, 'macSecKey'));
  return key ? ok(renderMacSecKey(engine, found.value.ref, key)) : missing(engine, req, macSecKeyName(found.value.ref, param(req, 'macSecKey')));
};

/** DeleteMacSecKey: only by the manager, never the active key. */
export const deleteMacSecKey: Handler = (engine, req) => {
  const found = lookupChannel(engine, req);
  if (!found.ok) return found.reply;
  const { ix, ch, ref } = found.value;
  const gap = missingKeyOperation(engine, ix, ch);
  if (gap) return gap;
  const keys = keysOf(engine, ref);
  const key = keys.find((k) => k.id === param(req, 'macSecKey'));
  const override = deleteOverride(engine, key, managedByCaller(ch));
  if (override !== undefined && override !== 'skip-checks') return override;
  if (!key) return missing(engine, req, macSecKeyName(ref, param(req, 'macSecKey')));
  if (!managedByCaller(ch) && !engine.faults.has('macsec-delete-any-caller')) return conflict(`provider ${req.caller} is not the macsecManagerProvider of channel ${ch.id}`, 'FAILED_PRECONDITION');
  if (key.active && override !== 'skip-checks') return conflict(`MACsec key ${key.id} is active and cannot be deleted`, 'FAILED_PRECONDITION');
  engine.store.macsec.set(channelKey(ref), keys.filter((k) => k !== key));
  return ok({});
};

/** RequestMacSecKeyRotation: accepted from the non-manager on a channel this server manages (D46). */
export const requestMacSecKeyRotation: Handler = (engine, req) => {
  const found = lookupChannel(engine, req);
  if (!found.ok) return found.reply;
  const input = body(engine, req, RotationBody, false);
  if (!input.ok) return input.reply;
  const { ch, ref } = found.value;
  if (managedByCaller(ch)) return conflict(`provider ${req.caller} manages channel ${ch.id} itself and rotates it directly`, 'FAILED_PRECONDITION');
  const refused = rotationRequestRefusal(engine, req.caller, ch);
  if (refused) return refused;
  if (!engine.faults.has('rotation-request-ignored')) emit(engine, () => engine.listeners.macSecRotationRequested?.(ref, input.value.reason));
  return ok({});
};
