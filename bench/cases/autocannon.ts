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
  readonly duration: number;
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
  if (a.warmup > 0) await autocannon({ url: a.url, connections: a.concurrency, amount: a.warmup });
  const r = await autocannon({ url: a.url, connections: a.concurrency, amount: a.requests });
  emit({
    requests: r.requests.total, failed: r.errors + r.non2xx, durationMs: Math.round(r.duration * 1000),
    rps: Math.round(r.requests.total / r.duration), p50Ms: r.latency.p50, p99Ms: r.latency.p99,
  });
});
