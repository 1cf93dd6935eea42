import { test } from 'node:test';
import assert from 'node:assert/strict';
import { judgeRetryWindow } from './retry-window.js';

const s = (...secs: number[]): number[] => secs.map((x) => 1_000_000 + x * 1000);

test('retries that end within about 60 seconds pass, whatever the backoff', () => {
  assert.equal(judgeRetryWindow(s(0, 0.5, 1.5, 3.5, 7.5, 15.5, 31.5)).ok, true);
  assert.equal(judgeRetryWindow(s(0, 1, 3, 7, 15, 31, 63)).ok, true, 'one attempt just past 60 s is "about" 60 s');
  assert.equal(judgeRetryWindow(s(0)).ok, true, 'a single attempt ends the retries (giving up at once is judged elsewhere)');
});

test('retries still coming well past 60 seconds fail, and say how late', () => {
  const v = judgeRetryWindow(s(0, 8, 16, 24, 32, 40, 48, 56, 64, 72, 80));
  assert.equal(v.ok, false);
  assert.match(v.summary, /still retrying 80\.0 s after/);
  assert.equal(judgeRetryWindow([]).ok, false);
});
