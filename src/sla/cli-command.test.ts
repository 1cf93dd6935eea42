import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { CtkError } from '../errors/index.js';
import { packageRoot } from '../spec/spec-files.js';
import { slaEvidenceCommand } from './cli-command.js';

const sample = (name: string): string => join(packageRoot(), 'examples', 'metrics', name);

async function run(opts: Record<string, unknown>): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await slaEvidenceCommand(opts, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

test('the passing CSV sample meets the SLA: exit 0, rule stated, no outage, no gap', async () => {
  const r = await run({ metrics: sample('meets-sla.csv') });
  assert.equal(r.code, 0);
  assert.deepEqual(r.err, []);
  const text = r.out.join('\n');
  assert.match(r.out[0] ?? '', /meets-sla\.csv \(CSV, 8640 samples\)$/);
  assert.match(text, /^Window: 2026-10-15T00:00:00Z to 2026-11-14T00:00:00Z \(30 d\), sample period 300 s, 8640 periods$/m);
  assert.match(text, /^Rule: .*above 1%.*never counted as up/m);
  assert.match(text, /^ {2}2026-10: 100% \(up 4896, down 0, unknown 0, missing 0\) meets 99\.99%$/m);
  assert.match(text, /^Longest outage: none$/m);
  assert.match(text, /^Gaps: none$/m);
  assert.match(text, /^CC-SLA-007 met/m);
  assert.match(text, /^CC-SLA-008 not judged: no RTT threshold is configured/m);
  assert.match(text, /^CC-SLA-009 met/m);
});

test('the failing CSV sample misses the SLA: exit 1 with the outage, the gap and the months below 99.99%', async () => {
  const r = await run({ metrics: sample('misses-sla.csv') });
  assert.equal(r.code, 1);
  const text = r.out.join('\n');
  assert.match(text, /^Availability over observed periods: 99\.8839% \(8606 up, 10 down; 0 unknown and 24 missing not counted\)$/m);
  assert.match(text, /^ {2}2026-10: 99\.8162% .* misses 99\.99%$/m);
  assert.match(text, /^Longest outage: 45 min \(9 period\(s\)\) from 2026-10-28T03:10:00Z to 2026-10-28T03:55:00Z, peak loss 100% \(2 outage\(s\) in all\)$/m);
  assert.match(text, /^Gaps: 1, 24 period\(s\) \(2 h\) missing, never counted as up:$/m);
  assert.match(text, /^ {2}2026-11-06T12:00:00Z to 2026-11-06T14:00:00Z: 24 period\(s\)$/m);
  assert.match(text, /^CC-SLA-007 MISSED/m);
  assert.match(text, /^CC-SLA-009 MISSED: 24 period\(s\) missing/m);
});

test('the CloudWatch sample gives the same kind of figures as JSON, with RTT judged when a threshold is given', async () => {
  const r = await run({ metrics: sample('cloudwatch-meets-sla.json'), json: true, rttP99Ms: '20', capacityMbps: '1000' });
  assert.equal(r.code, 0);
  const doc = JSON.parse(r.out.join('\n')) as Record<string, unknown>;
  assert.equal(doc['format'], 'cloudwatch');
  assert.equal(doc['samples'], 8640);
  assert.deepEqual(doc['periods'], { up: 8640, down: 0, unknown: 0, missing: 0 });
  assert.deepEqual((doc['requirements'] as Array<{ id: string; status: string }>).map((x) => [x.id, x.status]), [['CC-SLA-007', 'passed'], ['CC-SLA-008', 'passed'], ['CC-SLA-009', 'passed']]);
  const bw = doc['bandwidth'] as { max: number; peakUtilisation: number };
  assert.equal(bw.peakUtilisation, bw.max / 1000);
  assert.deepEqual(doc['gaps'], []);
});

test('a stricter RTT threshold or loss threshold changes the verdict', async () => {
  assert.equal((await run({ metrics: sample('meets-sla.csv'), rttP99Ms: 10 })).code, 1);
  const strict = await run({ metrics: sample('meets-sla.csv'), lossThreshold: '0.1' });
  assert.equal(strict.code, 1);
  assert.match(strict.out.join('\n'), /^CC-SLA-007 MISSED/m);
});

test('bad options and bad files are user errors with a stable code', async () => {
  await assert.rejects(run({}), (e: unknown) => e instanceof CtkError && e.code === 'CTK_ERR_USAGE');
  await assert.rejects(run({ metrics: sample('meets-sla.csv'), lossThreshold: 'much' }), (e: unknown) => e instanceof CtkError && e.code === 'CTK_ERR_USAGE' && /--loss-threshold must be a percentage/.test(e.message));
  await assert.rejects(run({ metrics: sample('meets-sla.csv'), availability: '99.99' }), (e: unknown) => e instanceof CtkError && /--availability must be a ratio/.test(e.message));
  await assert.rejects(run({ metrics: sample('missing.csv') }), (e: unknown) => e instanceof CtkError && e.code === 'CTK_ERR_METRICS_INVALID');
});
