/**
 * Building report evidence from exchanges, peer calls and expectations.
 * @packageDocumentation
 */
import { toCurl, type Exchange } from '../client/index.js';
import type { PeerCall } from '../peer/types.js';
import type { Evidence } from '../report/schema.js';

const MAX_BODY_CHARS = 4000;

function trim(v: unknown): unknown {
  if (v === undefined) return undefined;
  const text = typeof v === 'string' ? v : JSON.stringify(v);
  return text.length > MAX_BODY_CHARS ? `${text.slice(0, MAX_BODY_CHARS)}… (${text.length} chars)` : v;
}

/** Evidence for an exchange the kit made, with a reproduce line. */
export function exchangeEvidence(e: Exchange, authScheme: 'none' | 'bearer' | 'sigv4'): Evidence {
  return {
    kind: 'exchange', seq: e.seq, direction: e.direction, operation: e.operation, method: e.method, url: e.url,
    status: e.status, durationMs: e.durationMs, startedAt: e.startedAt,
    ...(e.requestBody !== undefined ? { requestBody: trim(e.requestBody) } : {}),
    ...(e.responseBody !== undefined ? { responseBody: trim(e.responseBody) } : {}),
    ...(e.transportError !== undefined ? { transportError: e.transportError } : {}),
    reproduce: toCurl(e, authScheme),
  };
}

/** Evidence for a call the candidate made to the kit's peer API. */
export function peerCallEvidence(c: PeerCall, peerBaseUrl: string): Evidence {
  return {
    kind: 'exchange', seq: c.seq, direction: 'candidate', operation: c.operation, method: c.method,
    url: new URL(c.path, peerBaseUrl).toString(), status: c.status, durationMs: 0, startedAt: new Date(c.at).toISOString(),
    ...(c.body !== undefined ? { requestBody: trim(c.body) } : {}),
    ...(c.responseBody !== undefined ? { responseBody: trim(c.responseBody) } : {}),
  };
}

/** Expected-versus-received evidence. */
export function expectation(expected: string, received: string, location?: string): Evidence {
  return { kind: 'expectation', expected, received, ...(location !== undefined ? { location } : {}) };
}

/** A free-text note. */
export function note(text: string): Evidence {
  return { kind: 'note', text };
}

/** A short description of what an exchange answered, for expectation evidence. */
export function answered(e: Exchange): string {
  if (e.status === 0) return `no answer (${e.transportError ?? 'transport error'})`;
  const body = e.responseBody === undefined ? 'no body' : JSON.stringify(e.responseBody);
  return `HTTP ${e.status} ${body.length > 300 ? `${body.slice(0, 300)}…` : body}`;
}
