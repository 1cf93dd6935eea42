/**
 * `ictk sla-evidence --metrics FILE [--loss-threshold N] [--availability R] [--rtt-p99-ms N]
 * [--capacity-mbps N] [--json]`: data-plane SLA figures from a partner's monitoring export. Exit status 0
 * when every judged requirement is met, 1 when one is missed; a bad file or option throws a CtkError (2).
 */
import { CtkError } from '../errors/index.js';
import { evaluateDataPlaneFile } from './dataplane/evaluate.js';
import { summaryJson, summaryText } from './dataplane/summary.js';

/** The output the command needs (the CLI's Io fits). */
export interface SlaEvidenceIo {
  /** Writes a line to stdout. */
  out(line: string): void;
  /** Writes a line to stderr. */
  err(line: string): void;
}

/** Defaults of the command, the same as the run configuration's. */
export const SLA_EVIDENCE_DEFAULTS = { lossThresholdPercent: 1, availability: 0.9999 } as const;

function num(v: unknown, flag: string, check: (n: number) => boolean, what: string): number | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  const n = typeof v === 'number' ? v : Number(String(v));
  if (!Number.isFinite(n) || !check(n)) throw new CtkError('CTK_ERR_USAGE', `${flag} must be ${what}, got "${String(v)}"`);
  return n;
}

/** Runs the command with commander-style options (`metrics`, `lossThreshold`, `availability`, `rttP99Ms`, `capacityMbps`, `json`). */
export async function slaEvidenceCommand(opts: Record<string, unknown>, io: SlaEvidenceIo): Promise<number> {
  const file = typeof opts['metrics'] === 'string' && opts['metrics'] !== '' ? opts['metrics'] : undefined;
  if (file === undefined) throw new CtkError('CTK_ERR_USAGE', 'pass --metrics FILE (a CSV timestamp,packetLossPercent,rttMs,bandwidthMbps or aws cloudwatch get-metric-data JSON)');
  const settings = {
    lossThresholdPercent: num(opts['lossThreshold'], '--loss-threshold', (n) => n >= 0 && n <= 100, 'a percentage from 0 to 100') ?? SLA_EVIDENCE_DEFAULTS.lossThresholdPercent,
    availability: num(opts['availability'], '--availability', (n) => n > 0 && n <= 1, 'a ratio such as 0.9999') ?? SLA_EVIDENCE_DEFAULTS.availability,
    rttP99Ms: num(opts['rttP99Ms'], '--rtt-p99-ms', (n) => n > 0, 'a positive number of milliseconds') ?? null,
  };
  const capacityMbps = num(opts['capacityMbps'], '--capacity-mbps', (n) => n > 0, 'a positive number of Mbps') ?? null;
  const e = evaluateDataPlaneFile(file, settings);
  const ctx = { file, capacityMbps };
  if (opts['json'] === true) io.out(JSON.stringify(summaryJson(e.file, e.analysis, settings, e.decisions, ctx), null, 2));
  else for (const line of summaryText(e.file, e.analysis, settings, e.decisions, ctx)) io.out(line);
  return e.decisions.some((d) => d.outcome === 'fail') ? 1 : 0;
}
