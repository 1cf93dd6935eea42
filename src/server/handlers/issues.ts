/**
 * The Issues API (paths/issues.yaml, schemas/issues.yaml, spec-defects D66): issues per caller, created
 * STATE_OPEN, comments listed newest first, CloseIssue answering the Issue with STATE_CLOSED.
 */
import { randomUUID } from 'node:crypto';
import type { Engine } from '../engine.js';
import { issueName } from '../names.js';
import { isPage, listBody, paginate } from '../paginate.js';
import { renderComment, renderIssue } from '../render.js';
import { conflict, ok } from '../reply.js';
import { AddCommentBody, AnyObjectBody, IssueBody } from '../schemas.js';
import type { IssueRecord } from '../types.js';
import { body, missing, param, requiredQuery, type Handler, type Located, type RequestContext } from './common.js';

const OUTPUT_ONLY = new Set(['name', 'createTime', 'localIssueId', 'state']);

function issueKey(caller: string, id: string): string {
  return `${caller}|${id}`;
}

function lookupIssue(engine: Engine, req: RequestContext): Located<IssueRecord> {
  const id = param(req, 'issue');
  const rec = engine.store.issues.get(issueKey(req.caller, id));
  return rec ? { ok: true, value: rec } : { ok: false, reply: missing(engine, req, issueName(req.caller, id)) };
}

/** CreateIssue ?issueId=: title and body required. */
export const createIssue: Handler = (engine, req) => {
  const id = requiredQuery(req, 'issueId');
  if (!id.ok) return id.reply;
  const input = body(engine, req, IssueBody);
  if (!input.ok) return input.reply;
  const key = issueKey(req.caller, id.value);
  if (engine.store.issues.has(key)) return conflict(`issue ${id.value} already exists`, 'ALREADY_EXISTS');
  const fields = Object.fromEntries(Object.entries(input.value).filter(([k, v]) => !OUTPUT_ONLY.has(k) && v !== undefined));
  const rec: IssueRecord = {
    caller: req.caller,
    id: id.value,
    fields,
    createTime: engine.clock.now(),
    localIssueId: `local-${randomUUID()}`,
    state: 'STATE_OPEN',
    comments: [],
  };
  engine.store.issues.set(key, rec);
  engine.store.everExisted.add(issueName(req.caller, id.value));
  return ok(renderIssue(rec));
};

/** GetIssue. */
export const getIssue: Handler = (engine, req) => {
  const found = lookupIssue(engine, req);
  return found.ok ? ok(renderIssue(found.value)) : found.reply;
};

/** ListIssues (paginated). */
export const listIssues: Handler = (engine, req) => {
  const items = [...engine.store.issues.values()].filter((i) => i.caller === req.caller);
  const page = paginate(items, req.query, `ListIssues|${req.caller}`, engine.faults);
  return isPage(page) ? ok(listBody('issues', page, renderIssue)) : page;
};

/** CloseIssue: answers the Issue with STATE_CLOSED. */
export const closeIssue: Handler = (engine, req) => {
  const found = lookupIssue(engine, req);
  if (!found.ok) return found.reply;
  const input = body(engine, req, AnyObjectBody, false);
  if (!input.ok) return input.reply;
  found.value.state = 'STATE_CLOSED';
  return ok(renderIssue(found.value));
};

/** AddComment: answers `{comment}`. */
export const addComment: Handler = (engine, req) => {
  const found = lookupIssue(engine, req);
  if (!found.ok) return found.reply;
  const input = body(engine, req, AddCommentBody);
  if (!input.ok) return input.reply;
  const comment = { body: input.value.comment.body, createTime: engine.clock.now(), displayName: req.caller, localCommentId: randomUUID() };
  found.value.comments.push(comment);
  return ok({ comment: renderComment(comment) });
};

/** ListComments: newest first (schemas/issues.yaml ListCommentsResponse), paginated. */
export const listComments: Handler = (engine, req) => {
  const found = lookupIssue(engine, req);
  if (!found.ok) return found.reply;
  const newestFirst = [...found.value.comments].reverse();
  const page = paginate(newestFirst, req.query, `ListComments|${req.caller}|${found.value.id}`, engine.faults);
  return isPage(page) ? ok(listBody('comments', page, renderComment)) : page;
};
