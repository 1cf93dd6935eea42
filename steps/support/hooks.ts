/**
 * Scenario bookkeeping: names and tags before, and after each scenario: requirements it tagged but never
 * judged become blocked or skipped with the reason, resources it made are deleted, and a scenario whose
 * judgements failed is reported failed.
 * @packageDocumentation
 */
import { After, Before, Status } from '@cucumber/cucumber';
import { CtkWorld } from './world.js';

const REQ_TAG = /^@(CC-[A-Z]{2,3}-\d{3})$/;

Before(function (this: CtkWorld, { pickle }) {
  this.scenario = pickle.name;
  this.tagged = pickle.tags.map((t) => REQ_TAG.exec(t.name)?.[1]).filter((x): x is string => x !== undefined);
  if (this.ctx.aborted()) {
    this.stop = { reason: 'the run was interrupted before this scenario', skip: true };
    return 'skipped';
  }
  if (pickle.tags.some((t) => t.name === '@slow') && !this.ctx.config.scenarios.includeSlow) {
    this.stop = { reason: 'a slow scenario (minutes), not run by default: run with --slow (or scenarios.includeSlow: true) to have it judged', skip: true };
    return 'skipped';
  }
  return undefined;
});

After(async function (this: CtkWorld, { result }) {
  const message = result?.message?.split('\n')[0] ?? '';
  for (const id of this.tagged) {
    if (this.judged.has(id)) continue;
    if (this.stop?.blockedBy !== undefined) {
      this.ctx.judgements.add({ id, outcome: 'blocked', scenario: this.scenario, blockedBy: this.stop.blockedBy, reason: this.stop.reason, evidence: [] });
    } else if (this.stop?.skip === true) {
      this.ctx.judgements.add({ id, outcome: 'skip', scenario: this.scenario, reason: this.stop.reason, evidence: [] });
    } else if (result?.status === Status.FAILED) {
      this.ctx.judgements.add({ id, outcome: 'skip', scenario: this.scenario, reason: `the scenario stopped on an error before judging it: ${message}`, evidence: [] });
    }
  }
  this.ctx.peer.reset();
  for (const c of this.cleanup.splice(0)) {
    await this.ctx.api.deleteConnection(c.ref, c.id);
    this.ctx.peer.local.deleteConnection(c.ref.env, c.ref.ix, c.id);
  }
  if (this.failed.size > 0 && result?.status !== Status.FAILED) {
    throw new Error(`requirement(s) failed: ${[...this.failed].join(', ')}`);
  }
});
