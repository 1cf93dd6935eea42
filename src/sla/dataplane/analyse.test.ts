import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { CtkError } from '../../errors/index.js';
import { packageRoot } from '../../spec/spec-files.js';
import { analyse, detectPeriod, percentile } from './analyse.js';
import { judgeDataPlane } from './judge.js';
import { readMetricsFile } from './parse.js';
import type { DataPlaneSample } from './samples.js';

const P = 300_000;
const T0 = Date.parse('2026-10-01T00:00:00Z');

/** Samples every five minutes from T0 with the given losses; `null` in `loss` skips the period (a gap). */
function series(loss: ReadonlyArray<number | null | 'unknown'>): DataPlaneSample[] {
  return loss.flatMap((l, i) => (l === null ? [] : [{ at: T0 + i * P, lossPercent: l === 'unknown' ? null : l, rttMs: 10 + i, bandwidthMbps: 100 * i }]));
}

test('a known outage and a gap give the expected availability, longest outage and gap list', () => {
  const a = analyse(series([0, 0, 5, 100, 2, 0.5, null, null, 0, 3, 0, 0]), { lossThresholdPercent: 1 });
  assert.equal(a.periodMs, P);
  assert.deepEqual([a.up, a.down, a.unknown, a.missing, a.expectedPeriods], [6, 4, 0, 2, 12]);
  assert.equal(a.availability, 6 / 10);
  assert.equal(a.availabilityWorstCase, 6 / 12);
  assert.deepEqual(a.longestOutage, { from: T0 + 2 * P, to: T0 + 5 * P, periods: 3, peakLossPercent: 100 });
  assert.equal(a.outages.length, 2);
  assert.deepEqual(a.gaps, [{ from: T0 + 6 * P, to: T0 + 8 * P, missingPeriods: 2 }]);
  assert.equal(a.to, T0 + 12 * P);
  assert.match(a.rule, /never counted as up/);
});

test('a gap never joins two outages and a period without a loss figure is unknown, not up', () => {
  const a = analyse(series([5, null, 5, 'unknown', 5, 0]));
  assert.deepEqual(a.outages.map((o) => o.periods), [1, 1, 1]);
  assert.deepEqual([a.up, a.down, a.unknown, a.missing], [1, 3, 1, 1]);
  assert.equal(a.availability, 1 / 4);
});

test('the loss threshold decides what counts as down', () => {
  const s = series([0.5, 1, 1.5, 0]);
  assert.equal(analyse(s, { lossThresholdPercent: 1 }).down, 1, 'exactly at the threshold is up');
  assert.equal(analyse(s, { lossThresholdPercent: 0.1 }).down, 3);
});

test('months are split in UTC and missing periods land in the month they fall in', () => {
  const start = Date.parse('2026-10-31T23:50:00Z');
  const samples: DataPlaneSample[] = [0, 1, 5, 6].map((i) => ({ at: start + i * P, lossPercent: i === 6 ? 50 : 0, rttMs: null, bandwidthMbps: null }));
  const a = analyse(samples);
  assert.deepEqual(a.months.map((m) => [m.month, m.up, m.down, m.missing]), [['2026-10', 2, 0, 0], ['2026-11', 1, 1, 3]]);
  assert.equal(a.months[1]?.availability, 0.5);
  assert.equal(a.rtt, null);
  assert.equal(a.bandwidth, null);
});

test('RTT percentiles are nearest-rank and the bandwidth peak is located in time', () => {
  const a = analyse(series(Array.from({ length: 100 }, () => 0)));
  assert.deepEqual(a.rtt && [a.rtt.p50, a.rtt.p95, a.rtt.p99, a.rtt.max], [59, 104, 108, 109]);
  assert.deepEqual(a.bandwidth && [a.bandwidth.max, a.bandwidth.maxAt], [9900, T0 + 99 * P]);
  assert.equal(percentile([1, 2, 3, 4], 0.5), 2);
});

test('the sample period is the most common spacing; one sample is not enough', () => {
  assert.equal(detectPeriod(series([0, 0, null, 0, 0, 0])), P);
  assert.throws(() => detectPeriod(series([0])), (e: unknown) => e instanceof CtkError && e.code === 'CTK_ERR_METRICS_INVALID');
});

test('the failing sample has a 45-minute outage, a 2-hour gap, and misses the monthly 99.99% in both months', () => {
  const m = readMetricsFile(join(packageRoot(), 'examples', 'metrics', 'misses-sla.csv'));
  const a = analyse(m.samples, { lossThresholdPercent: 1 });
  assert.equal(a.longestOutage?.periods, 9);
  assert.equal(new Date(a.longestOutage?.from ?? 0).toISOString(), '2026-10-28T03:10:00.000Z');
  assert.deepEqual(a.gaps.map((g) => [new Date(g.from).toISOString(), g.missingPeriods]), [['2026-11-06T12:00:00.000Z', 24]]);
  const d = judgeDataPlane(a, { availability: 0.9999, rttP99Ms: null }, m.samples);
  assert.deepEqual(d.map((x) => [x.id, x.outcome]), [['CC-SLA-007', 'fail'], ['CC-SLA-008', 'na'], ['CC-SLA-009', 'fail']]);
  assert.match(d[0]?.summary ?? '', /^2026-10: 99\.8162%, 2026-11: 99\.9731% below 99\.99%; longest outage 45 min/);
});

test('the passing sample meets every data-plane requirement, RTT judged only when a threshold is set', () => {
  const m = readMetricsFile(join(packageRoot(), 'examples', 'metrics', 'meets-sla.csv'));
  const a = analyse(m.samples);
  assert.equal(a.availability, 1);
  const judged = judgeDataPlane(a, { availability: 0.9999, rttP99Ms: 20 }, m.samples);
  assert.deepEqual(judged.map((x) => x.outcome), ['pass', 'pass', 'pass']);
  assert.equal(judgeDataPlane(a, { availability: 0.9999, rttP99Ms: 5 }, m.samples)[1]?.outcome, 'fail');
  const chart = judged[0]?.evidence.find((e) => e.kind === 'chart');
  assert.ok(chart?.kind === 'chart' && chart.points.length <= 500, 'charts are downsampled');
});
