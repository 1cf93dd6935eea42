/**
 * Test support: runs the whole kit against the bundled reference partner, clean or with faults.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../src/config/index.js';
import { createReferencePartner, DEFAULT_DEFERRAL_HOUR_MS, faultConfig, referenceAuthSetup, referenceRunConfig, withFaultConfig, type FaultConfig } from '../../src/reference/index.js';
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

/** Options of {@link runKitAgainstReference}. */
export interface KitRunOptions {
  /** Cucumber tag expression (default every scenario). */
  tags?: string;
  /** Bound on waits for asynchronous outcomes, seconds (default 3). */
  settleSeconds?: number;
  /** Requests of the SLA load phase (default 200, to keep tests fast). */
  loadRequests?: number;
  /** Configuration set last, over the faults' own (FaultInfo.config), section by section. */
  configOverrides?: FaultConfig;
}

/**
 * Certifies the reference partner with the given faults switched on, with the configuration each fault is caught
 * with (as `ictk run --fault` applies it); `settleSeconds` bounds waits for async outcomes.
 */
export async function runKitAgainstReference(faults: readonly string[] = [], opts: KitRunOptions = {}): Promise<KitRun> {
  const auth = referenceAuthSetup();
  const reference = await createReferencePartner({ faults, apiAuth: auth.api, peerAuth: auth.peer });
  const dir = mkdtempSync(join(tmpdir(), 'ictk-run-'));
  try {
    const own = referenceRunConfig(reference, auth, DEFAULT_DEFERRAL_HOUR_MS);
    const base = {
      ...own,
      timeouts: { ...own['timeouts'], settleSeconds: opts.settleSeconds ?? 3, quietMs: 400 },
      sla: { loadRequests: opts.loadRequests ?? 200 },
      reportDir: dir,
    };
    const config = parseConfig(withFaultConfig(withFaultConfig(base, faultConfig(faults)), opts.configOverrides ?? {}));
    const { report } = await certify({ config, env: { ...process.env, ...auth.env }, tags: opts.tags ?? null, target: { reference: true, fault: faults.join(',') || null } });
    const failed = (report.requirements ?? []).filter((r) => r.status === 'failed').map((r) => r.id).sort();
    return { report, dir, failed };
  } finally {
    await reference.close();
  }
}
