/**
 * Steps for features/macsec.feature, the candidate as receiver: the kit manages some channels and hands the
 * candidate keys for them (creates, rotation rules, deletes, requests for the candidate's own channels), and the
 * manager split the candidate publishes. Key checks are src/checks/macsec.ts; channel states steps/support/macsec.ts.
 * @packageDocumentation
 */
import { After, Given, Then, When } from '@cucumber/cucumber';
import { activationTrace, clearlyBaking, declineOf, managerSplit, startTimeProblem, type ObservedKey } from '../src/checks/macsec.js';
import { ok } from '../src/peer/negotiator.js';
import type { Evidence } from '../src/report/schema.js';
import { answered, expectation, note } from '../src/runner/evidence.js';
import { usableInterconnects } from '../src/runner/topology.js';
import {
  bakingKitChannel, channelsManagedBy, judgeDeclines, keyEvidence, kitChannelInRotation, kitChannelStates, label, LONG, managerOf, readKeys, readyKitChannel,
  refusedRotation, scene, sendKey, sentWith, single, skipScenario, tidy, watchActivation, type ManagedChannel,
} from './support/macsec.js';
import { environment } from './support/setup.js';
import type { CtkWorld } from './support/world.js';

const CLAIMED_START = '2001-01-01T00:00:00Z';
const NO_KIT_CHANNELS = 'the candidate manages every channel itself: the kit manages none, so the candidate never receives a key (see CC-MS-023)';

After({ tags: '@macsec', timeout: LONG.timeout }, async function (this: CtkWorld) { await tidy(this); });

Then('every channel names the candidate or the kit as its MACsec manager', function (this: CtkWorld) {
  const channels = usableInterconnects(environment(this)).flatMap((ix) => ix.channels.map((ch) => ({ ix, ch })));
  const odd = channels.filter((c) => managerOf(this, c.ch) === 'other');
  this.judge('CC-MS-021', channels.length > 0 && odd.length === 0, `${odd.length} channel(s) name neither provider: ${odd.slice(0, 4).map((c) => `${label(c)} → ${JSON.stringify(c.ch.resource['macsecManagerProvider']) ?? 'absent'}`).join('; ')}`,
    [expectation(`macsecManagerProvider providers/${this.ctx.config.candidate.providerId} or providers/${this.ctx.config.kit.providerId} on every channel`, odd.length === 0 ? `as expected on ${channels.length} channel(s)` : `${odd.length} channel(s) name neither`), splitTable(this)]);
});

function splitTable(w: CtkWorld): Evidence {
  const rows = usableInterconnects(environment(w)).map((ix) => {
    const s = managerSplit(ix.channels.map((c) => c.resource['macsecManagerProvider']), w.ctx.config.kit.providerId, w.ctx.config.candidate.providerId);
    return [ix.id, String(ix.channels.length), String(s.kit), String(s.candidate), String(s.other), s.even ? 'even' : 'uneven'];
  });
  return { kind: 'table', title: 'MACsec managers per interconnect', columns: ['interconnect', 'channels', 'kit manages', 'candidate manages', 'neither', 'split'], rows };
}

Then('each provider manages half the channels of every interconnect', function (this: CtkWorld) {
  const uneven = usableInterconnects(environment(this)).filter((ix) => !managerSplit(ix.channels.map((c) => c.resource['macsecManagerProvider']), this.ctx.config.kit.providerId, this.ctx.config.candidate.providerId).even);
  this.judge('CC-MS-022', uneven.length === 0, `management is not split evenly on ${uneven.map((ix) => ix.id).join(', ')}`, [splitTable(this)],
    { interpretation: 'half the channels naming either provider, rounded either way, for each of them' });
});

Then('the candidate lets the kit manage some of its channels', function (this: CtkWorld) {
  const mine = channelsManagedBy(this, 'kit');
  this.judge('CC-MS-023', mine.length > 0, NO_KIT_CHANNELS, [splitTable(this)]);
});

Then('every channel answers for its MACsec keys', LONG, async function (this: CtkWorld) {
  const bad: Evidence[] = [];
  let count = 0;
  for (const ix of usableInterconnects(environment(this))) {
    for (const ch of ix.channels) {
      count += 1;
      const r = await readKeys(this, { ix, ch });
      if (r.keys === undefined) bad.push(this.ev(r.exchange));
    }
  }
  this.judge('CC-MS-020', count > 0 && bad.length === 0, `${bad.length} of ${count} channel(s) did not list their MACsec keys`, [expectation('ListMacSecKeys answers 200 with a macSecKeys list on every channel', bad.length === 0 ? `as expected on ${count} channel(s)` : `${bad.length} failed`), ...bad.slice(0, 4)],
    { interpretation: 'D64: the key operations must exist on every channel; MACsec need not be in use' });
});

Given('two channels the kit manages on one interconnect hold no key yet', LONG, async function (this: CtkWorld) {
  if (channelsManagedBy(this, 'kit').length === 0) return this.notApplicableAll(NO_KIT_CHANNELS);
  const states = await kitChannelStates(this);
  const empties = new Map<string, ManagedChannel[]>();
  for (const s of states.filter((x) => x.state === 'empty')) empties.set(s.mc.ix.id, [...(empties.get(s.mc.ix.id) ?? []), s.mc]);
  const pair = [...empties.values()].find((list) => list.length >= 2);
  if (pair === undefined) return this.notApplicableAll(`no interconnect has two channels the kit manages without a key (${states.map((s) => `${label(s.mc)} ${s.state}`).join(', ')}): first keys were installed before`);
  const [a, b] = pair as [ManagedChannel, ManagedChannel];
  scene(this).channel = a;
  scene(this).other = b;
  return undefined;
});

When('the kit installs a first key on both at once, claiming a start time in 2001 and an inactive state', LONG, async function (this: CtkWorld) {
  const s = scene(this);
  await Promise.all([single(this), s.other!].map((mc) => sendKey(this, mc, 'first', 'accept', { startTime: CLAIMED_START, active: false })));
});

Then('the candidate accepts both first keys', function (this: CtkWorld) {
  const sent = scene(this).sent;
  const refused = sent.filter((x) => !ok(x.exchange));
  this.judge('CC-MS-010', sent.length >= 2 && refused.length === 0, `the candidate refused ${refused.length} of ${sent.length} first keys sent at once to ${sent.map((x) => label(x.at)).join(' and ')}`,
    [...keyEvidence(this, refused.length > 0 ? refused : sent), expectation('2xx for every first key, whatever is happening on the other channels', sent.map((x) => answered(x.exchange)).join('; '))],
    { interpretation: 'D30/D31: first keys are exempt from the one-at-a-time rule and the bake time', hard: true });
});

Then('each key starts at the candidate\'s clock when it accepted the key', LONG, async function (this: CtkWorld) {
  const accepted = scene(this).sent.filter((x) => ok(x.exchange));
  const problems: string[] = [];
  const evidence: Evidence[] = [];
  for (const x of accepted) {
    const read = await this.ctx.api.getMacSecKey(x.at.ix.ref, x.at.ch.id, x.keyId);
    const claimed = (x.exchange.requestBody as Record<string, unknown> | undefined)?.['startTime'];
    const problem = startTimeProblem((read.responseBody as Record<string, unknown> | undefined)?.['startTime'], x.sentAt, x.answeredAt, typeof claimed === 'string' ? claimed : undefined);
    if (problem !== undefined) problems.push(`${label(x.at)} ${x.keyId}: ${problem}`);
    evidence.push(this.ev(read));
  }
  this.judge('CC-MS-002', accepted.length > 0 && problems.length === 0, problems.join('; ') || 'no key was accepted',
    [expectation('startTime = the time the candidate accepted the key (5 minutes slack), not what the request claimed', problems.join('; ') || 'as expected'), ...evidence.slice(0, 3)],
    { rootCauses: ['CC-MS-001', 'CC-MS-010'] });
});

Then('both keys become active whatever the kit claimed', LONG, async function (this: CtkWorld) {
  const sent = scene(this).sent.filter((x) => ok(x.exchange));
  const traces = await Promise.all(sent.map((x) => watchActivation(this, x.at, x.keyId, this.ctx.settleMs)));
  const inactive = sent.filter((_, i) => traces[i]?.newActive !== true).map((x) => `${label(x.at)} ${x.keyId}`);
  this.judge('CC-MS-016', sent.length > 0 && inactive.length === 0, `key(s) sent with "active": false never became active: ${inactive.join(', ')}`,
    [expectation('active = true once the key is live, whatever the request said (active is output only)', inactive.length === 0 ? 'every key active' : `${inactive.length} inactive after ${this.ctx.settleMs} ms`), ...scene(this).reads.slice(-2).map((r) => this.ev(r.exchange))],
    { interpretation: 'D47: the receiver sets active itself' });
});

Given('a channel the kit manages holds one key and is free to rotate', LONG, async function (this: CtkWorld) {
  if (channelsManagedBy(this, 'kit').length === 0) return this.notApplicableAll(NO_KIT_CHANNELS);
  scene(this).channel = await readyKitChannel(this);
  return undefined;
});

When('the kit sends a new key for that channel', LONG, async function (this: CtkWorld) {
  await sendKey(this, single(this), 'rotation', 'accept');
});

Then('the candidate accepts the new key', LONG, async function (this: CtkWorld) {
  const x = sentWith(this, 'accept').at(-1)!;
  if (!ok(x.exchange)) await refusedRotation(this, x.at, x);
  this.judge('CC-MS-001', true, '', [this.ev(x.exchange)]);
});

Then('the new key becomes active and the older key inactive', LONG, async function (this: CtkWorld) {
  const x = sentWith(this, 'accept').at(-1)!;
  const t = await watchActivation(this, x.at, x.keyId, this.ctx.settleMs);
  const reads = scene(this).reads;
  this.judge('CC-MS-012', t.newActive && t.othersInactive, t.newActive ? `other key(s) still active: ${t.finalActive.filter((k) => k !== x.keyId).join(', ')}` : `the new key ${x.keyId} was not active after ${this.ctx.settleMs} ms`,
    [expectation(`${x.keyId} active, every older key inactive`, `active: ${t.finalActive.join(', ') || 'none'}`), ...[reads[0], reads.at(-1)].flatMap((r) => (r !== undefined ? [this.ev(r.exchange)] : []))],
    { interpretation: 'D47: the receiver marks the key active itself; the kit reads the keys until it does', rootCauses: ['CC-MS-001'] });
});

Then('the channel never shows two active keys at once', function (this: CtkWorld) {
  const reads = scene(this).reads;
  const t = activationTrace(reads.map((r) => r.keys), sentWith(this, 'accept').at(-1)?.keyId ?? '');
  const at = reads[t.doubleActiveAt];
  this.judge('CC-MS-011', reads.length > 0 && t.doubleActiveAt < 0, `read ${t.doubleActiveAt + 1} of ${reads.length} showed ${at?.keys.filter((k) => k.active === true).map((k) => k.id).join(' and ') ?? ''} active together`,
    [expectation('at most one active key in every read', `${reads.length} read(s) every ${50} ms while the key went live`), ...(at !== undefined ? [this.ev(at.exchange)] : [])], { rootCauses: ['CC-MS-001'] });
});

Given('a channel the kit manages is in rotation', LONG, async function (this: CtkWorld) {
  if (channelsManagedBy(this, 'kit').length === 0) return this.notApplicableAll(NO_KIT_CHANNELS);
  scene(this).channel = (await kitChannelInRotation(this, false)).mc;
  return undefined;
});

When('the kit sends a new key to every other channel it manages on that interconnect', LONG, async function (this: CtkWorld) {
  const mc = single(this);
  for (const s of (await kitChannelStates(this)).filter((x) => x.mc.ix.id === mc.ix.id && label(x.mc) !== label(mc))) {
    if (s.state === 'unreadable') continue;
    // A channel without a key first gets one (first keys may go in while another channel rotates), then its rotation is tried.
    if (s.state === 'empty' && !ok((await sendKey(this, s.mc, 'first', 'either')).exchange)) continue;
    const sent = await sendKey(this, s.mc, 'rotation', 'decline-busy');
    if (ok(sent.exchange)) scene(this).untidy.push(s.mc);
  }
});

When('the kit sends a third key for the channel in rotation', LONG, async function (this: CtkWorld) {
  const sent = await sendKey(this, single(this), 'rotation', 'decline-third');
  if (ok(sent.exchange)) scene(this).untidy.push(single(this));
});

Then('the candidate declines every new key for a channel that already holds one', function (this: CtkWorld) {
  const sent = sentWith(this, 'decline-busy');
  if (sent.length === 0) {
    this.notApplicable('CC-MS-007', `no other channel the kit manages on ${single(this).ix.id} holds a key, so no second rotation could be tried there`);
    return;
  }
  judgeDeclines(this, 'CC-MS-007', sent, `key(s) that would put a second channel of ${single(this).ix.id} into rotation`);
});

Then('it declines the third key', function (this: CtkWorld) {
  judgeDeclines(this, 'CC-MS-005', sentWith(this, 'decline-third'), `third key(s) on ${label(single(this))}`);
});

Then('the interconnect holds no more keys than it has channels, plus one', LONG, async function (this: CtkWorld) {
  const mc = single(this);
  const counts: string[][] = [];
  let total = 0;
  for (const ch of mc.ix.channels) {
    const r = await readKeys(this, { ix: mc.ix, ch });
    total += r.keys?.length ?? 0;
    counts.push([ch.id, managerOf(this, ch), r.keys === undefined ? `unreadable (${r.exchange.status})` : String(r.keys.length)]);
  }
  const limit = mc.ix.channels.length + 1;
  this.judge('CC-MS-006', total <= limit, `interconnect ${mc.ix.id} holds ${total} keys, more than N+1 = ${limit}`,
    [expectation(`at most ${limit} keys on ${mc.ix.id} after the kit offered a key to every channel it manages while one rotates`, `${total} key(s)`),
      { kind: 'table', title: `MACsec keys on ${mc.ix.id}`, columns: ['channel', 'manager', 'keys'], rows: counts }],
    { interpretation: 'D31: in rotation = 2 keys; the kit can only offer keys on the channels it manages, so N+1 is provoked only where it manages more than half', rootCauses: ['CC-MS-005', 'CC-MS-007'] });
});

Then('every refusal under the rotation rules is a 409 Conflict', function (this: CtkWorld) {
  const declined = sentWith(this, 'decline-busy', 'decline-bake', 'decline-manager').filter((x) => declineOf(x.exchange.status).declined);
  if (declined.length === 0) {
    const cause = this.failedEarlier(['CC-MS-003', 'CC-MS-007', 'CC-MS-008']);
    if (cause !== undefined) this.judge('CC-MS-004', false, 'nothing was declined to look at', [], { rootCauses: [cause] });
    else this.notApplicable('CC-MS-004', 'nothing was declined under the rotation rules in this scenario');
    return;
  }
  const other = declined.filter((x) => !declineOf(x.exchange.status).conflict);
  this.judge('CC-MS-004', other.length === 0, `refused with ${[...new Set(other.map((x) => x.exchange.status))].join(', ')} instead of 409`,
    [...keyEvidence(this, other.length > 0 ? other : declined, 2), expectation('409 Conflict', declined.map((x) => String(x.exchange.status)).join(', '))], { interpretation: 'D49: 409 recommended; other 4xx still count as declined for the MUST' });
});

Given('a channel the kit manages is in rotation, with its new key active', LONG, async function (this: CtkWorld) {
  if (channelsManagedBy(this, 'kit').length === 0) return this.notApplicableAll(NO_KIT_CHANNELS);
  scene(this).channel = (await kitChannelInRotation(this, true)).mc;
  return undefined;
});

async function deleteWhere(w: CtkWorld, active: boolean): Promise<void> {
  const mc = single(w);
  const r = await readKeys(w, mc);
  for (const k of (r.keys ?? []).filter((x) => (x.active === true) === active)) {
    scene(w).deletes.push({ keyId: k.id, wasActive: active, exchange: await w.ctx.api.deleteMacSecKey(mc.ix.ref, mc.ch.id, k.id) });
  }
}

When('the kit deletes the active key', LONG, async function (this: CtkWorld) { await deleteWhere(this, true); });
When('the kit deletes the old key', LONG, async function (this: CtkWorld) { await deleteWhere(this, false); });

async function stillThere(w: CtkWorld, mc: ManagedChannel): Promise<{ ids: Set<string>; keys: ObservedKey[]; exchange: ReturnType<CtkWorld['ev']> }> {
  const r = await readKeys(w, mc);
  return { ids: new Set((r.keys ?? []).map((k) => k.id)), keys: r.keys ?? [], exchange: w.ev(r.exchange) };
}

Then('the candidate keeps the active key', LONG, async function (this: CtkWorld) {
  const tried = scene(this).deletes.filter((d) => d.wasActive);
  const after = await stillThere(this, single(this));
  const gone = tried.filter((d) => !declineOf(d.exchange.status).declined || !after.ids.has(d.keyId));
  this.judge('CC-MS-013', tried.length > 0 && gone.length === 0, tried.length === 0 ? 'no key was active to try' : `the candidate deleted the active key ${gone.map((d) => d.keyId).join(', ')} (${gone.map((d) => answered(d.exchange)).join('; ')})`,
    [...tried.slice(0, 2).map((d) => this.ev(d.exchange)), after.exchange, expectation('DeleteMacSecKey of the active key declined (4xx) and the key still listed', tried.map((d) => String(d.exchange.status)).join(', '))],
    { rootCauses: ['CC-MS-012'] });
});

Then('the candidate deletes the old key', LONG, async function (this: CtkWorld) {
  const tried = scene(this).deletes.filter((d) => !d.wasActive);
  const after = await stillThere(this, single(this));
  const kept = tried.filter((d) => !ok(d.exchange) || after.ids.has(d.keyId));
  this.judge('CC-MS-015', tried.length > 0 && kept.length === 0, tried.length === 0 ? 'no inactive key to delete' : `the candidate kept the inactive key ${kept.map((d) => d.keyId).join(', ')} (${kept.map((d) => answered(d.exchange)).join('; ')})`,
    [...tried.slice(0, 2).map((d) => this.ev(d.exchange)), after.exchange], { rootCauses: ['CC-MS-012', 'CC-MS-013'] });
});

Given('a channel the kit rotated less than two hours ago', LONG, async function (this: CtkWorld) {
  if (channelsManagedBy(this, 'kit').length === 0) return this.notApplicableAll(NO_KIT_CHANNELS);
  scene(this).channel = await bakingKitChannel(this);
  return undefined;
});

When('the kit sends another new key for that channel', LONG, async function (this: CtkWorld) {
  const sent = await sendKey(this, single(this), 'rotation', 'decline-bake');
  if (ok(sent.exchange)) scene(this).untidy.push(single(this));
});

Then('the candidate declines the key inside the bake time', function (this: CtkWorld) {
  judgeDeclines(this, 'CC-MS-008', sentWith(this, 'decline-bake'), `second rotation(s) of ${label(single(this))} inside its 2-hour bake time`);
});

Given('another channel the kit manages on that interconnect is free to rotate', LONG, async function (this: CtkWorld) {
  const mc = single(this);
  const states = await kitChannelStates(this);
  const rest = states.find((s) => label(s.mc) === label(mc));
  if (rest === undefined || !clearlyBaking(rest.keys, Date.now())) return skipScenario(this, `${label(mc)} is no longer inside its bake time`);
  const others = states.filter((s) => s.mc.ix.id === mc.ix.id && label(s.mc) !== label(mc));
  const free = others.find((s) => s.state === 'ready') ?? others.find((s) => s.state === 'empty');
  if (free === undefined || others.some((s) => s.state === 'in-rotation')) return this.notApplicableAll(`no other channel the kit manages on ${mc.ix.id} is free to rotate (${others.map((s) => `${label(s.mc)} ${s.state}`).join(', ') || 'none'})`);
  if (free.state === 'empty') {
    const first = await sendKey(this, free.mc, 'first', 'either');
    if (!ok(first.exchange)) return skipScenario(this, `the candidate refused a first key on ${label(free.mc)} (${answered(first.exchange)})`);
  }
  scene(this).other = free.mc;
  return undefined;
});

When('the kit sends a new key for that other channel', LONG, async function (this: CtkWorld) {
  const sent = await sendKey(this, scene(this).other!, 'rotation', 'either');
  if (ok(sent.exchange)) scene(this).untidy.push(scene(this).other!);
});

Then('the candidate\'s reading of the bake time is reported', function (this: CtkWorld) {
  const x = sentWith(this, 'either').at(-1)!;
  const held = declineOf(x.exchange.status).declined;
  this.judge('CC-MS-009', true, '', [this.ev(x.exchange), note(`a rotation of ${label(x.at)} while ${label(single(this))} rests after its rotation was ${held ? 'declined' : 'accepted'}`)],
    { interpretation: held ? 'D30 reading 1: the bake time holds back every channel of the interconnect' : 'D30 reading 2: the bake time holds back only the rotated channel' });
});
