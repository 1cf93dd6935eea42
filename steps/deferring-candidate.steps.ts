/**
 * Steps for features/deferring-candidate.feature: the candidate, in an environment that defers, hands the
 * negotiation to the kit; the kit plays the accepting provider, finishes or abandons hand-overs, and watches the
 * candidate's calls (src/peer) and its own connection (GetConnection) at the moments that matter.
 * @packageDocumentation
 */
import { randomUUID } from 'node:crypto';
import { Given, Then, When } from '@cucumber/cucumber';
import type { Exchange, IxRef } from '../src/client/index.js';
import type { PeerCall } from '../src/peer/index.js';
import { ok, type NegotiatedConnection } from '../src/peer/negotiator.js';
import { answered, expectation, note, peerCallEvidence } from '../src/runner/evidence.js';
import type { Evidence } from '../src/report/schema.js';
import { deferringEnvironment, type EnvironmentInfo } from '../src/runner/topology.js';
import { enterGenuineKey, negotiateFeatures, offeredSizes, until } from './support/setup.js';
import type { CtkWorld } from './support/world.js';

/** A key the kit issued in the deferring environment, and what the scenario learnt about its connection. */
interface Handover {
  readonly uuid: string;
  readonly encodedKey: string;
  readonly bandwidthMbps: number;
  /** The connection as the kit holds it once the candidate asked the kit to create it. */
  conn?: NegotiatedConnection;
}

/** Per-scenario state of these steps. */
interface DeferralState {
  env: EnvironmentInfo;
  handovers: Handover[];
  /** The candidate's GetConnection answer when each call of interest arrived, by `${operation}:${connection}`. */
  readonly seenAt: Map<string, Exchange>;
  /** The candidate's DeleteConnection rolling back the unfinished hand-over, once seen. */
  rollback?: PeerCall;
}

const STATE = new WeakMap<CtkWorld, DeferralState>();
const VERIFIED = 'VERIFICATION_STATE_VERIFIED';

function state(w: CtkWorld): DeferralState {
  const s = STATE.get(w);
  if (s === undefined) throw new Error('internal: the deferring environment was not looked up in this scenario');
  return s;
}

function field(body: unknown, name: string): unknown {
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
}

/** The candidate's calls to the kit since the mark about one hand-over (confirmations carry no id, so all count). */
function calls(w: CtkWorld, h: Handover): PeerCall[] {
  return w.ctx.peer.calls(w.mark).filter((c) => c.params['connection'] === h.uuid || c.query['connectionId'] === h.uuid || (c.operation === 'ConfirmActivationKey' && field(c.body, 'encodedKey') === h.encodedKey));
}

function shown(w: CtkWorld, list: readonly PeerCall[], limit = 6): Evidence[] {
  return list.slice(0, limit).map((c) => peerCallEvidence(c, w.ctx.peer.baseUrl));
}

function order(list: readonly PeerCall[]): string {
  return list.map((c) => `${c.operation}${c.status >= 300 ? ` (${c.status})` : ''}`).join(' → ') || 'no calls';
}

/** Guidance requests and proposals the candidate itself sent the kit about a hand-over. */
function ownProposals(w: CtkWorld, h: Handover): PeerCall[] {
  return calls(w, h).filter((c) => c.operation === 'GenerateFeatureGuidance' || c.operation === 'CreateFeature');
}

function issue(w: CtkWorld): Handover {
  const s = state(w);
  const bandwidthMbps = offeredSizes(s.env)[0] ?? 1000;
  const uuid = randomUUID();
  const encodedKey = w.ctx.peer.issueKey({ env: s.env.id, bandwidthMbps, accountId: w.ctx.config.candidate.accountId, uuid });
  const h: Handover = { uuid, encodedKey, bandwidthMbps };
  s.handovers.push(h);
  return h;
}

/** Enters a hand-over's key at the candidate (the accepted-keys hook), its connection removed after the scenario. */
function enter(w: CtkWorld, h: Handover): Promise<void> {
  return enterGenuineKey(w, h.encodedKey, h.uuid, state(w).env.id);
}

/** Waits for the candidate's CreateConnection of a hand-over and records the connection as the kit holds it. */
async function awaitCreate(w: CtkWorld, h: Handover): Promise<PeerCall | undefined> {
  const window = Math.max(w.ctx.settleMs, 6000);
  const call = await w.ctx.peer.waitForCall((c) => c.operation === 'CreateConnection' && c.query['connectionId'] === h.uuid && c.status >= 200 && c.status < 300, window, w.mark);
  if (call === undefined) return undefined;
  const ref: IxRef = { env: call.params['environment'] ?? '', ix: call.params['interconnect'] ?? '' };
  const own = await w.ctx.api.getConnection(ref, h.uuid);
  h.conn = { ref, id: h.uuid, bandwidthMbps: h.bandwidthMbps, exchange: own };
  return call;
}

Given('the candidate defers the connections of one of its environments', function (this: CtkWorld) {
  const env = deferringEnvironment(this.ctx.topology);
  if (env === undefined) {
    return this.notApplicableAll('no environment of the candidate sets deferConnectionProvisioning, so the candidate never defers a connection to its peer (deferral is optional)');
  }
  this.requireHook('accepted-keys');
  STATE.set(this, { env, handovers: [], seenAt: new Map() });
  this.mark = this.ctx.log.lastSeq;
  return undefined;
});

Given('the kit issued an activation key for that environment to the candidate\'s customer', function (this: CtkWorld) { issue(this); });

Given('the kit issued two activation keys for that environment to the candidate\'s customer', function (this: CtkWorld) { issue(this); issue(this); });

Given('the kit will look at the candidate\'s own connection when the candidate asks the kit to delete one', function (this: CtkWorld) {
  const look = async (c: { params: Readonly<Record<string, string>> }): Promise<void> => {
    // Probes are one-shot: register the next one first, so that a second delete arriving meanwhile is looked at too.
    this.ctx.peer.onArrival('DeleteConnection', look);
    const ref = { env: c.params['environment'] ?? '', ix: c.params['interconnect'] ?? '' };
    const id = c.params['connection'] ?? '';
    state(this).seenAt.set(`DeleteConnection:${id}`, await this.ctx.api.getConnection(ref, id));
  };
  this.ctx.peer.onArrival('DeleteConnection', look);
});

When('the customer enters the key for that environment at the candidate', async function (this: CtkWorld) {
  const h = state(this).handovers[0]!;
  await enter(this, h);
  await awaitCreate(this, h);
});

When('the customer enters both keys at the candidate', async function (this: CtkWorld) {
  const [first, second] = state(this).handovers;
  await Promise.all([enter(this, first!), enter(this, second!)]);
  await Promise.all([awaitCreate(this, first!), awaitCreate(this, second!)]);
});

Then('the candidate confirmed the key, created its own connection, and only then asked the kit to create one, deferring provisioning', function (this: CtkWorld) {
  const h = state(this).handovers[0]!;
  const seen = calls(this, h);
  const create = seen.find((c) => c.operation === 'CreateConnection');
  const confirm = seen.findIndex((c) => c.operation === 'ConfirmActivationKey');
  if (create === undefined) {
    this.blockedBy('CC-DEF-015', `the candidate never asked the kit to create the connection of a key entered in ${state(this).env.id}`, [expectation('CreateConnection with deferProvisioning from the candidate', order(seen)), ...shown(this, seen)], ['CC-AK-020', 'CC-AK-021']);
  }
  const defers = field(create.body, 'deferProvisioning') === true;
  const misspelt = field(create.body, 'deferConnection') !== undefined;
  const asked = (defers || field(create.body, 'deferConnection') === true);
  this.judge('CC-DEF-015', asked, `in ${state(this).env.id}, which sets deferConnectionProvisioning, the candidate negotiated the connection itself instead of deferring it`, [expectation('CreateConnection asking for deferral', JSON.stringify(create.body)), ...shown(this, [create])], { hard: true });
  this.judge('CC-DEF-012', defers && !misspelt, misspelt ? 'the deferring CreateConnection carries the misspelt `deferConnection` flag (ERRATA D21)' : 'the deferring CreateConnection does not set deferProvisioning to true',
    [expectation('{"deferProvisioning": true} and no deferConnection', JSON.stringify(create.body)), ...shown(this, [create])]);
  const firstCreate = seen.indexOf(create);
  this.judge('CC-DEF-013', confirm >= 0 && confirm < firstCreate, confirm < 0 ? 'the candidate never confirmed the key with the kit' : 'the candidate sent the deferring CreateConnection before confirming the key',
    [expectation('ConfirmActivationKey, then CreateConnection', order(seen)), ...shown(this, seen)]);
  const own = this.seen.get('own-connection');
  this.judge('CC-DEF-010', own !== undefined && ok(own), `when the deferring CreateConnection arrived the candidate's own connection answered ${own === undefined ? 'nothing' : answered(own)}`,
    [...shown(this, [create]), ...(own !== undefined ? [this.ev(own)] : []), expectation("the candidate's own connection exists (GetConnection 200) when it defers", own === undefined ? 'not read' : answered(own))]);
  const state0 = own !== undefined && ok(own) ? field(own.responseBody, 'verificationState') : undefined;
  if (state0 === VERIFIED) {
    this.judge('CC-DEF-011', false, 'the candidate\'s own connection was already VERIFIED when it handed the connection over', [this.ev(own!), expectation('VERIFICATION_STATE_UNVERIFIED until the hand-over succeeded', String(state0))]);
  }
});

When('the kit, as the accepting provider, proposes a feature on every channel and holds back its notification', async function (this: CtkWorld) {
  const h = state(this).handovers[0]!;
  if (h.conn === undefined) throw new Error('internal: no deferred connection to drive');
  this.connection = h.conn;
  // The accepting provider drives from here: a candidate that starts proposing itself shows it within the quiet period.
  await this.quietPeriod();
  const own = ownProposals(this, h);
  if (own.length > 0) {
    this.judge('CC-DEF-014', false, `after deferring, the candidate itself sent ${order(own)} to the kit`, [expectation('no GenerateFeatureGuidance or CreateFeature from the candidate', order(own)), ...shown(this, own, 4)], { hard: true });
  }
  await negotiateFeatures(this, h.conn);
  // Give the candidate time to finish its side and notify; its state is read as soon as it has.
  await this.ctx.peer.waitForCall((c) => c.operation === 'NotifyConnectionStatus' && c.params['connection'] === h.uuid, this.ctx.settleMs, this.mark);
});

Then('the candidate answered the kit as responder and proposed nothing itself', function (this: CtkWorld) {
  const h = state(this).handovers[0]!;
  const own = ownProposals(this, h);
  const refused = this.features.filter((f) => !ok(f.exchange));
  this.judge('CC-DEF-014', own.length === 0 && refused.length === 0 && this.features.length > 0,
    own.length > 0 ? `after deferring, the candidate itself sent ${order(own)} to the kit` : `the candidate refused ${refused.length} of the kit's proposals`,
    [expectation('no GenerateFeatureGuidance or CreateFeature from the candidate; the kit\'s proposals answered 2xx', own.length > 0 ? order(own) : `${this.features.length - refused.length} of ${this.features.length} accepted`),
      ...shown(this, own, 4), ...this.features.slice(0, 4).map((f) => this.ev(f.exchange))]);
});

Then('the candidate notified the kit once its features were final, and stays unverified until the kit notifies', async function (this: CtkWorld) {
  const h = state(this).handovers[0]!;
  const conn = h.conn!;
  const n = calls(this, h).find((c) => c.operation === 'NotifyConnectionStatus');
  this.judge('CC-DEF-016', n !== undefined, `no NotifyConnectionStatus from the candidate within ${this.ctx.settleMs} ms of its features being proposed`,
    n !== undefined ? shown(this, [n]) : [expectation('NotifyConnectionStatus from the candidate', order(calls(this, h)))]);
  const before = await this.ctx.api.getConnection(conn.ref, conn.id);
  const early = field(before.responseBody, 'verificationState') === VERIFIED;
  if (!this.judged.has('CC-DEF-011')) {
    this.judge('CC-DEF-011', ok(before) && !early, early ? 'the candidate\'s connection is VERIFIED although the kit has not notified: the hand-over has not succeeded yet' : `the candidate's connection answered ${answered(before)}`,
      [this.ev(before), expectation('VERIFICATION_STATE_UNVERIFIED until the kit has notified', String(field(before.responseBody, 'verificationState')))], { rootCauses: ['CC-DEF-016'] });
  }
});

Given('the run knows how long the candidate\'s staging waits for a deferred connection', function (this: CtkWorld) {
  if (this.ctx.config.timeouts.deferralRollbackSeconds === null) {
    return this.notApplicableAll(`the deferral timeout is ${String(state(this).env.resource['deferralTimeoutHours'] ?? 'unset')} hour(s), longer than a run; set timeouts.deferralRollbackSeconds to the (shortened) timeout your staging applies to have the rollback judged`);
  }
  return undefined;
});

When('the kit finishes the first hand-over and never notifies on the second', async function (this: CtkWorld) {
  const [done, abandoned] = state(this).handovers;
  const used = { subnets: [] as string[], vlans: [] as number[] };
  for (const h of [done!, abandoned!]) {
    if (h.conn === undefined) this.blockedBy('CC-DEF-015', 'the candidate did not ask the kit to create a connection it should defer', [], ['CC-DEF-010', 'CC-DEF-013', 'CC-AK-020']);
    await negotiateFeatures(this, h.conn, undefined, used);
  }
  this.observed.push(await this.ctx.api.notifyConnectionStatus(done!.conn!.ref, done!.uuid));
});

Then('the candidate asks the kit to delete the unfinished connection once its deferral timeout has passed', async function (this: CtkWorld) {
  const [, abandoned] = state(this).handovers;
  const seconds = this.ctx.config.timeouts.deferralRollbackSeconds ?? 0;
  const window = seconds * 1000 + this.ctx.settleMs;
  const del = await this.ctx.peer.waitForCall((c) => c.operation === 'DeleteConnection' && c.params['connection'] === abandoned!.uuid, window, this.mark);
  if (del !== undefined) state(this).rollback = del;
  // Let a rollback of the finished hand-over show up too, if the candidate wrongly makes one.
  await this.quietPeriod();
  const create = calls(this, abandoned!).find((c) => c.operation === 'CreateConnection');
  const waited = del !== undefined && create !== undefined ? ((del.at - create.at) / 1000).toFixed(1) : undefined;
  this.judge('CC-DEF-018', del !== undefined, `no DeleteConnection for the unfinished hand-over within ${seconds} s (timeouts.deferralRollbackSeconds) plus ${this.ctx.settleMs / 1000} s`,
    [expectation(`DeleteConnection within about ${seconds} s of the deferring CreateConnection`, waited !== undefined ? `after ${waited} s` : order(calls(this, abandoned!))), ...shown(this, calls(this, abandoned!))], { rootCauses: ['CC-DEF-017'] });
});

Then('it removes its own side of the unfinished connection after asking the kit', async function (this: CtkWorld) {
  const [, abandoned] = state(this).handovers;
  if (state(this).rollback === undefined) return this.blockedBy('CC-DEF-018', 'the candidate never rolled the unfinished hand-over back', []);
  const conn = abandoned!.conn!;
  const atDelete = state(this).seenAt.get(`DeleteConnection:${abandoned!.uuid}`);
  const gone = await until(this.ctx.settleMs, async () => {
    const r = await this.ctx.api.getConnection(conn.ref, conn.id);
    return r.status >= 400 && r.status <= 499 ? r : undefined;
  });
  const features = await this.ctx.api.listFeatures(conn.ref, conn.id);
  const stillListed = ok(features) && Array.isArray(field(features.responseBody, 'features')) && (field(features.responseBody, 'features') as unknown[]).length > 0;
  // Not read (the kit missed the moment) is no evidence against the candidate; read and gone already is.
  const orderOk = atDelete === undefined || ok(atDelete);
  const good = gone !== undefined && !stillListed && orderOk;
  const why = gone === undefined ? 'the candidate still answers for the rolled-back connection' : stillListed ? 'the candidate still lists features of the rolled-back connection'
    : 'the candidate had already deleted its own connection when it asked the kit to delete (it must ask the kit first)';
  this.judge('CC-DEF-019', good, why, [
    ...(atDelete !== undefined ? [note('the candidate\'s own connection when its DeleteConnection reached the kit:'), this.ev(atDelete)] : []),
    ...(gone !== undefined ? [this.ev(gone)] : []), this.ev(features),
    expectation('own connection present when the DeleteConnection reaches the kit, then gone with its features', `${atDelete === undefined ? 'not read' : answered(atDelete)}; afterwards ${gone === undefined ? 'still there' : answered(gone)}`),
  ], { rootCauses: ['CC-DEF-018'] });
  return undefined;
});

Then('it keeps the finished connection, verified', async function (this: CtkWorld) {
  const [done] = state(this).handovers;
  const conn = done!.conn!;
  const deleted = calls(this, done!).filter((c) => c.operation === 'DeleteConnection');
  const now = await this.ctx.api.getConnection(conn.ref, conn.id);
  const verified = field(now.responseBody, 'verificationState') === VERIFIED;
  this.judge('CC-DEF-017', deleted.length === 0 && ok(now) && verified,
    deleted.length > 0 ? 'the candidate rolled back a hand-over that had succeeded (the kit had notified and the features were final)' : `the finished connection answered ${answered(now)}`,
    [expectation('the finished connection kept and VERIFIED, no DeleteConnection for it', `${deleted.length} DeleteConnection; ${String(field(now.responseBody, 'verificationState') ?? answered(now))}`), ...shown(this, deleted, 2), this.ev(now)]);
});
