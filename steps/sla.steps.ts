/**
 * Steps for features/sla.feature: the bounded read load (availability, latency), the provisioning timings
 * of a connection a customer orders at the candidate, and data-plane evidence from the partner's monitoring.
 * The measuring and judging live in src/sla; these steps observe and hand over.
 * @packageDocumentation
 */
import { Given, Then, When } from '@cucumber/cucumber';
import { resolve } from 'node:path';
import type { Exchange } from '../src/client/index.js';
import { isCtkError } from '../src/errors/index.js';
import { confirmKey, ok, orderKey, placeConnection, proposeFeature, requestGuidance } from '../src/peer/negotiator.js';
import { conformantProposal } from '../src/peer/proposals.js';
import { peerCallEvidence } from '../src/runner/evidence.js';
import {
  availabilityVerdict, evaluateDataPlaneFile, featuresVerdict, httpClientSender, latencyVerdict, notificationVerdict, pollUntil,
  provisioningVerdict, readTargets, runLoad, type DataPlaneEvaluation, type FeatureTiming, type LoadConnection, type LoadResult,
  type LoadSettings, type LoadTarget, type Milestones, type SlaVerdict,
} from '../src/sla/index.js';
import { confirmedKey, environment, negotiateFeatures, offeredSizes, placedConnection, roomiest } from './support/setup.js';
import { ScenarioStop, type CtkWorld } from './support/world.js';

/** What one SLA scenario accumulates between its steps. */
interface SlaState {
  targets: LoadTarget[];
  load?: LoadResult;
  milestones?: { -readonly [K in keyof Milestones]: Milestones[K] };
  features: FeatureTiming[];
  dataPlane?: DataPlaneEvaluation;
}

/** Per-scenario state, keyed by the scenario's World (each scenario has its own). */
const states = new WeakMap<CtkWorld, SlaState>();

function state(w: CtkWorld): SlaState {
  let s = states.get(w);
  if (s === undefined) { s = { targets: [], features: [] }; states.set(w, s); }
  return s;
}

function milestones(w: CtkWorld): NonNullable<SlaState['milestones']> {
  const m = state(w).milestones;
  if (m === undefined) throw new Error('internal: the customer order was not recorded earlier in this scenario');
  return m;
}

const endOf = (e: Exchange): number => Date.parse(e.startedAt) + e.durationMs;
const field = (body: unknown, name: string): unknown => (typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined);

function judgeVerdict(w: CtkWorld, id: string, v: SlaVerdict, extra: Parameters<CtkWorld['judge']>[3] = [], hard = false): void {
  w.judge(id, v.ok, v.summary, [...v.evidence, ...extra], { hard });
}

/**
 * Places a connection with one feature for the load to read, without judging anything: a candidate that
 * refuses here is judged by the negotiation scenarios, and the load then reads what exists.
 */
async function connectionToRead(w: CtkWorld): Promise<LoadConnection | undefined> {
  const { hooks, api, peer, config } = w.ctx;
  if (hooks === null || !w.ctx.hooksPresent.has('activation-keys')) return undefined;
  const env = environment(w);
  const size = offeredSizes(env)[0] ?? 1000;
  const key = (await orderKey(hooks, env.id, size, config.kit.accountId)).key;
  if (key === undefined || !key.decoded.ok) return undefined;
  if ((await confirmKey(api, env.id, { encodedKey: key.encodedKey })).keyValid !== true) return undefined;
  const { ix } = await roomiest(w);
  const conn = await placeConnection(api, peer.local, ix.ref, key.decoded.key.sharedConnectionUuid, size, key.encodedKey);
  if (!ok(conn.exchange)) return undefined;
  w.cleanup.push({ ref: conn.ref, id: conn.id });
  const ch = ix.channels[0];
  const g = (await requestGuidance(api, conn.ref, conn.id)).guidance.find((x) => x.channel.split('/').pop() === ch?.id);
  const p = conformantProposal(g?.l3 ?? {}, { subnets: [], vlans: [] }, peer.providerId, config.candidate.providerId);
  if (ch !== undefined && p.ok) await proposeFeature(api, peer.local, conn, ch.name, ch.id, p.config);
  return { ref: conn.ref, id: conn.id };
}

function loadSettings(w: CtkWorld): LoadSettings {
  return { concurrency: w.ctx.config.sla.concurrency, maxRequestsPerSecond: w.ctx.config.sla.maxRequestsPerSecond, authScheme: w.ctx.authScheme };
}

Given('the kit spreads its load over the candidate\'s read operations', async function (this: CtkWorld) {
  state(this).targets = readTargets(this.ctx.api, this.ctx.topology, await connectionToRead(this));
});

When('the kit sends the configured number of read requests at the configured concurrency', async function (this: CtkWorld) {
  const sla = this.ctx.config.sla;
  const s = state(this);
  if (sla.loadRequests === 0) {
    for (const id of this.tagged) this.notApplicable(id, 'sla.loadRequests is 0: the load phase was switched off');
    return;
  }
  const ops = new Set(s.targets.map((t) => t.operation)).size;
  this.ctx.progress(`  sla: ${sla.loadRequests} read requests over ${ops} operations at concurrency ${sla.concurrency}${sla.maxRequestsPerSecond !== null ? `, at most ${sla.maxRequestsPerSecond}/s` : ''}`);
  s.load = await runLoad({
    targets: s.targets, requests: sla.loadRequests, concurrency: sla.concurrency, maxRequestsPerSecond: sla.maxRequestsPerSecond,
    send: httpClientSender(this.ctx.api.http), shouldStop: () => this.ctx.aborted(),
  });
});

Then('the share of requests answered without a transport or server error meets the availability threshold', function (this: CtkWorld) {
  const load = state(this).load;
  if (load === undefined) return;
  judgeVerdict(this, 'CC-SLA-001', availabilityVerdict(load, this.ctx.config.sla.availability, loadSettings(this)));
});

Then('the 99th percentile latency of those requests stays within the latency threshold', function (this: CtkWorld) {
  const load = state(this).load;
  if (load === undefined) return;
  judgeVerdict(this, 'CC-SLA-002', latencyVerdict(load, this.ctx.config.sla.p99LatencyMs, loadSettings(this)));
});

/** Stops the scenario when an earlier scenario showed the flow cannot complete, instead of waiting out the SLA windows. */
function stopIfFlowKnownBroken(w: CtkWorld): void {
  const broken = ['CC-NEG-012', 'CC-NEG-013', 'CC-NEG-014'].find((id) => w.ctx.judgements.for(id).some((j) => j.outcome === 'fail'));
  if (broken === undefined) return;
  w.stop = { reason: `an earlier scenario found ${broken} failed, so provisioning cannot complete as the SLA measures it`, blockedBy: broken };
  throw new ScenarioStop(w.stop.reason);
}

Given('a customer ordered a connection at the candidate and the kit confirmed its key', async function (this: CtkWorld) {
  stopIfFlowKnownBroken(this);
  const s = state(this);
  s.milestones = { ordered: Date.now() };
  this.key = await confirmedKey(this);
  s.milestones.keyIssued = endOf(this.key.exchange);
  s.milestones.keyConfirmed = Date.now();
});

When('the kit places the connection and proposes a feature on every channel', async function (this: CtkWorld) {
  const m = milestones(this);
  this.mark = this.ctx.log.lastSeq;
  const conn = await placedConnection(this, this.key);
  m.connectionPlaced = endOf(conn.exchange);
  await negotiateFeatures(this, conn);
  state(this).features = this.features.map((f) => ({ id: f.id, createdAt: endOf(f.exchange) }));
  m.featuresProposed = Math.max(...state(this).features.map((f) => f.createdAt));
});

Then('the candidate\'s features reach the final provisioning state within the provisioning threshold', async function (this: CtkWorld) {
  const s = state(this);
  const limitS = this.ctx.config.sla.provisioningSeconds;
  const finalAt = new Map<string, number>();
  let last: Exchange[] = [];
  const deadline = Math.max(...s.features.map((f) => f.createdAt)) + limitS * 1000;
  const poll = await pollUntil(async () => {
    const pending = s.features.filter((f) => !finalAt.has(f.id));
    last = await Promise.all(pending.map((f) => this.ctx.api.call('GetFeature', 'GET', this.ctx.api.featurePath(this.conn.ref, this.conn.id, f.id), { unrecorded: true })));
    last.forEach((e, i) => { if (field(e.responseBody, 'provisioningState') === 'PROVISIONING_STATE_FINAL') finalAt.set(pending[i]!.id, Date.now()); });
    return finalAt.size === s.features.length ? true : undefined;
  }, deadline, { shouldStop: () => this.ctx.aborted() });
  s.features = s.features.map((f) => ({ ...f, ...(finalAt.has(f.id) ? { finalAt: finalAt.get(f.id)! } : {}) }));
  if (poll.value === true) milestones(this).featuresFinal = poll.at;
  const waitedS = Math.round((poll.at - Math.min(...s.features.map((f) => f.createdAt))) / 100) / 10;
  judgeVerdict(this, 'CC-SLA-005', featuresVerdict(s.features, limitS, poll.intervalMs, waitedS), last.slice(0, 2).map((e) => this.ev(e)), true);
});

Then('the candidate notifies the kit within the notification threshold of its features turning final', async function (this: CtkWorld) {
  const m = milestones(this);
  const limitS = this.ctx.config.sla.notificationSeconds;
  const wait = Math.max(0, (m.featuresFinal ?? Date.now()) + limitS * 1000 - Date.now());
  const call = await this.ctx.peer.waitForCall((c) => c.operation === 'NotifyConnectionStatus' && c.params['connection'] === this.conn.id, wait, this.mark);
  if (call !== undefined) m.candidateNotified = call.at;
  const extra = call !== undefined ? [peerCallEvidence(call, this.ctx.peer.baseUrl)] : [];
  judgeVerdict(this, 'CC-SLA-006', notificationVerdict(m, limitS), extra, call === undefined);
});

When('the kit tells the candidate that its own side is ready', async function (this: CtkWorld) {
  const e = await this.ctx.api.notifyConnectionStatus(this.conn.ref, this.conn.id);
  if (!ok(e)) this.blockedBy('CC-NEG-016', `the candidate did not accept the kit's NotifyConnectionStatus (HTTP ${e.status})`, [this.ev(e)]);
  milestones(this).kitNotified = endOf(e);
});

Then('the connection is verified within the provisioning threshold of the customer\'s order', async function (this: CtkWorld) {
  const m = milestones(this);
  const limitS = this.ctx.config.sla.provisioningSeconds;
  let last: Exchange | undefined;
  const poll = await pollUntil(async () => {
    last = await this.ctx.api.call('GetConnection', 'GET', this.ctx.api.connectionPath(this.conn.ref, this.conn.id), { unrecorded: true });
    return field(last.responseBody, 'verificationState') === 'VERIFICATION_STATE_VERIFIED' ? true : undefined;
  }, m.ordered + limitS * 1000, { shouldStop: () => this.ctx.aborted() });
  if (poll.value === true) m.verified = poll.at;
  const waitedS = Math.round((poll.at - m.ordered) / 100) / 10;
  judgeVerdict(this, 'CC-SLA-004', provisioningVerdict(m, limitS, waitedS), last !== undefined ? [this.ev(last)] : []);
});

Given('the data-plane monitoring samples the partner exported', function (this: CtkWorld) {
  const sla = this.ctx.config.sla;
  if (sla.evidence === null) {
    for (const id of this.tagged) this.notApplicable(id, 'no data-plane evidence supplied (sla.evidence)');
    return;
  }
  try {
    state(this).dataPlane = evaluateDataPlaneFile(resolve(sla.evidence), { lossThresholdPercent: sla.lossThresholdPercent, availability: sla.dataPlaneAvailability, rttP99Ms: sla.rttP99Ms });
  } catch (err) {
    if (!isCtkError(err)) throw err;
    this.stop = { reason: `sla.evidence cannot be used: ${err.message}`, skip: true };
    throw new ScenarioStop(this.stop.reason);
  }
});

function judgeDataPlane(w: CtkWorld, id: string): void {
  const d = state(w).dataPlane?.decisions.find((x) => x.id === id);
  if (d === undefined) return;
  if (d.outcome === 'na') w.notApplicable(id, d.summary, d.evidence);
  else w.judge(id, d.outcome === 'pass', d.summary, d.evidence);
}

Then('each calendar month of the samples meets the data-plane availability threshold', function (this: CtkWorld) { judgeDataPlane(this, 'CC-SLA-007'); });

Then('the 99th percentile round-trip time stays within its threshold', function (this: CtkWorld) { judgeDataPlane(this, 'CC-SLA-008'); });

Then('the samples cover their whole window, with every gap reported', function (this: CtkWorld) { judgeDataPlane(this, 'CC-SLA-009'); });
