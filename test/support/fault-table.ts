/**
 * Test support: the fault-table test. For every reference fault of an area, the kit's run against the
 * reference with that fault on must fail exactly the requirements the fault declares, and nothing else.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FAULTS, type FaultName } from '../../src/reference/index.js';
import { runKitAgainstReference } from './kit.js';

/** Registers one test per fault whose primary requirement id starts with one of `prefixes`. */
export function faultTable(prefixes: readonly string[]): void {
  const names = (Object.keys(FAULTS) as FaultName[]).filter((n) => prefixes.some((p) => (FAULTS[n].breaks[0] ?? '').startsWith(p)));
  for (const name of names) {
    const breaks = [...FAULTS[name].breaks].sort();
    test(`reference fault ${name} makes exactly ${breaks.join(', ')} fail`, async () => {
      const run = await runKitAgainstReference([name], { settleSeconds: 2 });
      assert.deepEqual(run.failed, breaks, `fault ${name}: expected exactly ${breaks.join(', ')} to fail; report in ${run.dir}`);
      const failedMust = (run.report.requirements ?? []).some((r) => r.status === 'failed' && r.level === 'MUST');
      if (failedMust) assert.equal(run.report.verdict, 'NOT_CERTIFIED');
      for (const id of breaks) {
        const r = (run.report.requirements ?? []).find((x) => x.id === id);
        assert.ok((r?.evidence ?? []).length > 0, `${id} failed without evidence`);
      }
    });
  }
}
