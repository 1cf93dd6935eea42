import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { CtkError } from '../../errors/index.js';
import { packageRoot } from '../../spec/spec-files.js';
import { parseCloudWatch } from './parse-cloudwatch.js';
import { parseCsv } from './parse-csv.js';
import { parseMetrics, readMetricsFile } from './parse.js';

const examples = join(packageRoot(), 'examples', 'metrics');
const HEADER = 'timestamp,packetLossPercent,rttMs,bandwidthMbps';

/** The problems a parse reports, or fails the test when it parses. */
function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof CtkError);
    assert.equal(err.code, 'CTK_ERR_METRICS_INVALID');
    return [...err.details];
  }
  assert.fail('expected CTK_ERR_METRICS_INVALID');
}

test('the CSV sample parses into 8640 five-minute samples in time order', () => {
  const m = readMetricsFile(join(examples, 'meets-sla.csv'));
  assert.equal(m.format, 'csv');
  assert.equal(m.samples.length, 8640);
  assert.equal(new Date(m.samples[0]?.at ?? 0).toISOString(), '2026-10-15T00:00:00.000Z');
  assert.equal((m.samples[1]?.at ?? 0) - (m.samples[0]?.at ?? 0), 300_000);
  assert.ok(m.samples.every((s) => typeof s.lossPercent === 'number'));
});

test('CSV columns may come in any order, empty cells are not reported, and comments and blank lines are skipped', () => {
  const m = parseCsv(`# exported by the partner\nrttMs,timestamp,bandwidthMbps,packetLossPercent,site\n\n12.5,2026-10-01T00:05:00Z,,0.5,x\n,1790812800,300,,y\n`, 't.csv');
  assert.deepEqual(m.samples.map((s) => [s.at, s.lossPercent, s.rttMs, s.bandwidthMbps]), [
    [Date.parse('2026-10-01T00:00:00Z'), null, null, 300],
    [Date.parse('2026-10-01T00:05:00Z'), 0.5, 12.5, null],
  ]);
});

test('every bad CSV line is reported with its line number', () => {
  const text = [HEADER, '2026-10-01T00:00:00Z,abc,1,2', '2026-10-01T00:05:00,0,1,2', '2026-10-01T00:10:00Z,0,1', '2026-10-01T00:15:00Z,101,1,2',
    '2026-10-01T00:20:00Z,0,-3,2', '2026-10-01T00:25:00Z,0,1,2', '2026-10-01T00:25:00Z,0,1,2'].join('\n');
  assert.deepEqual(problems(() => parseCsv(text, 'bad.csv')), [
    'line 2: packetLossPercent "abc" is not a number',
    'line 3: timestamp "2026-10-01T00:05:00" is not ISO 8601 with a time zone (e.g. 2026-10-01T00:05:00Z) or epoch seconds',
    'line 4: 3 fields where the header has 4',
    'line 5: packetLossPercent 101 is outside 0..100 percent',
    'line 6: rttMs -3 is outside 0..∞ ms',
    'line 8: timestamp 2026-10-01T00:25:00.000Z repeats line 7',
  ]);
});

test('a CSV without the expected header or without rows is refused', () => {
  assert.deepEqual(problems(() => parseCsv('time,loss\n2026-10-01T00:00:00Z,0\n', 'h.csv')), [
    'line 1: the header lacks the column timestamp (expected timestamp,packetLossPercent,rttMs,bandwidthMbps)',
    'line 1: the header lacks the column packetLossPercent (expected timestamp,packetLossPercent,rttMs,bandwidthMbps)',
    'line 1: the header lacks the column rttMs (expected timestamp,packetLossPercent,rttMs,bandwidthMbps)',
    'line 1: the header lacks the column bandwidthMbps (expected timestamp,packetLossPercent,rttMs,bandwidthMbps)',
  ]);
  assert.match(problems(() => parseCsv(`${HEADER}\n`, 'e.csv'))[0] ?? '', /no sample rows/);
  assert.match(problems(() => parseCsv('', 'empty.csv'))[0] ?? '', /line 1: no header line/);
});

test('the error message names the file and the first problem', () => {
  try {
    parseCsv(`${HEADER}\nnope,0,1,2\n`, 'samples.csv');
    assert.fail('should not parse');
  } catch (err) {
    assert.ok(err instanceof CtkError);
    assert.equal(err.message, 'samples.csv: line 2: timestamp "nope" is not ISO 8601 with a time zone (e.g. 2026-10-01T00:05:00Z) or epoch seconds');
  }
});

test('the CloudWatch sample joins its three series on their timestamps, newest-first input sorted', () => {
  const m = readMetricsFile(join(examples, 'cloudwatch-meets-sla.json'));
  assert.equal(m.format, 'cloudwatch');
  assert.equal(m.samples.length, 8640);
  assert.ok(m.samples.every((s, i) => i === 0 || s.at > (m.samples[i - 1]?.at ?? 0)));
  assert.ok(m.samples.every((s) => s.lossPercent !== null && s.rttMs !== null && s.bandwidthMbps !== null));
  assert.deepEqual(m.notes, []);
});

function cw(results: unknown[]): string {
  return JSON.stringify({ MetricDataResults: results, Messages: [] }, null, 2);
}

test('CloudWatch series are recognised by Label or Id; others are ignored with a note, partial data is flagged', () => {
  const ts = ['2026-10-01T00:05:00+00:00', '2026-10-01T00:00:00+00:00'];
  const m = parseCloudWatch(cw([
    { Id: 'm1', Label: 'PacketLoss', Timestamps: ts, Values: [0, 2], StatusCode: 'PartialData' },
    { Id: 'latency_p50', Label: '', Timestamps: [ts[0]], Values: [14] },
    { Id: 'cpu', Label: 'CPUUtilization', Timestamps: ts, Values: [1, 2] },
  ]), 'cw.json');
  assert.deepEqual(m.samples.map((s) => [new Date(s.at).toISOString(), s.lossPercent, s.rttMs, s.bandwidthMbps]), [
    ['2026-10-01T00:00:00.000Z', 2, null, null],
    ['2026-10-01T00:05:00.000Z', 0, 14, null],
  ]);
  assert.equal(m.notes.length, 2);
  assert.match(m.notes[0] ?? '', /MetricDataResults\[0\].*PartialData/);
  assert.match(m.notes[1] ?? '', /ignored MetricDataResults\[2\] \(Id "cpu"/);
});

test('malformed CloudWatch output is reported by JSON path or by line and column', () => {
  assert.deepEqual(problems(() => parseCloudWatch(cw([
    { Id: 'loss', Label: 'Loss', Timestamps: ['2026-10-01T00:00:00Z', 'yesterday'], Values: [0, 1] },
    { Id: 'rtt', Label: 'RTT', Timestamps: ['2026-10-01T00:00:00Z'], Values: [1, 2] },
    { Id: 'loss2', Label: 'PacketLoss', Timestamps: [], Values: [] },
  ]), 'x.json')), [
    'MetricDataResults[0] (Id "loss", Label "Loss").Timestamps[1]: "yesterday" is not an ISO 8601 time with a zone',
    'MetricDataResults[1] (Id "rtt", Label "RTT"): 1 Timestamps but 2 Values',
    'MetricDataResults[2] (Id "loss2", Label "PacketLoss"): a second lossPercent series (the first is MetricDataResults[0] (Id "loss", Label "Loss")); keep one',
  ]);
  assert.match(problems(() => parseCloudWatch('{\n  "MetricDataResults": [,]\n}', 'y.json'))[0] ?? '', /^line 2, column \d+: not valid JSON/);
  assert.deepEqual(problems(() => parseCloudWatch(cw([{ Id: 'rtt', Label: 'RTT', Timestamps: [], Values: [] }]), 'z.json')),
    ['MetricDataResults: no packet-loss series: give the loss query an Id or Label containing "loss"']);
  assert.match(problems(() => parseCloudWatch('{"Datapoints": []}', 'w.json'))[0] ?? '', /MetricDataResults: missing/);
});

test('the format is chosen from the content and an unreadable file is a metrics error', () => {
  assert.equal(parseMetrics(`\uFEFF  ${cw([{ Id: 'loss', Timestamps: [1790812800], Values: [0] }])}`, 'a').format, 'cloudwatch');
  assert.equal(parseMetrics(`${HEADER}\n2026-10-01T00:00:00Z,0,1,2\n`, 'b').format, 'csv');
  assert.throws(() => readMetricsFile(join(examples, 'no-such-file.csv')), (e: unknown) => e instanceof CtkError && e.code === 'CTK_ERR_METRICS_INVALID' && /no-such-file\.csv: cannot be read \(ENOENT\)$/.test(e.message));
});
