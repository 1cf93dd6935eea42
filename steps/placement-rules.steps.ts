/**
 * Steps for features/negotiation-rules.feature: how the candidate places connections (ids, sizes, capacity).
 * @packageDocumentation
 */
import { Then, When } from '@cucumber/cucumber';
import { ok, placeConnection } from '../src/peer/negotiator.js';
import { answered, expectation } from '../src/runner/evidence.js';
import { fieldOf } from './support/body.js';
import { featureBody } from './support/feature-checks.js';
import { baseProposal } from './support/rules.js';
import { confirmedKey, environment, noRoom, offeredSizes, place, roomiest, sharedUuid, usedBandwidth } from './support/setup.js';
import type { CtkWorld } from './support/world.js';

const QUERY_FEATURE_ID = 'ctk-query-id';
const SIZE_PROBES = [75, 150, 300, 750, 1500, 3000, 7500, 15000];

When('the kit places the connection and proposes a feature, each with another name in its body', async function (this: CtkWorld) {
  const { ix, room } = await roomiest(this);
  noRoom(this, room, this.key!.bandwidthMbps);
  const api = this.ctx.api;
  this.connection = await place(this, this.key!, ix, { name: `${api.ixPath(ix.ref).slice(1)}/connections/ctk-body-name` });
  this.observed.push(this.connection.exchange);
  if (!ok(this.connection.exchange)) return;
  const { ch, config } = await baseProposal(this, 0);
  const body = featureBody(ch.name, config, { name: `${api.connectionPath(ix.ref, this.conn.id).slice(1)}/features/ctk-body-name` });
  this.ctx.peer.local.putFeature(ix.ref.env, ix.ref.ix, this.conn.id, QUERY_FEATURE_ID, body);
  this.observed.push(await api.createFeature(ix.ref, this.conn.id, QUERY_FEATURE_ID, body));
});

Then('the connection and the feature are named after the ids in the query', function (this: CtkWorld) {
  const want = [`/connections/${this.conn.id}`, `/features/${QUERY_FEATURE_ID}`];
  const problems = this.observed.flatMap((e, i) => {
    const name = fieldOf(e.responseBody, 'name');
    if (!ok(e)) return [`${e.operation} was refused (${answered(e)})`];
    return typeof name === 'string' && name.endsWith(want[i] ?? '') ? [] : [`${e.operation} answered the name ${String(name)}`];
  });
  this.judge('CC-NEG-031', problems.length === 0, problems.join('; '), [...this.observed.map((e) => this.ev(e)), expectation(`names ending in ${want.join(' and ')}`, problems.join('; ') || 'as expected')]);
});

When('the kit places the connection with a bandwidth the interconnect does not offer', async function (this: CtkWorld) {
  const { ix, room } = await roomiest(this);
  const size = SIZE_PROBES.find((s) => !ix.sizes.includes(s) && s <= room);
  if (size === undefined) return this.notApplicableAll(`every probe size that fits is one the interconnect offers (${ix.sizes.join(', ')})`);
  const conn = await placeConnection(this.ctx.api, this.ctx.peer.local, ix.ref, sharedUuid(this, this.key!), size, this.key!.encodedKey);
  if (ok(conn.exchange)) this.cleanup.push({ ref: ix.ref, id: conn.id });
  this.observed.push(conn.exchange);
  return undefined;
});

When('the kit places more connections than the interconnect with the most room can hold, all at the same moment', async function (this: CtkWorld) {
  const { ix, room } = await roomiest(this);
  const size = [...offeredSizes(environment(this))].reverse().find((s) => s <= room);
  if (size === undefined) return this.notApplicableAll(`no offered size fits the ${room} Mbps left`);
  const count = Math.floor(room / size) + 1;
  const keys = [];
  for (let i = 0; i < count; i++) keys.push(await confirmedKey(this, size));
  this.target = ix;
  this.expected = ix.maxBandwidthMbps - room;
  this.observed = (await Promise.all(keys.map((k) => place(this, k, ix)))).map((c) => c.exchange);
  return undefined;
});

Then('the connections the candidate accepted fit within the interconnect\'s capacity', async function (this: CtkWorld) {
  const ix = this.target!;
  const accepted = this.observed.filter(ok).reduce((sum, e) => sum + Number(fieldOf(e.requestBody, 'bandwidthMbps') ?? 0), 0);
  const listed = await usedBandwidth(this, ix.ref);
  const before = this.expected ?? 0;
  const fits = before + accepted <= ix.maxBandwidthMbps && listed <= ix.maxBandwidthMbps;
  this.judge('CC-NEG-034', fits, `${accepted} Mbps accepted at once on top of ${before} Mbps in use exceeds ${ix.maxBandwidthMbps} Mbps (listed now: ${listed} Mbps)`,
    [...this.observed.map((e) => this.ev(e)), expectation(`at most ${ix.maxBandwidthMbps - before} Mbps of ${this.observed.length} simultaneous connections accepted`, `${accepted} Mbps accepted; ${listed} Mbps listed`)]);
});
