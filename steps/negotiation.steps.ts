/**
 * Steps for features/negotiation.feature: the kit negotiates with the candidate as responder.
 * @packageDocumentation
 */
import { Given, Then, When } from '@cucumber/cucumber';
import { ok, proposeFeature, requestGuidance } from '../src/peer/negotiator.js';
import { conformantProposal, violate, type Violation } from '../src/peer/proposals.js';
import { answered, expectation, peerCallEvidence } from '../src/runner/evidence.js';
import { readinessThreshold, responderNegotiated } from '../src/checks/index.js';
import { usableInterconnects } from '../src/runner/topology.js';
import {
  confirmedKey, environment, guidanceFor, negotiateFeatures, noRoom, offeredSizes, place, placedConnection, roomiest, until, usedBandwidth,
} from './support/setup.js';
import { peerMove } from './support/key-windows.js';
import type { CtkWorld } from './support/world.js';

const VIOLATION_BY_TEXT: Readonly<Record<string, Violation>> = {
  'a reserved VLAN': 'vlan-reserved',
  'a VLAN outside the guided ones': 'vlan-range',
  'a subnet outside the include one': 'subnet-outside-include',
  'a subnet inside an excluded one': 'subnet-in-exclude',
  'a prefix length not allowed': 'prefix-length',
  'an MTU outside the guided range': 'mtu-range',
};

function channelsOf(w: CtkWorld): ReturnType<typeof usableInterconnects>[number]['channels'] {
  return usableInterconnects(environment(w)).find((i) => i.id === w.conn.ref.ix)?.channels ?? [];
}

function bodyField(body: unknown, field: string): unknown {
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[field] : undefined;
}

Given('the kit holds a confirmed activation key from the candidate', async function (this: CtkWorld) {
  this.key = await confirmedKey(this);
});

When('the kit places the connection on the interconnect with the most room', async function (this: CtkWorld) {
  const { ix, room } = await roomiest(this);
  noRoom(this, room, this.key!.bandwidthMbps);
  this.target = ix;
  this.connection = await place(this, this.key!, ix);
  this.observed.push(this.connection.exchange);
});

Given('the kit placed the connection on the interconnect with the most room', async function (this: CtkWorld) {
  this.mark = this.ctx.log.lastSeq;
  await placedConnection(this, this.key);
});

Then('the candidate accepts the connection under that interconnect', function (this: CtkWorld) {
  const c = this.conn;
  const want = `environments/${c.ref.env}/interconnects/${c.ref.ix}/connections/${c.id}`;
  const name = bodyField(c.exchange.responseBody, 'name');
  const good = ok(c.exchange) && typeof name === 'string' && name.endsWith(want) && bodyField(c.exchange.responseBody, 'bandwidthMbps') === c.bandwidthMbps;
  this.judge('CC-NEG-001', good, `the connection was not accepted as placed (${answered(c.exchange)})`, [this.ev(c.exchange), expectation(`2xx with a name ending in ${want} and bandwidthMbps ${c.bandwidthMbps}`, answered(c.exchange))]);
});

Given('the kit filled an interconnect with connections up to its capacity', async function (this: CtkWorld) {
  const { ix } = await roomiest(this);
  this.target = ix;
  const sizes = offeredSizes(environment(this));
  for (let i = 0; i < 20; i++) {
    const room = ix.maxBandwidthMbps - (await usedBandwidth(this, ix.ref));
    const size = [...sizes].reverse().find((s) => s <= room);
    if (size === undefined) return;
    const filler = await place(this, await confirmedKey(this, size), ix);
    if (!ok(filler.exchange)) this.blockedBy('CC-NEG-001', `a ${size} Mbps connection was refused on an interconnect with ${room} Mbps room`, [this.ev(filler.exchange)]);
  }
  const left = ix.maxBandwidthMbps - (await usedBandwidth(this, ix.ref));
  if (left >= this.key!.bandwidthMbps) {
    this.stop = { reason: `the kit could not fill interconnect ${ix.id} with 20 connections (${left} Mbps still free)`, skip: true };
    throw new Error(this.stop.reason);
  }
});

When('the kit places the connection on that full interconnect', async function (this: CtkWorld) {
  this.connection = await place(this, this.key!, this.target!);
  this.observed.push(this.connection.exchange);
});

Then('the candidate refuses it for lack of room', function (this: CtkWorld) {
  const e = this.conn.exchange;
  this.judge('CC-NEG-002', e.status >= 400 && e.status <= 499, `a connection beyond the interconnect's capacity was not refused (${answered(e)})`,
    [this.ev(e), expectation('409 (or 400) refusal', answered(e))], { interpretation: `D33: capacity refusal answered HTTP ${e.status}` });
});

When('the kit places the same connection on the same interconnect again', async function (this: CtkWorld) {
  const again = await place(this, this.key!, usableInterconnects(environment(this)).find((i) => i.id === this.conn.ref.ix)!);
  this.observed.push(again.exchange);
});

Then('the candidate refuses it as a conflict', function (this: CtkWorld) {
  const e = this.observed.at(-1)!;
  this.judge('CC-NEG-003', e.status === 409, `a duplicate connection id was not refused with 409 (${answered(e)})`, [this.ev(e), expectation('HTTP 409', answered(e))]);
});

When('the kit asks the candidate for feature guidance', async function (this: CtkWorld) {
  this.observed.push((await requestGuidance(this.ctx.api, this.conn.ref, this.conn.id)).exchange);
});

Then('there is one guidance entry for every channel of the interconnect', function (this: CtkWorld) {
  const e = this.observed.at(-1)!;
  const list = bodyField(e.responseBody, 'featureGuidance');
  const named = Array.isArray(list) ? list.map((g) => String(bodyField(g, 'channel') ?? '').split('/').pop()) : [];
  const channels = channelsOf(this).map((c) => c.id);
  const missing = channels.filter((c) => !named.includes(c));
  const repeated = named.filter((c, i) => named.indexOf(c) !== i);
  this.judge('CC-NEG-004', ok(e) && missing.length === 0 && repeated.length === 0,
    `guidance missing for ${missing.join(', ') || 'none'}; repeated for ${repeated.join(', ') || 'none'}`,
    [this.ev(e), expectation(`one entry for each of ${channels.join(', ')}`, `entries for ${named.join(', ') || 'none'}`)]);
});

When('the kit proposes a feature that follows the guidance on every channel', async function (this: CtkWorld) {
  const guidance = await guidanceFor(this, this.conn);
  const used = { subnets: [] as string[], vlans: [] as number[] };
  for (const ch of channelsOf(this)) {
    const p = conformantProposal(guidance.get(ch.id)?.l3 ?? {}, used, this.ctx.peer.providerId, this.ctx.config.candidate.providerId);
    if (!p.ok) this.blockedBy('CC-NEG-004', `the guidance leaves no valid choice on ${ch.id}: ${p.reason}`, []);
    this.observed.push((await proposeFeature(this.ctx.api, this.ctx.peer.local, this.conn, ch.name, ch.id, p.config)).exchange);
    used.subnets.push(`${p.config.ipv4Subnet ?? ''}/${p.config.ipv4SubnetPrefixLength ?? 0}`);
  }
});

Then('the candidate accepts every proposal', function (this: CtkWorld) {
  const refused = this.observed.filter((e) => !ok(e));
  this.judge('CC-NEG-005', refused.length === 0, `${refused.length} proposal(s) that follow the guidance were refused`, (refused.length > 0 ? refused : this.observed).map((e) => this.ev(e)));
});

When('the kit proposes a feature with {}', async function (this: CtkWorld, text: string) {
  const kind = VIOLATION_BY_TEXT[text];
  if (kind === undefined) throw new Error(`internal: unknown violation "${text}"`);
  const ch = channelsOf(this)[0]!;
  const g = (await guidanceFor(this, this.conn)).get(ch.id)?.l3 ?? {};
  const base = conformantProposal(g, { subnets: [], vlans: [] }, this.ctx.peer.providerId, this.ctx.config.candidate.providerId);
  if (!base.ok) this.blockedBy('CC-NEG-004', `the guidance leaves no valid choice: ${base.reason}`, []);
  const bad = violate(base.config, g, kind);
  if (!bad.ok) return this.notApplicableAll(`the candidate's guidance leaves this rule nothing to break: ${bad.reason}`);
  this.observed.push((await proposeFeature(this.ctx.api, this.ctx.peer.local, this.conn, ch.name, ch.id, bad.config)).exchange);
});

Given('the candidate accepted a feature on the first channel', async function (this: CtkWorld) {
  await negotiateFeatures(this, this.conn, 1);
});

When('the kit proposes a feature on the second channel with the subnet of the first', async function (this: CtkWorld) {
  const first = this.features[0]!;
  const ch = channelsOf(this)[1];
  if (ch === undefined) return this.notApplicableAll('the interconnect has a single channel');
  const g = (await guidanceFor(this, this.conn)).get(ch.id)?.l3 ?? {};
  const p = conformantProposal(g, { subnets: [], vlans: [first.config.vlanId ?? 0] }, this.ctx.peer.providerId, this.ctx.config.candidate.providerId);
  if (!p.ok) this.blockedBy('CC-NEG-004', `the guidance leaves no valid choice: ${p.reason}`, []);
  const { ipv4Subnet, ipv4SubnetPrefixLength, providerBgpConfigs } = first.config;
  const config = { ...p.config, ...(ipv4Subnet !== undefined ? { ipv4Subnet } : {}), ...(ipv4SubnetPrefixLength !== undefined ? { ipv4SubnetPrefixLength } : {}), ...(providerBgpConfigs !== undefined ? { providerBgpConfigs } : {}) };
  this.observed.push((await proposeFeature(this.ctx.api, this.ctx.peer.local, this.conn, ch.name, ch.id, config)).exchange);
});

When('the kit proposes another feature on the first channel', async function (this: CtkWorld) {
  const first = this.features[0]!;
  const ch = channelsOf(this)[0]!;
  const g = (await guidanceFor(this, this.conn)).get(ch.id)?.l3 ?? {};
  const used = { subnets: [`${first.config.ipv4Subnet ?? ''}/${first.config.ipv4SubnetPrefixLength ?? 0}`], vlans: [first.config.vlanId ?? 0] };
  const p = conformantProposal(g, used, this.ctx.peer.providerId, this.ctx.config.candidate.providerId);
  if (!p.ok) this.blockedBy('CC-NEG-004', `the guidance leaves no valid choice: ${p.reason}`, []);
  this.observed.push((await proposeFeature(this.ctx.api, this.ctx.peer.local, this.conn, ch.name, ch.id, p.config, `ctk-${ch.id}-second`)).exchange);
});

Then('the candidate refuses the proposal, as {requirement} requires', function (this: CtkWorld, id: string) {
  const e = this.observed.at(-1)!;
  this.judge(id, e.status >= 400 && e.status <= 499, `the proposal was not refused (${answered(e)})`, [this.ev(e), expectation('a 4xx refusal (400 or 409)', answered(e))],
    { interpretation: `D32: refused with HTTP ${e.status}` });
});

Given('the kit negotiated a connection with a feature on every channel', async function (this: CtkWorld) {
  this.mark = this.ctx.log.lastSeq;
  await negotiateFeatures(this, await placedConnection(this));
});

Given('the kit negotiated a connection with a feature on all but one channel', async function (this: CtkWorld) {
  this.mark = this.ctx.log.lastSeq;
  const conn = await placedConnection(this);
  const n = channelsOf(this).length;
  // ERRATA D40/D41: ready at 3 of 4 channels, and at ceil(0.75 x N) for other channel counts.
  const needed = readinessThreshold(n);
  if (needed >= n) return this.notApplicableAll(`with ${n} channels every channel needs a feature before the connection is ready`);
  await negotiateFeatures(this, conn, needed);
});

When('the kit waits for the candidate to provision', async function (this: CtkWorld) {
  if (this.features.length === 0) return;
  await until(this.ctx.settleMs, async () => {
    const reads = await Promise.all(this.features.map((f) => this.ctx.api.getFeature(this.conn.ref, this.conn.id, f.id)));
    this.observed = reads;
    return reads.every((e) => bodyField(e.responseBody, 'provisioningState') === 'PROVISIONING_STATE_FINAL') ? reads : undefined;
  });
});

Then('every feature reaches the final provisioning state', function (this: CtkWorld) {
  const notFinal = this.observed.filter((e) => bodyField(e.responseBody, 'provisioningState') !== 'PROVISIONING_STATE_FINAL');
  this.judge('CC-NEG-012', notFinal.length === 0, `${notFinal.length} feature(s) not FINAL after ${this.ctx.settleMs} ms`, (notFinal.length > 0 ? notFinal : this.observed).slice(0, 4).map((e) => this.ev(e)), { hard: true });
});

async function notified(w: CtkWorld, id: string, rootCauses: readonly string[]): Promise<void> {
  const call = await w.ctx.peer.waitForCall((c) => c.operation === 'NotifyConnectionStatus' && c.params['connection'] === w.conn.id, w.ctx.settleMs, w.mark);
  w.judge(id, call !== undefined, `no NotifyConnectionStatus for the connection within ${w.ctx.settleMs} ms after its features were final`,
    call !== undefined ? [peerCallEvidence(call, w.ctx.peer.baseUrl)] : [expectation('NotifyConnectionStatus from the candidate', 'none received')], { hard: true, rootCauses });
}

Then('the candidate notifies the kit that the connection changed', async function (this: CtkWorld) { await notified(this, 'CC-NEG-013', []); });

Then('the candidate notifies the kit that the connection is ready, as {requirement} requires', async function (this: CtkWorld, id: string) {
  await notified(this, id, ['CC-NEG-013']);
});

Then('the connection is not verified before the kit has notified', async function (this: CtkWorld) {
  const e = await this.ctx.api.getConnection(this.conn.ref, this.conn.id);
  const state = bodyField(e.responseBody, 'verificationState');
  this.judge('CC-NEG-014', ok(e) && state !== 'VERIFICATION_STATE_VERIFIED', `the connection was ${String(state)} before the kit had notified`, [this.ev(e), expectation('not VERIFIED until both sides have notified', String(state))]);
});

When('the kit notifies the candidate that its side is ready', async function (this: CtkWorld) {
  this.mark = this.ctx.log.lastSeq;
  const e = await this.ctx.api.notifyConnectionStatus(this.conn.ref, this.conn.id);
  if (!ok(e)) this.blockedBy('CC-NEG-016', `the candidate did not accept the kit's NotifyConnectionStatus (${answered(e)})`, [this.ev(e)]);
});

Then('the candidate reads the connection back from the kit', async function (this: CtkWorld) {
  const call = await this.ctx.peer.waitForCall((c) => c.operation === 'GetConnection' && c.params['connection'] === this.conn.id, this.ctx.settleMs, this.mark);
  this.judge('CC-NEG-016', call !== undefined, `the candidate did not re-read the connection from the kit within ${this.ctx.settleMs} ms of being notified`,
    call !== undefined ? [peerCallEvidence(call, this.ctx.peer.baseUrl)] : [expectation('GetConnection on the kit after NotifyConnectionStatus', 'none received')]);
});

async function becomesVerified(w: CtkWorld, id: string): Promise<void> {
  let last = await w.ctx.api.getConnection(w.conn.ref, w.conn.id);
  const verified = await until(w.ctx.settleMs, async () => {
    last = await w.ctx.api.getConnection(w.conn.ref, w.conn.id);
    return bodyField(last.responseBody, 'verificationState') === 'VERIFICATION_STATE_VERIFIED' ? last : undefined;
  });
  w.judge(id, verified !== undefined, `the connection did not become VERIFIED within ${w.ctx.settleMs} ms after both notifications`, [w.ev(last), expectation('VERIFICATION_STATE_VERIFIED', String(bodyField(last.responseBody, 'verificationState')))]);
}

Then('the connection becomes verified', async function (this: CtkWorld) { await becomesVerified(this, 'CC-NEG-014'); });

Then('the connection becomes verified, as {requirement} requires', async function (this: CtkWorld, id: string) {
  await becomesVerified(this, id);
});

Then('the candidate never negotiated the connection itself', function (this: CtkWorld) {
  const calls = this.ctx.peer.calls();
  const moves = responderNegotiated(calls.map(peerMove), this.conn.id);
  const shown = calls.filter((c) => moves.some((m) => m.seq === c.seq)).slice(0, 3).map((c) => peerCallEvidence(c, this.ctx.peer.baseUrl));
  this.judge('CC-NEG-040', moves.length === 0, `the candidate, which issued the key, sent ${moves.map((m) => m.operation).join(', ')} for the connection as if it negotiated`,
    [...shown, expectation('no CreateConnection, GenerateFeatureGuidance or CreateFeature from the candidate for a connection the kit negotiates (D24)', moves.length === 0 ? 'none' : moves.map((m) => m.operation).join(', '))]);
});
