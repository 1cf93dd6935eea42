/**
 * Steps for features/retry-window.feature: the kit refuses every CreateConnection and watches when the
 * candidate's attempts end (src/checks/retry-window.ts judges the times).
 * @packageDocumentation
 */
import { Given, Then } from '@cucumber/cucumber';
import { judgeRetryWindow, RETRY_WATCH_MS } from '../src/checks/index.js';
import { expectation, peerCallEvidence } from '../src/runner/evidence.js';
import type { CtkWorld } from './support/world.js';

Given('the kit will refuse every request to create a connection as unavailable for the next minutes', function (this: CtkWorld) {
  this.ctx.peer.misbehave({ operation: 'CreateConnection', status: 503, times: 100_000 });
});

Then('the candidate\'s attempts to create the connection end about 60 seconds after its first one', async function (this: CtkWorld) {
  const uuid = this.issued?.uuid ?? '';
  const attempts = (): ReturnType<CtkWorld['ctx']['peer']['calls']> => this.ctx.peer.calls(this.mark).filter((c) => c.operation === 'CreateConnection' && c.query['connectionId'] === uuid);
  const first = await this.ctx.peer.waitForCall((c) => c.operation === 'CreateConnection' && c.query['connectionId'] === uuid, Math.max(this.ctx.settleMs, 6000), this.mark);
  if (first === undefined) {
    this.judge('CC-NEG-060', false, 'the candidate never asked the kit to create the connection, so its retries could not be watched', [expectation('CreateConnection attempts', 'none')], { rootCauses: ['CC-AK-020', 'CC-AK-021', 'CC-NEG-041'] });
    return;
  }
  // Watch until well past the window; a longer watch only makes a late attempt more visible.
  await new Promise((r) => setTimeout(r, Math.max(0, first.at + RETRY_WATCH_MS - Date.now())));
  const seen = attempts();
  const v = judgeRetryWindow(seen.map((c) => c.at));
  this.judge('CC-NEG-060', v.ok, v.summary, [
    expectation(v.expected, v.received),
    { kind: 'table', title: 'CreateConnection attempts, seconds after the first', columns: ['attempt', 'at (s)', 'status'], rows: seen.map((c, i) => [String(i + 1), ((c.at - first.at) / 1000).toFixed(1), String(c.status)]) },
    ...seen.slice(-2).map((c) => peerCallEvidence(c, this.ctx.peer.baseUrl)),
  ]);
});
