/**
 * The JSON that `aws cloudwatch get-metric-data` prints: `MetricDataResults[]` with `Id`, `Label`,
 * `Timestamps` and `Values`. Each result is mapped to a metric by its Label or Id: one containing "loss"
 * is packet loss (percent), "rtt" or "latency" round-trip time (ms), "bandwidth" bandwidth (Mbps). The
 * series are joined on their timestamps.
 */
import { jsonErrorOffset, lineColumn } from './json-error.js';
import { ordered, parseTimestamp, Problems, type DataPlaneSample, type MetricsFile } from './samples.js';

type Metric = 'lossPercent' | 'rttMs' | 'bandwidthMbps';

const MATCHERS: ReadonlyArray<[Metric, RegExp, string]> = [
  ['lossPercent', /loss/i, 'packet loss'],
  ['rttMs', /rtt|latency/i, 'round-trip time'],
  ['bandwidthMbps', /bandwidth/i, 'bandwidth'],
];

/** The metric a result's Label or Id names, if any. */
export function metricOf(label: string, id: string): Metric | undefined {
  return MATCHERS.find(([, re]) => re.test(label) || re.test(id))?.[0];
}

function parseJson(text: string, problems: Problems): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    const at = jsonErrorOffset(text);
    const where = at === undefined ? 'JSON' : lineColumn(text, at);
    const near = at === undefined ? '' : ` near ${JSON.stringify(text.slice(at, at + 20))}`;
    problems.add(where, `not valid JSON${near}`);
    return undefined;
  }
}

const rec = (v: unknown): Record<string, unknown> | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);

interface Series { readonly metric: Metric; readonly where: string; readonly points: ReadonlyArray<readonly [number, number]> }

function readSeries(r: Record<string, unknown>, where: string, metric: Metric, problems: Problems): Series {
  const ts = r['Timestamps'];
  const vs = r['Values'];
  const points: Array<[number, number]> = [];
  if (!Array.isArray(ts) || !Array.isArray(vs)) {
    problems.add(where, 'needs Timestamps and Values arrays');
    return { metric, where, points };
  }
  if (ts.length !== vs.length) problems.add(where, `${ts.length} Timestamps but ${vs.length} Values`);
  for (let i = 0; i < Math.min(ts.length, vs.length); i += 1) {
    const t = ts[i];
    const at = typeof t === 'string' ? parseTimestamp(t) : typeof t === 'number' ? Math.round(t < 1e11 ? t * 1000 : t) : undefined;
    const v = vs[i];
    if (at === undefined) problems.add(`${where}.Timestamps[${i}]`, `${JSON.stringify(t)} is not an ISO 8601 time with a zone`);
    else if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || (metric === 'lossPercent' && v > 100)) problems.add(`${where}.Values[${i}]`, `${JSON.stringify(v)} is not a valid ${metric === 'lossPercent' ? 'percentage (0..100)' : 'non-negative number'}`);
    else points.push([at, v]);
  }
  return { metric, where, points };
}

function pickSeries(results: readonly unknown[], problems: Problems, notes: string[]): Series[] {
  const chosen = new Map<Metric, Series>();
  results.forEach((item, i) => {
    const where = `MetricDataResults[${i}]`;
    const r = rec(item);
    if (r === undefined) { problems.add(where, 'is not an object'); return; }
    const label = typeof r['Label'] === 'string' ? r['Label'] : '';
    const id = typeof r['Id'] === 'string' ? r['Id'] : '';
    const name = `${where} (Id ${JSON.stringify(id)}, Label ${JSON.stringify(label)})`;
    const metric = metricOf(label, id);
    if (metric === undefined) { notes.push(`ignored ${name}: its Label and Id name none of loss, rtt, latency, bandwidth`); return; }
    const taken = chosen.get(metric);
    if (taken !== undefined) { problems.add(name, `a second ${metric} series (the first is ${taken.where}); keep one`); return; }
    if (r['StatusCode'] === 'PartialData') notes.push(`${name} is PartialData: CloudWatch returned part of the range; fetch the rest with NextToken and merge`);
    chosen.set(metric, readSeries(r, name, metric, problems));
  });
  return [...chosen.values()];
}

/** Parses `aws cloudwatch get-metric-data` output; throws CTK_ERR_METRICS_INVALID naming each bad path. */
export function parseCloudWatch(text: string, source: string): MetricsFile {
  const problems = new Problems(source);
  const notes: string[] = [];
  const doc = rec(parseJson(text.replace(/^\uFEFF/, ''), problems));
  const results = doc?.['MetricDataResults'];
  if (doc !== undefined && !Array.isArray(results)) problems.add('MetricDataResults', 'missing: expected the output of aws cloudwatch get-metric-data');
  const series = Array.isArray(results) ? pickSeries(results, problems, notes) : [];
  if (Array.isArray(results) && problems.empty && !series.some((s) => s.metric === 'lossPercent')) {
    problems.add('MetricDataResults', 'no packet-loss series: give the loss query an Id or Label containing "loss"');
  }
  const byTime = new Map<number, { lossPercent: number | null; rttMs: number | null; bandwidthMbps: number | null }>();
  for (const s of series) {
    for (const [at, v] of s.points) {
      const row = byTime.get(at) ?? { lossPercent: null, rttMs: null, bandwidthMbps: null };
      if (row[s.metric] !== null) problems.add(s.where, `timestamp ${new Date(at).toISOString()} appears twice`);
      row[s.metric] = v;
      byTime.set(at, row);
    }
  }
  const samples: DataPlaneSample[] = [...byTime.entries()].map(([at, v]) => ({ at, ...v }));
  const sorted = ordered(samples, (i) => `sample ${i}`, problems);
  if (problems.empty && sorted.length === 0) problems.add('MetricDataResults', 'no data points');
  problems.throwIfAny();
  return { format: 'cloudwatch', samples: sorted, notes };
}
