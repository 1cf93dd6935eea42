/**
 * The lines `ictk run` prints at the end: verdict, counts, the failures to fix first, and where the report is.
 * @packageDocumentation
 */
import { join } from 'node:path';
import type { CertifyResult } from '../runner/run.js';

/** Summary lines for the terminal. */
export function summaryLines(r: CertifyResult, quiet: boolean): string[] {
  const rep = r.report;
  const s = rep.summary;
  const head = `Verdict: ${rep.verdict} (${rep.verdictReason})`;
  if (quiet) return [head];
  const failed = (rep.requirements ?? []).filter((q) => q.status === 'failed');
  const lines = [
    '',
    head,
    `Requirements: ${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped, ${s.notApplicable} not applicable` +
      ` (MUST failed: ${s.mustFailed}; MUST not judged: ${s.mustSkipped}; not yet covered by the kit: ${s.notYetCovered})`,
  ];
  for (const f of failed.slice(0, 15)) lines.push(`  FAILED ${f.level.padEnd(6)} ${f.id} ${f.title} [${f.source}]${f.reason !== undefined ? `\n         ${f.reason}` : ''}`);
  if (failed.length > 15) lines.push(`  ... and ${failed.length - 15} more in the report`);
  lines.push(`Report: ${join(r.reportDir, 'report.html')} (also report.json, report.md, junit.xml, integrity.json)`);
  return lines;
}
