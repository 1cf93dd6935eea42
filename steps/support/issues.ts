/**
 * Helpers of the Issues API scenarios: filing kit issues with unique ids, reading fields of answers, and the
 * pure comparisons the Then steps make (server-set times, issues read back, comment order).
 * @packageDocumentation
 */
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { walkPages, type Exchange, type Walk } from '../../src/client/index.js';
import type { CtkWorld } from './world.js';

/** Prefix of every issue title the kit files, so people on a shared staging server can tell them apart. */
export const KIT_ISSUE_TITLE = '[interconnect-ctk]';

/** Key under which a scenario keeps the exchange that filed its issue (in `CtkWorld.seen`). */
export const FILED = 'issue:filed';

/** How far a server-set time may lie from the kit's clock, in ms (a day: clocks of staging servers drift). */
export const TIME_TOLERANCE_MS = 24 * 3600 * 1000;

/** A fresh issue id: a UUID, so reruns against the same server never collide. */
export function newIssueId(): string {
  return `ctk-${randomUUID()}`;
}

/** A valid CreateIssue body with a kit title and body, plus `extra` fields. */
export function issueRequest(summary: string, extra: Readonly<Record<string, unknown>> = {}): Record<string, unknown> {
  return {
    title: `${KIT_ISSUE_TITLE} ${summary}`,
    body: `Filed by the interconnect-ctk conformance kit to exercise the Issues API (${summary}). No action is needed.`,
    ...extra,
  };
}

/** Files an issue under a fresh id (or `id`); returns the id and the exchange whatever the answer. */
export async function fileIssue(w: CtkWorld, body: unknown, id = newIssueId()): Promise<{ id: string; exchange: Exchange }> {
  return { id, exchange: await w.ctx.api.createIssue(id, body) };
}

/** The issueId a CreateIssue exchange asked for ('' when absent). */
export function issueIdOf(e: Exchange): string {
  return new URL(e.url).searchParams.get('issueId') ?? '';
}

/** Why `value` is not a time the server set just now (an RFC 3339 date-time within a day of `now`), or undefined. */
export function serverTimeProblem(value: unknown, now = Date.now()): string | undefined {
  if (value === undefined) return 'no createTime';
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(value)) return `createTime ${JSON.stringify(value)} is not an RFC 3339 date-time`;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return `createTime ${value} is not a valid date`;
  if (Math.abs(at - now) > TIME_TOLERANCE_MS) return `createTime ${value} is more than a day from the kit's clock (${new Date(now).toISOString()})`;
  return undefined;
}

/** Fields of `filed` (the CreateIssue answer) that `read` (a later read) does not repeat; `state` may move on. */
export function issueDifferences(filed: Readonly<Record<string, unknown>>, read: Readonly<Record<string, unknown>>): string[] {
  const keys = new Set([...Object.keys(filed), ...Object.keys(read)]);
  return [...keys].filter((k) => k !== 'state' && !isDeepStrictEqual(filed[k], read[k])).sort();
}

/** Fields of the request that the answer does not carry back unchanged. */
export function notEchoed(sent: Readonly<Record<string, unknown>>, answer: Readonly<Record<string, unknown>>): string[] {
  return Object.keys(sent).filter((k) => !isDeepStrictEqual(sent[k], answer[k])).sort();
}

/** Every issue of the caller, page by page (1000 a page). */
export function walkIssues(w: CtkWorld): Promise<Walk> {
  return walkPages((q) => w.ctx.api.listIssues(q), 'issues', 1000);
}

/** Body of the kit's `n`-th comment on an issue (zero-padded so that text order is number order). */
export function commentText(n: number): string {
  return `${KIT_ISSUE_TITLE} comment #${String(n).padStart(3, '0')}`;
}

/** The number in a kit comment body, or undefined for other comments. */
export function commentNumber(body: unknown): number | undefined {
  const m = typeof body === 'string' ? /comment #(\d+)$/.exec(body) : null;
  return m?.[1] === undefined ? undefined : Number(m[1]);
}

/**
 * Places where a list of comments is not newest first: an older kit comment listed before a newer one, unless
 * both carry the same createTime (equal times may come in either order).
 */
export function orderProblems(items: readonly Record<string, unknown>[]): string[] {
  const numbered = items.map((c) => ({ n: commentNumber(c['body']), t: c['createTime'] })).filter((c): c is { n: number; t: unknown } => c.n !== undefined);
  const out: string[] = [];
  for (let i = 1; i < numbered.length; i++) {
    const a = numbered[i - 1]!;
    const b = numbered[i]!;
    if (a.n < b.n && !(typeof a.t === 'string' && a.t === b.t)) out.push(`comment #${a.n} is listed before the newer #${b.n}`);
  }
  return out;
}
