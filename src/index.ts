/**
 * interconnect-ctk: the conformance test kit for the Connection Coordinator API behind AWS Interconnect -
 * multicloud. The public API mirrors the CLI: {@link certify} runs a certification and writes the report,
 * {@link doctor} runs the preflight alone, {@link verifyReport} checks a report's integrity, and
 * {@link ReportSchema} parses `report.json`.
 * @packageDocumentation
 */
export { certify, doctor, openSession, kitVersion, type CertifyOptions, type CertifyResult, type Session } from './runner/run.js';
export { ConfigSchema, parseConfig, loadConfigFile, type RunConfig, type RunConfigInput } from './config/index.js';
export { ReportSchema, EvidenceSchema, RequirementResultSchema, REPORT_FORMAT_VERSION, verifyReport, writeReport, redactSecrets, type Report, type Evidence, type RequirementResult } from './report/index.js';
export { CtkError, ERROR_CODES, isCtkError, formatUserError, type ErrorCode } from './errors/index.js';
export { loadCatalog, type Catalog, type Requirement } from './spec/catalog.js';
export { CATEGORIES, LEVELS, ACTORS, STATUSES, type Category, type Level, type Actor, type Status } from './spec/categories.js';
export { createReferencePartner, listFaults, type ReferencePartner } from './reference/index.js';
