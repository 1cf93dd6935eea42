/**
 * The data-plane evidence as text lines (for `ictk sla-evidence`) and as a JSON document (`--json`).
 */
import { round } from '../load-evidence.js';
import type { DataPlaneAnalysis } from './analyse.js';
import { duration, outageText, type DataPlaneDecision, type DataPlaneThresholds } from './judge.js';
import type { MetricsFile } from './samples.js';

const pct = (ratio: number | null): string => (ratio === null ? 'n/a' : `${round(ratio * 100, 4)}%`);
const iso = (at: number): string => new Date(at).toISOString().replace('.000Z', 'Z');
const STATUS = { pass: 'met', fail: 'MISSED', na: 'not judged' } as const;

/** Options of the summary: the file name and an optional capacity for utilisation. */
export interface SummaryContext {
  /** The metrics file as named by the user. */
  readonly file: string;
  /** Connection capacity, Mbps, for the utilisation figure; null when unknown. */
  readonly capacityMbps: number | null;
}

function bandwidthLine(a: DataPlaneAnalysis, capacity: number | null): string {
  const b = a.bandwidth;
  if (b === null) return 'Bandwidth: not in the samples';
  const util = capacity !== null && capacity > 0 ? `; peak utilisation ${round((b.max / capacity) * 100, 1)}% of ${capacity} Mbps` : '';
  return `Bandwidth: peak ${b.max} Mbps at ${iso(b.maxAt)}, p95 ${b.p95} Mbps, p50 ${b.p50} Mbps${util}`;
}

/** Human-readable lines: window, rule, availability overall and per month, outages, gaps, RTT, bandwidth, verdicts. */
export function summaryText(m: MetricsFile, a: DataPlaneAnalysis, t: DataPlaneThresholds, decisions: readonly DataPlaneDecision[], c: SummaryContext): string[] {
  const lines = [
    `Data-plane SLA evidence: ${c.file} (${m.format === 'csv' ? 'CSV' : 'CloudWatch get-metric-data JSON'}, ${m.samples.length} samples)`,
    ...m.notes.map((n) => `Note: ${n}`),
    `Window: ${iso(a.from)} to ${iso(a.to)} (${duration(a.to - a.from)}), sample period ${a.periodMs / 1000} s, ${a.expectedPeriods} periods`,
    `Rule: ${a.rule}`,
    `Availability over observed periods: ${pct(a.availability)} (${a.up} up, ${a.down} down; ${a.unknown} unknown and ${a.missing} missing not counted)`,
    `Availability with gaps and unknown periods counted as down: ${pct(a.availabilityWorstCase)}`,
    ...a.months.map((x) => `  ${x.month}: ${pct(x.availability)} (up ${x.up}, down ${x.down}, unknown ${x.unknown}, missing ${x.missing}) ${x.availability !== null && x.availability >= t.availability ? 'meets' : 'misses'} ${pct(t.availability)}`),
    a.longestOutage === null ? 'Longest outage: none' : `Longest outage: ${outageText(a.longestOutage, a.periodMs)} (${a.outages.length} outage(s) in all)`,
    a.gaps.length === 0 ? 'Gaps: none' : `Gaps: ${a.gaps.length}, ${a.missing} period(s) (${duration(a.missing * a.periodMs)}) missing, never counted as up:`,
    ...a.gaps.slice(0, 10).map((g) => `  ${iso(g.from)} to ${iso(g.to)}: ${g.missingPeriods} period(s)`),
    a.rtt === null ? 'RTT: not in the samples' : `RTT: p50 ${a.rtt.p50} ms, p95 ${a.rtt.p95} ms, p99 ${a.rtt.p99} ms, max ${a.rtt.max} ms (threshold ${t.rttP99Ms === null ? 'none: reported only' : `${t.rttP99Ms} ms`})`,
    bandwidthLine(a, c.capacityMbps),
    ...decisions.map((d) => `${d.id} ${STATUS[d.outcome]}: ${d.summary}`),
  ];
  return lines;
}

/** The same figures as a JSON-ready object. */
export function summaryJson(m: MetricsFile, a: DataPlaneAnalysis, t: DataPlaneThresholds, decisions: readonly DataPlaneDecision[], c: SummaryContext): Record<string, unknown> {
  return {
    file: c.file, format: m.format, samples: m.samples.length, notes: m.notes,
    thresholds: { lossThresholdPercent: a.lossThresholdPercent, availability: t.availability, rttP99Ms: t.rttP99Ms, capacityMbps: c.capacityMbps },
    rule: a.rule,
    window: { from: iso(a.from), to: iso(a.to), periodSeconds: a.periodMs / 1000, expectedPeriods: a.expectedPeriods, observedPeriods: a.observedPeriods },
    periods: { up: a.up, down: a.down, unknown: a.unknown, missing: a.missing },
    availability: a.availability, availabilityWorstCase: a.availabilityWorstCase,
    months: a.months,
    longestOutage: a.longestOutage === null ? null : { ...a.longestOutage, from: iso(a.longestOutage.from), to: iso(a.longestOutage.to), seconds: (a.longestOutage.periods * a.periodMs) / 1000 },
    outages: a.outages.map((o) => ({ ...o, from: iso(o.from), to: iso(o.to) })),
    gaps: a.gaps.map((g) => ({ ...g, from: iso(g.from), to: iso(g.to) })),
    rtt: a.rtt === null ? null : { ...a.rtt, maxAt: iso(a.rtt.maxAt) },
    bandwidth: a.bandwidth === null ? null : { ...a.bandwidth, maxAt: iso(a.bandwidth.maxAt), peakUtilisation: c.capacityMbps !== null && c.capacityMbps > 0 ? a.bandwidth.max / c.capacityMbps : null },
    requirements: decisions.map((d) => ({ id: d.id, status: d.outcome === 'pass' ? 'passed' : d.outcome === 'fail' ? 'failed' : 'not-applicable', summary: d.summary })),
  };
}
