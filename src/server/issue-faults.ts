/**
 * The Issues API's deliberate defects (CC-ISS-*, and CC-SCH-019/020 on CreateIssue): request bodies bent
 * before validation, refusals of valid requests, answers bent after rendering, and list queries bent before
 * paging. Each applies only while its fault is on; with none on, every function here is the identity.
 */
import { randomUUID } from 'node:crypto';
import type { Engine } from './engine.js';
import type { ServerFaultName } from './faults.js';
import { apiError, badRequest, type Reply } from './reply.js';
import type { IssueRecord } from './types.js';

const FORGEABLE = ['state', 'createTime', 'localIssueId'] as const;
const CONTEXT_LISTS = ['channelContexts', 'connectionContexts', 'featureContexts', 'interconnectContexts'] as const;
const PRIORITIES = new Set(['PRIORITY_UNSPECIFIED', 'PRIORITY_P0', 'PRIORITY_P1', 'PRIORITY_P2', 'PRIORITY_P3', 'PRIORITY_P4']);
const ISSUE_CONTEXTS = new Set(['ISSUE_CONTEXT_UNSPECIFIED', 'ISSUE_CONTEXT_CONNECTION_ISSUE', 'ISSUE_CONTEXT_INTERCONNECT_ISSUE']);

/** Where an issue answer is sent from (some faults bend only one operation's answer). */
export type IssueAnswer = 'create' | 'get' | 'list' | 'close';

function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...(value as Record<string, unknown>) } : undefined;
}

/** The CreateIssue body as the faults bend it before validation (defaults, nameless contexts and unknown enums dropped). */
export function bentIssueInput(engine: Engine, body: unknown): unknown {
  const b = asObject(body);
  if (b === undefined) return body;
  if (engine.faults.has('issue-title-body-optional')) {
    b['title'] ??= '(untitled)';
    b['body'] ??= '(no body)';
  }
  if (engine.faults.has('issue-nameless-context-accepted')) {
    for (const k of CONTEXT_LISTS) if (Array.isArray(b[k])) b[k] = (b[k] as unknown[]).filter((c) => typeof asObject(c)?.['name'] === 'string');
  }
  if (engine.faults.has('issue-enum-unchecked')) {
    if (typeof b['priority'] === 'string' && !PRIORITIES.has(b['priority'])) delete b['priority'];
    if (typeof b['issueContext'] === 'string' && !ISSUE_CONTEXTS.has(b['issueContext'])) delete b['issueContext'];
  }
  return b;
}

/** The refusal (or crash) a fault gives to a valid CreateIssue body, if any. */
export function issueRefusal(engine: Engine, body: Readonly<Record<string, unknown>>): Reply | undefined {
  const has = (name: ServerFaultName): boolean => engine.faults.has(name);
  if (has('issue-feature-context-refused') && Array.isArray(body['featureContexts']) && body['featureContexts'].length > 0) return badRequest('feature contexts are not supported');
  if (has('issue-interconnect-type-refused') && body['issueContext'] === 'ISSUE_CONTEXT_INTERCONNECT_ISSUE') return badRequest('interconnect issues are not supported');
  const connections = body['connectionContexts'];
  if (has('issue-missing-context-500') && body['issueContext'] === 'ISSUE_CONTEXT_CONNECTION_ISSUE' && !(Array.isArray(connections) && connections.length > 0)) {
    return apiError(500, 'internal error while routing the issue');
  }
  return undefined;
}

/** The output-only values of a CreateIssue body that the issue-output-only-honoured fault keeps ({} otherwise). */
export function forgedFields(engine: Engine, body: Readonly<Record<string, unknown>>): Record<string, unknown> {
  if (!engine.faults.has('issue-output-only-honoured')) return {};
  return Object.fromEntries(FORGEABLE.filter((k) => typeof body[k] === 'string').map((k) => [k, body[k]]));
}

/** The issue id CreateIssue uses: the query's, or a made-up one under issue-id-generated; undefined when absent. */
export function issueIdFor(engine: Engine, query: URLSearchParams): string | undefined {
  const id = query.get('issueId');
  if (id !== null && id !== '') return id;
  return engine.faults.has('issue-id-generated') ? `generated-${randomUUID()}` : undefined;
}

/** The id an issue is named by: the requested one, or a made-up one under issue-id-ignored. */
export function issueNameId(engine: Engine, requested: string): string {
  return engine.faults.has('issue-id-ignored') ? `ref-${randomUUID()}` : requested;
}

/** An issue answer as the faults bend it after rendering. */
export function bentIssue(engine: Engine, rec: IssueRecord, rendered: Record<string, unknown>, answer: IssueAnswer): Record<string, unknown> {
  const out = { ...rendered };
  for (const k of FORGEABLE) if (engine.faults.has('issue-output-only-honoured') && typeof rec.fields[k] === 'string') out[k] = rec.fields[k];
  if (engine.faults.has('issue-starts-in-progress') && out['state'] === 'STATE_OPEN') out['state'] = 'STATE_IN_PROGRESS';
  if (engine.faults.has('issue-without-create-time')) delete out['createTime'];
  if (engine.faults.has('get-issue-drops-priority') && answer === 'get') delete out['priority'];
  return out;
}

/** A comment answer as the faults bend it after rendering. */
export function bentComment(engine: Engine, rendered: Record<string, unknown>): Record<string, unknown> {
  if (!engine.faults.has('comment-without-create-time')) return rendered;
  const { createTime: _dropped, ...rest } = rendered;
  return rest;
}

/** A list query as the faults bend it: no default page size, or a refusal of sizes above 1000; undefined keeps it. */
export function bentListQuery(engine: Engine, query: URLSearchParams, unbounded: ServerFaultName, refuseLarge?: ServerFaultName): URLSearchParams | Reply {
  const size = query.get('pageSize');
  if (refuseLarge !== undefined && engine.faults.has(refuseLarge) && size !== null && Number(size) > 1000) return badRequest('pageSize must be at most 1000');
  if (!engine.faults.has(unbounded) || (size !== null && size !== '')) return query;
  const bent = new URLSearchParams(query);
  bent.set('pageSize', '1000');
  return bent;
}
