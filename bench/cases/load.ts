/**
 * Benchmark case: the kit's load generator against an endpoint: requests per second, latency, and the heap
 * before and after (after a full GC, with the result still held) to show memory does not grow with requests.
 * @packageDocumentation
 */
import { HttpClient } from '../../src/client/index.js';
import { httpClientSender, poolSender, runLoad, type Send } from '../../src/sla/index.js';
import { args, emit, heapAfterGcMb, main, peakRssMb } from '../support/protocol.js';

interface LoadArgs {
  readonly baseUrl: string;
  readonly path: string;
  readonly requests: number;
  readonly concurrency: number;
  readonly warmup: number;
  /** `pool`: a dedicated undici Pool (what `ictk run` uses); `http`: the run's HttpClient (its fallback). */
  readonly sender: 'http' | 'pool';
}

main(async () => {
  const a = args<LoadArgs>();
  const http = new HttpClient({ baseUrl: a.baseUrl, connections: a.concurrency });
  const pool = poolSender({ baseUrl: a.baseUrl, connections: a.concurrency });
  const send: Send = a.sender === 'pool' ? pool.send : httpClientSender(http);
  const targets = [{ operation: 'ListEnvironments', path: a.path }];
  try {
    if (a.warmup > 0) await runLoad({ targets, requests: a.warmup, concurrency: a.concurrency, send });
    const heapBeforeMb = heapAfterGcMb();
    const r = await runLoad({ targets, requests: a.requests, concurrency: a.concurrency, send });
    const heapAfterMb = heapAfterGcMb();
    emit({
      requests: r.completed, ok: r.outcomes.ok, failed: r.completed - r.outcomes.ok, durationMs: Math.round(r.durationMs),
      rps: Math.round((r.completed / r.durationMs) * 1000), p50Ms: r.latency.quantile(0.5), p99Ms: r.latency.quantile(0.99),
      heapBeforeMb, heapAfterMb, heapGrowthMb: Math.round((heapAfterMb - heapBeforeMb) * 100) / 100, peakRssMb: peakRssMb(),
      samplesKept: r.samples.length, held: r.completed > 0,
    });
  } finally {
    await Promise.allSettled([http.close(), pool.close()]);
  }
});
