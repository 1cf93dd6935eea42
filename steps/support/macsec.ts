/**
 * MACsec helpers for the steps: channels by manager, the kit's moves as manager at the candidate (fresh key
 * material, create, watch activation, finish a rotation), and bringing a channel the kit manages into the state
 * a scenario needs (ready, in rotation, baking). Key material stays in the request the kit sends: the exchange
 * log redacts it, and evidence names keys by fingerprint only.
 * @packageDocumentation
 */
import { randomBytes } from 'node:crypto';
import type { Exchange } from '../../src/client/index.js';
import { activationTrace, channelRotationState, clearlyBaking, declineOf, observedKeys, type ActivationTrace, type ChannelRotationState, type ObservedKey } from '../../src/checks/macsec.js';
import { ok } from '../../src/peer/negotiator.js';
import type { Evidence } from '../../src/report/schema.js';
import { answered, expectation } from '../../src/runner/evidence.js';
import { usableInterconnects, type ChannelInfo, type InterconnectInfo } from '../../src/runner/topology.js';
import { environment } from './setup.js';
import { ScenarioStop, type CtkWorld } from './world.js';

/** Id prefix of the first keys the kit installs (they start no bake time). */
export const FIRST_KEY_PREFIX = 'ctk-first-';
/** Id prefix of the rotation keys the kit sends. */
export const ROTATION_KEY_PREFIX = 'ctk-rot-';
/** Step options for steps that wait on the candidate (Cucumber's default is 5 s). */
export const LONG = { timeout: 10 * 60 * 1000 } as const;
/** How often key lists are read while a key goes live, ms. */
const POLL_MS = 50;

/** A channel with its interconnect. */
export interface ManagedChannel {
  /** The interconnect. */
  readonly ix: InterconnectInfo;
  /** The channel. */
  readonly ch: ChannelInfo;
}

/** One key the kit sent in a scenario. */
export interface SentKey {
  /** Where. */
  readonly at: ManagedChannel;
  /** Its id. */
  readonly keyId: string;
  /** The CreateMacSecKey exchange (redacted). */
  readonly exchange: Exchange;
  /** Epoch ms before sending. */
  readonly sentAt: number;
  /** Epoch ms after the answer. */
  readonly answeredAt: number;
  /** Why the kit sent it: what the candidate should do with it. */
  readonly expect: 'accept' | 'decline-busy' | 'decline-third' | 'decline-bake' | 'decline-manager' | 'either';
}

/** What a MACsec scenario accumulates between its steps. */
export interface MacsecScene {
  /** The channel the scenario singled out. */
  channel?: ManagedChannel;
  /** A second channel (same interconnect). */
  other?: ManagedChannel;
  /** Keys the kit sent. */
  readonly sent: SentKey[];
  /** Key lists read while a key went live, with their exchanges. */
  readonly reads: Array<{ keys: ObservedKey[]; exchange: Exchange }>;
  /** Delete calls the kit made, with the key they targeted and whether it was active. */
  readonly deletes: Array<{ keyId: string; wasActive: boolean; exchange: Exchange }>;
  /** Channels left holding keys the candidate should have declined: finished after the scenario. */
  readonly untidy: ManagedChannel[];
  /** Key counts per channel at the kit before the candidate's moves (manager scenarios). */
  before: Map<string, number>;
  /** Answers of the customer hooks called. */
  readonly hooks: Exchange[];
}

const scenes = new WeakMap<CtkWorld, MacsecScene>();

/** The scenario's MACsec state (one per World, dropped with it). */
export function scene(w: CtkWorld): MacsecScene {
  let s = scenes.get(w);
  if (s === undefined) {
    s = { sent: [], reads: [], deletes: [], untidy: [], before: new Map(), hooks: [] };
    scenes.set(w, s);
  }
  return s;
}

/** Who a channel names as its macsecManagerProvider. */
export function managerOf(w: CtkWorld, ch: ChannelInfo): 'kit' | 'candidate' | 'other' {
  const m = ch.resource['macsecManagerProvider'];
  if (m === `providers/${w.ctx.config.kit.providerId}`) return 'kit';
  return m === `providers/${w.ctx.config.candidate.providerId}` ? 'candidate' : 'other';
}

/** The channels of the usable interconnects that `who` manages. */
export function channelsManagedBy(w: CtkWorld, who: 'kit' | 'candidate'): ManagedChannel[] {
  return usableInterconnects(environment(w)).flatMap((ix) => ix.channels.filter((ch) => managerOf(w, ch) === who).map((ch) => ({ ix, ch })));
}

/** `ix/channel`, how steps name a channel in evidence. */
export function label(mc: ManagedChannel): string {
  return `${mc.ix.id}/${mc.ch.id}`;
}

/** Stops the scenario as skipped with a reason. */
export function skipScenario(w: CtkWorld, reason: string): never {
  w.stop = { reason, skip: true };
  throw new ScenarioStop(reason);
}

/** Fresh MKA material: a 64-digit CAK (AES-256) and a 32-digit CKN. */
export function freshMaterial(): { cak: string; ckn: string } {
  return { cak: randomBytes(32).toString('hex'), ckn: randomBytes(16).toString('hex') };
}

/** The candidate's keys on a channel, read with ListMacSecKeys (undefined keys when the answer is not a list). */
export async function readKeys(w: CtkWorld, mc: ManagedChannel): Promise<{ keys: ObservedKey[] | undefined; exchange: Exchange }> {
  const exchange = await w.ctx.api.listMacSecKeys(mc.ix.ref, mc.ch.id);
  return { keys: ok(exchange) ? observedKeys(exchange.responseBody) : undefined, exchange };
}

/** Sends a new key with fresh material (and any `extra` fields) and records it in the scene. */
export async function sendKey(w: CtkWorld, mc: ManagedChannel, kind: 'first' | 'rotation', expect: SentKey['expect'], extra: Record<string, unknown> = {}): Promise<SentKey> {
  const keyId = `${kind === 'first' ? FIRST_KEY_PREFIX : ROTATION_KEY_PREFIX}${randomBytes(4).toString('hex')}`;
  const sentAt = Date.now();
  const exchange = await w.ctx.api.createMacSecKey(mc.ix.ref, mc.ch.id, keyId, { ...freshMaterial(), ...extra });
  const sent: SentKey = { at: mc, keyId, exchange, sentAt, answeredAt: Date.now(), expect };
  scene(w).sent.push(sent);
  return sent;
}

/** Reads the channel's keys every 50 ms until `keyId` is the only active key or `timeoutMs` passes; records every read in the scene unless `record` is false. */
export async function watchActivation(w: CtkWorld, mc: ManagedChannel, keyId: string, timeoutMs: number, record = true): Promise<ActivationTrace> {
  const end = Date.now() + timeoutMs;
  const snapshots: ObservedKey[][] = [];
  for (;;) {
    const r = await readKeys(w, mc);
    snapshots.push(r.keys ?? []);
    if (record) scene(w).reads.push({ keys: r.keys ?? [], exchange: r.exchange });
    const t = activationTrace(snapshots, keyId);
    if ((t.newActive && t.othersInactive) || Date.now() >= end) return t;
    await new Promise((res) => setTimeout(res, POLL_MS));
  }
}

function startOf(k: ObservedKey): number {
  const t = typeof k.startTime === 'string' ? Date.parse(k.startTime) : Number.NaN;
  return Number.isNaN(t) ? 0 : t;
}

/** The newest key of a list: latest startTime, a rotation key of the kit before any other on a tie. */
export function newestKey(keys: readonly ObservedKey[]): ObservedKey | undefined {
  return [...keys].sort((a, b) => startOf(b) - startOf(a) || Number(b.id.startsWith(ROTATION_KEY_PREFIX)) - Number(a.id.startsWith(ROTATION_KEY_PREFIX)))[0];
}

/** Finishes a rotation the way a manager does: waits until the newest key is active, then deletes every inactive key. */
export async function finishRotation(w: CtkWorld, mc: ManagedChannel): Promise<{ done: boolean; exchanges: Exchange[] }> {
  const first = await readKeys(w, mc);
  const newest = newestKey(first.keys ?? []);
  if (newest === undefined) return { done: true, exchanges: [first.exchange] };
  const t = await watchActivation(w, mc, newest.id, w.ctx.settleMs);
  if (!t.newActive) return { done: false, exchanges: [first.exchange] };
  const exchanges: Exchange[] = [];
  const now = await readKeys(w, mc);
  for (const k of (now.keys ?? []).filter((x) => x.active !== true)) exchanges.push(await w.ctx.api.deleteMacSecKey(mc.ix.ref, mc.ch.id, k.id));
  return { done: exchanges.every(ok), exchanges };
}

/** The state of one channel the kit manages, as the candidate holds it. */
export interface KitChannelState {
  /** The channel. */
  readonly mc: ManagedChannel;
  /** Its keys (empty when unreadable). */
  readonly keys: ObservedKey[];
  /** Its rotation state, or `unreadable`. */
  readonly state: ChannelRotationState | 'unreadable';
}

/** The rotation state of every channel the kit manages, read from the candidate. */
export async function kitChannelStates(w: CtkWorld): Promise<KitChannelState[]> {
  const now = Date.now();
  const out: KitChannelState[] = [];
  for (const mc of channelsManagedBy(w, 'kit')) {
    const r = await readKeys(w, mc);
    out.push({ mc, keys: r.keys ?? [], state: r.keys === undefined ? 'unreadable' : channelRotationState(r.keys, now, (k) => k.id.startsWith(FIRST_KEY_PREFIX)) });
  }
  return out;
}

function describe(states: readonly KitChannelState[]): string {
  return states.map((s) => `${label(s.mc)} ${s.state}`).join(', ') || 'none';
}

/** True when no channel of `ix` is in rotation. */
function calmIx(states: readonly KitChannelState[], ix: string, also: ChannelRotationState | 'unreadable' = 'in-rotation'): boolean {
  return !states.some((s) => s.mc.ix.id === ix && (s.state === 'in-rotation' || s.state === also));
}

/**
 * A channel the kit manages that holds one key and may rotate now (no channel of its interconnect in rotation;
 * interconnects without a resting channel preferred). An empty channel gets a first key. Stops the scenario
 * when there is none (CC-MS-001 when the candidate refuses the first key).
 */
export async function readyKitChannel(w: CtkWorld, exclude: readonly string[] = []): Promise<ManagedChannel> {
  const states = (await kitChannelStates(w)).filter((s) => !exclude.includes(label(s.mc)));
  const usable = (st: string): KitChannelState[] => states.filter((s) => s.state === st && calmIx(states, s.mc.ix.id))
    .sort((a, b) => Number(calmIx(states, b.mc.ix.id, 'baking')) - Number(calmIx(states, a.mc.ix.id, 'baking')));
  const ready = usable('ready')[0];
  if (ready !== undefined) return ready.mc;
  const empty = usable('empty')[0];
  if (empty === undefined) return skipScenario(w, `no channel the kit manages can rotate now (${describe(states)}); channels rest 2 hours after a rotation`);
  await firstKey(w, empty.mc);
  return empty.mc;
}

/** Installs a first key on an empty channel the kit manages and waits (up to the settle time) for it to go live; stops the scenario (CC-MS-001) when refused. */
export async function firstKey(w: CtkWorld, mc: ManagedChannel, expect: SentKey['expect'] = 'accept'): Promise<SentKey> {
  const first = await sendKey(w, mc, 'first', expect);
  if (!ok(first.exchange)) w.blockedBy('CC-MS-001', `the candidate refused a first key on ${label(mc)}, a channel the kit manages`, [w.ev(first.exchange)], ['CC-MS-010']);
  await watchActivation(w, mc, first.keyId, w.ctx.settleMs, false);
  return first;
}

/**
 * Stops the scenario after the candidate refused a rotation on a channel free to rotate: skipped when another
 * channel of the interconnect rests in its bake time (the interconnect-wide reading of D30, CC-MS-009), else
 * a failure of CC-MS-001.
 */
export async function refusedRotation(w: CtkWorld, mc: ManagedChannel, sent: SentKey): Promise<never> {
  const resting = (await kitChannelStates(w)).filter((s) => s.mc.ix.id === mc.ix.id && s.state === 'baking' && label(s.mc) !== label(mc));
  if (resting.length > 0) {
    return skipScenario(w, `the candidate refused a rotation on ${label(mc)} while ${resting.map((s) => label(s.mc)).join(', ')} rests after a rotation (it holds the whole interconnect back during the bake time, D30); re-run after 2 hours`);
  }
  return w.blockedBy('CC-MS-001', `the candidate refused a new key on ${label(mc)}, a channel free to rotate`, [w.ev(sent.exchange), expectation('2xx', answered(sent.exchange))]);
}

/**
 * A channel the kit manages in rotation (two keys); one is rotated when none is. With `newActive`, waits
 * until the newest key is active. Stops the scenario with CC-MS-001 or CC-MS-012 when the candidate fails.
 */
export async function kitChannelInRotation(w: CtkWorld, newActive: boolean): Promise<{ mc: ManagedChannel; newKey: string }> {
  const found = (await kitChannelStates(w)).find((s) => s.state === 'in-rotation');
  let mc = found?.mc;
  let newKey = found !== undefined ? newestKey(found.keys)?.id ?? '' : '';
  if (mc === undefined) {
    mc = await readyKitChannel(w);
    const sent = await sendKey(w, mc, 'rotation', 'accept');
    if (!ok(sent.exchange)) await refusedRotation(w, mc, sent);
    newKey = sent.keyId;
  }
  if (newActive) {
    const t = await watchActivation(w, mc, newKey, w.ctx.settleMs);
    if (!t.newActive) w.blockedBy('CC-MS-012', `the new key ${newKey} on ${label(mc)} did not become active within ${w.ctx.settleMs} ms`, scene(w).reads.slice(-1).map((r) => w.ev(r.exchange)));
  }
  return { mc, newKey };
}

/** A channel the kit rotated less than 2 hours ago (well inside the bake time); one is rotated and finished when none is. */
export async function bakingKitChannel(w: CtkWorld): Promise<ManagedChannel> {
  const now = Date.now();
  const found = (await kitChannelStates(w)).find((s) => s.state === 'baking' && clearlyBaking(s.keys, now));
  if (found !== undefined) return found.mc;
  const { mc } = await kitChannelInRotation(w, true);
  const done = await finishRotation(w, mc);
  if (!done.done) w.blockedBy('CC-MS-015', `the candidate did not let the kit delete the old key on ${label(mc)}`, done.exchanges.map((e) => w.ev(e)), ['CC-MS-012', 'CC-MS-013']);
  return mc;
}

/** Finishes every channel left holding a key the candidate should have declined (after the scenario). */
export async function tidy(w: CtkWorld): Promise<void> {
  for (const mc of scene(w).untidy.splice(0)) await finishRotation(w, mc);
}

/** The channel the scenario singled out; a missing one is a bug in the feature file. */
export function single(w: CtkWorld): ManagedChannel {
  const mc = scene(w).channel;
  if (mc === undefined) throw new Error('internal: no channel was singled out earlier in this scenario');
  return mc;
}

/** The keys the kit sent in this scenario with one of the given expectations. */
export function sentWith(w: CtkWorld, ...expect: Array<SentKey['expect']>): SentKey[] {
  return scene(w).sent.filter((s) => expect.includes(s.expect));
}

/** Evidence for the first `limit` keys sent. */
export function keyEvidence(w: CtkWorld, sent: readonly SentKey[], limit = 4): Evidence[] {
  return sent.slice(0, limit).map((s) => w.ev(s.exchange));
}

/** Judges that every key in `sent` was declined (any 4xx, D49); codes outside 400/403/409/412 are reported. */
export function judgeDeclines(w: CtkWorld, id: string, sent: readonly SentKey[], what: string, rootCauses: readonly string[] = []): void {
  const accepted = sent.filter((x) => !declineOf(x.exchange.status).declined);
  const odd = sent.filter((x) => declineOf(x.exchange.status).declined && !declineOf(x.exchange.status).listed);
  w.judge(id, sent.length > 0 && accepted.length === 0, `the candidate accepted ${accepted.length} of ${sent.length} ${what}: ${accepted.map((x) => `${label(x.at)} ${answered(x.exchange)}`).join('; ')}`,
    [...keyEvidence(w, accepted.length > 0 ? accepted : sent), expectation(`a 4xx for every ${what}`, sent.map((x) => `${label(x.at)} ${x.exchange.status}`).join(', '))],
    { ...(odd.length > 0 ? { interpretation: `D49: declined with ${[...new Set(odd.map((x) => x.exchange.status))].join(', ')}, outside 400/403/409/412` } : {}), rootCauses });
}
