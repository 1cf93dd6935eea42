/**
 * Steps for features/negotiator.feature: the candidate negotiates against the kit's peer API.
 * @packageDocumentation
 */
import { Given, Then, When } from '@cucumber/cucumber';
import { randomUUID } from 'node:crypto';
import type { PeerCall } from '../src/peer/index.js';
import { ok } from '../src/peer/negotiator.js';
import { answered, expectation, peerCallEvidence } from '../src/runner/evidence.js';
import { usableInterconnects } from '../src/runner/topology.js';
import { fieldOf as field } from './support/body.js';
import { callEvidence as evidence, conversation, issued, judgeGuidanceRule as judgeRule, NARROW, placedRef, proposals, watchAfterRefusal } from './support/conversation.js';
import { judgeBgpConfigs, judgeVlansFree } from './support/negotiator-conduct.js';
import { enterGenuineKey, environment, interconnectOf, offeredSizes, until } from './support/setup.js';
import type { CtkWorld } from './support/world.js';

const CONNECTION_OPS = new Set(['CreateConnection', 'GenerateFeatureGuidance', 'CreateFeature', 'UpdateConnection', 'DeleteConnection', 'NotifyConnectionStatus']);

Given('the kit issued an activation key to the candidate\'s customer', function (this: CtkWorld) {
  this.requireHook('accepted-keys');
  const env = environment(this);
  const bandwidthMbps = offeredSizes(env)[0] ?? 1000;
  const uuid = randomUUID();
  const encodedKey = this.ctx.peer.issueKey({ env: env.id, bandwidthMbps, accountId: this.ctx.config.candidate.accountId, uuid });
  this.issued = { encodedKey, uuid, env: env.id, bandwidthMbps };
  this.mark = this.ctx.log.lastSeq;
});

async function enterKey(w: CtkWorld, key: string, account: string): Promise<void> {
  const e = await w.ctx.hooks!.acceptKey(key, account);
  w.observed.push(e);
}

When('the customer enters the key at the candidate', async function (this: CtkWorld) {
  const { encodedKey, uuid, env } = issued(this);
  await enterGenuineKey(this, encodedKey, uuid, env);
});

When('another customer enters the key at the candidate', async function (this: CtkWorld) {
  await enterKey(this, issued(this).encodedKey, `${this.ctx.config.candidate.accountId}-someone-else`);
});

When('the customer enters a key that is not an activation key at the candidate', async function (this: CtkWorld) {
  await enterKey(this, Buffer.from('this is not an activation key').toString('base64'), this.ctx.config.candidate.accountId);
});

When('the candidate finishes negotiating with the kit', async function (this: CtkWorld) {
  const uuid = issued(this).uuid;
  // Retries with backoff can take a few seconds before the negotiation even starts: allow at least 6 s.
  const window = Math.max(this.ctx.settleMs, 6000);
  const end = Date.now() + window;
  const done = await this.ctx.peer.waitForCall((c) => c.operation === 'NotifyConnectionStatus' && c.params['connection'] === uuid, window, this.mark);
  if (done === undefined) return;
  // Readiness comes at 3 of 4 features: unless every channel already has an accepted proposal, let the candidate
  // finish proposing until it has been quiet for a moment.
  const ix = interconnectOf(this, placedRef(this));
  const proposed = new Set(proposals(this).filter((p) => p.call.status >= 200 && p.call.status <= 299).map((p) => p.channel));
  if (ix !== undefined && ix.channels.every((c) => proposed.has(c.id))) return;
  for (let last = this.ctx.log.lastSeq; Date.now() < end;) {
    await new Promise((r) => setTimeout(r, 400));
    if (this.ctx.log.lastSeq === last) break;
    last = this.ctx.log.lastSeq;
  }
});

Then('the candidate confirmed the key before any other call about the connection', function (this: CtkWorld) {
  const calls = conversation(this);
  const firstConfirm = calls.findIndex((c) => c.operation === 'ConfirmActivationKey');
  const firstChange = calls.findIndex((c) => CONNECTION_OPS.has(c.operation));
  const good = firstConfirm >= 0 && (firstChange < 0 || firstConfirm < firstChange);
  this.judge('CC-AK-020', good, firstConfirm < 0 ? 'the candidate never called ConfirmActivationKey' : `the candidate called ${calls[firstChange]?.operation ?? '?'} before confirming the key`,
    [...evidence(this, calls), expectation('ConfirmActivationKey first', calls.map((c) => c.operation).slice(0, 6).join(' → ') || 'no calls')]);
});

Then('it sent the key as base64 text in encodedKey, under the environment the key names', function (this: CtkWorld) {
  const { encodedKey, env } = issued(this);
  const confirms = conversation(this).filter((c) => c.operation === 'ConfirmActivationKey');
  const withEncoded = confirms.filter((c) => field(c.body, 'encodedKey') === encodedKey);
  this.judge('CC-AK-023', withEncoded.length > 0, 'no ConfirmActivationKey carried the key text in encodedKey', evidence(this, confirms), { rootCauses: ['CC-AK-020'] });
  const wrongEnv = confirms.filter((c) => c.params['environment'] !== env);
  this.judge('CC-AK-028', confirms.length > 0 && wrongEnv.length === 0, `ConfirmActivationKey was called under ${wrongEnv.map((c) => c.params['environment']).join(', ') || 'no environment'} instead of ${env}`, evidence(this, confirms), { rootCauses: ['CC-AK-020'] });
});

Then('it called the kit under its own provider id', function (this: CtkWorld) {
  const calls = this.ctx.peer.calls(this.mark);
  const wrong = calls.filter((c) => c.operation !== 'ListProviders' && c.params['provider'] !== this.ctx.config.candidate.providerId);
  this.judge('CC-NEG-065', calls.length > 0 && wrong.length === 0, `${wrong.length} call(s) used another provider prefix (${[...new Set(wrong.map((c) => c.params['provider']))].join(', ')})`, evidence(this, wrong.length > 0 ? wrong : calls, 3));
});

Given('the kit will look at the candidate\'s own connection when the candidate asks the kit to create one', function (this: CtkWorld) {
  this.ctx.peer.onArrival('CreateConnection', async (c) => {
    const ref = { env: c.params['environment'] ?? '', ix: c.params['interconnect'] ?? '' };
    this.seen.set('own-connection', await this.ctx.api.getConnection(ref, c.query['connectionId'] ?? ''));
  });
});

Then('the candidate held its own connection when it asked the kit to create one', function (this: CtkWorld) {
  const create = conversation(this).find((c) => c.operation === 'CreateConnection');
  const own = this.seen.get('own-connection');
  if (create === undefined || own === undefined) {
    this.judge('CC-NEG-041', false, 'the candidate never asked the kit to create the connection', evidence(this, conversation(this)), { rootCauses: ['CC-AK-020', 'CC-AK-021'] });
    return;
  }
  this.judge('CC-NEG-041', ok(own), `when CreateConnection arrived the candidate's own connection answered ${answered(own)}`, [peerCallEvidence(create, this.ctx.peer.baseUrl), this.ev(own), expectation("the candidate's own connection exists (GetConnection 200) when it calls CreateConnection", answered(own))]);
});

Then('it asked for exactly the bandwidth on the key, using the key\'s connection id', function (this: CtkWorld) {
  const { uuid, bandwidthMbps, encodedKey } = issued(this);
  const create = conversation(this).find((c) => c.operation === 'CreateConnection');
  const asked = field(create?.body, 'bandwidthMbps');
  this.judge('CC-NEG-043', create !== undefined && asked === bandwidthMbps, `CreateConnection asked for ${String(asked)} Mbps; the key says ${bandwidthMbps}`, evidence(this, create !== undefined ? [create] : []), { rootCauses: ['CC-AK-020'] });
  const idOk = create?.query['connectionId'] === uuid;
  const keyOk = field(create?.body, 'activationKey') === encodedKey;
  this.judge('CC-NEG-044', create !== undefined && idOk && keyOk, `connectionId ${idOk ? 'is' : 'is not'} the shared UUID; activationKey ${keyOk ? 'is' : 'is not'} the encoded key`, evidence(this, create !== undefined ? [create] : []), { rootCauses: ['CC-AK-020'] });
});

Given('the kit will look at the candidate\'s own features when the candidate proposes them', function (this: CtkWorld) {
  const look = async (c: { params: Readonly<Record<string, string>>; query: Readonly<Record<string, string>> }): Promise<void> => {
    const ref = { env: c.params['environment'] ?? '', ix: c.params['interconnect'] ?? '' };
    const fid = c.query['featureId'] ?? '';
    this.seen.set(`own-feature:${fid}`, await this.ctx.api.getFeature(ref, c.params['connection'] ?? '', fid));
    this.ctx.peer.onArrival('CreateFeature', look);
  };
  this.ctx.peer.onArrival('CreateFeature', look);
});

Then('the candidate asked for guidance after placing the connection and before proposing', function (this: CtkWorld) {
  const ops = conversation(this).map((c) => c.operation);
  const create = ops.indexOf('CreateConnection');
  const guide = ops.indexOf('GenerateFeatureGuidance');
  const firstFeature = ops.indexOf('CreateFeature');
  const good = create >= 0 && guide > create && (firstFeature < 0 || firstFeature > guide) && firstFeature >= 0;
  this.judge('CC-NEG-042', good, `the order was ${ops.join(' → ') || 'no calls'}`, [...evidence(this, conversation(this), 4), expectation('CreateConnection → GenerateFeatureGuidance → CreateFeature…', ops.join(' → '))], { rootCauses: ['CC-AK-020', 'CC-NEG-041'] });
});

Then('it proposed exactly one feature on each channel of the interconnect', function (this: CtkWorld) {
  const ps = proposals(this);
  const ix = ps[0]?.call.params['interconnect'];
  const channels = usableInterconnects(environment(this)).find((i) => i.id === ix)?.channels.map((c) => c.id) ?? [];
  const accepted = ps.filter((p) => p.call.status >= 200 && p.call.status <= 299);
  // A proposal the kit refused and the candidate then corrected is one feature, not two: count accepted ones.
  const per = new Map<string, number>();
  for (const p of accepted) per.set(p.channel, (per.get(p.channel) ?? 0) + 1);
  const missing = channels.filter((c) => !accepted.some((p) => p.channel === c));
  const doubled = [...per].filter(([, n]) => n > 1).map(([c]) => c);
  this.judge('CC-NEG-052', ps.length > 0 && missing.length === 0 && doubled.length === 0, `channels without a feature: ${missing.join(', ') || 'none'}; channels proposed twice: ${doubled.join(', ') || 'none'}`, evidence(this, ps.map((p) => p.call), 8), { rootCauses: ['CC-AK-020', 'CC-NEG-041', 'CC-NEG-042'] });
});

Then('each feature existed on the candidate\'s side before it was proposed', function (this: CtkWorld) {
  const ps = proposals(this);
  const missing = ps.filter((p) => { const e = this.seen.get(`own-feature:${p.call.query['featureId'] ?? ''}`); return e === undefined || !ok(e); });
  this.judge('CC-NEG-053', ps.length > 0 && missing.length === 0, `${missing.length} of ${ps.length} feature(s) did not exist on the candidate's side when proposed (ERRATA D39: SHOULD)`,
    [...evidence(this, missing.map((p) => p.call), 3), ...missing.slice(0, 2).flatMap((p) => { const e = this.seen.get(`own-feature:${p.call.query['featureId'] ?? ''}`); return e !== undefined ? [this.ev(e)] : []; })],
    { rootCauses: ['CC-AK-020', 'CC-NEG-041', 'CC-NEG-042'] });
});

Given('the kit gives narrow guidance on every interconnect', function (this: CtkWorld) {
  for (const ix of usableInterconnects(environment(this))) this.ctx.peer.setGuidance(ix.ref.env, ix.id, NARROW as unknown as Record<string, unknown>);
});

Then('every proposed VLAN lies in the kit\'s guided range and is free on its channel', function (this: CtkWorld) {
  judgeRule(this, 'CC-NEG-045', ['vlan-reserved', 'vlan-range'], 'VLANs');
  judgeVlansFree(this);
});
Then('every proposed subnet lies inside the kit\'s include subnet, clear of its exclusions, with an allowed length', function (this: CtkWorld) {
  judgeRule(this, 'CC-NEG-046', ['subnet-include', 'subnet-exclude', 'prefix-length', 'mask-not-applied', 'subnet-overlap'], 'subnets');
});
Then('every proposed MTU lies in the kit\'s guided range', function (this: CtkWorld) { judgeRule(this, 'CC-NEG-047', ['mtu-range'], 'MTU'); });
Then('every ASN proposed for the kit comes from the kit\'s guided range', function (this: CtkWorld) { judgeRule(this, 'CC-NEG-049', ['asn-range'], 'ASNs'); });
Then('every proposal sets every required field, with one BGP session per provider inside its subnet', function (this: CtkWorld) {
  judgeRule(this, 'CC-NEG-051', ['missing-field'], 'required fields');
  judgeBgpConfigs(this);
});

Then('every proposed MTU is the largest both providers support', async function (this: CtkWorld) {
  const ps = proposals(this);
  const first = ps[0];
  if (first === undefined) { this.judge('CC-NEG-048', false, 'the candidate proposed no feature', [], { rootCauses: ['CC-AK-020', 'CC-NEG-041', 'CC-NEG-042'] }); return; }
  const ref = { env: first.call.params['environment'] ?? '', ix: first.call.params['interconnect'] ?? '' };
  const g = await this.ctx.api.generateFeatureGuidance(ref, issued(this).uuid);
  const list = field(g.responseBody, 'featureGuidance');
  const theirs = Array.isArray(list) ? list.flatMap((x) => { const r = field(field(x, 'l3BaseGuidance'), 'mtuRanges'); return Array.isArray(r) ? (r as Array<{ stop?: number }>) : []; }) : [];
  const candidateMax = theirs.length > 0 ? Math.max(...theirs.map((r) => r.stop ?? 0)) : Infinity;
  const best = Math.min(9000, candidateMax);
  const lower = ps.filter((p) => p.config.mtuBytes !== best);
  this.judge('CC-NEG-048', lower.length === 0, `${lower.length} proposal(s) chose an MTU other than ${best} (the largest both support): ${lower.map((p) => p.config.mtuBytes).join(', ')}`, [...evidence(this, lower.map((p) => p.call), 2), this.ev(g)], { rootCauses: ['CC-NEG-047'] });
});

Given('the kit holds back its own notification', function (this: CtkWorld) { this.ctx.peer.holdNotifications(true); });

Then('the candidate notified the kit once its features were final', function (this: CtkWorld) {
  const n = conversation(this).find((c) => c.operation === 'NotifyConnectionStatus');
  this.judge('CC-NEG-054', n !== undefined, `no NotifyConnectionStatus from the candidate within ${this.ctx.settleMs} ms`, n !== undefined ? evidence(this, [n]) : evidence(this, conversation(this), 4), { hard: true, rootCauses: ['CC-AK-020', 'CC-NEG-041', 'CC-NEG-052', 'CC-NEG-012', 'CC-NEG-013'] });
});

Then('the candidate\'s connection is not verified while the kit has not notified', async function (this: CtkWorld) {
  const e = await this.ctx.api.getConnection(placedRef(this), issued(this).uuid);
  const state = field(e.responseBody, 'verificationState');
  this.judge('CC-NEG-055', ok(e) && state !== 'VERIFICATION_STATE_VERIFIED', `the candidate's connection is ${String(state)} before the kit notified`, [this.ev(e), expectation('not VERIFIED before the kit has notified', String(state))], { rootCauses: ['CC-NEG-014'] });
});

When('the kit releases its notification', function (this: CtkWorld) {
  // Where the log stood when the kit's notification left: the candidate's re-reads come after it (CC-NEG-039).
  this.expected = this.ctx.log.lastSeq;
  this.ctx.peer.holdNotifications(false);
});

Then('the candidate\'s connection becomes verified', async function (this: CtkWorld) {
  const ref = placedRef(this);
  let last = await this.ctx.api.getConnection(ref, issued(this).uuid);
  const v = await until(this.ctx.settleMs, async () => {
    last = await this.ctx.api.getConnection(ref, issued(this).uuid);
    return field(last.responseBody, 'verificationState') === 'VERIFICATION_STATE_VERIFIED' ? last : undefined;
  });
  this.judge('CC-NEG-055', v !== undefined, `the candidate's connection did not become VERIFIED within ${this.ctx.settleMs} ms after both notifications`, [this.ev(last)], { rootCauses: ['CC-NEG-014'] });
});

Given('the kit will refuse the key when the candidate confirms it', function (this: CtkWorld) {
  this.ctx.peer.misbehave({ operation: 'ConfirmActivationKey', times: 10, status: 200, body: { keyValid: false } });
});


Then('the candidate never asks the kit to create the connection', async function (this: CtkWorld) {
  await this.quietPeriod();
  const calls = conversation(this);
  const creates = calls.filter((c) => c.operation === 'CreateConnection');
  this.judge('CC-AK-021', creates.length === 0, 'the candidate asked the kit to create the connection after the kit refused the key', evidence(this, calls), { rootCauses: ['CC-AK-020'] });
});

Then('the candidate keeps no connection for the refused key', async function (this: CtkWorld) {
  const left = [];
  for (const ix of usableInterconnects(environment(this))) {
    const e = await this.ctx.api.getConnection(ix.ref, issued(this).uuid);
    if (ok(e)) left.push(e);
  }
  this.judge('CC-AK-022', left.length === 0, 'the candidate kept a connection for a key the kit refused', left.map((e) => this.ev(e)), { rootCauses: ['CC-AK-020', 'CC-AK-021'] });
});

Then('the candidate neither confirms the key nor asks the kit to create the connection', async function (this: CtkWorld) {
  const forbidden = (c: PeerCall): boolean => c.operation === 'ConfirmActivationKey' || c.operation === 'CreateConnection';
  await watchAfterRefusal(this, forbidden);
  const calls = this.ctx.peer.calls(this.mark).filter(forbidden);
  const id = this.tagged[0] ?? 'CC-AK-024';
  this.judge(id, calls.length === 0, `the candidate called ${calls.map((c) => c.operation).join(', ')} for a key it should have refused`, [this.ev(this.observed.at(-1)!), ...evidence(this, calls)]);
});

Given('the kit will answer the next connection request with a conflict', function (this: CtkWorld) {
  this.ctx.peer.misbehave({ operation: 'CreateConnection', times: 1, status: 409 });
});

Then('the candidate asked again on another interconnect', function (this: CtkWorld) {
  const creates = conversation(this).filter((c) => c.operation === 'CreateConnection');
  const first = creates[0]?.params['interconnect'];
  const second = creates[1]?.params['interconnect'];
  this.judge('CC-NEG-056', creates.length >= 2 && second !== first, creates.length < 2 ? 'the candidate gave up after one conflict' : `the retry went to ${String(second)}, the interconnect that refused`, evidence(this, creates), { rootCauses: ['CC-AK-020'] });
});

Given('the kit will answer the next {int} connection requests as unavailable', function (this: CtkWorld, n: number) {
  this.ctx.peer.misbehave({ operation: 'CreateConnection', times: n, status: 503 });
});

Then('the candidate retried until the kit answered', function (this: CtkWorld) {
  const all = this.ctx.peer.calls(this.mark);
  const creates = all.filter((c) => c.operation === 'CreateConnection');
  const succeeded = creates.some((c) => c.status >= 200 && c.status <= 299);
  // A retry on the same interconnect must follow a fresh read of the environment or its interconnects; trying
  // the next interconnect within one round is not a retry.
  const reread = creates.every((c, i) => {
    const prev = creates.slice(0, i).reverse().find((p) => p.params['interconnect'] === c.params['interconnect']);
    return prev === undefined || all.some((x) => x.seq > prev.seq && x.seq < c.seq && /^(GetEnvironment|ListInterconnects|GetInterconnect)$/.test(x.operation));
  });
  this.judge('CC-NEG-058', creates.length >= 4 && succeeded && reread, !succeeded ? `the candidate stopped after ${creates.length} attempt(s)` : reread ? '' : 'the candidate retried without re-reading the environment or interconnect first',
    evidence(this, all.filter((c) => c.operation !== 'ConfirmActivationKey'), 10), { rootCauses: ['CC-AK-020'] });
});

Then('the gaps between its attempts grew', function (this: CtkWorld) {
  // Gaps between retry rounds: attempts on the same interconnect.
  const all = conversation(this).filter((c) => c.operation === 'CreateConnection');
  const firstIx = all[0]?.params['interconnect'];
  const creates = all.filter((c) => c.params['interconnect'] === firstIx);
  const gaps = creates.slice(1).map((c, i) => c.at - (creates[i]?.at ?? c.at));
  const growing = gaps.length >= 2 && gaps.every((g, i) => i === 0 || g >= (gaps[i - 1] ?? 0) * 1.2) && (gaps[0] ?? 0) >= 50;
  this.judge('CC-NEG-059', growing, `gaps between attempts: ${gaps.map((g) => `${g} ms`).join(', ') || 'none'}`, [...evidence(this, creates, 5), expectation('each gap at least 1.2× the previous, the first at least 50 ms', gaps.join(', '))], { rootCauses: ['CC-NEG-058'] });
});
