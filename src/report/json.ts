/**
 * `report.json`: the machine-readable report, validated and key-ordered by the report schema.
 */
import type { ReportFileWriter } from './output-file.js';
import { writeAtomic } from './output-file.js';
import { ReportSchema, type Report } from './schema.js';

/**
 * Renders a report as indented JSON with a trailing newline. The report is parsed with
 * {@link ReportSchema} first, which applies defaults, drops unknown keys and puts every object's
 * keys in the schema's order, so two equal reports always give identical text.
 */
export function renderJson(report: Report): string {
  return `${JSON.stringify(ReportSchema.parse(report), null, 2)}\n`;
}

/** Writes `report.json` into `dir` (which must exist) and returns its path. */
export async function writeJson(report: Report, dir: string): Promise<string> {
  return writeAtomic(dir, JSON_WRITER.file, renderJson(report));
}

/** The `report.json` writer. */
export const JSON_WRITER: ReportFileWriter = { file: 'report.json', render: renderJson };
