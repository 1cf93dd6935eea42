/**
 * `junit.xml`: one test suite per category and one test case per requirement, for CI dashboards.
 */
import type { ReportFileWriter } from './output-file.js';
import { writeAtomic } from './output-file.js';
import { escapeXml } from './escape.js';
import type { Report, RequirementResult } from './schema.js';
import { countStatuses, evidenceOf, exchangeHeadline, groupByCategory, skipReason, type CategoryGroup } from './view.js';

/** Longest `message` attribute of a `<failure>`, in characters; the full text is in the element body. */
const MESSAGE_LIMIT = 500;

/**
 * Renders the report as JUnit XML: `<testsuites>` holding one `<testsuite>` per category (in catalog
 * order), one `<testcase>` per requirement (classname = category, name = "ID title") with its level
 * and source as properties; a failed requirement carries `<failure>` with expected and received,
 * a skipped or not-applicable one `<skipped message="reason"/>`.
 */
export function renderJunit(report: Report): string {
  const counts = countStatuses(report.requirements);
  const skipped = counts.skipped + counts['not-applicable'];
  const seconds = elapsedSeconds(report.startedAt, report.finishedAt);
  const head = `<testsuites name="interconnect-ctk" tests="${report.requirements.length}" failures="${counts.failed}"`
    + ` errors="0" skipped="${skipped}" time="${seconds}" timestamp="${escapeXml(report.startedAt)}">`;
  const suites = groupByCategory(report.requirements).map((g) => suiteXml(g, report.startedAt));
  return ['<?xml version="1.0" encoding="UTF-8"?>', head, ...suites, '</testsuites>', ''].join('\n');
}

function suiteXml(group: CategoryGroup, timestamp: string): string {
  const c = countStatuses(group.requirements);
  const open = `  <testsuite name="${escapeXml(group.category)}" tests="${group.requirements.length}" failures="${c.failed}"`
    + ` errors="0" skipped="${c.skipped + c['not-applicable']}" time="0" timestamp="${escapeXml(timestamp)}">`;
  return [open, ...group.requirements.map(caseXml), '  </testsuite>'].join('\n');
}

function caseXml(req: RequirementResult): string {
  const attrs = `classname="${escapeXml(req.category)}" name="${escapeXml(`${req.id} ${req.title}`)}" time="0"`;
  const props = [
    '      <properties>',
    `        <property name="id" value="${escapeXml(req.id)}"/>`,
    `        <property name="level" value="${escapeXml(req.level)}"/>`,
    `        <property name="source" value="${escapeXml(req.source)}"/>`,
    ...(req.actor !== undefined ? [`        <property name="actor" value="${escapeXml(req.actor)}"/>`] : []),
    '      </properties>',
  ];
  return [`    <testcase ${attrs}>`, ...props, ...outcomeXml(req), '    </testcase>'].join('\n');
}

function outcomeXml(req: RequirementResult): string[] {
  if (req.status === 'skipped' || req.status === 'not-applicable') {
    return [`      <skipped message="${escapeXml(skipReason(req))}"/>`];
  }
  if (req.status !== 'failed') return [];
  const message = failureMessage(req);
  const shortMessage = message.length > MESSAGE_LIMIT ? `${message.slice(0, MESSAGE_LIMIT)}…` : message;
  return [`      <failure message="${escapeXml(shortMessage)}" type="${escapeXml(req.level)}">${escapeXml(failureText(req))}</failure>`];
}

/** The one-line failure message: the first expectation as "expected …, received …", else the reason. */
function failureMessage(req: RequirementResult): string {
  const first = evidenceOf(req, 'expectation')[0];
  if (first !== undefined) return `expected ${first.expected}, received ${first.received}`;
  return req.reason ?? `${req.level} requirement failed`;
}

/** The failure body: source, every expectation, the exchanges and their reproduce lines. */
function failureText(req: RequirementResult): string {
  const lines = [`${req.level} ${req.id}: ${req.title}`, `source: ${req.source}`];
  if (req.reason !== undefined && req.reason !== '') lines.push(`reason: ${req.reason}`);
  for (const e of evidenceOf(req, 'expectation')) {
    lines.push(`expected: ${e.expected}`, `received: ${e.received}`);
    if (e.location !== undefined) lines.push(`at: ${e.location}`);
  }
  for (const ex of evidenceOf(req, 'exchange')) {
    lines.push(exchangeHeadline(ex));
    if (ex.reproduce !== undefined) lines.push(`reproduce with: ${ex.reproduce}`);
  }
  for (const n of evidenceOf(req, 'note')) lines.push(`note: ${n.text}`);
  return lines.join('\n');
}

function elapsedSeconds(startedAt: string, finishedAt: string): string {
  const ms = Date.parse(finishedAt) - Date.parse(startedAt);
  return Number.isFinite(ms) && ms >= 0 ? (ms / 1000).toFixed(3) : '0';
}

/** Writes `junit.xml` into `dir` (which must exist) and returns its path. */
export async function writeJunit(report: Report, dir: string): Promise<string> {
  return writeAtomic(dir, JUNIT_WRITER.file, renderJunit(report));
}

/** The `junit.xml` writer. */
export const JUNIT_WRITER: ReportFileWriter = { file: 'junit.xml', render: renderJunit };
