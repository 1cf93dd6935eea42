/**
 * Test support: runs the whole kit against the bundled reference partner, clean or with faults.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../src/config/index.js';
import { createReferencePartner } from '../../src/reference/index.js';
import type { ReportInput } from '../../src/report/index.js';
import { certify } from '../../src/runner/run.js';

/** The outcome of one kit run against the reference. */
export interface KitRun {
  /** The report as written. */
  readonly report: ReportInput;
  /** Where it was written. */
  readonly dir: string;
  /** Ids of failed requirements. */
  readonly failed: string[];
}

/** Certifies the reference partner with the given faults switched on; `settleSeconds` bounds waits for async outcomes. */
export async function runKitAgainstReference(faults: readonly string[] = [], opts: { tags?: string; settleSeconds?: number; loadRequests?: number } = {}): Promise<KitRun> {
  const reference = await createReferencePartner({ faults });
  const dir = mkdtempSync(join(tmpdir(), 'ictk-run-'));
  try {
    const config = parseConfig({
      candidate: { baseUrl: reference.baseUrl, providerId: reference.providerId, hooksUrl: reference.hooksUrl, accountId: reference.accountId },
      timeouts: { settleSeconds: opts.settleSeconds ?? 3, quietMs: 400 },
      sla: { loadRequests: opts.loadRequests ?? 200 },
      reportDir: dir,
    });
    const { report } = await certify({ config, tags: opts.tags ?? null, target: { reference: true, fault: faults.join(',') || null } });
    const failed = (report.requirements ?? []).filter((r) => r.status === 'failed').map((r) => r.id).sort();
    return { report, dir, failed };
  } finally {
    await reference.close();
  }
}
