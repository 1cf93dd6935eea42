/**
 * Service-level checks: the bounded load generator and its latency histogram (control plane), provisioning
 * timings, and data-plane evidence from partner monitoring exports (CSV or CloudWatch JSON), with the
 * verdicts and report evidence of the CC-SLA requirements and the `ictk sla-evidence` command.
 * May import: client, errors, report (schema types), runner (topology types). Imported by: steps, cli, bench.
 * @packageDocumentation
 */
export { LatencyHistogram, displayBounds, type HistogramBar } from './histogram.js';
export { Timeline, type TimelineSlot } from './timeline.js';
export { retryAfterMs } from './retry-after.js';
export {
  runLoad, classify, availabilityOf, targetPicker, zeroOutcomes, OUTCOMES,
  type LoadOptions, type LoadResult, type LoadSample, type LoadTarget, type Outcome, type OperationStats, type Send, type SendResult,
} from './load.js';
export { httpClientSender, poolSender, type PoolSender, type PoolSenderOptions } from './senders.js';
export { readTargets, type LoadConnection, type TargetPaths } from './targets.js';
export {
  availabilityVerdict, latencyVerdict, latencyChart, operationsTable, timelineCharts, sampleEvidence, round,
  type SlaVerdict, type LoadSettings,
} from './load-evidence.js';
export { pollUntil, type PollOptions, type PollResult } from './poll.js';
export {
  featuresVerdict, notificationVerdict, provisioningVerdict, acceptedKeyVerdict, milestoneTable, milestoneRows,
  type Milestones, type AcceptedKeyMilestones, type Milestone, type FeatureTiming,
} from './provisioning.js';
export { parseMetrics, readMetricsFile } from './dataplane/parse.js';
export { parseCsv, CSV_COLUMNS } from './dataplane/parse-csv.js';
export { parseCloudWatch, metricOf } from './dataplane/parse-cloudwatch.js';
export { jsonErrorOffset, lineColumn } from './dataplane/json-error.js';
export { parseTimestamp, type DataPlaneSample, type MetricsFile } from './dataplane/samples.js';
export {
  analyse, detectPeriod, percentile, monthOf,
  type AnalysisOptions, type DataPlaneAnalysis, type Gap, type Outage, type MonthFigures, type Distribution,
} from './dataplane/analyse.js';
export { judgeDataPlane, duration, downsample, type DataPlaneDecision, type DataPlaneThresholds } from './dataplane/judge.js';
export { evaluateDataPlane, evaluateDataPlaneFile, type DataPlaneEvaluation, type DataPlaneSettings } from './dataplane/evaluate.js';
export { summaryText, summaryJson, type SummaryContext } from './dataplane/summary.js';
export { slaEvidenceCommand, SLA_EVIDENCE_DEFAULTS, type SlaEvidenceIo } from './cli-command.js';
