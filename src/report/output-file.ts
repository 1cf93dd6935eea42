/**
 * The shape every report file writer shares, and the atomic write they all use.
 */
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Report } from './schema.js';

/** One output format: the file name it writes inside the report directory and how it renders a report. */
export interface ReportFileWriter {
  /** File name inside the report directory, e.g. `report.html`. */
  readonly file: string;
  /** Renders the whole file from a validated report. */
  readonly render: (report: Report) => string;
}

/**
 * Writes `content` (UTF-8) to `dir/file` through a temporary file and a rename, so a reader never
 * sees a half-written file; returns the path written.
 */
export async function writeAtomic(dir: string, file: string, content: string): Promise<string> {
  const path = join(dir, file);
  await writeFile(`${path}.tmp`, content, 'utf8');
  await rename(`${path}.tmp`, path);
  return path;
}
