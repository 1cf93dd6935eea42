/**
 * Verdicts and report evidence for the control-plane SLA: availability and latency under the bounded load,
 * each figure against its threshold, with charts and a few sample exchanges.
 */
import { toCurl } from '../client/index.js';
import type { Evidence } from '../report/schema.js';
import type { LatencyHistogram } from './histogram.js';
import { availabilityOf, OUTCOMES, type LoadResult, type LoadSample, type Outcome } from './load.js';

/** A decision with its one-line summary and evidence. */
export interface SlaVerdict {
  /** True when the figure meets its threshold. */
  readonly ok: boolean;
  /** One line for the report (why it failed, or what was measured). */
  readonly summary: string;
  /** Evidence for the report. */
  readonly evidence: Evidence[];
}

/** How the load was run, for the notes. */
export interface LoadSettings {
  /** Requests in flight at most. */
  readonly concurrency: number;
  /** Rate cap, requests per second, or null. */
  readonly maxRequestsPerSecond: number | null;
  /** Auth scheme, for reproduce lines. */
  readonly authScheme: 'none' | 'bearer' | 'sigv4';
}

const MAX_BODY = 2000;

/** Rounds to `digits` decimals. */
export function round(v: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

function percent(ratio: number | null): number | null {
  return ratio === null ? null : round(ratio * 100, 4);
}

/** A sample exchange as report evidence, with a reproduce line. */
export function sampleEvidence(s: LoadSample, authScheme: LoadSettings['authScheme']): Evidence {
  const body = s.body === undefined ? undefined : typeof s.body === 'string' ? s.body : JSON.stringify(s.body);
  const responseBody = body === undefined ? undefined : body.length > MAX_BODY ? `${body.slice(0, MAX_BODY)}… (${body.length} chars)` : s.body;
  return {
    kind: 'exchange', seq: 0, direction: 'kit', operation: s.operation, method: 'GET', url: s.url, status: s.status,
    durationMs: s.latencyMs, startedAt: s.startedAt,
    ...(responseBody !== undefined ? { responseBody } : {}),
    ...(s.error !== undefined ? { transportError: s.error } : {}),
    reproduce: toCurl({ seq: 0, direction: 'kit', operation: s.operation, method: 'GET', url: s.url, requestHeaders: {}, status: s.status, responseHeaders: {}, startedAt: s.startedAt, durationMs: s.latencyMs }, authScheme),
  };
}

/** Samples worth showing: failures first; one success when nothing failed. */
export function chosenSamples(r: LoadResult, wanted: readonly Outcome[]): LoadSample[] {
  const picked = r.samples.filter((s) => wanted.includes(s.outcome));
  return picked.length > 0 ? picked.slice(0, 6) : r.samples.filter((s) => s.outcome === 'ok').slice(0, 1);
}

function ms(h: LatencyHistogram, q: number): string {
  return h.count === 0 ? '-' : String(round(h.quantile(q), 1));
}

/** The per-operation outcome table. */
export function operationsTable(r: LoadResult): Evidence {
  return {
    kind: 'table', title: 'Requests by operation (final outcomes; latency of answered requests)',
    columns: ['operation', 'requests', '2xx/3xx', '4xx', '429', '5xx', 'transport errors', 'p50 ms', 'p99 ms'],
    rows: r.operations.map((op) => {
      const o = op.outcomes;
      const total = OUTCOMES.reduce((a, k) => a + o[k], 0);
      return [op.operation, String(total), String(o.ok), String(o['client-error']), String(o.throttled), String(o['server-error']), String(o['transport-error']), ms(op.latency, 0.5), ms(op.latency, 0.99)];
    }),
  };
}

/** Requests completed per second over the load, and failures per second when there were any. */
export function timelineCharts(r: LoadResult): Evidence[] {
  const slots = r.timeline.slots();
  const perSecond = 1000 / r.timeline.slotWidthMs();
  const x = (at: number): number => round((at - r.startedAt) / 1000, 2);
  const xLabel = `seconds since the load started (${new Date(r.startedAt).toISOString()})`;
  const charts: Evidence[] = [{
    kind: 'chart', chart: 'timeseries', title: 'Requests completed per second during the load',
    xLabel, yLabel: 'requests per second', points: slots.map((s) => [x(s.at), round(s.completed * perSecond, 1)]),
  }];
  if (slots.some((s) => s.failed > 0)) {
    charts.push({
      kind: 'chart', chart: 'timeseries', title: 'Failed requests (transport error or 5xx) per second',
      xLabel, yLabel: 'failures per second', points: slots.map((s) => [x(s.at), round(s.failed * perSecond, 1)]),
    });
  }
  return charts;
}

function loadNote(r: LoadResult, s: LoadSettings): string {
  const rate = s.maxRequestsPerSecond !== null ? `, capped at ${s.maxRequestsPerSecond} requests/s` : '';
  const secs = r.durationMs / 1000;
  const stopped = r.stopped ? ' The load was stopped early (run interrupted).' : '';
  return `${r.completed} of ${r.requested} read requests at concurrency ${s.concurrency}${rate}, spread evenly over ${r.operations.length} operations, in ${round(secs, 2)} s `
    + `(${round(r.completed / Math.max(secs, 0.001), 0)} requests/s).${stopped} Rule: availability = requests answered without a transport error or a 5xx, `
    + `over the requests with a final answer; a 429 with Retry-After is honoured (retried up to 3 times) and counted apart: `
    + `${r.throttledAnswers} answer(s) were 429, ${r.retries} retried, ${r.outcomes.throttled} still throttled at the end and left out of availability.`;
}

/** CC-SLA-001: availability under the load against `threshold` (a ratio, e.g. 0.999). */
export function availabilityVerdict(r: LoadResult, threshold: number, s: LoadSettings): SlaVerdict {
  const a = availabilityOf(r.outcomes);
  const failed = r.outcomes['server-error'] + r.outcomes['transport-error'];
  const ok = a !== null && a >= threshold;
  const summary = a === null
    ? `no request of the load got a final answer other than 429 (${r.completed} completed)`
    : `availability ${percent(a)}% under load ${ok ? 'meets' : 'is below'} the threshold ${percent(threshold)}% (${failed} of ${r.completed} requests failed with a transport error or 5xx)`;
  return {
    ok, summary,
    evidence: [
      { kind: 'metric', name: 'availability under load', unit: '%', measured: percent(a), threshold: percent(threshold), comparison: '>=' },
      { kind: 'note', text: loadNote(r, s) },
      operationsTable(r),
      ...timelineCharts(r),
      ...chosenSamples(r, ['server-error', 'transport-error', 'throttled']).map((x) => sampleEvidence(x, s.authScheme)),
    ],
  };
}

/** The latency histogram as a chart. */
export function latencyChart(h: LatencyHistogram): Evidence {
  return {
    kind: 'chart', chart: 'histogram', title: 'Latency of read requests under load (bar: requests up to the bound)',
    xLabel: 'latency up to (ms)', yLabel: 'requests', points: h.bars().map((b) => [b.upTo, b.count]),
  };
}

/** CC-SLA-002: p99 latency of the answered requests against `thresholdMs`; p50, p95 and max reported. */
export function latencyVerdict(r: LoadResult, thresholdMs: number, s: LoadSettings): SlaVerdict {
  const h = r.latency;
  const p99 = h.count === 0 ? null : round(h.quantile(0.99));
  const ok = p99 !== null && p99 <= thresholdMs;
  const summary = p99 === null
    ? 'no request of the load was answered, so no latency could be measured'
    : `p99 latency ${p99} ms ${ok ? 'is within' : 'exceeds'} the threshold ${thresholdMs} ms (p50 ${round(h.quantile(0.5))} ms, max ${round(h.max)} ms, ${h.count} answered requests)`;
  const figure = (name: string, v: number | null, threshold: number | null = null): Evidence => ({ kind: 'metric', name, unit: 'ms', measured: v, threshold, comparison: '<=' });
  return {
    ok, summary,
    evidence: [
      figure('p99 latency', p99, thresholdMs),
      figure('p50 latency', h.count === 0 ? null : round(h.quantile(0.5))),
      figure('p95 latency', h.count === 0 ? null : round(h.quantile(0.95))),
      figure('max latency', h.count === 0 ? null : round(h.max)),
      { kind: 'note', text: `Latency from request start to the end of the body, at the kit, for every answered request except 429s (${h.count} requests); percentiles from a log-bucketed histogram accurate to 0.5%. Transport errors count against availability (CC-SLA-001), not here.` },
      latencyChart(h),
      ...(r.slowest !== undefined ? [sampleEvidence(r.slowest, s.authScheme)] : []),
    ],
  };
}
