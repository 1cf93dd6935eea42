/**
 * Benchmark case: autocannon against the same endpoint, for comparison with the kit's load generator.
 * autocannon is a development dependency loaded on demand; without it the case reports `skipped`.
 * @packageDocumentation
 */
import { createRequire } from 'node:module';
import { args, emit, main } from '../support/protocol.js';

interface AutocannonResult {
  readonly requests: { readonly total: number };
  readonly latency: { readonly p50: number; readonly p99: number };
  readonly errors: number;
  readonly non2xx: number;
}

type Autocannon = (opts: Record<string, unknown>) => Promise<AutocannonResult>;

function load(): Autocannon | undefined {
  try {
    return createRequire(import.meta.url)('autocannon') as Autocannon;
  } catch {
    return undefined;
  }
}

main(async () => {
  const a = args<{ url: string; requests: number; concurrency: number; warmup: number }>();
  const autocannon = load();
  if (autocannon === undefined) {
    emit({ skipped: 'autocannon is not installed (npm install --save-dev autocannon)' });
    return;
  }
  if (a.warmup > 0) await autocannon({ url: a.url, connections: a.concurrency, amount: a.warmup, sampleInt: 20 });
  const t0 = performance.now();
  // sampleInt: autocannon notices the end of an `amount` run only on its sampling tick (1 s by default).
  const r = await autocannon({ url: a.url, connections: a.concurrency, amount: a.requests, sampleInt: 20 });
  const wallMs = performance.now() - t0;
  emit({
    requests: r.requests.total, failed: r.errors + r.non2xx, durationMs: Math.round(wallMs),
    rps: Math.round((r.requests.total / wallMs) * 1000), p50Ms: r.latency.p50, p99Ms: r.latency.p99,
  });
});
