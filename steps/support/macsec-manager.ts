/**
 * MACsec helpers for the candidate as manager: the keys it installed at the kit, the rotation hook, waiting for
 * a rotation to finish, and bringing a channel the candidate manages into the state a scenario needs (keyed,
 * free to rotate, resting after a rotation).
 * @packageDocumentation
 */
import type { Exchange } from '../../src/client/index.js';
import { channelRotationState, clearlyBaking, materialFormatFindings, type ChannelRotationState, type KeyCall, type ObservedKey } from '../../src/checks/macsec.js';
import type { PeerCall } from '../../src/peer/index.js';
import { ok } from '../../src/peer/negotiator.js';
import { answered, peerCallEvidence } from '../../src/runner/evidence.js';
import { channelsManagedBy, label, scene, skipScenario, type ManagedChannel } from './macsec.js';
import { until } from './setup.js';
import type { CtkWorld } from './world.js';

/** The keys the candidate installed at the kit on a channel, as observed keys (ISO startTime), with their first-key flag. */
export function kitSideKeys(w: CtkWorld, mc: ManagedChannel): Array<ObservedKey & { readonly initial: boolean }> {
  return w.ctx.peer.macSecKeys(mc.ix.ref.env, mc.ix.id, mc.ch.id).map((k) => ({ id: k.id, active: k.active, startTime: new Date(k.startTime).toISOString(), initial: k.initial }));
}

/** The rotation state of a channel the candidate manages, from the keys the kit holds. */
export function kitSideState(w: CtkWorld, mc: ManagedChannel, now = Date.now()): ChannelRotationState {
  const keys = kitSideKeys(w, mc);
  return channelRotationState(keys, now, (k) => keys.find((x) => x.id === k.id)?.initial === true);
}

function inRotationAt(w: CtkWorld, ix: string): boolean {
  return channelsManagedBy(w, 'candidate').some((c) => c.ix.id === ix && kitSideState(w, c) === 'in-rotation');
}

function statesText(w: CtkWorld): string {
  return channelsManagedBy(w, 'candidate').map((c) => `${label(c)} ${kitSideState(w, c)}`).join(', ') || 'none';
}

/** True when the call is a key operation on the channel. */
export function onChannel(c: PeerCall, mc: ManagedChannel, ...ops: string[]): boolean {
  return ops.includes(c.operation) && c.params['interconnect'] === mc.ix.id && c.params['channel'] === mc.ch.id;
}

/** Asks the candidate, as a customer would, to rotate the key of a channel; records the answer. */
export async function hookRotate(w: CtkWorld, mc: ManagedChannel): Promise<Exchange> {
  const e = await w.ctx.hooks!.rotateMacsec(mc.ch.name);
  scene(w).hooks.push(e);
  return e;
}

/** Waits until the calls since `since` are followed by `quietMs` without any call, for at most the settle time. */
export async function quiet(w: CtkWorld, quietMs = 600): Promise<void> {
  const end = Date.now() + w.ctx.settleMs;
  for (let last = w.ctx.log.lastSeq; Date.now() < end;) {
    await new Promise((r) => setTimeout(r, quietMs));
    if (w.ctx.log.lastSeq === last) return;
    last = w.ctx.log.lastSeq;
  }
}

/** How a rotation by the candidate ended at the kit. */
export interface RotationOutcome {
  /** The first CreateMacSecKey on the channel since the mark, if any. */
  readonly create?: PeerCall;
  /** The kit holds exactly that key on the channel, active. */
  readonly done: boolean;
}

/** Waits (up to the settle time) for a CreateMacSecKey on the channel after `since` and for the kit to hold only that key, active. */
export async function waitRotationDone(w: CtkWorld, mc: ManagedChannel, since: number): Promise<RotationOutcome> {
  const create = await w.ctx.peer.waitForCall((c) => onChannel(c, mc, 'CreateMacSecKey'), w.ctx.settleMs, since);
  if (create === undefined) return { done: false };
  if (create.status < 200 || create.status > 299) return { create, done: false };
  const keyId = create.query['macSecKeyId'] ?? '';
  const done = await until(w.ctx.settleMs, async () => {
    const keys = kitSideKeys(w, mc);
    return keys.length === 1 && keys[0]?.id === keyId && keys[0].active === true ? true : undefined;
  });
  return { create, done: done === true };
}

/** Stops the scenario after a rotation that did not finish, naming the requirement the candidate broke. */
export function blockedRotation(w: CtkWorld, mc: ManagedChannel, hook: Exchange, r: RotationOutcome): never {
  if (r.create === undefined) {
    return w.blockedBy('CC-MS-024', `after the rotation hook answered ${hook.status} for ${label(mc)}, no CreateMacSecKey reached the kit within ${w.ctx.settleMs} ms`, [w.ev(hook)]);
  }
  const evidence = [peerCallEvidence(r.create, w.ctx.peer.baseUrl), w.ev(hook)];
  if (r.create.status >= 200 && r.create.status <= 299) {
    return w.blockedBy('CC-MS-026', `the candidate left the old key on ${label(mc)} after its new key went live`, evidence);
  }
  const material = w.ctx.peer.sentKeyMaterial(r.create.seq - 1).find((m) => m.seq === r.create?.seq);
  const problems = material !== undefined ? materialFormatFindings(material) : [];
  if (problems.length > 0) return w.blockedBy('CC-MS-030', problems.map((p) => p.detail).join('; '), evidence);
  return skipScenario(w, `the kit refused the candidate's key on ${label(mc)} (${r.create.status}): the rotation could not be observed`);
}

/** A channel the candidate manages that the kit holds no key for, or one key free to rotate (no channel of its interconnect in rotation). */
export function candidateChannelFree(w: CtkWorld, exclude: readonly string[] = []): ManagedChannel | undefined {
  const free = channelsManagedBy(w, 'candidate').filter((c) => !exclude.includes(label(c)) && !inRotationAt(w, c.ix.id));
  return free.find((c) => kitSideState(w, c) === 'ready') ?? free.find((c) => kitSideState(w, c) === 'empty');
}

async function installFirstKey(w: CtkWorld, mc: ManagedChannel): Promise<boolean> {
  const since = w.ctx.log.lastSeq;
  const hook = await hookRotate(w, mc);
  if (!ok(hook)) return false;
  const r = await waitRotationDone(w, mc, since);
  if (!r.done) blockedRotation(w, mc, hook, r);
  return true;
}

/**
 * A channel the candidate manages whose key, installed by the candidate, the kit holds and which is free to
 * rotate; an empty channel is keyed through the rotation hook first. Stops the scenario when none can be.
 */
export async function keyedCandidateChannel(w: CtkWorld): Promise<ManagedChannel> {
  w.requireHook('macsec-rotations');
  const ready = channelsManagedBy(w, 'candidate').find((c) => kitSideState(w, c) === 'ready' && !inRotationAt(w, c.ix.id));
  if (ready !== undefined) return ready;
  for (const c of channelsManagedBy(w, 'candidate').filter((x) => kitSideState(w, x) === 'empty' && !inRotationAt(w, x.ix.id))) {
    if (await installFirstKey(w, c)) return c;
  }
  return skipScenario(w, `no channel the candidate manages could be keyed at the kit (${statesText(w)})`);
}

/** Two channels the candidate manages on one interconnect, both keyed at the kit and free to rotate. */
export async function keyedCandidatePair(w: CtkWorld): Promise<[ManagedChannel, ManagedChannel]> {
  w.requireHook('macsec-rotations');
  const byIx = new Map<string, ManagedChannel[]>();
  for (const c of channelsManagedBy(w, 'candidate')) {
    if (['ready', 'empty'].includes(kitSideState(w, c)) && !inRotationAt(w, c.ix.id)) byIx.set(c.ix.id, [...(byIx.get(c.ix.id) ?? []), c]);
  }
  const pair = [...byIx.values()].sort((a, b) => b.filter((c) => kitSideState(w, c) === 'ready').length - a.filter((c) => kitSideState(w, c) === 'ready').length).find((l) => l.length >= 2);
  if (pair === undefined) return skipScenario(w, `no interconnect has two channels the candidate manages that are free to rotate at the kit (${statesText(w)})`);
  const [a, b] = pair as [ManagedChannel, ManagedChannel];
  for (const c of [a, b]) {
    if (kitSideState(w, c) === 'empty' && !(await installFirstKey(w, c))) return skipScenario(w, `the candidate refused to key ${label(c)}`);
  }
  return [a, b];
}

/** A channel the candidate rotated at the kit less than 2 hours ago; one is rotated when none is. */
export async function restingCandidateChannel(w: CtkWorld): Promise<ManagedChannel> {
  w.requireHook('macsec-rotations');
  const now = Date.now();
  const resting = channelsManagedBy(w, 'candidate').find((c) => {
    const keys = kitSideKeys(w, c);
    return keys.length === 1 && keys[0]?.initial === false && clearlyBaking(keys, now);
  });
  if (resting !== undefined) return resting;
  const mc = await keyedCandidateChannel(w);
  const since = w.ctx.log.lastSeq;
  const hook = await hookRotate(w, mc);
  if (!ok(hook)) return skipScenario(w, `the candidate refused to rotate ${label(mc)} (${answered(hook)})`);
  const r = await waitRotationDone(w, mc, since);
  if (!r.done) blockedRotation(w, mc, hook, r);
  return mc;
}

/** The candidate's accepted or refused key calls on the channels of one interconnect since `since`, for replaying. */
export function keyCalls(w: CtkWorld, ix: string, since: number): KeyCall[] {
  return w.ctx.peer.calls(since).filter((c) => (c.operation === 'CreateMacSecKey' || c.operation === 'DeleteMacSecKey') && c.params['interconnect'] === ix)
    .map((c) => ({ seq: c.seq, channel: c.params['channel'] ?? '', op: c.operation === 'CreateMacSecKey' ? 'create' : 'delete', accepted: c.status >= 200 && c.status <= 299 }));
}
