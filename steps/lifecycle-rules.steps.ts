/**
 * Steps for the later scenarios of features/lifecycle.feature: update masks, deleting connections in service
 * or twice, and deleting features.
 * @packageDocumentation
 */
import { Then, When } from '@cucumber/cucumber';
import { ok } from '../src/peer/negotiator.js';
import { answered, expectation } from '../src/runner/evidence.js';
import { until } from './support/setup.js';
import type { CtkWorld } from './support/world.js';

When('the kit asks to change the connection\'s administrative state, alone and along with its bandwidth', async function (this: CtkWorld) {
  const { ref, id, bandwidthMbps } = this.conn;
  const api = this.ctx.api;
  this.observed.push(
    await api.updateConnection(ref, id, 'adminState', { adminState: 'ADMIN_STATE_DISABLED' }),
    await api.updateConnection(ref, id, 'bandwidthMbps,adminState', { bandwidthMbps, adminState: 'ADMIN_STATE_DISABLED' }),
  );
});

Then('the candidate refuses every such update', function (this: CtkWorld) {
  const taken = this.observed.filter((e) => e.status < 400 || e.status > 499);
  this.judge('CC-LC-007', taken.length === 0, `${taken.length} update(s) naming adminState were answered ${taken.map((e) => e.status).join(', ')}`,
    [...this.observed.map((e) => this.ev(e)), expectation('a 4xx refusal for each mask that names a field other than bandwidthMbps (D43)', this.observed.map(answered).join('; '))]);
});

When('the connection has been in service for {int} second(s)', async function (this: CtkWorld, seconds: number) {
  await new Promise((r) => setTimeout(r, seconds * 1000));
});

Then('the candidate carries out the deletion', async function (this: CtkWorld) {
  const del = this.observed.at(-1)!;
  const gone = ok(del) ? await until(this.ctx.settleMs, async () => {
    const r = await this.ctx.api.getConnection(this.conn.ref, this.conn.id);
    return r.status === 404 || r.status === 410 ? r : undefined;
  }) : undefined;
  this.judge('CC-LC-008', ok(del) && gone !== undefined, ok(del) ? `the connection remained after DeleteConnection was answered ${del.status}` : `DeleteConnection of a connection in service was declined (${answered(del)})`,
    [this.ev(del), ...(gone !== undefined ? [this.ev(gone)] : []), expectation('DeleteConnection 2xx, then the connection gone', answered(del))]);
});

When('the kit deletes the connection again', async function (this: CtkWorld) {
  this.observed.push(await this.ctx.api.deleteConnection(this.conn.ref, this.conn.id));
});

Then('the candidate answers the repeated delete with success or not found', function (this: CtkWorld) {
  const [first, again] = this.observed.slice(-2) as [typeof this.observed[0], typeof this.observed[0]];
  if (!ok(first)) this.blockedBy('CC-LC-006', `the first DeleteConnection was refused (${answered(first)})`, [this.ev(first)], ['CC-LC-006']);
  const clean = ok(again) || again.status === 404;
  this.judge('CC-LC-009', clean, `a repeated DeleteConnection was answered ${answered(again)}`, [this.ev(first), this.ev(again), expectation('2xx or 404 (D67), never 5xx', answered(again))],
    clean ? { interpretation: `D67: a repeated delete is answered HTTP ${again.status}` } : {});
});

When('the kit deletes the feature', async function (this: CtkWorld) {
  const f = this.features[0]!;
  this.observed.push(await this.ctx.api.deleteFeature(this.conn.ref, this.conn.id, f.id));
});

Then('reading the feature answers not found', async function (this: CtkWorld) {
  const del = this.observed.at(-1)!;
  const f = this.features[0]!;
  const read = await this.ctx.api.getFeature(this.conn.ref, this.conn.id, f.id);
  this.judge('CC-LC-010', ok(del) && read.status === 404, `DeleteFeature answered ${del.status}; GetFeature afterwards answered ${read.status}`,
    [this.ev(del), this.ev(read), expectation('DeleteFeature 2xx, then GetFeature 404', `${answered(del)}; then ${answered(read)}`)]);
});
