/**
 * What every human-readable writer (Markdown, HTML, JUnit) derives from a report in the same way:
 * the wording of statuses and verdicts, why a requirement was not judged, failures first,
 * requirements grouped by category, and request/response bodies trimmed to a readable size.
 */
import { CATEGORIES, type Category, type Status } from '../spec/categories.js';
import type { Evidence, Report, RequirementResult } from './schema.js';

/** Evidence of one kind, narrowed from the union. */
export type EvidenceOf<K extends Evidence['kind']> = Extract<Evidence, { kind: K }>;

/** Human wording of each requirement status. */
export const STATUS_LABELS: Readonly<Record<Status, string>> = {
  passed: 'passed',
  failed: 'FAILED',
  skipped: 'skipped',
  'not-applicable': 'not applicable',
};

/** Human wording of each verdict, for headlines. */
export const VERDICT_LABELS: Readonly<Record<Report['verdict'], string>> = {
  CERTIFIED: 'CERTIFIED',
  NOT_CERTIFIED: 'NOT CERTIFIED',
  INCOMPLETE: 'INCOMPLETE',
};

/** Default for a skipped requirement that carries neither reason nor blocker. */
export const NO_REASON = 'no reason recorded';

/** Largest body shown in a human-readable report, in characters; the rest is cut with a marker. */
export const BODY_LIMIT_CHARS = 3000;

/** Largest number of lines of one body shown in a human-readable report. */
export const BODY_LIMIT_LINES = 80;

/**
 * Why a requirement was not judged or how it was judged, in one line: "blocked by CC-XXX-NNN"
 * (plus the reason), the skip reason, the interpretation taken and the severity where present.
 * Empty for a plain pass or failure with nothing to add.
 */
export function requirementNote(req: RequirementResult): string {
  const parts: string[] = [];
  if (req.blockedBy !== undefined) parts.push(`blocked by ${req.blockedBy}`);
  if (req.reason !== undefined && req.reason !== '') parts.push(req.reason);
  if (parts.length === 0 && (req.status === 'skipped' || req.status === 'not-applicable')) parts.push(NO_REASON);
  if (req.interpretation !== undefined && req.interpretation !== '') parts.push(`interpretation: ${req.interpretation}`);
  if (req.severity !== undefined) parts.push(`severity: ${req.severity}`);
  return parts.join('; ');
}

/** The reason a skipped or not-applicable requirement gives, for JUnit `<skipped message>`. */
export function skipReason(req: RequirementResult): string {
  const blocked = req.blockedBy !== undefined ? `blocked by ${req.blockedBy}` : '';
  const reason = req.reason !== undefined && req.reason !== '' ? req.reason : '';
  const text = [blocked, reason].filter((s) => s !== '').join(': ') || NO_REASON;
  return req.status === 'not-applicable' ? `not applicable: ${text}` : text;
}

/** The failed requirements, MUST first, then SHOULD, then MAY, each group in report order. */
export function failuresOf(report: Report): RequirementResult[] {
  const rank = { MUST: 0, SHOULD: 1, MAY: 2 } as const;
  return report.requirements
    .filter((r) => r.status === 'failed')
    .map((r, i) => ({ r, i }))
    .sort((a, b) => rank[a.r.level] - rank[b.r.level] || a.i - b.i)
    .map(({ r }) => r);
}

/** One category with its requirements in report order; categories without requirements are left out. */
export interface CategoryGroup {
  /** The category. */
  readonly category: Category;
  /** Its requirements in report order. */
  readonly requirements: readonly RequirementResult[];
}

/** Groups requirements by category in the catalog's category order. */
export function groupByCategory(requirements: readonly RequirementResult[]): CategoryGroup[] {
  return CATEGORIES.map((category) => ({
    category,
    requirements: requirements.filter((r) => r.category === category),
  })).filter((g) => g.requirements.length > 0);
}

/** Counts of each status within a list of requirements. */
export function countStatuses(requirements: readonly RequirementResult[]): Record<Status, number> {
  const counts: Record<Status, number> = { passed: 0, failed: 0, skipped: 0, 'not-applicable': 0 };
  for (const r of requirements) counts[r.status] += 1;
  return counts;
}

/** The evidence items of one kind. */
export function evidenceOf<K extends Evidence['kind']>(req: RequirementResult, kind: K): EvidenceOf<K>[] {
  return req.evidence.filter((e): e is EvidenceOf<K> => e.kind === kind);
}

/**
 * A request or response body as readable text: strings as they are, anything else as indented
 * JSON (string values longer than 300 characters cut), the whole cut to {@link BODY_LIMIT_CHARS} characters and {@link BODY_LIMIT_LINES} lines with a marker
 * saying how much was left out.
 */
export function formatBody(body: unknown, maxChars = BODY_LIMIT_CHARS, maxLines = BODY_LIMIT_LINES): string {
  const text = typeof body === 'string' ? body : (JSON.stringify(shortenStrings(body), null, 2) ?? String(body));
  const lines = text.split('\n');
  let kept = lines.length > maxLines ? lines.slice(0, maxLines).join('\n') : text;
  if (kept.length > maxChars) kept = kept.slice(0, maxChars);
  const omitted = text.length - kept.length;
  return omitted > 0 ? `${kept}\n… (${omitted} more characters not shown)` : kept;
}

/** Longest string value kept whole inside a JSON body shown to a reader. */
const STRING_LIMIT = 300;

/** A copy of a JSON value whose long string values are cut, saying how much was left out. */
function shortenStrings(value: unknown): unknown {
  if (typeof value === 'string') {
    return value.length > STRING_LIMIT ? `${value.slice(0, STRING_LIMIT)}… (${value.length - STRING_LIMIT} more characters)` : value;
  }
  if (Array.isArray(value)) return value.map(shortenStrings);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shortenStrings(v)]));
  }
  return value;
}

/** True when a body is worth showing (present and not an empty string). */
export function hasBody(body: unknown): boolean {
  return body !== undefined && body !== null && body !== '';
}

/** The one-line headline of an exchange: `#seq kit→candidate Operation: METHOD URL → status (N ms)`. */
export function exchangeHeadline(ex: EvidenceOf<'exchange'>): string {
  const who = ex.direction === 'kit' ? 'kit → candidate' : 'candidate → kit';
  const answer = ex.status === 0 ? `transport error${ex.transportError !== undefined ? `: ${ex.transportError}` : ''}` : String(ex.status);
  return `#${ex.seq} ${who} ${ex.operation}: ${ex.method} ${ex.url} → ${answer} (${Math.round(ex.durationMs)} ms)`;
}

/** A metric as text: measured value against its threshold, and whether it meets it. */
export function metricLine(m: EvidenceOf<'metric'>): { text: string; ok: boolean | null } {
  const measured = m.measured === null ? 'not measured' : `${formatNumber(m.measured)} ${m.unit}`.trim();
  const threshold = m.threshold === null ? 'no threshold' : `${m.comparison} ${formatNumber(m.threshold)} ${m.unit}`.trim();
  const ok = m.measured === null || m.threshold === null
    ? null
    : m.comparison === '<=' ? m.measured <= m.threshold : m.measured >= m.threshold;
  return { text: `${m.name}: ${measured} (threshold ${threshold})`, ok };
}

/** A number with at most 6 significant digits, without trailing zeros or exponent for ordinary sizes. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return String(value);
  const abs = Math.abs(value);
  return abs >= 1e-3 && abs < 1e15 ? String(Number(value.toPrecision(6))) : value.toExponential(3);
}

/** A titled Mermaid diagram shown with a requirement. */
export interface TitledSequence {
  /** Diagram title. */
  readonly title: string;
  /** Mermaid source. */
  readonly mermaid: string;
}

/**
 * The sequence diagrams that belong to a requirement: its own `sequence` evidence, then the
 * report-level conversations naming it, without showing the same diagram twice.
 */
export function sequencesFor(report: Report, req: RequirementResult): TitledSequence[] {
  const own = evidenceOf(req, 'sequence').map(({ title, mermaid }) => ({ title, mermaid }));
  const shared = report.sequences.filter((s) => s.requirements.includes(req.id)).map(({ title, mermaid }) => ({ title, mermaid }));
  const seen = new Set<string>();
  return [...own, ...shared].filter((s) => (seen.has(s.mermaid) ? false : (seen.add(s.mermaid), true)));
}

/** Evidence ranked for a failure: expectations first, then notes and metrics, exchanges, then the rest. */
export function evidenceRank(kind: Evidence['kind']): number {
  return ['expectation', 'note', 'metric', 'exchange', 'table', 'chart', 'sequence'].indexOf(kind);
}
