/**
 * Scenario setups shared by several features: ordering and confirming keys, placing connections and
 * negotiating features. Each stops the scenario with the requirement that blocked it when the candidate fails.
 * @packageDocumentation
 */
import type { IxRef } from '../../src/client/index.js';
import { confirmKey, ok, orderKey, placeConnection, proposeFeature, requestGuidance, type ChannelGuidance, type IssuedKey, type NegotiatedConnection } from '../../src/peer/negotiator.js';
import { conformantProposal } from '../../src/peer/proposals.js';
import { answered, expectation } from '../../src/runner/evidence.js';
import { primaryEnvironment, usableInterconnects, type EnvironmentInfo, type InterconnectInfo } from '../../src/runner/topology.js';
import { ScenarioStop, type CtkWorld } from './world.js';

/** The environment scenarios run in; a candidate without one never gets past the preflight. */
export function environment(w: CtkWorld): EnvironmentInfo {
  const env = primaryEnvironment(w.ctx.topology);
  if (env === undefined) throw new Error('internal: no usable environment although the preflight passed');
  return env;
}

/** The usable interconnect `ref` names, in whichever environment it is. */
export function interconnectOf(w: CtkWorld, ref: IxRef): InterconnectInfo | undefined {
  const env = w.ctx.topology.environments.find((e) => e.id === ref.env);
  return env === undefined ? undefined : usableInterconnects(env).find((i) => i.id === ref.ix);
}

/** Sizes both the environment and at least one usable interconnect offer, ascending. */
export function offeredSizes(env: EnvironmentInfo): number[] {
  const ixSizes = new Set(usableInterconnects(env).flatMap((ix) => ix.sizes));
  const sizes = env.sizes.length > 0 ? env.sizes : [...ixSizes];
  return sizes.filter((s) => ixSizes.size === 0 || ixSizes.has(s)).sort((a, b) => a - b);
}

/** Sizes tried, in order, for a bandwidth the environment does not offer (Mbps). */
const UNOFFERED_PROBES = [75, 150, 300, 750, 1500, 3000, 7500, 15000];

/** A bandwidth neither the environment nor any of its interconnects offers, or undefined when every probe is offered. */
export function unofferedSize(env: EnvironmentInfo): number | undefined {
  const offered = new Set([...env.sizes, ...env.interconnects.flatMap((i) => i.sizes)]);
  return UNOFFERED_PROBES.find((s) => !offered.has(s));
}

/**
 * Orders a key of `size` (default: the smallest offered) for the kit's account in `env` (default: the environment
 * scenarios run in); stops the scenario if none is issued.
 */
export async function orderedKey(w: CtkWorld, size?: number, env: EnvironmentInfo = environment(w)): Promise<IssuedKey> {
  w.requireHook('activation-keys');
  const bandwidth = size ?? offeredSizes(env)[0] ?? 1000;
  const r = await orderKey(w.ctx.hooks!, env.id, bandwidth, w.ctx.config.kit.accountId);
  if (r.key === undefined) {
    w.stop = { reason: `the candidate did not issue a key for a valid order (${answered(r.exchange)})`, skip: true };
    throw new Error(w.stop.reason);
  }
  return r.key;
}

/** The shared UUID inside a key; stops the scenario (CC-AK-011) when the key cannot be read. */
export function sharedUuid(w: CtkWorld, key: IssuedKey): string {
  if (!key.decoded.ok) w.blockedBy('CC-AK-011', `the activation key cannot be decoded (${key.decoded.problem})`, [w.ev(key.exchange)]);
  return key.decoded.key.sharedConnectionUuid;
}

/** Orders and confirms a key (in `env`, default the scenarios' one); stops the scenario (CC-AK-002) when the candidate does not confirm it. */
export async function confirmedKey(w: CtkWorld, size?: number, env?: EnvironmentInfo): Promise<IssuedKey> {
  const key = await orderedKey(w, size, env);
  sharedUuid(w, key);
  const r = await confirmKey(w.ctx.api, key.env, { encodedKey: key.encodedKey });
  if (r.keyValid !== true) w.blockedBy('CC-AK-002', 'the candidate did not confirm the genuine key it issued', [w.ev(r.exchange), expectation('HTTP 200 {"keyValid":true}', answered(r.exchange))], ['CC-AK-009']);
  return key;
}

/**
 * A customer enters a genuine key the kit issued at the candidate (the accepted-keys hook); the scenario is skipped
 * when the hook refuses it. The candidate's side of the connection, wherever it lands in `envId`, is removed after
 * the scenario whatever happened.
 */
export async function enterGenuineKey(w: CtkWorld, encodedKey: string, uuid: string, envId: string): Promise<void> {
  const e = await w.ctx.hooks!.acceptKey(encodedKey, w.ctx.config.candidate.accountId);
  w.observed.push(e);
  if (!ok(e)) {
    w.stop = { reason: `the candidate's accepted-keys hook refused a genuine key (${answered(e)})`, skip: true };
    throw new Error(w.stop.reason);
  }
  const env = w.ctx.topology.environments.find((x) => x.id === envId);
  for (const ix of env === undefined ? [] : usableInterconnects(env)) w.cleanup.push({ ref: ix.ref, id: uuid });
}

/** Bandwidth in use on an interconnect, from the candidate's own list of connections. */
export async function usedBandwidth(w: CtkWorld, ref: IxRef): Promise<number> {
  const e = await w.ctx.api.listConnections(ref, { pageSize: 1000 });
  const list = typeof e.responseBody === 'object' && e.responseBody !== null ? (e.responseBody as Record<string, unknown>)['connections'] : undefined;
  return Array.isArray(list) ? list.reduce((sum: number, c: unknown) => sum + (typeof c === 'object' && c !== null && typeof (c as Record<string, unknown>)['bandwidthMbps'] === 'number' ? (c as Record<string, number>)['bandwidthMbps'] ?? 0 : 0), 0) : 0;
}

/** The usable interconnect with the most room left (capacity minus listed connections; see ERRATA D34). */
export async function roomiest(w: CtkWorld): Promise<{ ix: InterconnectInfo; room: number }> {
  let best: { ix: InterconnectInfo; room: number } | undefined;
  for (const ix of usableInterconnects(environment(w))) {
    const room = ix.maxBandwidthMbps - (await usedBandwidth(w, ix.ref));
    if (best === undefined || room > best.room) best = { ix, room };
  }
  if (best === undefined) throw new Error('internal: no usable interconnect although the preflight passed');
  return best;
}

/** Stops the scenario when no interconnect has room left: blocked by a failed delete, or skipped as exhausted. */
export function noRoom(w: CtkWorld, room: number, need: number): void {
  if (room >= need) return;
  const reason = `no interconnect has ${need} Mbps left (the candidate lists connections filling them)`;
  const cause = w.failedEarlier(['CC-LC-006', 'CC-LC-004']);
  w.stop = cause !== undefined ? { reason, blockedBy: cause } : { reason, skip: true };
  throw new ScenarioStop(reason);
}

/** Places the key's connection on `ix` and registers it for cleanup; returns the attempt whatever its answer. */
export async function place(w: CtkWorld, key: IssuedKey, ix: InterconnectInfo, extra: Record<string, unknown> = {}): Promise<NegotiatedConnection> {
  const conn = await placeConnection(w.ctx.api, w.ctx.peer.local, ix.ref, sharedUuid(w, key), key.bandwidthMbps, key.encodedKey, extra);
  if (ok(conn.exchange)) w.cleanup.push({ ref: ix.ref, id: conn.id });
  return conn;
}

/** Confirms a key and places its connection on the roomiest interconnect; stops the scenario (CC-NEG-001) on refusal. */
export async function placedConnection(w: CtkWorld, key?: IssuedKey): Promise<NegotiatedConnection> {
  const k = key ?? (await confirmedKey(w));
  const { ix, room } = await roomiest(w);
  noRoom(w, room, k.bandwidthMbps);
  const conn = await place(w, k, ix);
  if (!ok(conn.exchange)) w.blockedBy('CC-NEG-001', 'the candidate refused a connection on an interconnect with room', [w.ev(conn.exchange)]);
  w.connection = conn;
  return conn;
}

/** Guidance for the connection; stops the scenario (CC-NEG-004) when a channel has none. */
export async function guidanceFor(w: CtkWorld, conn: NegotiatedConnection): Promise<Map<string, ChannelGuidance>> {
  const r = await requestGuidance(w.ctx.api, conn.ref, conn.id);
  const ix = interconnectOf(w, conn.ref);
  const byChannel = new Map(r.guidance.map((g) => [g.channel.split('/').pop() ?? '', g]));
  const missing = (ix?.channels ?? []).filter((c) => !byChannel.has(c.id)).map((c) => c.id);
  if (!ok(r.exchange) || missing.length > 0) {
    w.blockedBy('CC-NEG-004', `no guidance for channel(s) ${missing.join(', ') || '(request failed)'}`, [w.ev(r.exchange)]);
  }
  return byChannel;
}

/**
 * Proposes a conformant feature on each of the first `count` channels; stops the scenario (CC-NEG-005) on a refusal.
 * `used` collects the subnets proposed, so that several connections on one interconnect do not overlap.
 */
export async function negotiateFeatures(w: CtkWorld, conn: NegotiatedConnection, count?: number, used: { subnets: string[]; vlans: number[] } = { subnets: [], vlans: [] }): Promise<void> {
  const guidance = await guidanceFor(w, conn);
  const ix = interconnectOf(w, conn.ref);
  const channels = (ix?.channels ?? []).slice(0, count ?? Infinity);
  for (const ch of channels) {
    const g = guidance.get(ch.id);
    const p = conformantProposal(g?.l3 ?? {}, used, w.ctx.peer.providerId, w.ctx.config.candidate.providerId);
    if (!p.ok) w.blockedBy('CC-NEG-004', `the guidance leaves no valid choice: ${p.reason}`, []);
    const f = await proposeFeature(w.ctx.api, w.ctx.peer.local, conn, ch.name, ch.id, p.config);
    if (!ok(f.exchange)) w.blockedBy('CC-NEG-005', `a proposal that follows the guidance was refused on ${ch.id}`, [w.ev(f.exchange)]);
    w.features.push(f);
    used.subnets.push(`${p.config.ipv4Subnet ?? ''}/${p.config.ipv4SubnetPrefixLength ?? 0}`);
    if (p.config.vlanId !== undefined) used.vlans.push(p.config.vlanId);
  }
}

/** Polls `probe` every 100 ms until it returns a value or `timeoutMs` passes. */
export async function until<T>(timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T | undefined> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined || Date.now() >= end) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}
