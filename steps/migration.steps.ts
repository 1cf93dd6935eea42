/**
 * Steps for features/migration.feature: make before break across interconnects.
 * @packageDocumentation
 */
import { Then, When } from '@cucumber/cucumber';
import { ok, placeConnection } from '../src/peer/negotiator.js';
import { answered } from '../src/runner/evidence.js';
import { usableInterconnects } from '../src/runner/topology.js';
import { environment, negotiateFeatures } from './support/setup.js';
import type { CtkWorld } from './support/world.js';

When('the kit creates the same connection with its features on another interconnect', async function (this: CtkWorld) {
  const first = this.conn;
  const other = usableInterconnects(environment(this)).find((i) => i.id !== first.ref.ix);
  if (other === undefined) return this.notApplicableAll('the candidate has a single usable interconnect, so there is nowhere to migrate to');
  const conn = await placeConnection(this.ctx.api, this.ctx.peer.local, other.ref, first.id, first.bandwidthMbps, this.key?.encodedKey);
  this.observed.push(conn.exchange);
  if (!ok(conn.exchange)) return undefined;
  this.cleanup.push({ ref: other.ref, id: conn.id });
  const before = this.features.length;
  this.connection = conn;
  await negotiateFeatures(this, conn);
  this.migrated = { conn, features: this.features.slice(before).map((f) => f.id) };
  this.connection = first;
  return undefined;
});

Then('the candidate accepts the second connection', function (this: CtkWorld) {
  const e = this.observed.at(-1)!;
  this.judge('CC-LC-025', ok(e), `a CreateConnection reusing the shared UUID on another interconnect was answered ${answered(e)}`, [this.ev(e)], { hard: true });
});

Then('both connections exist, each under its own interconnect', async function (this: CtkWorld) {
  const s = this.migrated!;
  const a = await this.ctx.api.getConnection(this.conn.ref, this.conn.id);
  const b = await this.ctx.api.getConnection(s.conn.ref, s.conn.id);
  this.judge('CC-LC-026', ok(a) && ok(b), `old connection ${answered(a)}; new connection ${answered(b)}`, [this.ev(a), this.ev(b)]);
});

When('the kit deletes the connection on the first interconnect', async function (this: CtkWorld) {
  this.observed.push(await this.ctx.api.deleteConnection(this.conn.ref, this.conn.id));
});

Then('the connection and its features on the second interconnect are still there', async function (this: CtkWorld) {
  const s = this.migrated!;
  const b = await this.ctx.api.getConnection(s.conn.ref, s.conn.id);
  const fs = await Promise.all(s.features.map((f) => this.ctx.api.getFeature(s.conn.ref, s.conn.id, f)));
  const lost = fs.filter((e) => !ok(e));
  this.judge('CC-LC-027', ok(b) && lost.length === 0, `after deleting the old connection the new one answers ${answered(b)} and ${lost.length} of its features are gone`, [this.ev(b), ...lost.slice(0, 2).map((e) => this.ev(e))]);
});
