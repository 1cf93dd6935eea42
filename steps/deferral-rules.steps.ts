/**
 * Steps for features/deferral-rules.feature: a deferral checked against the candidate's environment (CC-DEF-005)
 * and the deferral timeout environments publish (CC-DEF-008, judged by src/checks/environment-facts.ts).
 * @packageDocumentation
 */
import { Given, Then, When } from '@cucumber/cucumber';
import { MAX_DEFERRAL_TIMEOUT_HOURS, readDeferralTimeout } from '../src/checks/index.js';
import { ok, placeConnection } from '../src/peer/negotiator.js';
import { answered, expectation } from '../src/runner/evidence.js';
import { environment, roomiest, sharedUuid } from './support/setup.js';
import type { CtkWorld } from './support/world.js';

/** Bandwidths no provider is likely to offer, tried in turn for a size the environment does not offer, in Mbps. */
const ODD_SIZES = [75, 150, 300, 750, 1500, 3000, 7500, 15000];

When('the kit defers to the candidate a connection of a size its environment does not offer', async function (this: CtkWorld) {
  const env = environment(this);
  const { ix, room } = await roomiest(this);
  const size = ODD_SIZES.find((s) => !env.sizes.includes(s) && !ix.sizes.includes(s) && s <= room);
  if (size === undefined) return this.notApplicableAll(`every probe size that fits is one the environment offers (${[...new Set([...env.sizes, ...ix.sizes])].join(', ')})`);
  const conn = await placeConnection(this.ctx.api, this.ctx.peer.local, ix.ref, sharedUuid(this, this.key!), size, this.key!.encodedKey, { deferProvisioning: true });
  if (ok(conn.exchange)) this.cleanup.push({ ref: ix.ref, id: conn.id });
  this.connection = conn;
  return undefined;
});

Then('the candidate refuses to take the deferral on', function (this: CtkWorld) {
  const e = this.conn.exchange;
  const refused = e.status >= 400 && e.status <= 499;
  this.judge('CC-DEF-005', refused, `a deferral of ${this.conn.bandwidthMbps} Mbps, a size the environment does not offer, was ${ok(e) ? 'taken on' : 'not refused cleanly'} (${answered(e)})`,
    [this.ev(e), expectation(`a 4xx refusal of the deferred ${this.conn.bandwidthMbps} Mbps connection (D56: the offered sizes are the environment's)`, answered(e))],
    refused ? { interpretation: `E11: refused with HTTP ${e.status}` } : {});
});

Given('the environments the candidate publishes to the kit', function (this: CtkWorld) {
  if (this.ctx.topology.environments.length === 0) this.notApplicableAll('the candidate publishes no environment to the kit');
});

Then('every deferral timeout an environment sets is at least an hour and at most {int} hours', async function (this: CtkWorld, hours: number) {
  if (hours !== MAX_DEFERRAL_TIMEOUT_HOURS) throw new Error(`internal: the kit checks deferral timeouts against ${MAX_DEFERRAL_TIMEOUT_HOURS} hours, not ${hours}`);
  const envs = this.ctx.topology.environments.map((e) => ({ env: e, reading: readDeferralTimeout(e.resource['deferralTimeoutHours']) }));
  const set = envs.filter((x) => x.reading.set);
  if (set.length === 0) return this.notApplicable('CC-DEF-008', 'no environment sets deferralTimeoutHours (absent or 0 counts as not set, D25)');
  const bad = set.filter((x) => x.reading.set && x.reading.problem !== undefined);
  const reads = await Promise.all(bad.slice(0, 2).map((x) => this.ctx.api.getEnvironment(x.env.id)));
  const rows = envs.map((x) => [x.env.id, JSON.stringify(x.env.resource['deferralTimeoutHours'] ?? null), x.reading.set ? (x.reading.problem ?? 'within 1..168 hours') : 'not set']);
  const problems = bad.map((x) => `${x.env.id}: ${x.reading.set ? x.reading.problem ?? '' : ''}`);
  this.judge('CC-DEF-008', bad.length === 0, problems.join('; '), [
    ...reads.map((e) => this.ev(e)),
    expectation(`deferralTimeoutHours from 1 to ${MAX_DEFERRAL_TIMEOUT_HOURS} where set (D25, D51)`, problems.join('; ') || `${set.length} environment(s) within the bounds`),
    { kind: 'table', title: 'Deferral timeout of each environment', columns: ['environment', 'deferralTimeoutHours', 'reading'], rows },
  ]);
  return undefined;
});
