import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EvidenceSchema, type Evidence } from '../report/schema.js';
import { runLoad, type Send } from './load.js';
import { availabilityVerdict, latencyVerdict } from './load-evidence.js';
import { acceptedKeyVerdict, featuresVerdict, notificationVerdict, provisioningVerdict, type Milestones } from './provisioning.js';

const SETTINGS = { concurrency: 4, maxRequestsPerSecond: null, authScheme: 'none' as const };
const TARGETS = [{ operation: 'ListEnvironments', path: '/providers/aws/environments' }, { operation: 'GetChannel', path: '/c/1' }];

function valid(evidence: readonly Evidence[]): void {
  for (const e of evidence) assert.ok(EvidenceSchema.safeParse(e).success, `evidence of kind ${e.kind} follows the report schema`);
}

function kinds(evidence: readonly Evidence[]): string[] {
  return [...new Set(evidence.map((e) => e.kind))];
}

test('availability under load is compared with its threshold and shown with a table, a chart and failing samples', async () => {
  let n = 0;
  const send: Send = () => Promise.resolve(++n % 50 === 0 ? { status: 503, url: 'http://x/cc/v1/c/1', body: { error: 'busy' } } : { status: 200, url: 'http://x/cc/v1/c/1' });
  const r = await runLoad({ targets: TARGETS, requests: 1000, concurrency: 4, send });
  const fail = availabilityVerdict(r, 0.999, SETTINGS);
  assert.equal(fail.ok, false);
  assert.match(fail.summary, /^availability 98% under load is below the threshold 99\.9% \(20 of 1000 requests failed/);
  assert.deepEqual(fail.evidence[0], { kind: 'metric', name: 'availability under load', unit: '%', measured: 98, threshold: 99.9, comparison: '>=' });
  assert.deepEqual(kinds(fail.evidence), ['metric', 'note', 'table', 'chart', 'exchange']);
  assert.equal(fail.evidence.filter((e) => e.kind === 'chart').length, 2, 'requests and failures over time');
  assert.ok(fail.evidence.filter((e) => e.kind === 'exchange').every((e) => e.kind === 'exchange' && e.status === 503 && e.reproduce === "curl -sS -X GET 'http://x/cc/v1/c/1'"));
  valid(fail.evidence);
  assert.equal(availabilityVerdict(r, 0.95, SETTINGS).ok, true);
});

test('p99 latency is compared with its threshold; p50, p95 and max are reported with the histogram', async () => {
  let n = 0;
  const send: Send = () => new Promise((r) => setTimeout(() => r({ status: 200 }), ++n % 20 === 0 ? 40 : 0));
  const r = await runLoad({ targets: TARGETS, requests: 200, concurrency: 8, send });
  const v = latencyVerdict(r, 30, SETTINGS);
  assert.equal(v.ok, false, 'one request in twenty takes 40 ms, so p99 is above 30 ms');
  assert.match(v.summary, /^p99 latency [\d.]+ ms exceeds the threshold 30 ms/);
  assert.deepEqual(v.evidence.filter((e) => e.kind === 'metric').map((e) => e.kind === 'metric' && [e.name, e.threshold]), [['p99 latency', 30], ['p50 latency', null], ['p95 latency', null], ['max latency', null]]);
  const chart = v.evidence.find((e) => e.kind === 'chart');
  assert.ok(chart?.kind === 'chart' && chart.chart === 'histogram' && chart.points.reduce((s, [, c]) => s + c, 0) === 200);
  valid(v.evidence);
  assert.equal(latencyVerdict(r, 5000, SETTINGS).ok, true);
});

test('a load with no answers fails both figures instead of passing on no data', async () => {
  const r = await runLoad({ targets: TARGETS, requests: 5, concurrency: 1, send: () => Promise.resolve({ status: 0, error: 'ECONNREFUSED' }) });
  assert.equal(availabilityVerdict(r, 0.5, SETTINGS).ok, false);
  const lat = latencyVerdict(r, 1000, SETTINGS);
  assert.equal(lat.ok, false);
  assert.match(lat.summary, /no request of the load was answered/);
});

const T = Date.parse('2026-11-22T10:00:00Z');
const M: Milestones = { ordered: T, keyIssued: T + 100, keyConfirmed: T + 200, connectionPlaced: T + 300, featuresProposed: T + 400, featuresFinal: T + 2400, candidateNotified: T + 2500, kitNotified: T + 2600, verified: T + 3000 };

test('features are judged on the slowest one, and a feature never final fails with its id', () => {
  const ok = featuresVerdict([{ id: 'f1', createdAt: T, finalAt: T + 1500 }, { id: 'f2', createdAt: T + 10, finalAt: T + 2010 }], 300, 100, 2);
  assert.equal(ok.ok, true);
  assert.deepEqual(ok.evidence[0], { kind: 'metric', name: 'slowest feature to FINAL', unit: 's', measured: 2, threshold: 300, comparison: '<=' });
  assert.equal(featuresVerdict([{ id: 'f1', createdAt: T, finalAt: T + 1500 }], 1, 100, 2).ok, false);
  const late = featuresVerdict([{ id: 'f1', createdAt: T, finalAt: T + 100 }, { id: 'f2', createdAt: T }], 1, 100, 1);
  assert.equal(late.ok, false);
  assert.match(late.summary, /^1 of 2 feature\(s\) not FINAL 1 s after creation \(threshold 1 s\): f2$/);
  valid(late.evidence);
  assert.equal(featuresVerdict([], 300, 0, 0).ok, false);
});

test('notification latency is measured from features final, and a missing notification fails', () => {
  const v = notificationVerdict(M, 60);
  assert.equal(v.ok, true);
  assert.match(v.summary, /notified 0\.1 s after/);
  const early = notificationVerdict({ ...M, candidateNotified: T + 2000 }, 60).evidence[0];
  assert.ok(early?.kind === 'metric' && early.measured === 0, 'a notification before the kit saw FINAL counts as 0 s');
  const { candidateNotified: _n, ...none } = M;
  assert.equal(notificationVerdict(none, 60).ok, false);
  assert.equal(notificationVerdict({ ...M, candidateNotified: T + 2400 + 61_000 }, 60).ok, false);
  valid(v.evidence);
});

test('order to VERIFIED is compared with the provisioning threshold and shown as a milestone table', () => {
  const v = provisioningVerdict(M, 300, 3);
  assert.equal(v.ok, true);
  assert.match(v.summary, /VERIFIED 3 s after the customer's order/);
  const table = v.evidence.find((e) => e.kind === 'table');
  assert.ok(table?.kind === 'table' && table.rows.length === 9 && table.rows[8]?.[2] === '3');
  assert.equal(provisioningVerdict(M, 2, 3).ok, false);
  const { verified: _v, ...never } = M;
  const nv = provisioningVerdict(never, 300, 300);
  assert.equal(nv.ok, false);
  assert.match(nv.summary, /not VERIFIED 300 s after/);
  valid(nv.evidence);
});

test('a key entered at the candidate is judged from entry to VERIFIED on both sides, with the candidate\'s calls as milestones', () => {
  const v = acceptedKeyVerdict({ entered: T, keyConfirmed: T + 5, connectionCreated: T + 10, featuresProposed: T + 30, candidateNotified: T + 90, verified: T + 1500 }, 300, 2);
  assert.equal(v.ok, true);
  assert.deepEqual(v.evidence[0], { kind: 'metric', name: 'key entered to VERIFIED on both sides', unit: 's', measured: 1.5, threshold: 300, comparison: '<=' });
  const table = v.evidence[1];
  assert.ok(table?.kind === 'table' && table.rows.map((r) => r[2]).join() === '0,0.005,0.01,0.03,0.09,1.5');
  const never = acceptedKeyVerdict({ entered: T, keyConfirmed: T + 5 }, 1, 4);
  assert.equal(never.ok, false);
  assert.match(never.summary, /^the connection was not VERIFIED 4 s after the key was entered \(threshold 1 s\)$/);
  valid(never.evidence);
});
