/**
 * Reading a metrics file: CloudWatch JSON when it starts with `{`, the CSV format otherwise.
 */
import { readFileSync } from 'node:fs';
import { CtkError } from '../../errors/index.js';
import { parseCloudWatch } from './parse-cloudwatch.js';
import { parseCsv } from './parse-csv.js';
import type { MetricsFile } from './samples.js';

/** Parses metrics text in either supported format; `source` names it in error messages. */
export function parseMetrics(text: string, source: string): MetricsFile {
  return text.replace(/^\uFEFF/, '').trimStart().startsWith('{') ? parseCloudWatch(text, source) : parseCsv(text, source);
}

/** Reads and parses a metrics file; an unreadable file is CTK_ERR_METRICS_INVALID too. */
export function readMetricsFile(path: string): MetricsFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as { code?: string }).code;
    throw new CtkError('CTK_ERR_METRICS_INVALID', `${path}: cannot be read (${code ?? (err instanceof Error ? err.message : String(err))})`);
  }
  return parseMetrics(text, path);
}
