/**
 * The Issues API (paths/issues.yaml, schemas/issues.yaml, spec-defects D66): issues per caller, created
 * STATE_OPEN, comments listed newest first, CloseIssue answering the Issue with STATE_CLOSED.
 */
import { randomUUID } from 'node:crypto';
import type { Engine } from '../engine.js';
import {
  bentComment, bentIssue, bentIssueInput, bentListQuery, forgedFields, issueIdFor, issueNameId, issueRefusal, type IssueAnswer,
} from '../issue-faults.js';
import { issueName } from '../names.js';
import { isPage, listBody, paginate } from '../paginate.js';
import { renderComment, renderIssue } from '../render.js';
import { apiError, badRequest, conflict, ok, type Reply } from '../reply.js';
import { AddCommentBody, AnyObjectBody, IssueBody } from '../schemas.js';
import type { CommentRecord, IssueRecord } from '../types.js';
import { body, missing, param, type Handler, type Located, type RequestContext } from './common.js';

const OUTPUT_ONLY = new Set(['name', 'createTime', 'localIssueId', 'state']);

function issueKey(caller: string, id: string): string {
  return `${caller}|${id}`;
}

function present(engine: Engine, rec: IssueRecord, answer: IssueAnswer): Record<string, unknown> {
  return bentIssue(engine, rec, renderIssue(rec), answer);
}

function presentComment(engine: Engine, c: CommentRecord): Record<string, unknown> {
  return bentComment(engine, renderComment(c));
}

function lookupIssue(engine: Engine, req: RequestContext): Located<IssueRecord> {
  const id = param(req, 'issue');
  const rec = engine.store.issues.get(issueKey(req.caller, id));
  return rec ? { ok: true, value: rec } : { ok: false, reply: missing(engine, req, issueName(req.caller, id)) };
}

/** CreateIssue ?issueId=: title and body required; 409 for an id in use. */
export const createIssue: Handler = (engine, req) => {
  const id = issueIdFor(engine, req.query);
  if (id === undefined) return badRequest('query parameter issueId is required');
  const input = body(engine, { ...req, body: bentIssueInput(engine, req.body) }, IssueBody);
  if (!input.ok) return input.reply;
  const refusal = issueRefusal(engine, input.value);
  if (refusal) return refusal;
  const key = issueKey(req.caller, id);
  const existing = engine.store.issues.get(key);
  if (existing) return engine.faults.has('duplicate-issue-accepted') ? ok(present(engine, existing, 'create')) : conflict(`issue ${id} already exists`, 'ALREADY_EXISTS');
  const fields = { ...Object.fromEntries(Object.entries(input.value).filter(([k, v]) => !OUTPUT_ONLY.has(k) && v !== undefined)), ...forgedFields(engine, input.value) };
  const rec: IssueRecord = {
    caller: req.caller,
    id: issueNameId(engine, id),
    fields,
    createTime: engine.clock.now(),
    localIssueId: `local-${randomUUID()}`,
    state: 'STATE_OPEN',
    comments: [],
  };
  engine.store.issues.set(key, rec);
  engine.store.everExisted.add(issueName(req.caller, id));
  return { status: engine.faults.has('create-issue-201') ? 201 : 200, body: present(engine, rec, 'create') };
};

/** GetIssue. */
export const getIssue: Handler = (engine, req) => {
  const found = lookupIssue(engine, req);
  return found.ok ? ok(present(engine, found.value, 'get')) : found.reply;
};

/** ListIssues (paginated). */
export const listIssues: Handler = (engine, req) => {
  const omitOpen = engine.faults.has('issues-list-omits-open');
  const items = [...engine.store.issues.values()].filter((i) => i.caller === req.caller && !(omitOpen && i.state === 'STATE_OPEN'));
  const query = bentListQuery(engine, req.query, 'issues-default-page-unbounded', 'issues-large-page-refused');
  if (!(query instanceof URLSearchParams)) return query;
  const page = paginate(items, query, `ListIssues|${req.caller}`, engine.faults);
  return isPage(page) ? ok(listBody('issues', page, (i) => present(engine, i, 'list'))) : page;
};

/** CloseIssue: answers the Issue with STATE_CLOSED. */
export const closeIssue: Handler = (engine, req) => {
  const found = lookupIssue(engine, req);
  if (!found.ok) return found.reply;
  const input = body(engine, req, AnyObjectBody, false);
  if (!input.ok) return input.reply;
  if (engine.faults.has('close-not-kept')) return ok(present(engine, { ...found.value, state: 'STATE_CLOSED' }, 'close'));
  found.value.state = 'STATE_CLOSED';
  return ok(present(engine, found.value, 'close'));
};

/** The text of an AddComment request, or the 400 (a missing comment or text is taken as "" under comment-body-optional). */
function commentText(engine: Engine, req: RequestContext): string | Reply {
  if (engine.faults.has('comment-body-optional')) {
    const comment = typeof req.body === 'object' && req.body !== null ? (req.body as Record<string, unknown>)['comment'] : undefined;
    const text = typeof comment === 'object' && comment !== null ? (comment as Record<string, unknown>)['body'] : undefined;
    return typeof text === 'string' ? text : '';
  }
  const input = body(engine, req, AddCommentBody);
  return input.ok ? input.value.comment.body : input.reply;
}

/** AddComment: answers `{comment}`. */
export const addComment: Handler = (engine, req) => {
  const found = lookupIssue(engine, req);
  if (!found.ok) return found.reply;
  const text = commentText(engine, req);
  if (typeof text !== 'string') return text;
  const comment = { body: text, createTime: engine.clock.now(), displayName: req.caller, localCommentId: randomUUID() };
  found.value.comments.push(comment);
  return ok(engine.faults.has('add-comment-empty-answer') ? {} : { comment: presentComment(engine, comment) });
};

/** ListComments: newest first (schemas/issues.yaml ListCommentsResponse), paginated; 501 under list-comments-unimplemented. */
export const listComments: Handler = (engine, req) => {
  if (engine.faults.has('list-comments-unimplemented')) return apiError(501, 'ListComments is not implemented');
  const found = lookupIssue(engine, req);
  if (!found.ok) return found.reply;
  const newestFirst = engine.faults.has('comments-oldest-first') ? [...found.value.comments] : [...found.value.comments].reverse();
  const query = bentListQuery(engine, req.query, 'comments-default-page-unbounded');
  if (!(query instanceof URLSearchParams)) return query;
  const page = paginate(newestFirst, query, `ListComments|${req.caller}|${found.value.id}`, engine.faults);
  return isPage(page) ? ok(listBody('comments', page, (c) => presentComment(engine, c))) : page;
};
