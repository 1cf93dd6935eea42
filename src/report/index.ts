/**
 * The report: its zod schema (the contract reviewers' automation parses), the writers of
 * `report.json`, `report.html`, `junit.xml` and `report.md`, the integrity manifest and its
 * verifier, and the secret redaction every piece of evidence goes through.
 * @packageDocumentation
 */
export {
  EvidenceSchema,
  REPORT_FORMAT_VERSION,
  ReportSchema,
  RequirementResultSchema,
  VERDICTS,
  type Evidence,
  type Report,
  type RequirementResult,
} from './schema.js';
export {
  DEFAULT_WRITERS,
  writeReport,
  type WriteError,
  type WriteReportOptions,
  type WriteReportResult,
  type ReportInput,
} from './writer.js';
export type { ReportFileWriter } from './output-file.js';
export {
  INTEGRITY_FILE,
  IntegritySchema,
  REPORT_FILES,
  verifyReport,
  type Integrity,
  type VerifyOptions,
  type VerifyResult,
} from './integrity.js';
export { SECRET_KEYS, isSecretKey, redactedPlaceholder, redactSecrets, redactText, scanForSecrets, secretFingerprint } from './redact.js';
export { renderJson, writeJson } from './json.js';
export { renderHtml, writeHtml } from './html.js';
export { renderJunit, writeJunit } from './junit.js';
export { renderMarkdown, writeMarkdown } from './markdown.js';
export { renderSequenceSvg } from './sequence-svg.js';
export { renderChartSvg } from './chart-svg.js';
