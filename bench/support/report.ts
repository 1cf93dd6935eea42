/**
 * The benchmark's results document, its targets (issue 5) and the table printed at the end.
 * @packageDocumentation
 */
import type { CaseResult } from './child.js';

/** One target and whether the run met it. */
export interface TargetResult {
  /** What is promised. */
  readonly target: string;
  /** The figure measured, in words. */
  readonly measured: string;
  /** met, missed, or not measured (with `measured` saying why). */
  readonly status: 'met' | 'missed' | 'not measured';
}

/** Everything `bench/results.json` holds. */
export interface BenchResults {
  /** How to reproduce. */
  readonly command: string;
  /** Start time. */
  readonly startedAt: string;
  /** End time. */
  readonly finishedAt?: string;
  /** Smaller sizes were used. */
  readonly quick: boolean;
  /** Where it ran. */
  readonly machine: Readonly<Record<string, string | number>>;
  /** The default certification run. */
  readonly full?: CaseResult;
  /** Per endpoint (`static`, `reference`): kit, kitPool and autocannon on it. */
  readonly load?: Readonly<Record<string, Readonly<Record<string, CaseResult>>>>;
  /** The load generator at 2,000 and 20,000 requests. */
  readonly memory?: Readonly<Record<string, CaseResult>>;
  /** Per seeded connection count. */
  readonly scale?: Readonly<Record<string, CaseResult>>;
  /** Targets and their status. */
  readonly targets: readonly TargetResult[];
}

const num = (r: CaseResult | undefined, k: string): number | undefined => (typeof r?.[k] === 'number' ? r[k] : undefined);
const why = (r: CaseResult | undefined): string => String(r?.['skipped'] ?? r?.['error'] ?? 'not run');

function target(name: string, value: number | undefined, ok: (v: number) => boolean, words: (v: number) => string, missing: string): TargetResult {
  return value === undefined ? { target: name, measured: missing, status: 'not measured' } : { target: name, measured: words(value), status: ok(value) ? 'met' : 'missed' };
}

function seededOk(r: CaseResult | undefined): boolean {
  return r !== undefined && Number(r['connections'] ?? 0) >= 0.9 * Number(r['seeded'] ?? Infinity);
}

/** Checks the targets against the results. */
export function evaluateTargets(r: BenchResults): TargetResult[] {
  const kit = num(r.load?.['static']?.['kit'], 'rps');
  const ac = num(r.load?.['static']?.['autocannon'], 'rps');
  const sizes = Object.keys(r.scale ?? {}).map(Number).sort((a, b) => a - b);
  const big = r.scale?.[String(sizes[sizes.length - 1] ?? '')];
  const mid = r.scale?.[String(sizes[sizes.length - 2] ?? '')];
  const m2 = num(r.memory?.['r2000'], 'heapGrowthMb');
  const m20 = num(r.memory?.['r20000'], 'heapGrowthMb');
  const perBig = seededOk(big) ? num(big, 'msPerResource') : undefined;
  const perMid = seededOk(mid) ? num(mid, 'msPerResource') : undefined;
  return [
    target('full default run under 30 s (2,000-request SLA phase included)', num(r.full, 'wallMs'), (v) => v < 30_000, (v) => `${(v / 1000).toFixed(1)} s, ${String(r.full?.['verdict'])}`, why(r.full)),
    target("kit's load generator at >= 90% of autocannon's rate (minimal server)", kit !== undefined && ac !== undefined ? kit / ac : undefined, (v) => v >= 0.9, (v) => `${Math.round(v * 100)}% (${kit ?? '?'} vs ${ac ?? '?'} req/s)`, why(r.load?.['static']?.['autocannon'])),
    target(`peak RSS under 250 MB at ${sizes[sizes.length - 1] ?? 10_000} connections`, seededOk(big) ? num(big, 'peakRssMb') : undefined, (v) => v < 250, (v) => `${v} MB`, big === undefined ? 'not run' : 'the reference did not seed the connections (createReferencePartner({ seedConnections }))'),
    target('memory does not grow with SLA requests (heap growth 20,000 vs 2,000 requests)', m2 !== undefined && m20 !== undefined ? m20 - m2 : undefined, (v) => v < 5, (v) => `${v.toFixed(2)} MB more (${m2 ?? '?'} MB vs ${m20 ?? '?'} MB)`, why(r.memory?.['r20000'])),
    target('time per resource stays flat as connections grow 10x (linear total)', perBig !== undefined && perMid !== undefined && perMid > 0 ? perBig / perMid : undefined, (v) => v <= 2, (v) => `x${v.toFixed(2)} (${perMid ?? '?'} -> ${perBig ?? '?'} ms/resource)`, 'scale not measured'),
  ];
}

function row(cells: readonly string[], widths: readonly number[]): string {
  return cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
}

function table(title: string, head: readonly string[], rows: ReadonlyArray<readonly string[]>): string[] {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  return ['', title, row(head, widths), row(widths.map((w) => '-'.repeat(w)), widths), ...rows.map((r) => row(r, widths))];
}

const s = (v: unknown): string => (v === undefined || v === null ? '-' : typeof v === 'number' ? String(Math.round(v * 100) / 100) : String(v));

/** The table printed at the end of a run. */
export function formatTable(r: BenchResults): string[] {
  const out = [`interconnect-ctk benchmarks (${r.quick ? 'quick' : 'full'}), ${String(r.machine['cpus'])} CPU(s) ${String(r.machine['cpuModel'])}, Node ${String(r.machine['node'])}, load average ${String(r.machine['loadAverageAtStart'])} at start`];
  if (r.full !== undefined) out.push(...table('Default certification of the bundled reference', ['wall s', 'peak RSS MB', 'verdict', 'scenarios'], [[s(Number(r.full['wallMs']) / 1000), s(r.full['peakRssMb']), s(r.full['verdict'] ?? r.full['error']), s(r.full['scenarios'])]]));
  if (r.load !== undefined) {
    out.push(...table('Load on one endpoint (GET .../environments) served by another process', ['server', 'client', 'requests', 'req/s', 'p50 ms', 'p99 ms', 'failed'],
      Object.entries(r.load).flatMap(([server, clients]) => Object.entries(clients).map(([k, v]) => [server, k, s(v['requests']), s(v['rps'] ?? v['skipped'] ?? v['error']), s(v['p50Ms']), s(v['p99Ms']), s(v['failed'])]))));
  }
  if (r.memory !== undefined) {
    out.push(...table('Load generator memory (heap after full GC, result held)', ['requests', 'heap before MB', 'heap after MB', 'growth MB', 'peak RSS MB'],
      Object.values(r.memory).map((v) => [s(v['requests'] ?? v['error']), s(v['heapBeforeMb']), s(v['heapAfterMb']), s(v['heapGrowthMb']), s(v['peakRssMb'])])));
  }
  if (r.scale !== undefined) {
    out.push(...table('Discovery and schema checks against a seeded reference', ['seeded', 'connections', 'features', '@schema s', 'walk s', 'ms/resource', 'peak RSS MB'],
      Object.values(r.scale).map((v) => [s(v['seeded'] ?? v['error']), s(v['connections']), s(v['features']), s(Number(v['schemaScenariosMs']) / 1000), s(Number(v['walkMs']) / 1000), s(v['msPerResource']), s(v['peakRssMb'])])));
  }
  out.push(...table('Targets (issue 5)', ['target', 'measured', 'status'], r.targets.map((t) => [t.target, t.measured, t.status])));
  return out;
}
