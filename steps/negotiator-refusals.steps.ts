/**
 * Steps for features/negotiator.feature on refusals: keys the candidate must refuse on its own checks, and the
 * candidate's recovery after the kit refuses one of its proposals.
 * @packageDocumentation
 */
import { Given, Then, When } from '@cucumber/cucumber';
import { randomUUID } from 'node:crypto';
import { featureSetMismatch, refusalFollowUps, type HeldFeature } from '../src/checks/index.js';
import { ok } from '../src/peer/negotiator.js';
import { expectation, note } from '../src/runner/evidence.js';
import { lastSegment, usableInterconnects } from '../src/runner/topology.js';
import { listOf } from './support/body.js';
import { asNegotiatorCall, callEvidence, conversation, issued, placedRef, proposals, PROPOSAL_ROOT_CAUSES, watchAfterRefusal } from './support/conversation.js';
import { environment, unofferedSize } from './support/setup.js';
import type { CtkWorld } from './support/world.js';

function reissue(w: CtkWorld, env: string, bandwidthMbps: number): void {
  const uuid = randomUUID();
  const encodedKey = w.ctx.peer.issueKey({ env, bandwidthMbps, accountId: w.ctx.config.candidate.accountId, uuid });
  w.issued = { encodedKey, uuid, env, bandwidthMbps };
}

Given('the kit\'s key names an environment the candidate does not share with the kit', function (this: CtkWorld) {
  const known = new Set(this.ctx.topology.environments.map((e) => e.id));
  let env = 'ctk-unshared-environment';
  while (known.has(env)) env = `${env}-x`;
  reissue(this, env, issued(this).bandwidthMbps);
});

Given('the kit\'s key asks for a bandwidth the candidate\'s environment does not offer', function (this: CtkWorld) {
  const env = environment(this);
  const size = unofferedSize(env);
  if (size === undefined) return this.notApplicableAll(`every probe size is one the environment offers (${env.sizes.join(', ')})`);
  reissue(this, env.id, size);
  return undefined;
});

Given('the kit vouches for its key wherever the candidate confirms it', function (this: CtkWorld) {
  // Only the candidate's own check of the environment can then stop it.
  this.ctx.peer.misbehave({ operation: 'ConfirmActivationKey', times: 10, status: 200, body: { keyValid: true } });
});

When('the customer enters that key at the candidate', async function (this: CtkWorld) {
  this.observed.push(await this.ctx.hooks!.acceptKey(issued(this).encodedKey, this.ctx.config.candidate.accountId));
  for (const e of this.ctx.topology.environments) for (const ix of usableInterconnects(e)) this.cleanup.push({ ref: ix.ref, id: issued(this).uuid });
});

Then('the candidate neither places the connection on the kit nor keeps one, as {requirement} requires', async function (this: CtkWorld, id: string) {
  const { uuid } = issued(this);
  await watchAfterRefusal(this, (c) => c.operation === 'CreateConnection' && c.query['connectionId'] === uuid);
  const calls = conversation(this);
  const creates = calls.filter((c) => c.operation === 'CreateConnection');
  const kept = [];
  for (const e of this.ctx.topology.environments) {
    for (const ix of usableInterconnects(e)) {
      const r = await this.ctx.api.getConnection(ix.ref, uuid);
      if (ok(r)) kept.push(r);
    }
  }
  const confirmed = calls.some((c) => c.operation === 'ConfirmActivationKey');
  const entry = this.observed.at(-1)!;
  this.judge(id, creates.length === 0 && kept.length === 0, creates.length > 0 ? 'the candidate asked the kit to create the connection for a key it should have refused' : 'the candidate kept a connection for a key it should have refused',
    [this.ev(entry), ...callEvidence(this, calls, 4), ...kept.map((e) => this.ev(e)), expectation('no CreateConnection on the kit and no connection on the candidate\'s side', `${creates.length} CreateConnection call(s); ${kept.length} connection(s) kept`)],
    { interpretation: confirmed ? 'D80: the candidate confirmed the key with the kit before refusing it' : 'D80: the candidate refused the key without confirming it' });
});

Given('the kit will refuse the candidate\'s first proposal as a conflict', function (this: CtkWorld) {
  this.ctx.peer.misbehave({ operation: 'CreateFeature', times: 1, status: 409, body: { error: { code: 409, message: 'refused on purpose by interconnect-ctk: the resource changed meanwhile', status: 'ABORTED' } } });
});

function ownFeatures(body: unknown): HeldFeature[] {
  return listOf(body, 'features').map((f) => {
    const rec = typeof f === 'object' && f !== null ? (f as Record<string, unknown>) : {};
    return { id: lastSegment(rec['name']), channel: lastSegment(rec['channel']) };
  });
}

Then('the candidate and the kit hold the same features, the refused channel settled or the connection removed', async function (this: CtkWorld) {
  const refused = proposals(this).find((p) => p.call.status === 409);
  if (refused === undefined) {
    this.judge('CC-NEG-062', false, 'the candidate made no proposal for the kit to refuse', callEvidence(this, conversation(this)), { rootCauses: PROPOSAL_ROOT_CAUSES });
    return;
  }
  const { env, ix } = placedRef(this);
  const { uuid } = issued(this);
  const kit = this.ctx.peer.kitConnection(env, ix, uuid);
  const own = await this.ctx.api.getConnection({ env, ix }, uuid);
  if (kit === undefined && own.status === 404) {
    this.judge('CC-NEG-062', true, '', [this.ev(own), note('the candidate removed the connection on both sides after the refusal')], { interpretation: 'cleaned up after the refusal' });
    return;
  }
  const list = await this.ctx.api.listFeatures({ env, ix }, uuid);
  const peerHeld = (kit?.features ?? []).map((f) => ({ id: String(f['id'] ?? ''), channel: String(f['channelId'] ?? '') }));
  const { onlyOwn, onlyPeer } = featureSetMismatch(ownFeatures(list.responseBody), peerHeld);
  const settled = peerHeld.some((f) => f.channel === refused.channel);
  const problems = [
    ...(onlyOwn.length > 0 ? [`the candidate holds features the kit does not on ${onlyOwn.join(', ')}`] : []),
    ...(onlyPeer.length > 0 ? [`the kit holds features the candidate does not on ${onlyPeer.join(', ')}`] : []),
    ...(settled ? [] : [`the refused channel ${refused.channel} ended with no feature at the kit while the connection stays`]),
  ];
  this.judge('CC-NEG-062', problems.length === 0, problems.join('; '),
    [...callEvidence(this, [refused.call], 1), this.ev(list), expectation(`after the refusal on ${refused.channel}: the same features on both sides with one on ${refused.channel}, or the connection removed on both sides`, problems.join('; ') || 'as expected')],
    { interpretation: 'new values after the refusal', rootCauses: PROPOSAL_ROOT_CAUSES });
});

Then('the candidate asked the kit for guidance again before proposing on the refused channel again', function (this: CtkWorld) {
  const follow = refusalFollowUps(conversation(this).map(asNegotiatorCall))[0];
  if (follow === undefined) {
    this.judge('CC-NEG-061', false, 'the candidate made no proposal for the kit to refuse', [], { rootCauses: [...PROPOSAL_ROOT_CAUSES, 'CC-NEG-062'] });
    return;
  }
  if (follow.retry === undefined) {
    const reason = `the candidate made no new proposal on ${follow.channel} after the refusal`;
    if (this.failedEarlier(['CC-NEG-062']) !== undefined) this.judge('CC-NEG-061', false, reason, [], { rootCauses: ['CC-NEG-062'] });
    else this.notApplicable('CC-NEG-061', `${reason}: it removed the connection instead, which CC-NEG-062 allows`);
    return;
  }
  const between = conversation(this).filter((c) => c.seq >= follow.refused.seq && c.seq <= follow.retry!.seq);
  this.judge('CC-NEG-061', follow.guidanceBetween, `the candidate proposed again on ${follow.channel} without asking the kit for guidance first`,
    [...callEvidence(this, between, 6), expectation('CreateFeature (refused) → GenerateFeatureGuidance → CreateFeature on the same channel (ERRATA D55)', between.map((c) => `${c.operation} ${c.status}`).join(' → '))],
    { rootCauses: PROPOSAL_ROOT_CAUSES });
});
