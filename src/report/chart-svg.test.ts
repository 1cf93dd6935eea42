import { test } from 'node:test';
import assert from 'node:assert/strict';
import { niceTicks, renderChartSvg, tickLabel } from './chart-svg.js';

const base = { kind: 'chart', xLabel: 'latency (ms)', yLabel: 'requests' } as const;

test('ticks are round numbers covering the range', () => {
  assert.deepEqual(niceTicks(0, 620), [0, 200, 400, 600, 800]);
  assert.deepEqual(niceTicks(0, 1), [0, 0.2, 0.4, 0.6, 0.8, 1]);
  assert.deepEqual(niceTicks(5, 5), [5, 6]);
  assert.equal(tickLabel(25000), '25k');
  assert.equal(tickLabel(Date.parse('2026-11-22T10:00:05Z'), true), '10:00:05');
});

test('a histogram draws one bar per bucket with axis labels', () => {
  const svg = renderChartSvg({ ...base, title: 'Latency', chart: 'histogram', points: [[0, 3], [10, 40], [20, 310]] });
  assert.equal((svg.match(/<rect /g) ?? []).length, 3);
  assert.match(svg, />latency \(ms\)<\/text>/);
  assert.match(svg, /rotate\(-90\)" text-anchor="middle" fill="#1f2933">requests</);
  assert.match(svg, /<title>20: 310<\/title>/);
});

test('a timeseries draws a polyline through every point, left to right', () => {
  const svg = renderChartSvg({ ...base, title: 'Rate', chart: 'timeseries', points: [[0, 1], [5, 3], [10, 2]] });
  const points = /<polyline points="([^"]+)"/.exec(svg)?.[1]?.split(' ').map((p) => Number(p.split(',')[0]));
  assert.equal(points?.length, 3);
  assert.ok(points !== undefined && (points[0] ?? 0) < (points[1] ?? 0) && (points[1] ?? 0) < (points[2] ?? 0));
});

test('empty and non-finite data say "no data", and titles are escaped', () => {
  const svg = renderChartSvg({ ...base, title: '<x>', chart: 'timeseries', points: [[Number.NaN, 1]] });
  assert.match(svg, />no data</);
  assert.doesNotMatch(svg, /<x>/);
});
