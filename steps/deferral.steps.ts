/**
 * Steps for features/deferral.feature: the kit defers provisioning to the candidate.
 * @packageDocumentation
 */
import { Given, Then, When } from '@cucumber/cucumber';
import { checkFeatureAgainstGuidance, type L3BaseConfig } from '../src/checks/index.js';
import type { PeerCall } from '../src/peer/index.js';
import { KIT_GUIDANCE } from '../src/peer/proposals.js';
import { ok } from '../src/peer/negotiator.js';
import { answered, expectation, peerCallEvidence } from '../src/runner/evidence.js';
import { noRoom, place, roomiest, until } from './support/setup.js';
import type { CtkWorld } from './support/world.js';

function field(body: unknown, name: string): unknown {
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
}

function driven(w: CtkWorld, op: string): PeerCall[] {
  return w.ctx.peer.calls(w.mark).filter((c) => c.operation === op && c.params['connection'] === w.conn.id);
}

async function placeWith(w: CtkWorld, extra: Record<string, unknown>): Promise<void> {
  const { ix, room } = await roomiest(w);
  noRoom(w, room, w.key!.bandwidthMbps);
  w.mark = w.ctx.log.lastSeq;
  w.connection = await place(w, w.key!, ix, extra);
}

async function deferAndWait(w: CtkWorld): Promise<void> {
  await placeWith(w, { deferProvisioning: true });
  if (!ok(w.conn.exchange)) return;
  await w.ctx.peer.waitForCall((c) => c.operation === 'NotifyConnectionStatus' && c.params['connection'] === w.conn.id, w.ctx.settleMs, w.mark);
}

When('the kit places the connection deferring provisioning to the candidate', async function (this: CtkWorld) { await deferAndWait(this); });

Then('the candidate either refuses the deferral with 400 or accepts it', function (this: CtkWorld) {
  const e = this.conn.exchange;
  if (e.status === 400) {
    this.judge('CC-DEF-001', true, '', [this.ev(e)], { interpretation: 'the candidate refuses deferrals (400)' });
    return this.notApplicableAll('the candidate refuses deferrals with 400, so it never takes over a negotiation');
  }
  this.judge('CC-DEF-001', ok(e), `a deferring CreateConnection was answered ${answered(e)}; only 400 (refuse) or 200 (accept) are allowed`, [this.ev(e), expectation('HTTP 400 or 2xx', answered(e))], { hard: true, ...(ok(e) ? { interpretation: 'the candidate accepts deferrals' } : {}) });
  return undefined;
});

Then('having accepted, it asks the kit for guidance and proposes features on the kit\'s channels', function (this: CtkWorld) {
  const g = driven(this, 'GenerateFeatureGuidance');
  const f = driven(this, 'CreateFeature');
  this.judge('CC-DEF-002', g.length > 0 && f.length > 0, `after accepting the deferral the candidate sent ${g.length} guidance request(s) and ${f.length} proposal(s)`,
    [this.ev(this.conn.exchange), ...[...g.slice(0, 1), ...f.slice(0, 4)].map((c) => peerCallEvidence(c, this.ctx.peer.baseUrl)), expectation('GenerateFeatureGuidance and CreateFeature from the candidate', `${g.length} and ${f.length}`)], { hard: true });
});

Then('its proposals follow the kit\'s guidance', function (this: CtkWorld) {
  const bad = driven(this, 'CreateFeature').map((c) => {
    const l3 = field(field(c.body, 'featureConfig'), 'l3BaseConfig');
    return { c, v: checkFeatureAgainstGuidance((typeof l3 === 'object' && l3 !== null ? l3 : {}) as L3BaseConfig, KIT_GUIDANCE, [], { responderProvider: `providers/${this.ctx.peer.providerId}` }) };
  }).filter((x) => x.v.length > 0);
  this.judge('CC-DEF-003', bad.length === 0, `${bad.length} proposal(s) break the kit's guidance: ${bad[0]?.v.map((v) => v.detail).join('; ') ?? ''}`, bad.slice(0, 3).map((x) => peerCallEvidence(x.c, this.ctx.peer.baseUrl)));
});

Then('it notifies the kit once its features are final', function (this: CtkWorld) {
  const n = driven(this, 'NotifyConnectionStatus');
  this.judge('CC-DEF-004', n.length > 0, `no NotifyConnectionStatus from the candidate within ${this.ctx.settleMs} ms of taking over`,
    n.length > 0 ? n.map((c) => peerCallEvidence(c, this.ctx.peer.baseUrl)) : [this.ev(this.conn.exchange), expectation('NotifyConnectionStatus from the candidate once its features are final', 'none received')], { rootCauses: ['CC-NEG-013'] });
});

Given('the kit deferred a connection to the candidate and the candidate took it over', async function (this: CtkWorld) {
  await deferAndWait(this);
  if (this.conn.exchange.status === 400) return this.notApplicableAll('the candidate refuses deferrals with 400');
  if (!ok(this.conn.exchange) || driven(this, 'CreateFeature').length === 0) this.blockedBy('CC-DEF-002', 'the candidate did not take over the deferred connection', [this.ev(this.conn.exchange)], ['CC-DEF-001']);
  return undefined;
});

When('the kit rolls the deferral back by deleting the connection', async function (this: CtkWorld) {
  const list = await this.ctx.api.listFeatures(this.conn.ref, this.conn.id);
  const features = field(list.responseBody, 'features');
  this.seen.set('features-before', list);
  this.features = Array.isArray(features) ? features.map((f) => ({ id: String(field(f, 'name') ?? '').split('/').pop() ?? '', channelId: '', config: {}, exchange: list })) : [];
  this.observed.push(await this.ctx.api.deleteConnection(this.conn.ref, this.conn.id));
  this.ctx.peer.local.deleteConnection(this.conn.ref.env, this.conn.ref.ix, this.conn.id);
});

Then('the candidate\'s connection and its features are gone', async function (this: CtkWorld) {
  const gone = await until(this.ctx.settleMs, async () => {
    const r = await this.ctx.api.getConnection(this.conn.ref, this.conn.id);
    return r.status >= 400 && r.status <= 499 ? r : undefined;
  });
  const left = (await Promise.all(this.features.map((f) => this.ctx.api.getFeature(this.conn.ref, this.conn.id, f.id)))).filter(ok);
  this.judge('CC-DEF-007', gone !== undefined && left.length === 0 && this.features.length > 0,
    gone === undefined ? 'the connection still answers after the rollback' : this.features.length === 0 ? 'the candidate listed no features before the rollback' : `${left.length} feature(s) still answer after the rollback`,
    [this.ev(this.observed.at(-1)!), ...left.slice(0, 2).map((e) => this.ev(e))]);
});

When('the kit places the connection with only the misspelt deferConnection flag', async function (this: CtkWorld) {
  await placeWith(this, { deferConnection: true });
  await this.quietPeriod();
});

Then('the candidate does not take over the negotiation', function (this: CtkWorld) {
  const e = this.conn.exchange;
  const took = driven(this, 'GenerateFeatureGuidance').length + driven(this, 'CreateFeature').length;
  this.judge('CC-DEF-006', took === 0, 'the candidate took `deferConnection` for a deferral and started negotiating', driven(this, 'GenerateFeatureGuidance').map((c) => peerCallEvidence(c, this.ctx.peer.baseUrl)),
    { interpretation: `D21: a CreateConnection with only deferConnection was answered HTTP ${e.status}` });
});
