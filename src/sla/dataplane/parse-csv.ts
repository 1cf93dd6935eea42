/**
 * The CSV export: a header naming `timestamp,packetLossPercent,rttMs,bandwidthMbps` (any order, other
 * columns ignored), then one row per sample period. Empty metric cells mean "not reported"; `#` lines and
 * blank lines are skipped.
 */
import { ordered, parseTimestamp, Problems, type DataPlaneSample, type MetricsFile } from './samples.js';

/** The columns the CSV must carry. */
export const CSV_COLUMNS = ['timestamp', 'packetLossPercent', 'rttMs', 'bandwidthMbps'] as const;

type Column = (typeof CSV_COLUMNS)[number];

/** Range each metric column must respect. */
const LIMITS: Readonly<Record<Exclude<Column, 'timestamp'>, { min: number; max: number; unit: string }>> = {
  packetLossPercent: { min: 0, max: 100, unit: 'percent' },
  rttMs: { min: 0, max: Infinity, unit: 'ms' },
  bandwidthMbps: { min: 0, max: Infinity, unit: 'Mbps' },
};

function headerIndex(cells: readonly string[], line: number, problems: Problems): Map<Column, number> | undefined {
  const lower = cells.map((c) => c.trim().toLowerCase());
  const index = new Map<Column, number>();
  for (const col of CSV_COLUMNS) {
    const i = lower.indexOf(col.toLowerCase());
    if (i < 0) problems.add(`line ${line}`, `the header lacks the column ${col} (expected ${CSV_COLUMNS.join(',')})`);
    else index.set(col, i);
  }
  return index.size === CSV_COLUMNS.length ? index : undefined;
}

function metric(cell: string | undefined, col: Exclude<Column, 'timestamp'>, line: number, problems: Problems): number | null {
  const text = (cell ?? '').trim();
  if (text === '') return null;
  const n = Number(text);
  const lim = LIMITS[col];
  if (!Number.isFinite(n)) problems.add(`line ${line}`, `${col} "${text}" is not a number`);
  else if (n < lim.min || n > lim.max) problems.add(`line ${line}`, `${col} ${text} is outside ${lim.min}..${lim.max === Infinity ? '∞' : lim.max} ${lim.unit}`);
  else return n;
  return null;
}

/** Parses the CSV text; throws CTK_ERR_METRICS_INVALID listing every bad line. */
export function parseCsv(text: string, source: string): MetricsFile {
  const problems = new Problems(source);
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let index: Map<Column, number> | undefined;
  let width = 0;
  const samples: DataPlaneSample[] = [];
  const lineOf: number[] = [];
  for (let n = 0; n < lines.length; n += 1) {
    const raw = lines[n] ?? '';
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) continue;
    const cells = raw.split(',');
    const line = n + 1;
    if (index === undefined) {
      index = headerIndex(cells, line, problems);
      width = cells.length;
      if (index === undefined) break;
      continue;
    }
    if (cells.length !== width) { problems.add(`line ${line}`, `${cells.length} fields where the header has ${width}`); continue; }
    const ts = (cells[index.get('timestamp') ?? 0] ?? '').trim();
    const at = parseTimestamp(ts);
    if (at === undefined) problems.add(`line ${line}`, `timestamp "${ts}" is not ISO 8601 with a time zone (e.g. 2026-10-01T00:05:00Z) or epoch seconds`);
    const cell = (c: Column): string | undefined => cells[index?.get(c) ?? 0];
    const lossPercent = metric(cell('packetLossPercent'), 'packetLossPercent', line, problems);
    const rttMs = metric(cell('rttMs'), 'rttMs', line, problems);
    const bandwidthMbps = metric(cell('bandwidthMbps'), 'bandwidthMbps', line, problems);
    if (at !== undefined) {
      samples.push({ at, lossPercent, rttMs, bandwidthMbps });
      lineOf.push(line);
    }
  }
  if (index === undefined && problems.empty) problems.add('line 1', `no header line: expected ${CSV_COLUMNS.join(',')}`);
  else if (index !== undefined && samples.length === 0 && problems.empty) problems.add(`line ${lines.length}`, 'no sample rows after the header');
  const sorted = ordered(samples, (i) => `line ${lineOf[i] ?? '?'}`, problems);
  problems.throwIfAny();
  return { format: 'csv', samples: sorted, notes: [] };
}
