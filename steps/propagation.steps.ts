/**
 * Steps for features/propagation.feature: a customer's bandwidth change and delete at the candidate reach the kit.
 * @packageDocumentation
 */
import { Given, Then, When } from '@cucumber/cucumber';
import type { PeerCall } from '../src/peer/index.js';
import { ok } from '../src/peer/negotiator.js';
import { answered, expectation, peerCallEvidence } from '../src/runner/evidence.js';
import { usableInterconnects } from '../src/runner/topology.js';
import { environment, offeredSizes, unofferedSize, until, usedBandwidth } from './support/setup.js';
import type { CtkWorld } from './support/world.js';

function field(body: unknown, name: string): unknown {
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
}

function updates(w: CtkWorld): PeerCall[] {
  return w.ctx.peer.calls(w.mark).filter((c) => c.operation === 'UpdateConnection' && c.params['connection'] === w.conn.id);
}

Given('the kit will look at the candidate\'s connection when the candidate asks the kit to change it', function (this: CtkWorld) {
  this.ctx.peer.onArrival('UpdateConnection', async () => { this.seen.set('own-connection', await this.ctx.api.getConnection(this.conn.ref, this.conn.id)); });
});

Given('the kit will refuse every change to the connection', function (this: CtkWorld) {
  this.ctx.peer.misbehave({ operation: 'UpdateConnection', times: 50, status: 400, body: { error: { code: 400, message: 'refused on purpose by interconnect-ctk', status: 'FAILED_PRECONDITION' } } });
});

Given('the kit will answer the next change to the connection with a conflict', function (this: CtkWorld) {
  this.ctx.peer.misbehave({ operation: 'UpdateConnection', times: 1, status: 409 });
});

Given('the kit will be slow to answer the candidate\'s change to the connection', function (this: CtkWorld) {
  // While the candidate's own UpdateConnection is held at the kit, the kit sends a competing change.
  this.ctx.peer.onArrival('UpdateConnection', async () => {
    const other = offeredSizes(environment(this)).find((s) => s !== this.conn.bandwidthMbps && s !== this.expected) ?? this.conn.bandwidthMbps;
    this.seen.set('competing', await this.ctx.api.updateConnection(this.conn.ref, this.conn.id, 'bandwidthMbps', { bandwidthMbps: other }));
  });
});

When('the customer changes the connection\'s bandwidth at the candidate', async function (this: CtkWorld) {
  this.requireHook('update-connection');
  const ix = usableInterconnects(environment(this)).find((i) => i.id === this.conn.ref.ix)!;
  const room = ix.maxBandwidthMbps - (await usedBandwidth(this, ix.ref)) + this.conn.bandwidthMbps;
  const size = offeredSizes(environment(this)).find((s) => s !== this.conn.bandwidthMbps && s <= room);
  if (size === undefined) return this.notApplicableAll('the interconnect offers no other size that fits');
  this.expected = size;
  this.mark = this.ctx.log.lastSeq;
  const e = await this.ctx.hooks!.changeBandwidth(this.conn.id, size);
  this.observed.push(e);
  if (!ok(e)) {
    this.stop = { reason: `the candidate's update-connection hook refused the customer's change (${answered(e)})`, skip: true };
    throw new Error(this.stop.reason);
  }
  await this.ctx.peer.waitForCall((c) => c.operation === 'UpdateConnection' && c.params['connection'] === this.conn.id, this.ctx.settleMs, this.mark);
  return undefined;
});

Then('the candidate asks the kit to change the bandwidth, naming only the bandwidth in the update mask', function (this: CtkWorld) {
  const u = updates(this);
  const good = u.some((c) => c.query['updateMask'] === 'bandwidthMbps' && field(c.body, 'bandwidthMbps') === this.expected);
  this.judge('CC-LC-015', good, u.length === 0 ? 'no UpdateConnection reached the kit' : `UpdateConnection carried mask ${String(u[0]?.query['updateMask'])} and bandwidth ${String(field(u[0]?.body, 'bandwidthMbps'))}`,
    u.length > 0 ? u.slice(0, 3).map((c) => peerCallEvidence(c, this.ctx.peer.baseUrl)) : [expectation(`UpdateConnection?updateMask=bandwidthMbps with ${String(this.expected)} Mbps`, 'nothing received')], { hard: true });
});

Then('the candidate had recorded the new bandwidth on its side when it asked', function (this: CtkWorld) {
  const own = this.seen.get('own-connection');
  const bw = field(own?.responseBody, 'bandwidthMbps');
  this.judge('CC-LC-016', own !== undefined && bw === this.expected, `when UpdateConnection reached the kit the candidate's own connection said ${String(bw)} Mbps`,
    own !== undefined ? [this.ev(own), expectation(`${String(this.expected)} Mbps already recorded`, String(bw))] : []);
});

Then('the candidate\'s connection keeps its previous bandwidth', async function (this: CtkWorld) {
  const before = this.conn.bandwidthMbps;
  let last = await this.ctx.api.getConnection(this.conn.ref, this.conn.id);
  const back = await until(this.ctx.settleMs, async () => {
    last = await this.ctx.api.getConnection(this.conn.ref, this.conn.id);
    return field(last.responseBody, 'bandwidthMbps') === before ? last : undefined;
  });
  const u = updates(this);
  this.judge('CC-LC-017', back !== undefined && u.length > 0, u.length === 0 ? 'the change never reached the kit' : `after the kit refused, the candidate's connection says ${String(field(last.responseBody, 'bandwidthMbps'))} Mbps instead of ${before}`,
    [...u.slice(0, 2).map((c) => peerCallEvidence(c, this.ctx.peer.baseUrl)), this.ev(last)], { rootCauses: ['CC-LC-015'] });
});

Then('the candidate asks the kit again after the conflict', async function (this: CtkWorld) {
  await this.ctx.peer.waitForCall((c) => c.operation === 'UpdateConnection' && c.params['connection'] === this.conn.id && c.status >= 200 && c.status <= 299, this.ctx.settleMs, this.mark);
  const u = updates(this);
  this.judge('CC-LC-018', u.length >= 2 && u[0]?.status === 409, `the candidate sent ${u.length} UpdateConnection call(s) after a 409`, u.slice(0, 3).map((c) => peerCallEvidence(c, this.ctx.peer.baseUrl)), { rootCauses: ['CC-LC-015'] });
});

When('the kit asks the candidate for another bandwidth while the customer\'s change is under way', async function (this: CtkWorld) {
  await until(this.ctx.settleMs, () => Promise.resolve(this.seen.get('competing')));
});

Then('the candidate refuses the kit\'s change as a conflict', function (this: CtkWorld) {
  const e = this.seen.get('competing');
  this.judge('CC-LC-003', e !== undefined && e.status === 409, e === undefined ? "the candidate's own change never reached the kit, so no competing change was sent" : `the competing change was answered ${answered(e)}`,
    e !== undefined ? [this.ev(e), expectation('HTTP 409 while the customer-originated update is in progress', answered(e))] : [], { rootCauses: ['CC-LC-015'] });
});

When('the customer deletes the connection at the candidate', async function (this: CtkWorld) {
  this.requireHook('delete-connection');
  this.mark = this.ctx.log.lastSeq;
  const e = await this.ctx.hooks!.deleteConnection(this.conn.id);
  this.observed.push(e);
  if (!ok(e)) {
    this.stop = { reason: `the candidate's delete hook refused the customer's delete (${answered(e)})`, skip: true };
    throw new Error(this.stop.reason);
  }
});

Then('the candidate asks the kit to delete the connection', async function (this: CtkWorld) {
  const call = await this.ctx.peer.waitForCall((c) => c.operation === 'DeleteConnection' && c.params['connection'] === this.conn.id, this.ctx.settleMs, this.mark);
  this.judge('CC-LC-021', call !== undefined, `no DeleteConnection reached the kit within ${this.ctx.settleMs} ms of the customer's delete`, call !== undefined ? [peerCallEvidence(call, this.ctx.peer.baseUrl)] : [this.ev(this.observed.at(-1)!)]);
});

Then('the connection is gone from the candidate\'s side', async function (this: CtkWorld) {
  const gone = await until(this.ctx.settleMs, async () => {
    const r = await this.ctx.api.getConnection(this.conn.ref, this.conn.id);
    return r.status === 404 ? r : undefined;
  });
  const last = gone ?? (await this.ctx.api.getConnection(this.conn.ref, this.conn.id));
  this.judge('CC-LC-022', gone !== undefined, `the candidate still answers for the deleted connection (${answered(last)})`, [this.ev(last)]);
});

Then('once the kit agreed the candidate tells the kit with a notification', async function (this: CtkWorld) {
  const agreed = updates(this).find((c) => c.status >= 200 && c.status <= 299);
  if (agreed === undefined) {
    this.judge('CC-LC-019', false, 'the kit never agreed to a change, so no notification can follow', updates(this).slice(0, 2).map((c) => peerCallEvidence(c, this.ctx.peer.baseUrl)), { rootCauses: ['CC-LC-015'] });
    return;
  }
  const n = await this.ctx.peer.waitForCall((c) => c.operation === 'NotifyConnectionStatus' && c.params['connection'] === this.conn.id, this.ctx.settleMs, agreed.seq);
  this.judge('CC-LC-019', n !== undefined, `no NotifyConnectionStatus reached the kit within ${this.ctx.settleMs} ms of the kit agreeing to the change`,
    [peerCallEvidence(agreed, this.ctx.peer.baseUrl), ...(n !== undefined ? [peerCallEvidence(n, this.ctx.peer.baseUrl)] : [expectation('NotifyConnectionStatus once the agreed change is in place (ERRATA D26)', 'none received')])]);
});

When('the customer asks the candidate for a bandwidth its environment does not offer', async function (this: CtkWorld) {
  this.requireHook('update-connection');
  const size = unofferedSize(environment(this));
  if (size === undefined) return this.notApplicableAll('every probe size is one the environment offers');
  this.expected = size;
  this.mark = this.ctx.log.lastSeq;
  this.observed.push(await this.ctx.hooks!.changeBandwidth(this.conn.id, size));
  return undefined;
});

Then('the candidate does not ask the kit to change the connection', async function (this: CtkWorld) {
  const hook = this.observed.at(-1)!;
  // A hook that refused at once told the customer no; after an accepted one the kit watches the quiet period.
  if (ok(hook)) await this.ctx.peer.waitForCall((c) => c.operation === 'UpdateConnection' && c.params['connection'] === this.conn.id, this.ctx.quietMs, this.mark);
  const u = updates(this);
  this.judge('CC-LC-020', u.length === 0, `the candidate asked the kit for ${String(this.expected)} Mbps, a size its environment does not offer (${environment(this).sizes.join(', ')})`,
    [this.ev(hook), ...u.slice(0, 2).map((c) => peerCallEvidence(c, this.ctx.peer.baseUrl)), expectation(`no UpdateConnection for ${String(this.expected)} Mbps`, u.length === 0 ? 'none' : `${u.length} UpdateConnection call(s)`)]);
});
