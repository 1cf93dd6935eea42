/**
 * Reading, analysing and judging data-plane evidence in one call, as the `@sla` scenario and
 * `ictk sla-evidence` both need it.
 */
import { analyse, type DataPlaneAnalysis } from './analyse.js';
import { judgeDataPlane, type DataPlaneDecision, type DataPlaneThresholds } from './judge.js';
import { readMetricsFile } from './parse.js';
import type { MetricsFile } from './samples.js';

/** Settings of a data-plane evaluation. */
export interface DataPlaneSettings extends DataPlaneThresholds {
  /** A period is down above this packet loss, percent (sla.lossThresholdPercent, default 1). */
  readonly lossThresholdPercent: number;
}

/** A metrics file with its analysis and the three decisions. */
export interface DataPlaneEvaluation {
  /** The parsed file. */
  readonly file: MetricsFile;
  /** The figures. */
  readonly analysis: DataPlaneAnalysis;
  /** CC-SLA-007, CC-SLA-008, CC-SLA-009. */
  readonly decisions: readonly DataPlaneDecision[];
}

/** Analyses and judges parsed samples. */
export function evaluateDataPlane(file: MetricsFile, s: DataPlaneSettings): DataPlaneEvaluation {
  const analysis = analyse(file.samples, { lossThresholdPercent: s.lossThresholdPercent });
  return { file, analysis, decisions: judgeDataPlane(analysis, s, file.samples) };
}

/** Reads `path` and evaluates it; throws CTK_ERR_METRICS_INVALID for an unreadable or malformed file. */
export function evaluateDataPlaneFile(path: string, s: DataPlaneSettings): DataPlaneEvaluation {
  return evaluateDataPlane(readMetricsFile(path), s);
}
