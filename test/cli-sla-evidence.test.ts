import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../src/cli/main.js';
import type { Io } from '../src/cli/io.js';
import { packageRoot } from '../src/spec/spec-files.js';

interface Captured { io: Io; out: string[]; err: string[] }

function capture(): Captured {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l) => out.push(l), err: (l) => err.push(l), env: {}, onInterrupt: () => () => undefined, waitForInterrupt: () => Promise.resolve() } };
}

const sample = (name: string): string => join(packageRoot(), 'examples', 'metrics', name);

async function ictk(...args: string[]): Promise<Captured & { code: number }> {
  const c = capture();
  return { ...c, code: await main(['sla-evidence', ...args], c.io) };
}

test('ictk sla-evidence on the CSV sample that meets the SLA exits 0 and states every month met', async () => {
  const r = await ictk('--metrics', sample('meets-sla.csv'));
  assert.equal(r.code, 0, r.err.join('\n'));
  assert.deepEqual(r.err, []);
  const text = r.out.join('\n');
  assert.match(text, /^ {2}2026-10: 100% .* meets 99\.99%$/m);
  assert.match(text, /^CC-SLA-007 met/m);
  assert.match(text, /^Gaps: none$/m);
});

test('ictk sla-evidence on the CSV sample that misses the SLA exits 1 naming the outage and the gap', async () => {
  const r = await ictk('--metrics', sample('misses-sla.csv'));
  assert.equal(r.code, 1);
  const text = r.out.join('\n');
  assert.match(text, /^CC-SLA-007 MISSED/m);
  assert.match(text, /^Longest outage: 45 min/m);
  assert.match(text, /^CC-SLA-009 MISSED: 24 period\(s\) missing/m);
});

test('ictk sla-evidence reads aws cloudwatch get-metric-data JSON and prints JSON with --json, judging RTT when asked', async () => {
  const r = await ictk('--metrics', sample('cloudwatch-meets-sla.json'), '--rtt-p99-ms', '20', '--capacity-mbps', '1000', '--json');
  assert.equal(r.code, 0, r.err.join('\n'));
  const doc = JSON.parse(r.out.join('\n')) as { format: string; requirements: Array<{ id: string; status: string }> };
  assert.equal(doc.format, 'cloudwatch');
  assert.deepEqual(doc.requirements.map((x) => `${x.id} ${x.status}`), ['CC-SLA-007 passed', 'CC-SLA-008 passed', 'CC-SLA-009 passed']);
  assert.equal((await ictk('--metrics', sample('cloudwatch-meets-sla.json'), '--rtt-p99-ms', '5')).code, 1, 'a tighter RTT threshold is missed');
});

test('ictk sla-evidence on a broken file exits 2 with CTK_ERR_METRICS_INVALID on one line and no stack trace', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ictk-metrics-'));
  const truncated = join(dir, 'truncated.json');
  writeFileSync(truncated, readFileSync(sample('cloudwatch-meets-sla.json'), 'utf8').slice(0, 300));
  const badCsv = join(dir, 'bad.csv');
  writeFileSync(badCsv, 'timestamp,packetLossPercent,rttMs,bandwidthMbps\n2026-10-15T00:00:00Z,0,12.1,153\nyesterday,0,12.2,150\n');
  for (const file of [truncated, badCsv, join(dir, 'absent.csv')]) {
    const r = await ictk('--metrics', file);
    assert.equal(r.code, 2, file);
    assert.deepEqual(r.out, []);
    const first = r.err.join('\n').split('\n')[0] ?? '';
    assert.match(first, /^ictk: CTK_ERR_METRICS_INVALID: .+/, r.err.join('\n'));
    assert.ok(first.includes(file), `the error names the file: ${first}`);
    assert.doesNotMatch(r.err.join('\n'), /\n\s+at /, 'no stack trace');
  }
});

test('ictk sla-evidence without --metrics or with a bad threshold is a usage error (exit 2)', async () => {
  const none = await ictk();
  assert.equal(none.code, 2);
  assert.match(none.err.join('\n'), /--metrics/);
  const bad = await ictk('--metrics', sample('meets-sla.csv'), '--availability', '99.99');
  assert.equal(bad.code, 2);
  assert.match(bad.err.join('\n'), /^ictk: CTK_ERR_USAGE: --availability must be a ratio/);
});
