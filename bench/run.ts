/**
 * `npm run bench`: the kit's own performance figures, each case in a fresh Node process. Prints a table and
 * writes bench/results.json. Not part of `npm test`.
 *
 * - full: the default certification of the bundled reference (wall time, peak RSS);
 * - load: the kit's load generator and autocannon against the same endpoint in another process, alternating,
 *   best of three rounds each: a minimal JSON server (measures the clients) and the reference (the server bounds it).
 *   `kit` is the sender `ictk run` uses (its own undici Pool); `kit via HttpClient` is the fallback it uses when it
 *   cannot sign requests itself;
 * - memory: the load generator at 2,000 and 20,000 requests, heap after GC before and after;
 * - scale: discovery and schema checks against a reference seeded with 100, 1,000 and 10,000 connections.
 *
 * Options: `--quick` (smaller sizes, for a smoke test), `--only full|load|memory|scale` (repeatable).
 * @packageDocumentation
 */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../src/spec/spec-files.js';
import { runCase, startServer, type CaseResult } from './support/child.js';
import { evaluateTargets, formatTable, type BenchResults } from './support/report.js';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const only = argv.flatMap((a, i) => (a === '--only' ? [argv[i + 1] ?? ''] : []));
const wanted = (name: string): boolean => only.length === 0 || only.includes(name);
const say = (line: string): void => { process.stderr.write(`bench: ${line}\n`); };

const LOAD = { requests: quick ? 5_000 : 20_000, concurrency: 16, warmup: quick ? 500 : 2_000 };
const SCALE = quick ? [100, 1_000] : [100, 1_000, 10_000];
const ENDPOINT = '/providers/aws/environments';

async function fullRun(): Promise<CaseResult> {
  say('full default certification of the bundled reference');
  return runCase('full-run', {});
}

async function compareOn(serverCase: string): Promise<Record<string, CaseResult>> {
  const server = await startServer(serverCase, {});
  try {
    const base = { baseUrl: server.info['baseUrl'], path: ENDPOINT, ...LOAD };
    const url = `${server.info['baseUrl'] ?? ''}${ENDPOINT}`;
    const rounds: Array<Record<string, CaseResult>> = [];
    for (let round = 0; round < 3; round += 1) {
      rounds.push({
        kit: await runCase('load', { ...base, sender: 'pool' }),
        autocannon: await runCase('autocannon', { url, requests: LOAD.requests, concurrency: LOAD.concurrency, warmup: LOAD.warmup }),
        'kit via HttpClient': await runCase('load', { ...base, sender: 'http' }),
      });
    }
    const best = (k: string): CaseResult => rounds.map((r) => r[k] ?? {}).sort((a, b) => Number(b['rps'] ?? 0) - Number(a['rps'] ?? 0))[0] ?? {};
    return { kit: best('kit'), autocannon: best('autocannon'), 'kit via HttpClient': best('kit via HttpClient') };
  } finally {
    await server.stop();
  }
}

async function loadComparison(): Promise<Record<string, Record<string, CaseResult>>> {
  say(`load generator vs autocannon: ${LOAD.requests} requests at concurrency ${LOAD.concurrency}, best of 3 rounds, on a minimal server and on the reference`);
  return { static: await compareOn('static-server'), reference: await compareOn('serve') };
}

async function memory(): Promise<Record<string, CaseResult>> {
  say('memory of the load generator at 2,000 and 20,000 requests');
  const server = await startServer('serve', {});
  try {
    const base = { baseUrl: server.info['baseUrl'], path: ENDPOINT, concurrency: 16, warmup: 200, sender: 'pool' };
    return { r2000: await runCase('load', { ...base, requests: 2_000 }), r20000: await runCase('load', { ...base, requests: 20_000 }) };
  } finally {
    await server.stop();
  }
}

async function scale(): Promise<Record<string, CaseResult>> {
  const out: Record<string, CaseResult> = {};
  for (const n of SCALE) {
    say(`scale: reference seeded with ${n} connections`);
    const server = await startServer('serve', { seedConnections: n });
    try {
      out[String(n)] = await runCase('scale', { ...server.info, seeded: n });
    } finally {
      await server.stop();
    }
  }
  return out;
}

async function main(): Promise<void> {
  const started = new Date();
  const results: BenchResults = {
    command: 'npm run bench', startedAt: started.toISOString(), quick,
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, platform: `${process.platform}-${process.arch}`, loadAverageAtStart: Math.round((loadavg()[0] ?? 0) * 100) / 100 },
    ...(wanted('full') ? { full: await fullRun() } : {}),
    ...(wanted('load') ? { load: await loadComparison() } : {}),
    ...(wanted('memory') ? { memory: await memory() } : {}),
    ...(wanted('scale') ? { scale: await scale() } : {}),
    targets: [],
  };
  const complete: BenchResults = { ...results, targets: evaluateTargets(results), finishedAt: new Date().toISOString() };
  for (const line of formatTable(complete)) process.stdout.write(`${line}\n`);
  const file = join(packageRoot(), 'bench', 'results.json');
  writeFileSync(file, `${JSON.stringify(complete, null, 2)}\n`);
  say(`wrote ${file}`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench: failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
