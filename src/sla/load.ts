/**
 * The bounded load generator of the control-plane SLA phase: a fixed number of read requests at a fixed
 * concurrency, spread evenly over operations, with an optional rate cap. Results are aggregated as they
 * arrive (histograms, counters, a timeline and a few sample exchanges), so memory does not grow with the
 * number of requests.
 */
import { LatencyHistogram } from './histogram.js';
import { retryAfterMs } from './retry-after.js';
import { Timeline } from './timeline.js';

/** One read request the load may send. */
export interface LoadTarget {
  /** operationId, e.g. `GetInterconnect`. */
  readonly operation: string;
  /** Path relative to the candidate's base URL. */
  readonly path: string;
}

/** What a sender reports for one request; it never throws for an HTTP status. */
export interface SendResult {
  /** HTTP status, 0 when the transport failed. */
  readonly status: number;
  /** The `Retry-After` header, when answered. */
  readonly retryAfter?: string;
  /** Transport error when `status` is 0. */
  readonly error?: string;
  /** Full URL requested (for samples). */
  readonly url?: string;
  /** Response body (kept only in samples). */
  readonly body?: unknown;
  /** Reads the response body on demand (for senders that do not parse every body). */
  readonly readBody?: () => unknown;
}

/** Sends one request. */
export type Send = (target: LoadTarget) => Promise<SendResult>;

/** Final outcome of one request of the load. */
export type Outcome = 'ok' | 'client-error' | 'server-error' | 'transport-error' | 'throttled';

/** Every outcome, in report order. */
export const OUTCOMES: readonly Outcome[] = ['ok', 'client-error', 'throttled', 'server-error', 'transport-error'];

/** Options of {@link runLoad}. */
export interface LoadOptions {
  /** Operations to spread the load over (at least one). */
  readonly targets: readonly LoadTarget[];
  /** Number of requests (retries after 429 not counted). */
  readonly requests: number;
  /** Requests in flight at most. */
  readonly concurrency: number;
  /** Cap on requests sent per second (attempts, retries included); null or absent for none. */
  readonly maxRequestsPerSecond?: number | null;
  /** Sends one request. */
  readonly send: Send;
  /** Sample exchanges kept per outcome (default 3). */
  readonly samplesPerOutcome?: number;
  /** Retries of a request answered 429 with `Retry-After` (default 3). */
  readonly maxRetries?: number;
  /** Longest `Retry-After` honoured, ms (default 30000); longer waits are cut to it. */
  readonly maxRetryAfterMs?: number;
  /** Polled before each request; true stops the load early. */
  readonly shouldStop?: () => boolean;
}

/** A request kept as evidence. */
export interface LoadSample {
  /** Its final outcome (or `throttled` for an intermediate 429). */
  readonly outcome: Outcome;
  /** operationId. */
  readonly operation: string;
  /** URL (or path when the sender did not say). */
  readonly url: string;
  /** HTTP status, 0 on transport failure. */
  readonly status: number;
  /** Latency, ms. */
  readonly latencyMs: number;
  /** ISO start time. */
  readonly startedAt: string;
  /** Transport error. */
  readonly error?: string;
  /** Retry-After answered. */
  readonly retryAfter?: string;
  /** Response body. */
  readonly body?: unknown;
}

/** Aggregates of one operation. */
export interface OperationStats {
  /** operationId. */
  readonly operation: string;
  /** Final outcomes. */
  readonly outcomes: Record<Outcome, number>;
  /** Latencies of its answered requests, ms. */
  readonly latency: LatencyHistogram;
}

/** What a load produced. */
export interface LoadResult {
  /** Requests asked for. */
  readonly requested: number;
  /** Requests that reached a final outcome (fewer than asked when stopped early). */
  readonly completed: number;
  /** Attempts sent, retries after 429 included. */
  readonly attempts: number;
  /** Final outcome counts. */
  readonly outcomes: Record<Outcome, number>;
  /** Every 429 answer, including those later retried successfully. */
  readonly throttledAnswers: number;
  /** Retries made after a 429 with Retry-After. */
  readonly retries: number;
  /** Count of each HTTP status answered (0 for transport errors), every attempt. */
  readonly statuses: ReadonlyMap<number, number>;
  /** Latencies of every answered attempt except 429s, ms. */
  readonly latency: LatencyHistogram;
  /** Per-operation aggregates. */
  readonly operations: readonly OperationStats[];
  /** Completions over time. */
  readonly timeline: Timeline;
  /** A few requests of each outcome, as evidence. */
  readonly samples: readonly LoadSample[];
  /** The slowest answered request (429s aside). */
  readonly slowest?: LoadSample;
  /** Start, epoch ms. */
  readonly startedAt: number;
  /** Wall time, ms. */
  readonly durationMs: number;
  /** Most requests seen in flight at once. */
  readonly maxInFlight: number;
  /** True when {@link LoadOptions.shouldStop} ended the load early. */
  readonly stopped: boolean;
}

/** Empty outcome counters. */
export function zeroOutcomes(): Record<Outcome, number> {
  return { ok: 0, 'client-error': 0, throttled: 0, 'server-error': 0, 'transport-error': 0 };
}

/** The outcome class of an HTTP status (0: transport error). */
export function classify(status: number): Outcome {
  if (status === 0) return 'transport-error';
  if (status === 429) return 'throttled';
  if (status >= 500) return 'server-error';
  if (status >= 400) return 'client-error';
  return 'ok';
}

/**
 * Availability as the SLA defines it: requests answered without a transport error or a 5xx, over the
 * requests that reached a final answer other than a 429 (those are reported separately); null when none did.
 */
export function availabilityOf(outcomes: Readonly<Record<Outcome, number>>): number | null {
  const good = outcomes.ok + outcomes['client-error'];
  const judged = good + outcomes['server-error'] + outcomes['transport-error'];
  return judged === 0 ? null : good / judged;
}

/** Picks the target of request `i` so that operations share the load evenly and rotate through their targets. */
export function targetPicker(targets: readonly LoadTarget[]): (i: number) => LoadTarget {
  if (targets.length === 0) throw new Error('internal: a load needs at least one target');
  const byOp = new Map<string, LoadTarget[]>();
  for (const t of targets) byOp.set(t.operation, [...(byOp.get(t.operation) ?? []), t]);
  const groups = [...byOp.values()];
  return (i) => {
    const g = groups[i % groups.length] ?? [];
    return g[Math.floor(i / groups.length) % g.length] ?? targets[0]!;
  };
}

function toSample(outcome: Outcome, target: LoadTarget, r: SendResult, latencyMs: number, startedAt: number): LoadSample {
  return {
    outcome, operation: target.operation, url: r.url ?? target.path, status: r.status,
    latencyMs: Math.round(latencyMs * 100) / 100, startedAt: new Date(startedAt).toISOString(),
    ...(r.error !== undefined ? { error: r.error } : {}),
    ...(r.retryAfter !== undefined ? { retryAfter: r.retryAfter } : {}),
    ...(r.body !== undefined ? { body: r.body } : r.readBody !== undefined ? { body: r.readBody() } : {}),
  };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Runs the load; resolves once every request has a final outcome (or the load was stopped). */
export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const pick = targetPicker(o.targets);
  const run = new LoadRun(o);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (;;) {
      if (o.shouldStop?.() === true) { run.stopped = true; return; }
      const i = next++;
      if (i >= o.requests) return;
      await run.one(pick(i));
    }
  };
  await Promise.all(Array.from({ length: Math.max(0, Math.min(o.concurrency, o.requests)) }, worker));
  return run.result();
}

/** The mutable state of one load, aggregated as requests finish. */
class LoadRun {
  readonly #o: LoadOptions;
  readonly #interval: number;
  readonly #t0 = performance.now();
  readonly #startedAt = Date.now();
  readonly #outcomes = zeroOutcomes();
  readonly #statuses = new Map<number, number>();
  readonly #latency = new LatencyHistogram();
  readonly #ops = new Map<string, OperationStats>();
  readonly #timeline = new Timeline(this.#startedAt);
  readonly #samples: LoadSample[] = [];
  readonly #sampled = zeroOutcomes();
  #slowest: LoadSample | undefined;
  #nextSlot = 0;
  #attempts = 0;
  #throttled = 0;
  #retries = 0;
  #inFlight = 0;
  #maxInFlight = 0;
  stopped = false;

  constructor(o: LoadOptions) {
    this.#o = o;
    const rps = o.maxRequestsPerSecond ?? null;
    this.#interval = rps !== null && rps > 0 ? 1000 / rps : 0;
  }

  /** Sends one request, retrying after 429 with Retry-After, and aggregates its outcome. */
  async one(target: LoadTarget): Promise<void> {
    for (let attempt = 0; ; attempt += 1) {
      if (this.#interval > 0) await this.#pace();
      const { r, latencyMs, startedAt } = await this.#send(target);
      this.#attempts += 1;
      this.#statuses.set(r.status, (this.#statuses.get(r.status) ?? 0) + 1);
      const outcome = classify(r.status);
      if (outcome === 'throttled') {
        this.#throttled += 1;
        const wait = retryAfterMs(r.retryAfter);
        if (wait !== undefined && attempt < (this.#o.maxRetries ?? 3)) {
          this.#sample(outcome, target, r, latencyMs, startedAt);
          this.#retries += 1;
          await sleep(Math.min(wait, this.#o.maxRetryAfterMs ?? 30_000));
          continue;
        }
      } else if (r.status !== 0) {
        this.#latency.record(latencyMs);
      }
      this.#finish(outcome, target, r, latencyMs, startedAt);
      return;
    }
  }

  async #pace(): Promise<void> {
    const now = performance.now() - this.#t0;
    const slot = Math.max(this.#nextSlot, now);
    this.#nextSlot = slot + this.#interval;
    if (slot > now) await sleep(slot - now);
  }

  async #send(target: LoadTarget): Promise<{ r: SendResult; latencyMs: number; startedAt: number }> {
    this.#inFlight += 1;
    if (this.#inFlight > this.#maxInFlight) this.#maxInFlight = this.#inFlight;
    const startedAt = Date.now();
    const t = performance.now();
    let r: SendResult;
    try {
      r = await this.#o.send(target);
    } catch (err) {
      r = { status: 0, error: err instanceof Error ? err.message : String(err) };
    }
    const latencyMs = performance.now() - t;
    this.#inFlight -= 1;
    return { r, latencyMs, startedAt };
  }

  #finish(outcome: Outcome, target: LoadTarget, r: SendResult, latencyMs: number, startedAt: number): void {
    this.#outcomes[outcome] += 1;
    let op = this.#ops.get(target.operation);
    if (op === undefined) {
      op = { operation: target.operation, outcomes: zeroOutcomes(), latency: new LatencyHistogram() };
      this.#ops.set(target.operation, op);
    }
    op.outcomes[outcome] += 1;
    if (r.status !== 0 && outcome !== 'throttled') {
      op.latency.record(latencyMs);
      if (this.#slowest === undefined || latencyMs > this.#slowest.latencyMs) this.#slowest = toSample(outcome, target, r, latencyMs, startedAt);
    }
    this.#timeline.add(Date.now(), outcome === 'server-error' || outcome === 'transport-error');
    this.#sample(outcome, target, r, latencyMs, startedAt);
  }

  #sample(outcome: Outcome, target: LoadTarget, r: SendResult, latencyMs: number, startedAt: number): void {
    if (this.#sampled[outcome] >= (this.#o.samplesPerOutcome ?? 3)) return;
    this.#sampled[outcome] += 1;
    this.#samples.push(toSample(outcome, target, r, latencyMs, startedAt));
  }

  result(): LoadResult {
    const completed = Object.values(this.#outcomes).reduce((a, b) => a + b, 0);
    return {
      requested: this.#o.requests, completed, attempts: this.#attempts, outcomes: { ...this.#outcomes },
      throttledAnswers: this.#throttled, retries: this.#retries, statuses: new Map(this.#statuses), latency: this.#latency,
      operations: [...this.#ops.values()], timeline: this.#timeline, samples: [...this.#samples],
      ...(this.#slowest !== undefined ? { slowest: this.#slowest } : {}),
      startedAt: this.#startedAt, durationMs: performance.now() - this.#t0, maxInFlight: this.#maxInFlight, stopped: this.stopped,
    };
  }
}
