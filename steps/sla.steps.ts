/**
 * Steps for features/sla.feature: the bounded read load (availability, latency), the provisioning timings
 * of a connection a customer orders at the candidate or starts there with the kit's key, and data-plane
 * evidence from the partner's monitoring.
 * The measuring and judging live in src/sla; these steps observe and hand over.
 * @packageDocumentation
 */
import { Given, Then, When } from '@cucumber/cucumber';
import { resolve } from 'node:path';
import { noAuth, type Exchange, type Signer } from '../src/client/index.js';
import { isCtkError } from '../src/errors/index.js';
import type { PeerCall } from '../src/peer/index.js';
import { confirmKey, ok, orderKey, placeConnection, proposeFeature, requestGuidance } from '../src/peer/negotiator.js';
import { conformantProposal } from '../src/peer/proposals.js';
import type { RunContext } from '../src/runner/context.js';
import { peerCallEvidence } from '../src/runner/evidence.js';
import { usableInterconnects } from '../src/runner/topology.js';
import {
  acceptedKeyVerdict, availabilityVerdict, evaluateDataPlaneFile, featuresVerdict, httpClientSender, latencyVerdict, notificationVerdict,
  poolSender, pollUntil, provisioningVerdict, readTargets, runLoad,
  type AcceptedKeyMilestones, type DataPlaneEvaluation, type FeatureTiming, type LoadConnection, type LoadResult, type LoadSettings,
  type LoadTarget, type Milestones, type PoolSender, type SlaVerdict,
} from '../src/sla/index.js';
import { confirmedKey, environment, negotiateFeatures, offeredSizes, placedConnection, roomiest } from './support/setup.js';
import { ScenarioStop, type CtkWorld } from './support/world.js';

/** What one SLA scenario accumulates between its steps. */
interface SlaState {
  targets: LoadTarget[];
  load?: LoadResult;
  milestones?: { -readonly [K in keyof Milestones]: Milestones[K] };
  entered?: number;
  features: FeatureTiming[];
  dataPlane?: DataPlaneEvaluation;
}

/**
 * Steps that wait for the candidate run without Cucumber's step timeout: each bounds its own wait by the
 * configured SLA window (or the load's size and request timeout) and stops when the run is interrupted.
 * Waits run one settle period (timeouts.settleSeconds) past the SLA window, so that an outcome that comes
 * late is measured and shown, not only declared missing.
 */
const OWN_BOUND = { timeout: -1 } as const;

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

/**
 * The load's sender: a dedicated undici Pool (the fast path) when the kit can sign requests itself (no auth,
 * or a run context that carries its signer); otherwise the run's own client, unrecorded.
 */
function loadSender(w: CtkWorld): PoolSender {
  const { config } = w.ctx;
  const signer = w.ctx.authScheme === 'none' ? noAuth : (w.ctx as RunContext & { readonly signer?: Signer }).signer;
  if (signer === undefined) return { send: httpClientSender(w.ctx.api.http), close: () => Promise.resolve() };
  return poolSender({ baseUrl: config.candidate.baseUrl, signer, tls: config.candidate.tls, timeoutMs: config.timeouts.requestMs, connections: config.sla.concurrency });
}

function loadSettings(w: CtkWorld): LoadSettings {
  return { concurrency: w.ctx.config.sla.concurrency, maxRequestsPerSecond: w.ctx.config.sla.maxRequestsPerSecond, authScheme: w.ctx.authScheme };
}

Given('the kit spreads its load over the candidate\'s read operations', async function (this: CtkWorld) {
  state(this).targets = readTargets(this.ctx.api, this.ctx.topology, await connectionToRead(this));
});

When('the kit sends the configured number of read requests at the configured concurrency', OWN_BOUND, async function (this: CtkWorld) {
  const sla = this.ctx.config.sla;
  const s = state(this);
  if (sla.loadRequests === 0) {
    for (const id of this.tagged) this.notApplicable(id, 'sla.loadRequests is 0: the load phase was switched off');
    return;
  }
  const ops = new Set(s.targets.map((t) => t.operation)).size;
  this.ctx.progress(`  sla: ${sla.loadRequests} read requests over ${ops} operations at concurrency ${sla.concurrency}${sla.maxRequestsPerSecond !== null ? `, at most ${sla.maxRequestsPerSecond}/s` : ''}`);
  const sender = loadSender(this);
  try {
    s.load = await runLoad({
      targets: s.targets, requests: sla.loadRequests, concurrency: sla.concurrency, maxRequestsPerSecond: sla.maxRequestsPerSecond,
      send: sender.send, shouldStop: () => this.ctx.aborted(),
    });
  } finally {
    await sender.close();
  }
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

/**
 * Stops the scenario when an earlier scenario already showed that the next milestone never comes (features
 * never final, no notification, never verified), instead of waiting out an SLA window of minutes.
 */
function stopIfFailedEarlier(w: CtkWorld, ids: readonly string[]): void {
  const broken = w.failedEarlier(ids);
  if (broken === undefined) return;
  w.stop = { reason: `an earlier scenario found ${broken} failed, so this milestone cannot be timed`, blockedBy: broken };
  throw new ScenarioStop(w.stop.reason);
}

Given('a customer ordered a connection at the candidate and the kit confirmed its key', async function (this: CtkWorld) {
  stopIfFailedEarlier(this, ['CC-NEG-012']);
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

Then('the candidate\'s features reach the final provisioning state within the provisioning threshold', OWN_BOUND, async function (this: CtkWorld) {
  const s = state(this);
  const limitS = this.ctx.config.sla.provisioningSeconds;
  const finalAt = new Map<string, number>();
  let last: Exchange[] = [];
  const deadline = Math.max(...s.features.map((f) => f.createdAt)) + limitS * 1000 + this.ctx.settleMs;
  const poll = await pollUntil(async () => {
    const pending = s.features.filter((f) => !finalAt.has(f.id));
    last = await Promise.all(pending.map((f) => this.ctx.api.call('GetFeature', 'GET', this.ctx.api.featurePath(this.conn.ref, this.conn.id, f.id), { unrecorded: true })));
    last.forEach((e, i) => { if (field(e.responseBody, 'provisioningState') === 'PROVISIONING_STATE_FINAL') finalAt.set(pending[i]!.id, Date.now()); });
    return finalAt.size === s.features.length ? true : undefined;
  }, deadline, { maxMs: 500, shouldStop: () => this.ctx.aborted() });
  s.features = s.features.map((f) => ({ ...f, ...(finalAt.has(f.id) ? { finalAt: finalAt.get(f.id)! } : {}) }));
  if (poll.value === true) milestones(this).featuresFinal = poll.at;
  const waitedS = Math.round((poll.at - Math.min(...s.features.map((f) => f.createdAt))) / 100) / 10;
  judgeVerdict(this, 'CC-SLA-005', featuresVerdict(s.features, limitS, poll.intervalMs, waitedS), last.slice(0, 2).map((e) => this.ev(e)), poll.value !== true);
});

Then('the candidate notifies the kit within the notification threshold of its features turning final', OWN_BOUND, async function (this: CtkWorld) {
  stopIfFailedEarlier(this, ['CC-NEG-013']);
  const m = milestones(this);
  const limitS = this.ctx.config.sla.notificationSeconds;
  const wait = Math.max(0, (m.featuresFinal ?? Date.now()) + limitS * 1000 + this.ctx.settleMs - Date.now());
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

Then('the connection is verified within the provisioning threshold of the customer\'s order', OWN_BOUND, async function (this: CtkWorld) {
  stopIfFailedEarlier(this, ['CC-NEG-014']);
  const m = milestones(this);
  const limitS = this.ctx.config.sla.provisioningSeconds;
  let last: Exchange | undefined;
  const poll = await pollUntil(async () => {
    last = await this.ctx.api.call('GetConnection', 'GET', this.ctx.api.connectionPath(this.conn.ref, this.conn.id), { unrecorded: true });
    return field(last.responseBody, 'verificationState') === 'VERIFICATION_STATE_VERIFIED' ? true : undefined;
  }, m.ordered + limitS * 1000 + this.ctx.settleMs, { maxMs: 500, shouldStop: () => this.ctx.aborted() });
  if (poll.value === true) m.verified = poll.at;
  const waitedS = Math.round((poll.at - m.ordered) / 100) / 10;
  judgeVerdict(this, 'CC-SLA-004', provisioningVerdict(m, limitS, waitedS), last !== undefined ? [this.ev(last)] : []);
});

When('the customer enters the key at the candidate, the kit timing it from that moment', async function (this: CtkWorld) {
  const key = this.issued;
  if (key === undefined) throw new Error('internal: the kit issued no key earlier in this scenario');
  state(this).entered = Date.now();
  const e = await this.ctx.hooks!.acceptKey(key.encodedKey, this.ctx.config.candidate.accountId);
  if (!ok(e)) {
    this.stop = { reason: `the candidate's accepted-keys hook refused a genuine key (HTTP ${e.status})`, skip: true };
    throw new ScenarioStop(this.stop.reason);
  }
  for (const ix of usableInterconnects(environment(this))) this.cleanup.push({ ref: ix.ref, id: key.uuid });
});

/** The candidate's calls to the kit about the issued connection since the scenario's mark. */
function callsAbout(w: CtkWorld, uuid: string): PeerCall[] {
  return w.ctx.peer.calls(w.mark).filter((c) => c.operation === 'ConfirmActivationKey' || c.params['connection'] === uuid || c.query['connectionId'] === uuid);
}

Then('the connection is verified on both sides within the provisioning threshold of the key being entered', OWN_BOUND, async function (this: CtkWorld) {
  stopIfFailedEarlier(this, ['CC-AK-020', 'CC-NEG-054', 'CC-NEG-055']);
  const key = this.issued!;
  const entered = state(this).entered ?? Date.now();
  const limitS = this.ctx.config.sla.provisioningSeconds;
  let last: Exchange | undefined;
  const poll = await pollUntil(async () => {
    const create = callsAbout(this, key.uuid).find((c) => c.operation === 'CreateConnection' && c.status >= 200 && c.status <= 299);
    if (create === undefined) return undefined;
    const ref = { env: create.params['environment'] ?? key.env, ix: create.params['interconnect'] ?? '' };
    if (this.ctx.peer.kitConnection(ref.env, ref.ix, key.uuid)?.verificationState !== 'VERIFICATION_STATE_VERIFIED') return undefined;
    last = await this.ctx.api.call('GetConnection', 'GET', this.ctx.api.connectionPath(ref, key.uuid), { unrecorded: true });
    return field(last.responseBody, 'verificationState') === 'VERIFICATION_STATE_VERIFIED' ? true : undefined;
  }, entered + limitS * 1000 + this.ctx.settleMs, { maxMs: 500, shouldStop: () => this.ctx.aborted() });
  const calls = callsAbout(this, key.uuid);
  const at = (op: string, pick: 'first' | 'last' = 'first'): number | undefined => (pick === 'first' ? calls.find((c) => c.operation === op) : calls.filter((c) => c.operation === op).at(-1))?.at;
  const m: AcceptedKeyMilestones = {
    entered, ...opt('keyConfirmed', at('ConfirmActivationKey')), ...opt('connectionCreated', at('CreateConnection')),
    ...opt('featuresProposed', at('CreateFeature', 'last')), ...opt('candidateNotified', at('NotifyConnectionStatus')), ...opt('verified', poll.value === true ? poll.at : undefined),
  };
  const waitedS = Math.round((poll.at - entered) / 100) / 10;
  judgeVerdict(this, 'CC-SLA-003', acceptedKeyVerdict(m, limitS, waitedS), [...(last !== undefined ? [this.ev(last)] : []), ...calls.slice(0, 3).map((c) => peerCallEvidence(c, this.ctx.peer.baseUrl))]);
});

/** `{ [key]: value }` when the value is defined, `{}` otherwise (for optional fields under exactOptionalPropertyTypes). */
function opt<K extends string>(key: K, value: number | undefined): { [P in K]?: number } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: number };
}

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
