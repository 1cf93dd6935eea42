import { test } from 'node:test';
import assert from 'node:assert/strict';
import { capacityFactProblems, readDeferralTimeout } from './environment-facts.js';

test('environments publish their sizes; interconnects their sizes and a positive capacity', () => {
  assert.deepEqual(capacityFactProblems('environment', { supportedConnectionSizeMbps: [50, 1000] }), []);
  assert.deepEqual(capacityFactProblems('interconnect', { supportedConnectionSizeMbps: [1000], maxBandwidthMbps: 10000 }), []);
  assert.deepEqual(capacityFactProblems('environment', {}), ['no supportedConnectionSizeMbps']);
  assert.deepEqual(capacityFactProblems('environment', { supportedConnectionSizeMbps: [] }), ['supportedConnectionSizeMbps is [], not a list of sizes']);
  assert.deepEqual(capacityFactProblems('environment', { supportedConnectionSizeMbps: [1000, '10G', 0] }), ['supportedConnectionSizeMbps holds "10G", 0, not sizes in Mbps']);
  assert.deepEqual(capacityFactProblems('interconnect', { supportedConnectionSizeMbps: [1000] }), ['no maxBandwidthMbps']);
  assert.deepEqual(capacityFactProblems('interconnect', { supportedConnectionSizeMbps: [1000], maxBandwidthMbps: 0 }), ['maxBandwidthMbps is 0, not a positive number of Mbps']);
});

test('an unset deferral timeout (absent, null or 0) is not judged; a set one must lie within 1..168 hours', () => {
  assert.deepEqual(readDeferralTimeout(undefined), { set: false });
  assert.deepEqual(readDeferralTimeout(null), { set: false });
  assert.deepEqual(readDeferralTimeout(0), { set: false });
  assert.deepEqual(readDeferralTimeout(24), { set: true, hours: 24 });
  assert.deepEqual(readDeferralTimeout(168), { set: true, hours: 168 });
  assert.match(readDeferralTimeout(169).set ? String((readDeferralTimeout(169) as { problem?: string }).problem) : '', /outlasts the 168 hours/);
  assert.match(String((readDeferralTimeout(-1) as { problem?: string }).problem), /negative/);
  assert.match(String((readDeferralTimeout(1.5) as { problem?: string }).problem), /not a whole number/);
  assert.match(String((readDeferralTimeout('24') as { problem?: string }).problem), /not a whole number/);
});
