/**
 * Data-plane SLA figures from monitoring samples. Rule: each sample stands for one sample period; a period
 * is down when its packet loss is above the loss threshold, up otherwise, unknown when loss was not
 * reported. Availability is up / (up + down) over the observed periods; missing periods (gaps) and unknown
 * ones are reported and never counted as up. A second figure counts them as down, for the worst case.
 */
import { CtkError } from '../../errors/index.js';
import type { DataPlaneSample } from './samples.js';

/** Options of {@link analyse}. */
export interface AnalysisOptions {
  /** A period is down when its loss is above this, percent (default 1). */
  readonly lossThresholdPercent?: number;
  /** The sample period, ms; by default the most common spacing of the samples. */
  readonly periodMs?: number;
}

/** Missing sample periods between two samples. */
export interface Gap {
  /** Start of the first missing period, epoch ms. */
  readonly from: number;
  /** End of the last missing period (the next sample), epoch ms. */
  readonly to: number;
  /** Periods missing. */
  readonly missingPeriods: number;
}

/** Consecutive down periods. */
export interface Outage {
  /** Start, epoch ms. */
  readonly from: number;
  /** End, epoch ms. */
  readonly to: number;
  /** Down periods. */
  readonly periods: number;
  /** Worst loss in it, percent. */
  readonly peakLossPercent: number;
}

/** Figures of one calendar month (UTC). */
export interface MonthFigures {
  /** `YYYY-MM`. */
  readonly month: string;
  /** Periods up. */
  readonly up: number;
  /** Periods down. */
  readonly down: number;
  /** Periods with a sample but no loss figure. */
  readonly unknown: number;
  /** Periods with no sample. */
  readonly missing: number;
  /** up / (up + down), null when none. */
  readonly availability: number | null;
}

/** Distribution of a metric. */
export interface Distribution {
  /** Samples with a value. */
  readonly count: number;
  /** Median. */
  readonly p50: number;
  /** 95th percentile. */
  readonly p95: number;
  /** 99th percentile. */
  readonly p99: number;
  /** Largest value. */
  readonly max: number;
  /** When the largest value was seen, epoch ms. */
  readonly maxAt: number;
}

/** Everything computed from the samples. */
export interface DataPlaneAnalysis {
  /** Loss threshold used, percent. */
  readonly lossThresholdPercent: number;
  /** Sample period, ms. */
  readonly periodMs: number;
  /** Window start (first sample), epoch ms. */
  readonly from: number;
  /** Window end (end of the last sample's period), epoch ms. */
  readonly to: number;
  /** Periods the window holds. */
  readonly expectedPeriods: number;
  /** Periods with a sample. */
  readonly observedPeriods: number;
  /** Periods up, down, unknown (no loss figure) and missing (no sample). */
  readonly up: number;
  /** Periods down. */
  readonly down: number;
  /** Periods with a sample but no loss figure. */
  readonly unknown: number;
  /** Periods with no sample. */
  readonly missing: number;
  /** up / (up + down); null when no period had a loss figure. */
  readonly availability: number | null;
  /** up / all periods of the window (unknown and missing counted as down). */
  readonly availabilityWorstCase: number;
  /** Per calendar month. */
  readonly months: readonly MonthFigures[];
  /** Round-trip time, ms. */
  readonly rtt: Distribution | null;
  /** Bandwidth used, Mbps. */
  readonly bandwidth: Distribution | null;
  /** Outages, in time order. */
  readonly outages: readonly Outage[];
  /** The longest outage. */
  readonly longestOutage: Outage | null;
  /** Gaps, in time order. */
  readonly gaps: readonly Gap[];
  /** The counting rule, in words, for every output. */
  readonly rule: string;
}

/** The most common spacing of the samples, rounded to the second. */
export function detectPeriod(samples: readonly DataPlaneSample[]): number {
  const counts = new Map<number, number>();
  for (let i = 1; i < samples.length; i += 1) {
    const d = Math.round(((samples[i]?.at ?? 0) - (samples[i - 1]?.at ?? 0)) / 1000) * 1000;
    if (d > 0) counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  let best = 0;
  let bestCount = 0;
  for (const [d, c] of counts) if (c > bestCount || (c === bestCount && d < best)) { best = d; bestCount = c; }
  if (best === 0) throw new CtkError('CTK_ERR_METRICS_INVALID', 'at least two samples with distinct times are needed to tell the sample period');
  return best;
}

/** Nearest-rank percentile of ascending `sorted`. */
export function percentile(sorted: readonly number[], q: number): number {
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1] ?? NaN;
}

function distribution(samples: readonly DataPlaneSample[], pick: (s: DataPlaneSample) => number | null): Distribution | null {
  const values: number[] = [];
  let max = -Infinity;
  let maxAt = 0;
  for (const s of samples) {
    const v = pick(s);
    if (v === null) continue;
    values.push(v);
    if (v > max) { max = v; maxAt = s.at; }
  }
  if (values.length === 0) return null;
  values.sort((a, b) => a - b);
  return { count: values.length, p50: percentile(values, 0.5), p95: percentile(values, 0.95), p99: percentile(values, 0.99), max, maxAt };
}

/** `YYYY-MM` of an epoch-ms time, UTC. */
export function monthOf(at: number): string {
  return new Date(at).toISOString().slice(0, 7);
}

function nextMonthStart(at: number): number {
  const d = new Date(at);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

type MonthAcc = { up: number; down: number; unknown: number; missing: number };

/** Adds `count` missing periods starting at `start` to the months they fall in. */
function spreadMissing(months: Map<string, MonthAcc>, start: number, count: number, periodMs: number): void {
  let t = start;
  let left = count;
  while (left > 0) {
    const n = Math.min(left, Math.max(1, Math.ceil((nextMonthStart(t) - t) / periodMs)));
    month(months, t).missing += n;
    t += n * periodMs;
    left -= n;
  }
}

function month(months: Map<string, MonthAcc>, at: number): MonthAcc {
  const key = monthOf(at);
  let m = months.get(key);
  if (m === undefined) { m = { up: 0, down: 0, unknown: 0, missing: 0 }; months.set(key, m); }
  return m;
}

/** Computes every data-plane figure from time-ordered samples. */
export function analyse(samples: readonly DataPlaneSample[], o: AnalysisOptions = {}): DataPlaneAnalysis {
  const threshold = o.lossThresholdPercent ?? 1;
  const periodMs = o.periodMs ?? detectPeriod(samples);
  const months = new Map<string, MonthAcc>();
  const gaps: Gap[] = [];
  const outages: Outage[] = [];
  let current: { from: number; last: number; periods: number; peak: number } | undefined;
  const closeOutage = (): void => {
    if (current !== undefined) outages.push({ from: current.from, to: current.last + periodMs, periods: current.periods, peakLossPercent: current.peak });
    current = undefined;
  };
  let up = 0; let down = 0; let unknown = 0; let missing = 0;
  let prev: DataPlaneSample | undefined;
  for (const s of samples) {
    if (prev !== undefined && s.at - prev.at > 1.5 * periodMs) {
      const n = Math.max(1, Math.round((s.at - prev.at) / periodMs) - 1);
      gaps.push({ from: prev.at + periodMs, to: s.at, missingPeriods: n });
      spreadMissing(months, prev.at + periodMs, n, periodMs);
      missing += n;
      closeOutage();
    }
    const m = month(months, s.at);
    if (s.lossPercent === null) { unknown += 1; m.unknown += 1; closeOutage(); }
    else if (s.lossPercent > threshold) {
      down += 1; m.down += 1;
      if (current === undefined) current = { from: s.at, last: s.at, periods: 1, peak: s.lossPercent };
      else { current.last = s.at; current.periods += 1; current.peak = Math.max(current.peak, s.lossPercent); }
    } else { up += 1; m.up += 1; closeOutage(); }
    prev = s;
  }
  closeOutage();
  const first = samples[0]?.at ?? 0;
  const expected = samples.length + missing;
  return {
    lossThresholdPercent: threshold, periodMs, from: first, to: (prev?.at ?? first) + periodMs,
    expectedPeriods: expected, observedPeriods: samples.length, up, down, unknown, missing,
    availability: up + down === 0 ? null : up / (up + down),
    availabilityWorstCase: expected === 0 ? 0 : up / expected,
    months: [...months.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => ({ month: k, ...v, availability: v.up + v.down === 0 ? null : v.up / (v.up + v.down) })),
    rtt: distribution(samples, (s) => s.rttMs),
    bandwidth: distribution(samples, (s) => s.bandwidthMbps),
    outages,
    longestOutage: outages.reduce<Outage | null>((best, x) => (best === null || x.periods > best.periods ? x : best), null),
    gaps,
    rule: `Each sample stands for one ${periodMs / 1000} s period; a period is down when packet loss is above ${threshold}%, up otherwise. `
      + 'Availability = up / (up + down) over the periods observed. Periods with no sample (gaps) or no loss figure are reported as unknown and never counted as up; '
      + 'the worst-case figure counts them as down.',
  };
}
