/**
 * Steps for features/lifecycle.feature: updates, deletes and output-only fields.
 * @packageDocumentation
 */
import { Given, Then, When } from '@cucumber/cucumber';
import { ok } from '../src/peer/negotiator.js';
import { answered, expectation } from '../src/runner/evidence.js';
import { usableInterconnects } from '../src/runner/topology.js';
import { confirmedKey, environment, offeredSizes, place, placedConnection, until, usedBandwidth } from './support/setup.js';
import type { CtkWorld } from './support/world.js';

function field(body: unknown, name: string): unknown {
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
}

function ixOf(w: CtkWorld): ReturnType<typeof usableInterconnects>[number] {
  const ix = usableInterconnects(environment(w)).find((i) => i.id === w.conn.ref.ix);
  if (ix === undefined) throw new Error('internal: the connection is on an unknown interconnect');
  return ix;
}

Given('the kit placed a connection on the candidate', async function (this: CtkWorld) {
  await placedConnection(this);
});

When('the kit changes the connection\'s bandwidth to another size the interconnect offers', async function (this: CtkWorld) {
  const room = ixOf(this).maxBandwidthMbps - (await usedBandwidth(this, this.conn.ref)) + this.conn.bandwidthMbps;
  const size = offeredSizes(environment(this)).find((s) => s !== this.conn.bandwidthMbps && s <= room);
  if (size === undefined) return this.notApplicableAll('the interconnect offers no other size that fits');
  this.expected = size;
  this.observed.push(await this.ctx.api.updateConnection(this.conn.ref, this.conn.id, 'bandwidthMbps', { bandwidthMbps: size }));
});

Then('the candidate reports the new bandwidth', async function (this: CtkWorld) {
  const update = this.observed.at(-1)!;
  const read = await this.ctx.api.getConnection(this.conn.ref, this.conn.id);
  const now = field(read.responseBody, 'bandwidthMbps');
  this.judge('CC-LC-001', ok(update) && now === this.expected, `bandwidth is ${String(now)} after asking for ${String(this.expected)}`,
    [this.ev(update), this.ev(read), expectation(`bandwidthMbps ${String(this.expected)}`, `${answered(update)}; now ${String(now)}`)]);
});

When('the kit changes the connection\'s bandwidth beyond what the interconnect can carry', async function (this: CtkWorld) {
  const ix = ixOf(this);
  const sizes = offeredSizes(environment(this));
  for (let i = 0; i < 20; i++) {
    const room = ix.maxBandwidthMbps - (await usedBandwidth(this, ix.ref));
    const filler = [...sizes].reverse().find((s) => s <= room);
    if (filler === undefined) break;
    const c = await place(this, await confirmedKey(this, filler), ix);
    if (!ok(c.exchange)) this.blockedBy('CC-NEG-001', `a ${filler} Mbps connection was refused on an interconnect with ${room} Mbps room`, [this.ev(c.exchange)]);
  }
  const room = ix.maxBandwidthMbps - (await usedBandwidth(this, ix.ref)) + this.conn.bandwidthMbps;
  const size = sizes.find((s) => s > room) ?? ix.maxBandwidthMbps + 1;
  this.expected = this.conn.bandwidthMbps;
  this.observed.push(await this.ctx.api.updateConnection(this.conn.ref, this.conn.id, 'bandwidthMbps', { bandwidthMbps: size }));
});

Then('the candidate refuses the change and keeps the old bandwidth', async function (this: CtkWorld) {
  const update = this.observed.at(-1)!;
  const read = await this.ctx.api.getConnection(this.conn.ref, this.conn.id);
  const now = field(read.responseBody, 'bandwidthMbps');
  this.judge('CC-LC-002', update.status >= 400 && update.status <= 499 && now === this.expected,
    `the change beyond capacity was ${ok(update) ? 'accepted' : `answered ${update.status}`} and bandwidth is now ${String(now)}`,
    [this.ev(update), this.ev(read), expectation(`4xx and bandwidthMbps still ${String(this.expected)}`, `${answered(update)}; now ${String(now)}`)]);
});

When('the kit deletes the connection', async function (this: CtkWorld) {
  this.observed.push(await this.ctx.api.deleteConnection(this.conn.ref, this.conn.id));
});

Then('the connection is gone, as {requirement} requires', async function (this: CtkWorld, id: string) {
  const del = this.observed.at(-1)!;
  const gone = await until(this.ctx.settleMs, async () => {
    const r = await this.ctx.api.getConnection(this.conn.ref, this.conn.id);
    return r.status >= 400 && r.status <= 499 ? r : undefined;
  });
  const last = gone ?? (await this.ctx.api.getConnection(this.conn.ref, this.conn.id));
  this.judge(id, ok(del) && gone !== undefined, `the connection is still there after DeleteConnection (${answered(del)})`, [this.ev(del), this.ev(last), expectation('DeleteConnection 2xx, then GetConnection 404', answered(last))], { hard: true });
});

Then('its features are gone, as {requirement} requires', async function (this: CtkWorld, id: string) {
  const reads = await Promise.all(this.features.map((f) => this.ctx.api.getFeature(this.conn.ref, this.conn.id, f.id)));
  const left = reads.filter(ok);
  this.judge(id, left.length === 0, `${left.length} feature(s) still answer after their connection was deleted`, (left.length > 0 ? left : reads).slice(0, 4).map((e) => this.ev(e)));
});

When('the kit places the connection claiming it is already verified and disabled', async function (this: CtkWorld) {
  const ix = usableInterconnects(environment(this))[0]!;
  this.connection = await place(this, this.key!, ix, { verificationState: 'VERIFICATION_STATE_VERIFIED', adminState: 'ADMIN_STATE_DISABLED' });
  if (!ok(this.connection.exchange)) this.blockedBy('CC-NEG-001', 'the candidate refused a connection on an interconnect with room', [this.ev(this.connection.exchange)]);
});

Then('the candidate reports the new connection as unverified', async function (this: CtkWorld) {
  const read = await this.ctx.api.getConnection(this.conn.ref, this.conn.id);
  const states = [field(this.conn.exchange.responseBody, 'verificationState'), field(read.responseBody, 'verificationState')];
  this.judge('CC-LC-005', ok(read) && !states.includes('VERIFICATION_STATE_VERIFIED'), `a client-sent verificationState was honoured (${states.map(String).join(', ')})`,
    [this.ev(this.conn.exchange), this.ev(read), expectation('VERIFICATION_STATE_UNVERIFIED whatever the request says', states.map(String).join(' then '))]);
});
