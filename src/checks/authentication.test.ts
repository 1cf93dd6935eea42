import { test } from 'node:test';
import assert from 'node:assert/strict';
import { judgeCandidateCalls, judgeCredentialProbes, judgeForeignProviderProbes } from './authentication.js';

test('calls with missing or wrong credentials pass only when every one is refused with 401 or 403', () => {
  assert.equal(judgeCredentialProbes([{ label: 'no credentials', status: 401 }, { label: 'wrong token', status: 403 }]).ok, true);
  const served = judgeCredentialProbes([{ label: 'no credentials', status: 401 }, { label: 'stale signature', status: 200 }]);
  assert.equal(served.ok, false);
  assert.match(served.summary, /stale signature → 200/);
  assert.equal(judgeCredentialProbes([{ label: 'wrong token', status: 404 }]).ok, false, 'a 404 hides whether credentials were checked');
  assert.equal(judgeCredentialProbes([{ label: 'wrong token', status: 0 }]).summary.includes('no answer'), true);
  assert.equal(judgeCredentialProbes([]).ok, false, 'no probe is no evidence');
});

test('calls under a foreign provider id pass with any 4xx refusal, and fail when served or answered 5xx', () => {
  assert.equal(judgeForeignProviderProbes([{ label: 'unknown id', status: 404 }, { label: 'other provider', status: 403 }]).ok, true);
  assert.equal(judgeForeignProviderProbes([{ label: 'unknown id', status: 200 }]).ok, false);
  assert.equal(judgeForeignProviderProbes([{ label: 'unknown id', status: 500 }]).ok, false);
});

test('the candidate\'s calls to the kit pass only when each carried valid credentials', () => {
  const good = judgeCandidateCalls([{ operation: 'GetProvider', seq: 1, ok: true, detail: 'valid sigv4 credentials' }, { operation: 'CreateConnection', seq: 2, ok: true, detail: '' }]);
  assert.deepEqual([good.ok, good.rows.length], [true, 2]);
  const bad = judgeCandidateCalls([{ operation: 'GetProvider', seq: 1, ok: true, detail: '' }, { operation: 'NotifyConnectionStatus', seq: 9, ok: false, detail: '401 missing: no Authorization header' }]);
  assert.equal(bad.ok, false);
  assert.match(bad.summary, /1 of 2 .*NotifyConnectionStatus/);
  assert.deepEqual(bad.rows[0], ['#9 NotifyConnectionStatus', 'refused', '401 missing: no Authorization header']);
  assert.equal(judgeCandidateCalls([]).ok, false);
});
