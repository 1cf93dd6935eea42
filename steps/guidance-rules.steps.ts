/**
 * Steps for features/negotiation-rules.feature: the shape of the guidance, and notifications that come early
 * or cross the candidate's own.
 * @packageDocumentation
 */
import { Given, Then, When } from '@cucumber/cucumber';
import type { L3BaseGuidance } from '../src/checks/index.js';
import type { Exchange } from '../src/client/index.js';
import { ok } from '../src/peer/negotiator.js';
import type { ArrivalProbe } from '../src/peer/types.js';
import { answered, expectation } from '../src/runner/evidence.js';
import { fieldOf, listOf } from './support/body.js';
import { misspeltExclusions, overlapProblems, vlanRangeProblems } from './support/feature-checks.js';
import { until } from './support/setup.js';
import type { CtkWorld } from './support/world.js';

const CROSSING = 'notify:crossing';

/** Every l3BaseGuidance of the last guidance answer, with its channel; stops the scenario when there is none. */
function guidanceEntries(w: CtkWorld): { e: Exchange; entries: { channel: string; l3: Record<string, unknown> }[] } {
  const e = w.observed.at(-1)!;
  if (!ok(e)) w.blockedBy('CC-NEG-004', `the candidate gave no guidance (${answered(e)})`, [w.ev(e)], ['CC-NEG-004']);
  const entries = listOf(e.responseBody, 'featureGuidance').map((g) => ({ channel: String(fieldOf(g, 'channel')), l3: (fieldOf(g, 'l3BaseGuidance') ?? {}) as Record<string, unknown> }));
  return { e, entries };
}

function judgeGuidance(w: CtkWorld, id: string, what: string, problemsOf: (l3: Record<string, unknown>) => string[]): void {
  const { e, entries } = guidanceEntries(w);
  const problems = entries.flatMap((g) => problemsOf(g.l3).map((p) => `${g.channel.split('/').pop() ?? ''}: ${p}`));
  w.judge(id, problems.length === 0, `${problems.length} problem(s): ${problems.slice(0, 3).join('; ')}`, [w.ev(e), expectation(what, problems.slice(0, 5).join('; ') || 'as expected')]);
}

Then('every guided VLAN range lies within 1025 to 4094', function (this: CtkWorld) {
  judgeGuidance(this, 'CC-NEG-024', 'VLAN ranges within 1025-4094 (D52)', (l3) => vlanRangeProblems(l3 as L3BaseGuidance));
});

Then('no two ranges or include subnets of one guidance list overlap', function (this: CtkWorld) {
  judgeGuidance(this, 'CC-NEG-025', 'ASN ranges, MTU ranges and include subnets of one list apart from each other', (l3) => overlapProblems(l3 as L3BaseGuidance));
});

Then('subnet exclusions are listed under excludeSubnets', function (this: CtkWorld) {
  judgeGuidance(this, 'CC-NEG-026', 'exclusions under `excludeSubnets` only (D17)', (l3) => misspeltExclusions(l3));
});

When('the kit asks for feature guidance sending no body at all', async function (this: CtkWorld) {
  const api = this.ctx.api;
  this.observed.push(await api.call('GenerateFeatureGuidance', 'POST', `${api.connectionPath(this.conn.ref, this.conn.id)}/GenerateFeatureGuidance`));
});

Then('the candidate answers with feature guidance', function (this: CtkWorld) {
  const e = this.observed.at(-1)!;
  const n = listOf(e.responseBody, 'featureGuidance').length;
  this.judge('CC-NEG-027', ok(e) && n > 0, `GenerateFeatureGuidance without a body answered ${answered(e)}`, [this.ev(e), expectation('2xx with featureGuidance entries (D55: no body or parameters are needed)', answered(e))]);
});

When('the kit notifies the candidate with an empty body', async function (this: CtkWorld) {
  this.observed.push(await this.ctx.api.notifyConnectionStatus(this.conn.ref, this.conn.id));
});

Then('the candidate accepts the notification', function (this: CtkWorld) {
  const e = this.observed.at(-1)!;
  this.judge('CC-NEG-028', ok(e), `NotifyConnectionStatus with {} was answered ${answered(e)}`, [this.ev(e), expectation('2xx: the request message is empty (D26)', answered(e))]);
});

Given('the kit will notify the candidate as soon as the candidate\'s notification reaches it, before answering it', function (this: CtkWorld) {
  const { ref, id } = this.conn;
  const probe: ArrivalProbe = async (call) => {
    if (call.params['connection'] !== id) { this.ctx.peer.onArrival('NotifyConnectionStatus', probe); return; }
    this.seen.set(CROSSING, await this.ctx.api.notifyConnectionStatus(ref, id));
  };
  this.ctx.peer.onArrival('NotifyConnectionStatus', probe);
});

Then('the kit\'s notification reached the candidate while the candidate\'s own was unanswered', async function (this: CtkWorld) {
  const e = await until(this.ctx.settleMs, async () => this.seen.get(CROSSING));
  if (e === undefined) this.blockedBy('CC-NEG-013', `no NotifyConnectionStatus for the connection within ${this.ctx.settleMs} ms after its features were final`, [expectation('NotifyConnectionStatus from the candidate', 'none received')], ['CC-NEG-013']);
  this.judge('CC-NEG-036', ok(e), `the kit's notification, sent while the candidate's own was unanswered, was refused (${answered(e)})`, [this.ev(e), expectation('2xx', answered(e))], { hard: true });
});
