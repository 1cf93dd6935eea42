/**
 * Replies and errors of the engine. Errors follow the google.rpc shape the kit recognises
 * (spec-defects D04): `{"error": {"code", "message", "status"}}`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** What a handler answers: an HTTP status and a JSON body. */
export interface Reply {
  /** HTTP status. */
  readonly status: number;
  /** JSON body; undefined sends no body. */
  readonly body?: unknown;
}

const STATUS_TEXT: Readonly<Record<number, string>> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'ABORTED',
  413: 'INVALID_ARGUMENT',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

/** A 200 reply with `body`. */
export function ok(body: unknown): Reply {
  return { status: 200, body };
}

/** An error reply with the google.rpc-style body; `statusText` overrides the default for the code. */
export function apiError(status: number, message: string, statusText?: string): Reply {
  return { status, body: { error: { code: status, message, status: statusText ?? STATUS_TEXT[status] ?? 'UNKNOWN' } } };
}

/** 400 INVALID_ARGUMENT. */
export function badRequest(message: string): Reply {
  return apiError(400, message);
}

/** 404 NOT_FOUND for a resource name. */
export function notFound(what: string): Reply {
  return apiError(404, `${what} not found`);
}

/** 409 with ALREADY_EXISTS or ABORTED / FAILED_PRECONDITION flavours. */
export function conflict(message: string, statusText: 'ALREADY_EXISTS' | 'ABORTED' | 'FAILED_PRECONDITION' = 'ABORTED'): Reply {
  return apiError(409, message, statusText);
}

/** Result of reading a request body. */
export type BodyRead = { readonly ok: true; readonly text: string } | { readonly ok: false };

/** Reads the request body as UTF-8 up to `limitBytes`; `ok: false` when larger. */
export async function readBody(req: IncomingMessage, limitBytes: number): Promise<BodyRead> {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limitBytes) tooLarge = true;
    else chunks.push(buf);
  }
  return tooLarge ? { ok: false } : { ok: true, text: Buffer.concat(chunks).toString('utf8') };
}

/** Parsed JSON request body. */
export type ParsedBody = { readonly kind: 'empty' } | { readonly kind: 'json'; readonly value: unknown } | { readonly kind: 'malformed'; readonly problem: string };

/** Parses a body text as JSON; whitespace-only text counts as empty. */
export function parseJson(text: string): ParsedBody {
  if (text.trim().length === 0) return { kind: 'empty' };
  try {
    return { kind: 'json', value: JSON.parse(text) as unknown };
  } catch (err) {
    return { kind: 'malformed', problem: err instanceof Error ? err.message : 'invalid JSON' };
  }
}

/** Writes a reply as JSON (or an empty body) and ends the response. */
export function sendReply(res: ServerResponse, reply: Reply): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  if (reply.body === undefined) {
    res.writeHead(reply.status, { 'content-length': '0' });
    res.end();
    return;
  }
  const text = JSON.stringify(reply.body);
  res.writeHead(reply.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
