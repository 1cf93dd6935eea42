/**
 * Benchmark case: the default certification of the bundled reference partner, in-process as `npm start`
 * runs it: wall time, peak RSS and the verdict.
 * @packageDocumentation
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../src/config/index.js';
import { createReferencePartner } from '../../src/reference/index.js';
import { certify } from '../../src/runner/run.js';
import { emit, main, peakRssMb } from '../support/protocol.js';

main(async () => {
  const t0 = performance.now();
  const reference = await createReferencePartner();
  const dir = mkdtempSync(join(tmpdir(), 'ictk-bench-'));
  try {
    const config = parseConfig({
      candidate: { baseUrl: reference.baseUrl, providerId: reference.providerId, hooksUrl: reference.hooksUrl, accountId: reference.accountId },
      reportDir: dir,
    });
    const phases: Array<{ line: string; at: number }> = [];
    const { report } = await certify({ config, target: { reference: true, fault: null }, progress: (line) => phases.push({ line, at: performance.now() }) });
    const sla = phases.find((p) => p.line.includes('sla:'));
    const slowest = phases.map((p, i) => ({ scenario: p.line.trim(), seconds: Math.round((p.at - (phases[i - 1]?.at ?? t0)) / 100) / 10 }))
      .filter((p) => /^(ok|FAIL|skip)/.test(p.scenario)).sort((a, b) => b.seconds - a.seconds).slice(0, 5);
    emit({
      wallMs: Math.round(performance.now() - t0), peakRssMb: peakRssMb(), verdict: report.verdict,
      requirements: report.requirements.length, scenarios: report.scenarios?.length ?? 0, slaRequests: config.sla.loadRequests,
      slaPhaseStartedAtMs: sla !== undefined ? Math.round(sla.at - t0) : null, slowestScenarios: slowest,
    });
  } finally {
    await reference.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
