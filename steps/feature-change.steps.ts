/**
 * Steps for features/feature-change.feature: the candidate announces a change to a verified connection's features,
 * and re-creates a deleted feature on a channel it manages.
 * @packageDocumentation
 */
import { Given, Then, When } from '@cucumber/cucumber';
import { proposedChannel, readinessThreshold, subnetsOf } from '../src/checks/index.js';
import { ok, proposeFeature } from '../src/peer/negotiator.js';
import { conformantProposal } from '../src/peer/proposals.js';
import type { PeerCall } from '../src/peer/index.js';
import { answered, expectation, peerCallEvidence } from '../src/runner/evidence.js';
import { fieldOf } from './support/body.js';
import { channelsOf } from './support/rules.js';
import { guidanceFor, negotiateFeatures, placedConnection, until } from './support/setup.js';
import type { CtkWorld } from './support/world.js';

/** The candidate's next NotifyConnectionStatus for the scenario's connection after `since`, waiting up to the settle time. */
function notification(w: CtkWorld, since: number): Promise<PeerCall | undefined> {
  return w.ctx.peer.waitForCall((c) => c.operation === 'NotifyConnectionStatus' && c.params['connection'] === w.conn.id, w.ctx.settleMs, since);
}

Given('the candidate verified a connection the kit negotiated with features on all but one channel', async function (this: CtkWorld) {
  this.mark = this.ctx.log.lastSeq;
  const conn = await placedConnection(this);
  const n = channelsOf(this).length;
  const needed = readinessThreshold(n);
  if (needed >= n) return this.notApplicableAll(`with ${n} channels every channel needs a feature before the connection is verified (ERRATA D40, D41)`);
  await negotiateFeatures(this, conn, needed);
  // The candidate's notification says its features are final (CC-NEG-012, CC-NEG-013 judge that elsewhere).
  const told = await notification(this, this.mark);
  if (told === undefined) this.blockedBy('CC-NEG-013', `no NotifyConnectionStatus for the connection within ${this.ctx.settleMs} ms`, [], ['CC-NEG-012', 'CC-NEG-013']);
  const e = await this.ctx.api.notifyConnectionStatus(conn.ref, conn.id);
  if (!ok(e)) this.blockedBy('CC-NEG-016', `the candidate did not accept the kit's NotifyConnectionStatus (${answered(e)})`, [this.ev(e)], ['CC-NEG-016']);
  const verified = await until(this.ctx.settleMs, async () => {
    const r = await this.ctx.api.getConnection(conn.ref, conn.id);
    return fieldOf(r.responseBody, 'verificationState') === 'VERIFICATION_STATE_VERIFIED' ? r : undefined;
  });
  if (verified === undefined) this.blockedBy('CC-NEG-014', `the connection did not become VERIFIED within ${this.ctx.settleMs} ms of both notifications`, [], ['CC-NEG-014', 'CC-NEG-015']);
  return undefined;
});

When('the kit proposes a feature on the remaining channel', async function (this: CtkWorld) {
  const ch = channelsOf(this).find((c) => !this.features.some((f) => f.channelId === c.id));
  if (ch === undefined) throw new Error('internal: every channel already has a feature');
  const theirs = (await guidanceFor(this, this.conn)).get(ch.id)?.l3 ?? {};
  const p = conformantProposal(theirs, { subnets: this.features.flatMap((f) => subnetsOf(f.config)), vlans: [] }, this.ctx.peer.providerId, this.ctx.config.candidate.providerId);
  if (!p.ok) this.blockedBy('CC-NEG-004', `the guidance leaves no valid choice on ${ch.id}: ${p.reason}`, [], ['CC-NEG-004']);
  this.mark = this.ctx.log.lastSeq;
  const f = await proposeFeature(this.ctx.api, this.ctx.peer.local, this.conn, ch.name, ch.id, p.config);
  if (!ok(f.exchange)) this.blockedBy('CC-NEG-005', `a proposal that follows the guidance was refused on ${ch.id}`, [this.ev(f.exchange)], ['CC-NEG-005']);
  this.features.push(f);
});

Then('the candidate notifies the kit that the features changed, and again once they are final', async function (this: CtkWorld) {
  const added = this.features.at(-1)!;
  const first = await notification(this, this.mark);
  const second = first === undefined ? undefined : await notification(this, first.seq);
  const got = [first, second].filter((c): c is PeerCall => c !== undefined);
  const read = await this.ctx.api.getFeature(this.conn.ref, this.conn.id, added.id);
  this.judge('CC-LC-031', got.length >= 2, got.length === 0 ? 'the candidate sent no NotifyConnectionStatus after the feature change' : 'the candidate notified only once after the feature change (expected once for pending and once for final)',
    [this.ev(added.exchange), ...got.map((c) => peerCallEvidence(c, this.ctx.peer.baseUrl)), this.ev(read),
      expectation('two NotifyConnectionStatus after the change: features back to pending, then final again (ERRATA D26, D82)', `${got.length} notification(s) within ${this.ctx.settleMs} ms; the added feature now reads ${String(fieldOf(read.responseBody, 'provisioningState'))}`)],
    { rootCauses: ['CC-NEG-012'] });
});

When('the kit removes the feature of a channel the candidate manages', async function (this: CtkWorld) {
  const mine = `providers/${this.ctx.config.candidate.providerId.replace(/^providers\//, '')}`;
  const managed = new Set(channelsOf(this).filter((c) => c.resource['macsecManagerProvider'] === mine).map((c) => c.id));
  const f = this.features.find((x) => managed.has(x.channelId));
  if (f === undefined) return this.notApplicableAll('the candidate manages no channel that carries one of the kit\'s features (ERRATA D60: the MACsec manager stands in for the owner)');
  this.mark = this.ctx.log.lastSeq;
  const e = await this.ctx.api.deleteFeature(this.conn.ref, this.conn.id, f.id);
  if (!ok(e)) this.blockedBy('CC-LC-010', `the candidate refused the kit's DeleteFeature (${answered(e)})`, [this.ev(e)], ['CC-LC-010']);
  this.observed.push(e);
  return undefined;
});

Then('the candidate proposes a new feature on that channel to the kit', async function (this: CtkWorld) {
  const removal = this.observed.at(-1)!;
  const channel = this.features.find((f) => removal.url.endsWith(`/features/${f.id}`))?.channelId ?? '';
  const call = await this.ctx.peer.waitForCall((c) => c.operation === 'CreateFeature' && c.params['connection'] === this.conn.id && proposedChannel(c.body) === channel, this.ctx.settleMs, this.mark);
  this.judge('CC-LC-024', call !== undefined && call.status >= 200 && call.status <= 299, call === undefined ? `the candidate proposed no new feature on ${channel} within ${this.ctx.settleMs} ms of the kit removing it` : `the candidate's new proposal on ${channel} was refused (${call.status})`,
    [this.ev(removal), ...(call !== undefined ? [peerCallEvidence(call, this.ctx.peer.baseUrl)] : [expectation(`CreateFeature on ${channel} from the candidate, which manages that channel`, 'none received')])],
    { interpretation: 'D60: the channel\'s macsecManagerProvider taken as its owner' });
});
