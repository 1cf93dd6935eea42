/**
 * How benchmark cases talk to the orchestrator: each case runs in its own Node process (so peak RSS is its
 * own) and prints one `BENCH_RESULT {json}` line; a server case prints `BENCH_READY {json}` and runs until
 * its stdin closes.
 * @packageDocumentation
 */
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';

/** Prefix of a case's result line. */
export const RESULT = 'BENCH_RESULT ';
/** Prefix of a server case's ready line. */
export const READY = 'BENCH_READY ';

/** Prints a case's result for the orchestrator. */
export function emit(result: Record<string, unknown>): void {
  process.stdout.write(`${RESULT}${JSON.stringify(result)}\n`);
}

/** The case's arguments, passed as one JSON argument. */
export function args<T>(): T {
  return JSON.parse(process.argv[2] ?? '{}') as T;
}

/** Peak resident set size of this process so far, MiB. */
export function peakRssMb(): number {
  return Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
}

/** Runs a full garbage collection (enabling `gc` on first use) and returns the heap in use, MiB. */
export function heapAfterGcMb(): number {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  gc();
  return Math.round((process.memoryUsage().heapUsed / 1024 / 1024) * 100) / 100;
}

/** Runs a case's main function, printing its failure on stderr with exit status 1. */
export function main(fn: () => Promise<void>): void {
  fn().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  });
}
