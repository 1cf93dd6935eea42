import { test } from 'node:test';
import assert from 'node:assert/strict';
import { retryAfterMs } from './retry-after.js';

test('Retry-After is read as delay-seconds or as an HTTP date, and anything else is ignored', () => {
  const now = Date.parse('2026-11-22T10:00:00Z');
  assert.equal(retryAfterMs('3', now), 3000);
  assert.equal(retryAfterMs(' 0 ', now), 0);
  assert.equal(retryAfterMs('Sun, 22 Nov 2026 10:00:05 GMT', now), 5000);
  assert.equal(retryAfterMs('Sun, 22 Nov 2026 09:00:00 GMT', now), 0, 'a date in the past means now');
  assert.equal(retryAfterMs(undefined, now), undefined);
  assert.equal(retryAfterMs('soon', now), undefined);
  assert.equal(retryAfterMs('-1', now), undefined);
});
