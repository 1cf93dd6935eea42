/**
 * Test support: the fault-table test. For every reference fault of an area, the kit's run against the
 * reference with that fault on must fail exactly the requirements the fault declares, and nothing else.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FAULTS, LOAD_ENGAGE_GETS, type FaultName } from '../../src/reference/index.js';
import { loadCatalog } from '../../src/spec/catalog.js';
import { runKitAgainstReference } from './kit.js';

const catalog = loadCatalog();

/**
 * The scenarios a fault's run selects. By default: the scenarios that judge the requirements the fault declares,
 * so that the suite stays fast; ICTK_FAULT_RUNS=area widens each run to every feature of those requirements'
 * categories, and ICTK_FAULT_RUNS=full to every scenario (slow: minutes per area), to catch cascades.
 */
export function faultRunTags(breaks: readonly string[]): string | undefined {
  const mode = process.env['ICTK_FAULT_RUNS'] ?? 'requirements';
  if (mode === 'full') return undefined;
  if (mode === 'area') {
    const cats = [...new Set(breaks.map((id) => catalog.byId(id)?.category).filter((c): c is NonNullable<typeof c> => c !== undefined))];
    return cats.map((c) => `@${c}`).join(' or ');
  }
  return breaks.map((id) => `@${id}`).join(' or ');
}

/** Requirements judged from the SLA load: their faults engage only under load, so their runs send the default 2,000 requests. */
const LOAD_JUDGED = ['CC-SLA-001', 'CC-SLA-002'];

/** The SLA load a fault's run sends: the default 2,000 requests where the fault engages only under load, else the test default. */
function loadRequestsFor(breaks: readonly string[]): { loadRequests?: number } {
  return breaks.some((id) => LOAD_JUDGED.includes(id)) ? { loadRequests: Math.max(2000, 4 * LOAD_ENGAGE_GETS) } : {};
}

/**
 * Registers one test per fault whose primary requirement id starts with one of `prefixes`. Each run carries the
 * configuration the fault is caught with (FaultInfo.config, e.g. a tighter sla.provisioningSeconds).
 */
export function faultTable(prefixes: readonly string[]): void {
  const names = (Object.keys(FAULTS) as FaultName[]).filter((n) => prefixes.some((p) => (FAULTS[n].breaks[0] ?? '').startsWith(p)));
  for (const name of names) {
    const breaks = [...FAULTS[name].breaks].sort();
    test(`reference fault ${name} makes exactly ${breaks.join(', ')} fail`, async () => {
      const tags = faultRunTags(breaks);
      const run = await runKitAgainstReference([name], {
        settleSeconds: 2, ...(tags !== undefined ? { tags } : {}), ...loadRequestsFor(breaks), configOverrides: FAULTS[name].config ?? {},
      });
      assert.deepEqual(run.failed, breaks, `fault ${name}: expected exactly ${breaks.join(', ')} to fail; report in ${run.dir}`);
      const breaksMust = breaks.some((id) => catalog.byId(id)?.level === 'MUST');
      if (breaksMust || tags !== undefined) assert.equal(run.report.verdict, 'NOT_CERTIFIED', 'a defect that breaks a MUST (or a partial run) is never CERTIFIED');
      for (const id of breaks) {
        const r = (run.report.requirements ?? []).find((x) => x.id === id);
        assert.ok((r?.evidence ?? []).length > 0, `${id} failed without evidence`);
      }
    });
  }
}
