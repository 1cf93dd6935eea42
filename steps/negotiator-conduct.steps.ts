/**
 * Steps for features/negotiator.feature on how the candidate conducts the negotiation: where it places the
 * connection, which names it uses, which VLANs it avoids and whether it reads the kit's side again after the
 * kit's notification.
 * @packageDocumentation
 */
import { Given, Then } from '@cucumber/cucumber';
import { inRanges, unagreedNames, type AgreedNames } from '../src/checks/index.js';
import { ok, proposeFeature, requestGuidance } from '../src/peer/negotiator.js';
import { conformantProposal } from '../src/peer/proposals.js';
import { expectation, peerCallEvidence } from '../src/runner/evidence.js';
import { usableInterconnects } from '../src/runner/topology.js';
import { asNegotiatorCall, callEvidence, conversation, issued, NARROW } from './support/conversation.js';
import { recordVlanInUse } from './support/negotiator-conduct.js';
import { confirmedKey, environment, place, roomiest, usedBandwidth } from './support/setup.js';
import type { CtkWorld } from './support/world.js';

/** The first VLAN of the kit's narrow guidance: the one a negotiator that ignores VLANs in use would take. */
const FIRST_GUIDED_VLAN = NARROW.vlanRanges?.[0]?.start ?? 3000;

Given('another connection already uses the kit\'s first guided VLAN on one channel of every interconnect', async function (this: CtkWorld) {
  // Without the activation-keys hook the kit cannot negotiate the other connection; CC-NEG-068 is then not applicable.
  if (!this.ctx.hooksPresent.has('activation-keys')) return;
  for (const ix of usableInterconnects(environment(this))) {
    const ch = ix.channels[0];
    const conn = await place(this, await confirmedKey(this), ix);
    if (ch === undefined || !ok(conn.exchange)) continue;
    const theirs = (await requestGuidance(this.ctx.api, conn.ref, conn.id)).guidance.find((g) => g.channel.split('/').pop() === ch.id)?.l3 ?? {};
    const p = conformantProposal(theirs, { subnets: [], vlans: [] }, this.ctx.peer.providerId, this.ctx.config.candidate.providerId);
    if (!p.ok || ((theirs.vlanRanges ?? []).length > 0 && !inRanges(FIRST_GUIDED_VLAN, theirs.vlanRanges ?? []))) continue;
    const f = await proposeFeature(this.ctx.api, this.ctx.peer.local, conn, ch.name, ch.id, { ...p.config, vlanId: FIRST_GUIDED_VLAN }, `ctk-other-${ch.id}`);
    if (ok(f.exchange)) recordVlanInUse(this, ix.id, f.exchange);
  }
});

Given('the kit already holds a connection on the interconnect with the most room', async function (this: CtkWorld) {
  // Needs two interconnects and the activation-keys hook; otherwise CC-NEG-057 is judged not applicable.
  const usable = usableInterconnects(environment(this));
  if (usable.length < 2 || !this.ctx.hooksPresent.has('activation-keys')) return;
  const { ix } = await roomiest(this);
  if (!ok((await place(this, await confirmedKey(this), ix)).exchange)) return;
  const rooms = [];
  for (const i of usable) rooms.push({ ix: i, room: i.maxBandwidthMbps - (await usedBandwidth(this, i.ref)) });
  rooms.sort((a, b) => b.room - a.room);
  if ((rooms[0]?.room ?? 0) > (rooms[1]?.room ?? 0)) this.target = rooms[0]?.ix;
});

Then('it placed the connection on the interconnect with the most room left', function (this: CtkWorld) {
  const target = this.target;
  if (target === undefined) {
    this.notApplicable('CC-NEG-057', 'no interconnect had plainly more room than the others (the kit needs two usable interconnects and the activation-keys hook to make one emptier; ERRATA D34)');
    return;
  }
  const creates = conversation(this).filter((c) => c.operation === 'CreateConnection');
  const first = creates[0];
  this.judge('CC-NEG-057', first?.params['interconnect'] === target.id, first === undefined ? 'the candidate never asked the kit to create the connection' : `the candidate placed the connection on ${first.params['interconnect'] ?? '?'} although ${target.id} had the most room`,
    [...callEvidence(this, creates, 3), expectation(`CreateConnection on ${target.id}, the interconnect with the most room after the kit's own connection (ERRATA D34)`, first?.params['interconnect'] ?? 'no CreateConnection')],
    { rootCauses: ['CC-AK-020'] });
});

Then('it named only the environment, interconnects and channels both sides agreed on', function (this: CtkWorld) {
  const agreed: AgreedNames = {
    environments: this.ctx.topology.environments.map((e) => ({ id: e.id, interconnects: e.interconnects.map((i) => ({ id: i.id, channels: i.channels.map((c) => c.id) })) })),
  };
  // ConfirmActivationKey's environment is judged on its own by CC-AK-028.
  const calls = this.ctx.peer.calls(this.mark).filter((c) => c.operation !== 'ConfirmActivationKey');
  const wrong = calls.filter((c) => unagreedNames([asNegotiatorCall(c)], agreed).length > 0);
  const problems = unagreedNames(calls.map(asNegotiatorCall), agreed);
  this.judge('CC-NEG-064', calls.length > 0 && wrong.length === 0, calls.length === 0 ? 'the candidate made no call to the kit' : problems.slice(0, 3).join('; '),
    [...callEvidence(this, wrong.length > 0 ? wrong : calls, 4), expectation('the environment, interconnect and channel ids both providers agreed on (the kit mirrors the candidate\'s)', problems[0] ?? 'as expected')]);
});

Then('the candidate read the connection\'s features back from the kit', async function (this: CtkWorld) {
  const { uuid } = issued(this);
  const since = this.expected ?? this.mark;
  const read = await this.ctx.peer.waitForCall((c) => (c.operation === 'ListFeatures' || c.operation === 'GetFeature') && c.params['connection'] === uuid, this.ctx.settleMs, since);
  const after = this.ctx.peer.calls(since).filter((c) => c.params['connection'] === uuid);
  this.judge('CC-NEG-039', read !== undefined, `the candidate did not read the connection's features from the kit within ${this.ctx.settleMs} ms of the kit's notification`,
    read !== undefined ? [peerCallEvidence(read, this.ctx.peer.baseUrl)] : [...callEvidence(this, after, 4), expectation('ListFeatures or GetFeature on the kit after the kit\'s NotifyConnectionStatus', after.map((c) => c.operation).join(' → ') || 'no call')],
    { rootCauses: ['CC-NEG-054'] });
});
