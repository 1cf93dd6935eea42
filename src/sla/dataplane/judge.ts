/**
 * Judging the data-plane requirements from an analysis: CC-SLA-007 (monthly availability), CC-SLA-008
 * (RTT p99) and CC-SLA-009 (complete samples), each with report evidence. Shared by the `@sla` scenario and
 * `ictk sla-evidence`.
 */
import type { Evidence } from '../../report/schema.js';
import { round } from '../load-evidence.js';
import type { DataPlaneAnalysis, Outage } from './analyse.js';
import type { DataPlaneSample } from './samples.js';

/** Thresholds of the data-plane requirements. */
export interface DataPlaneThresholds {
  /** Monthly availability to meet, ratio (sla.dataPlaneAvailability, default 0.9999). */
  readonly availability: number;
  /** RTT p99 limit, ms; null to report only (sla.rttP99Ms). */
  readonly rttP99Ms: number | null;
}

/** One requirement's decision. */
export interface DataPlaneDecision {
  /** Requirement id. */
  readonly id: 'CC-SLA-007' | 'CC-SLA-008' | 'CC-SLA-009';
  /** pass, fail or na (not applicable, with the reason in `summary`). */
  readonly outcome: 'pass' | 'fail' | 'na';
  /** One line: the figure against its threshold, or why it does not apply. */
  readonly summary: string;
  /** Evidence for the report. */
  readonly evidence: Evidence[];
}

const pct = (ratio: number | null): number | null => (ratio === null ? null : round(ratio * 100, 4));

/** A duration in words: `45 min`, `2 h 5 min`, `30 s`. */
export function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h >= 48) return h % 24 === 0 ? `${h / 24} d` : `${Math.floor(h / 24)} d ${h % 24} h`;
  return m % 60 === 0 ? `${h} h` : `${h} h ${m % 60} min`;
}

const iso = (at: number): string => new Date(at).toISOString().replace('.000Z', 'Z');

/** Words for an outage. */
export function outageText(o: Outage, periodMs: number): string {
  return `${duration(o.periods * periodMs)} (${o.periods} period(s)) from ${iso(o.from)} to ${iso(o.to)}, peak loss ${o.peakLossPercent}%`;
}

/**
 * A metric as a timeseries of at most `maxPoints` points, keeping the largest value of each bucket; x is in
 * days since the first sample (the report's time axis labels only times of day).
 */
export function downsample(samples: readonly DataPlaneSample[], pick: (s: DataPlaneSample) => number | null, maxPoints = 500): Array<[number, number]> {
  const per = Math.max(1, Math.ceil(samples.length / maxPoints));
  const start = samples[0]?.at ?? 0;
  const out: Array<[number, number]> = [];
  for (let i = 0; i < samples.length; i += per) {
    let best: number | null = null;
    for (let j = i; j < Math.min(samples.length, i + per); j += 1) {
      const v = pick(samples[j]!);
      if (v !== null && (best === null || v > best)) best = v;
    }
    if (best !== null) out.push([round((samples[i]!.at - start) / 86_400_000, 3), best]);
  }
  return out;
}

/** The x-axis label of {@link downsample}'s charts. */
function daysLabel(samples: readonly DataPlaneSample[]): string {
  return `days since ${iso(samples[0]?.at ?? 0)}`;
}

function availabilityDecision(a: DataPlaneAnalysis, t: DataPlaneThresholds, samples: readonly DataPlaneSample[]): DataPlaneDecision {
  const missed = a.months.filter((m) => m.availability === null || m.availability < t.availability);
  const outcome = missed.length === 0 && a.months.length > 0 ? 'pass' : 'fail';
  const worst = a.months.reduce<number | null>((w, m) => (m.availability !== null && (w === null || m.availability < w) ? m.availability : w), null);
  const summary = outcome === 'pass'
    ? `every month meets ${pct(t.availability)}% (lowest ${pct(worst)}%)`
    : `${missed.map((m) => `${m.month}: ${m.availability === null ? 'no observed period' : `${pct(m.availability)}%`}`).join(', ')} below ${pct(t.availability)}%${a.longestOutage !== null ? `; longest outage ${outageText(a.longestOutage, a.periodMs)}` : ''}`;
  return {
    id: 'CC-SLA-007', outcome, summary,
    evidence: [
      ...a.months.slice(0, 24).map((m): Evidence => ({ kind: 'metric', name: `data-plane availability ${m.month}`, unit: '%', measured: pct(m.availability), threshold: pct(t.availability), comparison: '>=' })),
      { kind: 'metric', name: 'data-plane availability, gaps and unknown periods counted as down', unit: '%', measured: pct(a.availabilityWorstCase), threshold: null, comparison: '>=' },
      {
        kind: 'table', title: `Periods per calendar month (UTC), ${a.periodMs / 1000} s each`, columns: ['month', 'up', 'down', 'unknown', 'missing', 'availability %'],
        rows: a.months.map((m) => [m.month, String(m.up), String(m.down), String(m.unknown), String(m.missing), m.availability === null ? '-' : String(pct(m.availability))]),
      },
      {
        kind: 'table', title: `Outages (consecutive periods with loss above ${a.lossThresholdPercent}%)`, columns: ['from (UTC)', 'to (UTC)', 'duration', 'peak loss %'],
        rows: a.outages.slice(0, 20).map((o) => [iso(o.from), iso(o.to), duration(o.periods * a.periodMs), String(o.peakLossPercent)]),
      },
      { kind: 'chart', chart: 'timeseries', title: 'Packet loss (largest per point)', xLabel: daysLabel(samples), yLabel: 'packet loss %', points: downsample(samples, (s) => s.lossPercent) },
      { kind: 'note', text: a.rule },
    ],
  };
}

function rttDecision(a: DataPlaneAnalysis, t: DataPlaneThresholds, samples: readonly DataPlaneSample[]): DataPlaneDecision {
  const r = a.rtt;
  if (r === null) return { id: 'CC-SLA-008', outcome: 'na', summary: 'the samples carry no round-trip times', evidence: [] };
  const figures: Evidence[] = [
    { kind: 'metric', name: 'RTT p99', unit: 'ms', measured: r.p99, threshold: t.rttP99Ms, comparison: '<=' },
    { kind: 'metric', name: 'RTT p95', unit: 'ms', measured: r.p95, threshold: null, comparison: '<=' },
    { kind: 'metric', name: 'RTT p50', unit: 'ms', measured: r.p50, threshold: null, comparison: '<=' },
    { kind: 'metric', name: 'RTT max', unit: 'ms', measured: r.max, threshold: null, comparison: '<=' },
    { kind: 'chart', chart: 'timeseries', title: 'Round-trip time (largest per point)', xLabel: daysLabel(samples), yLabel: 'RTT ms', points: downsample(samples, (s) => s.rttMs) },
  ];
  if (t.rttP99Ms === null) return { id: 'CC-SLA-008', outcome: 'na', summary: `no RTT threshold is configured (sla.rttP99Ms): p99 ${r.p99} ms reported only`, evidence: figures };
  const ok = r.p99 <= t.rttP99Ms;
  return { id: 'CC-SLA-008', outcome: ok ? 'pass' : 'fail', summary: `RTT p99 ${r.p99} ms ${ok ? 'is within' : 'exceeds'} ${t.rttP99Ms} ms (${r.count} samples)`, evidence: figures };
}

function coverageDecision(a: DataPlaneAnalysis): DataPlaneDecision {
  const ok = a.missing === 0 && a.unknown === 0;
  const missingTime = duration(a.missing * a.periodMs);
  const summary = ok
    ? `all ${a.expectedPeriods} periods from ${iso(a.from)} to ${iso(a.to)} have a sample with a loss figure`
    : `${a.missing} period(s) missing (${missingTime}) in ${a.gaps.length} gap(s) and ${a.unknown} period(s) without a loss figure, out of ${a.expectedPeriods}`;
  return {
    id: 'CC-SLA-009', outcome: ok ? 'pass' : 'fail', summary,
    evidence: [
      { kind: 'metric', name: 'missing periods', unit: 'periods', measured: a.missing, threshold: 0, comparison: '<=' },
      { kind: 'metric', name: 'periods without a loss figure', unit: 'periods', measured: a.unknown, threshold: 0, comparison: '<=' },
      {
        kind: 'table', title: 'Gaps in the samples (never counted as up)', columns: ['from (UTC)', 'to (UTC)', 'missing periods', 'duration'],
        rows: a.gaps.slice(0, 20).map((g) => [iso(g.from), iso(g.to), String(g.missingPeriods), duration(g.missingPeriods * a.periodMs)]),
      },
      { kind: 'note', text: `Window ${iso(a.from)} to ${iso(a.to)}: ${a.expectedPeriods} periods of ${a.periodMs / 1000} s, ${a.observedPeriods} with a sample.` },
    ],
  };
}

/** Decides CC-SLA-007, CC-SLA-008 and CC-SLA-009. */
export function judgeDataPlane(a: DataPlaneAnalysis, t: DataPlaneThresholds, samples: readonly DataPlaneSample[]): DataPlaneDecision[] {
  return [availabilityDecision(a, t, samples), rttDecision(a, t, samples), coverageDecision(a)];
}
