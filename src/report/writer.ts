/**
 * Writes a whole report directory: the four report files, each through its own writer so one
 * failing format cannot stop the others, then `integrity.json` over the files that were written.
 */
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { CtkError } from '../errors/index.js';
import { HTML_WRITER } from './html.js';
import { INTEGRITY_FILE, REPORT_FILES, errorText, writeIntegrity } from './integrity.js';
import { JSON_WRITER } from './json.js';
import { JUNIT_WRITER } from './junit.js';
import { MARKDOWN_WRITER } from './markdown.js';
import { writeAtomic, type ReportFileWriter } from './output-file.js';
import { redactSecrets } from './redact.js';
import type { z } from 'zod';
import { ReportSchema } from './schema.js';

/** The report formats written by default, in writing order. */
export const DEFAULT_WRITERS: readonly ReportFileWriter[] = [JSON_WRITER, HTML_WRITER, JUNIT_WRITER, MARKDOWN_WRITER];

/** A report as the runner builds it: fields with schema defaults (lists) may be left out. */
export type ReportInput = z.input<typeof ReportSchema>;

/** Options of {@link writeReport}. */
export interface WriteReportOptions {
  /** Ed25519 private key (PEM) to sign `integrity.json` with; unsigned when absent. */
  readonly signingKeyPem?: string;
  /** The formats to write; defaults to {@link DEFAULT_WRITERS}. */
  readonly writers?: readonly ReportFileWriter[];
}

/** One file that could not be written, and why. */
export interface WriteError {
  /** File name inside the report directory. */
  readonly file: string;
  /** What went wrong. */
  readonly message: string;
}

/** What {@link writeReport} did. */
export interface WriteReportResult {
  /** Paths of the files written, `integrity.json` last when it was written. */
  readonly written: string[];
  /** Files that could not be written; empty when all went well. */
  readonly errors: WriteError[];
}

/**
 * Validates `report` with {@link ReportSchema} (an invalid report is a bug in the kit and throws),
 * redacts secret-named fields once more as a last line of defence, creates `dir`, removes report
 * files left there by an earlier run, writes every format, and finally writes `integrity.json` over
 * the files that were written (signed when `signingKeyPem` is given). A writer that throws is
 * recorded in `errors` and the others still run. Throws {@link CtkError} `CTK_ERR_REPORT_WRITE`
 * only when the directory itself cannot be created.
 */
export async function writeReport(report: ReportInput, dir: string, opts: WriteReportOptions = {}): Promise<WriteReportResult> {
  const parsed = ReportSchema.safeParse(report);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 10).map((i) => `${i.path.map(String).join('.')}: ${i.message}`);
    throw new Error(`internal error in interconnect-ctk: the report does not match its schema (${issues.join('; ')})`);
  }
  const clean = redactSecrets(parsed.data);
  const writers = opts.writers ?? DEFAULT_WRITERS;
  await prepareDir(dir, [...new Set([...REPORT_FILES, ...writers.map((w) => w.file), INTEGRITY_FILE])]);
  const written: string[] = [];
  const errors: WriteError[] = [];
  for (const writer of writers) {
    try {
      written.push(await writeAtomic(dir, writer.file, writer.render(clean)));
    } catch (err) {
      errors.push({ file: writer.file, message: errorText(err) });
    }
  }
  try {
    const files = writers.map((w) => w.file).filter((f) => written.includes(join(dir, f)));
    written.push(await writeIntegrity(dir, files, opts.signingKeyPem));
  } catch (err) {
    errors.push({ file: INTEGRITY_FILE, message: errorText(err) });
  }
  return { written, errors };
}

async function prepareDir(dir: string, files: readonly string[]): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    await Promise.all(files.map((f) => rm(join(dir, f), { force: true })));
  } catch (err) {
    throw new CtkError('CTK_ERR_REPORT_WRITE', `The report directory ${dir} could not be prepared; check that it is writable.`, [errorText(err)]);
  }
}
