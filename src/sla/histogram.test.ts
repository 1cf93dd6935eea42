import { test } from 'node:test';
import assert from 'node:assert/strict';
import { displayBounds, LatencyHistogram } from './histogram.js';

/** A deterministic generator (mulberry32) so the accuracy checks never flake. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function exact(sorted: readonly number[], q: number): number {
  return sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1] ?? NaN;
}

test('percentiles are within 0.5% of the exact nearest-rank values over four decades of latency', () => {
  const next = rng(42);
  const values = Array.from({ length: 20_000 }, () => Math.exp(Math.log(0.2) + next() * Math.log(20_000)));
  const h = new LatencyHistogram();
  for (const v of values) h.record(v);
  const sorted = [...values].sort((a, b) => a - b);
  for (const q of [0.01, 0.25, 0.5, 0.9, 0.95, 0.99, 0.999]) {
    const want = exact(sorted, q);
    const got = h.quantile(q);
    assert.ok(Math.abs(got - want) / want <= 0.0051, `q=${q}: ${got} vs exact ${want}`);
  }
  assert.equal(h.quantile(1), sorted[sorted.length - 1]);
});

test('count, min, max and mean are exact, and an empty histogram answers NaN', () => {
  const h = new LatencyHistogram();
  assert.ok(Number.isNaN(h.quantile(0.5)) && Number.isNaN(h.min) && Number.isNaN(h.max) && Number.isNaN(h.mean));
  for (const v of [3, 1, 2, 0, 1e9, -5, Number.NaN]) h.record(v);
  assert.equal(h.count, 5, 'negative and non-finite values are ignored');
  assert.equal(h.min, 0);
  assert.equal(h.max, 1e9, 'values beyond the top bucket keep their exact maximum');
  assert.equal(h.mean, (3 + 1 + 2 + 0 + 1e9) / 5);
  assert.equal(h.quantile(0.2), 0, 'sub-microsecond values rank first');
});

test('a single repeated value is reported exactly at every percentile', () => {
  const h = new LatencyHistogram();
  for (let i = 0; i < 1000; i += 1) h.record(12.345);
  for (const q of [0, 0.5, 0.99, 1]) assert.equal(h.quantile(q), 12.345);
});

test('merging two histograms equals recording both sets into one', () => {
  const next = rng(7);
  const a = new LatencyHistogram();
  const b = new LatencyHistogram();
  const both = new LatencyHistogram();
  for (let i = 0; i < 5000; i += 1) {
    const v = next() * 500;
    (i % 2 === 0 ? a : b).record(v);
    both.record(v);
  }
  a.merge(b);
  assert.equal(a.count, both.count);
  for (const q of [0.5, 0.9, 0.99]) assert.equal(a.quantile(q), both.quantile(q));
  assert.equal(a.max, both.max);
});

test('chart bars run from the smallest to the largest value at 1-1.5-2-3-5-7 bounds and hold every sample', () => {
  const h = new LatencyHistogram();
  for (const v of [0.8, 1.2, 1.4, 2.5, 2.9, 40, 950]) h.record(v);
  const bars = h.bars();
  assert.equal(bars[0]?.upTo, 1);
  assert.equal(bars[bars.length - 1]?.upTo, 1000);
  assert.equal(bars.reduce((s, b) => s + b.count, 0), 7);
  assert.deepEqual(bars.slice(0, 4).map((b) => [b.upTo, b.count]), [[1, 1], [1.5, 2], [2, 0], [3, 2]]);
  assert.deepEqual(displayBounds(3, 3), [3]);
  assert.deepEqual(new LatencyHistogram().bars(), []);
});
