/**
 * Steps for features/closed-interconnect.feature: CreateConnection on an interconnect in INTERCONNECT_STATE_CLOSED.
 * @packageDocumentation
 */
import { Given, Then, When } from '@cucumber/cucumber';
import { ok, type IssuedKey } from '../src/peer/negotiator.js';
import { answered, expectation } from '../src/runner/evidence.js';
import type { EnvironmentInfo, InterconnectInfo } from '../src/runner/topology.js';
import { confirmedKey, place } from './support/setup.js';
import type { CtkWorld } from './support/world.js';

const CLOSED = 'INTERCONNECT_STATE_CLOSED';
const FOUND = new WeakMap<CtkWorld, { env: EnvironmentInfo; ix: InterconnectInfo; key?: IssuedKey }>();

function found(w: CtkWorld): { env: EnvironmentInfo; ix: InterconnectInfo; key?: IssuedKey } {
  const f = FOUND.get(w);
  if (f === undefined) throw new Error('internal: no closed interconnect was looked up in this scenario');
  return f;
}

Given('the candidate publishes an interconnect closed to new connections', function (this: CtkWorld) {
  for (const env of this.ctx.topology.environments) {
    const ix = env.interconnects.find((i) => i.state === CLOSED);
    if (ix !== undefined) { FOUND.set(this, { env, ix }); return undefined; }
  }
  return this.notApplicableAll('none of the candidate\'s interconnects is INTERCONNECT_STATE_CLOSED, so refusing new connections there cannot be observed');
});

Given('the kit holds a confirmed activation key for that interconnect\'s environment', async function (this: CtkWorld) {
  const f = found(this);
  f.key = await confirmedKey(this, undefined, f.env);
});

When('the kit asks the candidate to create the connection on the closed interconnect', async function (this: CtkWorld) {
  const f = found(this);
  this.connection = await place(this, f.key!, f.ix);
  this.observed.push(this.connection.exchange);
});

Then('the candidate refuses it with a client error', function (this: CtkWorld) {
  const e = this.observed.at(-1)!;
  const refused = e.status >= 400 && e.status <= 499;
  this.judge('CC-NEG-032', refused, ok(e) ? `the candidate accepted a connection on ${found(this).ix.id}, which it publishes as ${CLOSED}` : `the candidate answered ${answered(e)} instead of a client error`,
    [this.ev(e), expectation(`a 4xx refusal on an interconnect in ${CLOSED}`, answered(e))], { interpretation: `a closed interconnect refused a new connection with HTTP ${e.status}` });
});
