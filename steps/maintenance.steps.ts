/**
 * Steps for features/maintenance.feature: the candidate's published windows, its NotifyMaintenance to the kit
 * when a customer schedules maintenance (hook POST /maintenance-events), its refusal of overlapping windows, and
 * its refresh when the kit notifies it. Window checks are src/checks/maintenance.ts.
 * @packageDocumentation
 */
import { Given, Then, When } from '@cucumber/cucumber';
import { freeSlot, idFindings, observedEvents, overlaps, windowFindings, type ChannelEvent, type ObservedEvent } from '../src/checks/maintenance.js';
import type { Exchange } from '../src/client/index.js';
import type { PeerCall } from '../src/peer/types.js';
import { ok } from '../src/peer/negotiator.js';
import type { Evidence } from '../src/report/schema.js';
import { answered, expectation, note, peerCallEvidence } from '../src/runner/evidence.js';
import { usableInterconnects, type ChannelInfo, type InterconnectInfo } from '../src/runner/topology.js';
import { skipScenario } from './support/macsec.js';
import { environment } from './support/setup.js';
import type { CtkWorld } from './support/world.js';

const LONG = { timeout: 10 * 60 * 1000 } as const;
const HOUR = 60 * 60 * 1000;
/** How far ahead the kit places windows: clear of anything a candidate runs today. */
const LEAD_MS = 30 * 24 * HOUR;

/** One channel's published events as the kit read them. */
interface ChannelRead { readonly ix: InterconnectInfo; readonly ch: ChannelInfo; readonly exchange: Exchange; readonly events: ObservedEvent[] | undefined; notify?: Exchange }

/** What a maintenance scenario accumulates between its steps. */
interface Scene {
  ix?: InterconnectInfo;
  a?: ChannelInfo;
  b?: ChannelInfo;
  start: number;
  readonly scheduled: Array<{ ch: ChannelInfo; startTime: string; endTime: string; reply: Exchange }>;
  readonly reads: ChannelRead[];
}

const scenes = new WeakMap<CtkWorld, Scene>();
function scene(w: CtkWorld): Scene {
  let s = scenes.get(w);
  if (s === undefined) {
    s = { start: 0, scheduled: [], reads: [] };
    scenes.set(w, s);
  }
  return s;
}

function iso(ms: number): string { return new Date(ms).toISOString(); }

async function readChannel(w: CtkWorld, ix: InterconnectInfo, ch: ChannelInfo): Promise<ChannelRead> {
  const exchange = await w.ctx.api.getMaintenanceEvents(ix.ref, ch.id);
  return { ix, ch, exchange, events: ok(exchange) ? observedEvents(exchange.responseBody) : undefined };
}

/** The first usable interconnect with two channels answering GetMaintenanceEvents; its reads. */
async function pickInterconnect(w: CtkWorld): Promise<{ ix: InterconnectInfo; reads: ChannelRead[] }> {
  for (const ix of usableInterconnects(environment(w))) {
    const reads = await Promise.all(ix.channels.map((ch) => readChannel(w, ix, ch)));
    if (reads.filter((r) => r.events !== undefined).length >= 2) return { ix, reads };
  }
  return skipScenario(w, 'no interconnect has two channels that answer GetMaintenanceEvents');
}

/** Every window on the interconnect: the candidate's as read and the kit's own. */
function busy(w: CtkWorld, ix: InterconnectInfo, reads: readonly ChannelRead[]): ObservedEvent[] {
  return [...reads.flatMap((r) => r.events ?? []), ...ix.channels.flatMap((ch) => w.ctx.peer.maintenanceEvents(ix.ref.env, ix.id, ch.id))];
}

/** Picks the interconnect and two answering channels, and the start of a 4-hour slot free on all of its channels. */
async function prepare(w: CtkWorld): Promise<Scene> {
  const s = scene(w);
  const { ix, reads } = await pickInterconnect(w);
  const [a, b] = reads.filter((r) => r.events !== undefined).map((r) => r.ch) as [ChannelInfo, ChannelInfo];
  Object.assign(s, { ix, a, b, start: freeSlot(busy(w, ix, reads), Date.now() + LEAD_MS, 4 * HOUR) });
  return s;
}

async function schedule(w: CtkWorld, ch: ChannelInfo, start: number, end: number): Promise<Exchange> {
  const reply = await w.ctx.hooks!.scheduleMaintenance(ch.name, iso(start), iso(end));
  scene(w).scheduled.push({ ch, startTime: iso(start), endTime: iso(end), reply });
  return reply;
}

function idOf(e: Exchange): string | undefined {
  const id = (e.responseBody as Record<string, unknown> | undefined)?.['maintenanceId'];
  return typeof id === 'string' && id !== '' ? id : undefined;
}

function callEvidence(w: CtkWorld, calls: readonly (PeerCall | undefined)[]): Evidence[] {
  return calls.flatMap((c) => (c !== undefined ? [peerCallEvidence(c, w.ctx.peer.baseUrl)] : []));
}

function windowsTable(reads: readonly ChannelRead[]): Evidence {
  return {
    kind: 'table', title: 'Maintenance windows the candidate publishes', columns: ['interconnect', 'channel', 'maintenanceId', 'startTime', 'endTime'],
    rows: reads.flatMap((r) => (r.events ?? []).map((e) => [r.ix.id, r.ch.id, String(e.maintenanceId), String(e.startTime), String(e.endTime)])).slice(0, 30),
  };
}

Given('an interconnect with time free for maintenance on two of its channels', LONG, async function (this: CtkWorld) {
  this.requireHook('maintenance-events');
  await prepare(this);
});

When('the customer schedules maintenance on both channels at different times', LONG, async function (this: CtkWorld) {
  const s = scene(this);
  this.mark = this.ctx.log.lastSeq;
  for (const [ch, offset] of [[s.a!, 0], [s.b!, 2 * HOUR]] as const) {
    const reply = await schedule(this, ch, s.start + offset, s.start + offset + 2 * HOUR);
    if (!ok(reply)) return skipScenario(this, `the candidate refused a window free on every channel of ${s.ix!.id} (${answered(reply)})`);
  }
  return undefined;
});

Then('the candidate notified the kit on each of the two channels', LONG, async function (this: CtkWorld) {
  const s = scene(this);
  const found = await Promise.all([s.a!, s.b!].map((ch) => this.ctx.peer.waitForCall((c) => c.operation === 'NotifyMaintenance' && c.params['channel'] === ch.id && c.params['interconnect'] === s.ix!.id, this.ctx.settleMs, this.mark)));
  const missing = [s.a!, s.b!].filter((_, i) => found[i] === undefined).map((ch) => ch.id);
  this.judge('CC-MNT-004', missing.length === 0, `no NotifyMaintenance reached the kit for ${missing.join(', ')} within ${this.ctx.settleMs} ms of scheduling`,
    [...callEvidence(this, found), ...s.scheduled.map((x) => this.ev(x.reply)), expectation('NotifyMaintenance on each channel where maintenance was scheduled', missing.length === 0 ? 'both arrived' : `missing on ${missing.join(', ')}`)]);
});

Then('the kit finds each new event among the channel\'s maintenance events', LONG, async function (this: CtkWorld) {
  const s = scene(this);
  const lost: string[] = [];
  const evidence: Evidence[] = [];
  for (const x of s.scheduled) {
    const r = await readChannel(this, s.ix!, x.ch);
    const id = idOf(x.reply);
    const hit = (r.events ?? []).find((e) => (id !== undefined ? e.maintenanceId === id : typeof e.startTime === 'string' && Date.parse(e.startTime) === Date.parse(x.startTime)));
    if (hit === undefined) lost.push(`${x.ch.id} (${id ?? x.startTime})`);
    evidence.push(this.ev(r.exchange));
  }
  this.judge('CC-MNT-005', lost.length === 0, `GetMaintenanceEvents does not list the new event on ${lost.join(', ')}`,
    [...evidence, expectation('the maintenanceId the hook returned, listed on its channel', lost.length === 0 ? 'both found' : `missing: ${lost.join(', ')}`)]);
});

Then('every maintenance event on the interconnect has an id of its own', LONG, async function (this: CtkWorld) {
  const s = scene(this);
  const reads = await Promise.all(s.ix!.channels.map((ch) => readChannel(this, s.ix!, ch)));
  const events: ChannelEvent[] = reads.flatMap((r) => (r.events ?? []).map((e) => ({ ...e, channel: r.ch.id })));
  const problems = idFindings(events);
  this.judge('CC-MNT-002', events.length >= 2 && problems.length === 0, events.length < 2 ? `only ${events.length} event(s) published on ${s.ix!.id}` : problems.slice(0, 3).map((p) => `${p.channel}: ${p.detail}`).join('; '),
    [windowsTable(reads), expectation('a distinct, non-empty maintenanceId on every event', problems.length === 0 ? `${events.length} distinct id(s)` : `${problems.length} problem(s)`)], { rootCauses: ['CC-MNT-005'] });
});

Given('the candidate has maintenance scheduled where it can be', LONG, async function (this: CtkWorld) {
  if (this.ctx.hooks === null || !this.ctx.hooksPresent.has('maintenance-events')) return;
  const s = await prepare(this);
  const reads = await Promise.all(s.ix!.channels.map((ch) => readChannel(this, s.ix!, ch)));
  if (reads.some((r) => (r.events ?? []).length > 0)) return;
  await schedule(this, s.a!, s.start, s.start + 2 * HOUR);
});

When('the kit reads the maintenance events of every channel and notifies each of them', LONG, async function (this: CtkWorld) {
  for (const ix of usableInterconnects(environment(this))) {
    for (const ch of ix.channels) {
      const r = await readChannel(this, ix, ch);
      r.notify = await this.ctx.api.notifyMaintenance(ix.ref, ch.id);
      scene(this).reads.push(r);
    }
  }
});

function missingOperation(e: Exchange | undefined): boolean {
  return e === undefined || e.status === 0 || e.status === 404 || e.status === 405 || e.status === 501 || e.status >= 500;
}

Then('every channel answers for its maintenance events and notifications', function (this: CtkWorld) {
  const reads = scene(this).reads;
  const bad = reads.filter((r) => r.events === undefined || missingOperation(r.notify));
  this.judge('CC-MNT-013', reads.length > 0 && bad.length === 0, `${bad.length} of ${reads.length} channel(s) lack an operation: ${bad.slice(0, 4).map((r) => `${r.ix.id}/${r.ch.id} GetMaintenanceEvents ${r.exchange.status}, NotifyMaintenance ${r.notify?.status ?? '-'}`).join('; ')}`,
    [...bad.slice(0, 3).flatMap((r) => [this.ev(r.exchange), ...(r.notify !== undefined ? [this.ev(r.notify)] : [])]), expectation('GetMaintenanceEvents answers a list and NotifyMaintenance is implemented (not 404/405/501/5xx) on every channel', bad.length === 0 ? `as expected on ${reads.length} channel(s)` : `${bad.length} channel(s) not`)]);
});

Then('every published window is two date-times with the end after the start', function (this: CtkWorld) {
  const reads = scene(this).reads;
  const events: ChannelEvent[] = reads.flatMap((r) => (r.events ?? []).map((e) => ({ ...e, channel: `${r.ix.id}/${r.ch.id}` })));
  const problems = windowFindings(events);
  this.judge('CC-MNT-001', problems.length === 0, problems.slice(0, 3).map((p) => `${p.channel} ${p.maintenanceId}: ${p.detail}`).join('; '),
    [windowsTable(reads), expectation('RFC 3339 startTime and endTime, endTime after startTime', problems.length === 0 ? `${events.length} window(s) as expected` : `${problems.length} problem(s)`),
      ...(events.length === 0 ? [note('the candidate publishes no maintenance window at the moment')] : [])]);
});

Then('no two channels of an interconnect have overlapping windows', function (this: CtkWorld) {
  const reads = scene(this).reads;
  const found = usableInterconnects(environment(this)).flatMap((ix) => overlaps(reads.filter((r) => r.ix.id === ix.id).flatMap((r) => (r.events ?? []).map((e) => ({ ...e, channel: r.ch.id })))).map((o) => `${ix.id}: ${o.a.channel} ${String(o.a.maintenanceId)} and ${o.b.channel} ${String(o.b.maintenanceId)}`));
  this.judge('CC-MNT-003', found.length === 0, `overlapping windows: ${found.slice(0, 3).join('; ')}`, [windowsTable(reads), expectation('no two channels of one interconnect in maintenance at the same time', found.length === 0 ? 'no overlap' : `${found.length} overlap(s)`)],
    { interpretation: 'D61: emergency maintenance may overlap and cannot be told apart, so overlaps are reported, never a MUST failure' });
});

Given('the candidate has maintenance scheduled on one channel of an interconnect', LONG, async function (this: CtkWorld) {
  this.requireHook('maintenance-events');
  const s = await prepare(this);
  const reply = await schedule(this, s.a!, s.start, s.start + 2 * HOUR);
  if (!ok(reply)) return skipScenario(this, `the candidate refused a window free on every channel of ${s.ix!.id} (${answered(reply)})`);
  return undefined;
});

When('the customer asks for maintenance on another channel of that interconnect at an overlapping time', LONG, async function (this: CtkWorld) {
  const s = scene(this);
  this.requireHook('maintenance-events');
  await schedule(this, s.b!, s.start + HOUR, s.start + 3 * HOUR);
});

Then('the candidate refuses the overlapping window with 409 Conflict', function (this: CtkWorld) {
  const id = this.tagged.includes('CC-MNT-007') ? 'CC-MNT-007' : 'CC-MNT-006';
  const x = scene(this).scheduled.at(-1)!;
  const status = x.reply.status;
  const whose = id === 'CC-MNT-007' ? 'the kit\'s' : 'its own';
  this.judge(id, status >= 400 && status <= 499, `the candidate accepted maintenance on ${x.ch.id} overlapping ${whose} window on ${scene(this).a!.id} (${answered(x.reply)})`,
    [this.ev(x.reply), expectation(`409: the window ${x.startTime}..${x.endTime} overlaps ${whose} window on ${scene(this).a!.id}`, String(status))],
    { ...(status >= 400 && status !== 409 && status <= 499 ? { interpretation: `refused with ${status} rather than 409` } : {}), ...(id === 'CC-MNT-007' ? { rootCauses: ['CC-MNT-010', 'CC-MNT-008', 'CC-MNT-009'] } : {}) });
});

async function kitSchedules(w: CtkWorld): Promise<Scene> {
  const s = await prepare(w);
  const made = w.ctx.peer.scheduleMaintenance(s.ix!.ref.env, s.ix!.id, s.a!.id, iso(s.start), iso(s.start + 2 * HOUR));
  if (!made.ok) throw new Error(`internal: the kit could not schedule its own maintenance on ${s.a!.id}: ${made.reason}`);
  return s;
}

Given('the kit has scheduled maintenance on a channel', LONG, async function (this: CtkWorld) {
  await kitSchedules(this);
});

When('the kit notifies the candidate on that channel with an empty body', LONG, async function (this: CtkWorld) {
  const s = scene(this);
  this.mark = this.ctx.log.lastSeq;
  this.observed.push(await this.ctx.api.notifyMaintenance(s.ix!.ref, s.a!.id));
});

Then('the candidate accepts the maintenance notification', function (this: CtkWorld) {
  const e = this.observed.at(-1)!;
  this.judge('CC-MNT-010', ok(e), `NotifyMaintenance with {} was answered ${answered(e)}`, [this.ev(e), expectation('2xx for a body without the deprecated events list', String(e.status))],
    { interpretation: 'D29/D37: the only field of NotifyMaintenanceRequest is deprecated, so the kit sends {}' });
});

function refresh(w: CtkWorld, ops: readonly string[]): (c: PeerCall) => boolean {
  const s = scene(w);
  return (c) => ops.includes(c.operation) && c.params['interconnect'] === s.ix!.id && c.params['channel'] === s.a!.id;
}

Then('it promptly reads the kit\'s maintenance for that channel', LONG, async function (this: CtkWorld) {
  const call = await this.ctx.peer.waitForCall(refresh(this, ['GetMaintenanceEvents', 'GetChannel']), this.ctx.settleMs, this.mark);
  this.judge('CC-MNT-008', call !== undefined, `the candidate did not read the kit's maintenance for ${scene(this).a!.id} within ${this.ctx.settleMs} ms of NotifyMaintenance`,
    [...callEvidence(this, [call]), this.ev(this.observed.at(-1)!), expectation('GetMaintenanceEvents or GetChannel on the channel after the notification', call !== undefined ? `${call.operation} after ${call.at - Date.parse(this.observed.at(-1)!.startedAt)} ms` : 'none')],
    { interpretation: 'D29: GetMaintenanceEvents or GetChannel both count as the refresh', rootCauses: ['CC-MNT-010'] });
});

Then('it reads the events themselves rather than only the channel', LONG, async function (this: CtkWorld) {
  const call = await this.ctx.peer.waitForCall(refresh(this, ['GetMaintenanceEvents']), Math.min(this.ctx.settleMs, 2000), this.mark);
  const channelOnly = this.ctx.peer.calls(this.mark).find(refresh(this, ['GetChannel']));
  this.judge('CC-MNT-009', call !== undefined, 'the candidate refreshed only the channel, which carries no maintenance events',
    [...callEvidence(this, [call ?? channelOnly]), expectation('GetMaintenanceEvents on the notified channel', call?.operation ?? channelOnly?.operation ?? 'none')], { rootCauses: ['CC-MNT-010', 'CC-MNT-008'] });
});

Given('the kit has scheduled maintenance on a channel and notified the candidate', LONG, async function (this: CtkWorld) {
  this.requireHook('maintenance-events');
  const s = await kitSchedules(this);
  const mark = this.ctx.log.lastSeq;
  await this.ctx.api.notifyMaintenance(s.ix!.ref, s.a!.id);
  await this.ctx.peer.waitForCall(refresh(this, ['GetMaintenanceEvents']), this.ctx.settleMs, mark);
});
