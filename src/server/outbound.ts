/**
 * Outbound calls from the engine to its peer (NotifyConnectionStatus, re-reads, MACsec, maintenance),
 * through one small injectable function. The default is built on undici's `request` with timeouts and
 * never throws: transport failures come back as status 0 with the error message.
 */
import { request } from 'undici';

/** One outbound request. */
export interface OutboundRequest {
  /** HTTP method. */
  readonly method: string;
  /** Absolute URL. */
  readonly url: string;
  /** JSON body, if any. */
  readonly body?: unknown;
  /** Extra headers (e.g. authentication). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** The answer to an outbound request. */
export interface OutboundResponse {
  /** HTTP status, or 0 when the transport failed. */
  readonly status: number;
  /** Parsed JSON body, raw text when not JSON, undefined when empty. */
  readonly body: unknown;
  /** Transport error message when status is 0. */
  readonly error?: string;
}

/** Performs an outbound request; implementations must not throw. */
export type OutboundFn = (req: OutboundRequest) => Promise<OutboundResponse>;

/** Options of the default outbound function. */
export interface OutboundOptions {
  /** Timeout for headers and for the body, each in ms (default 5000). */
  readonly timeoutMs?: number;
}

function parseBody(text: string): unknown {
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Creates the default undici-based outbound function. */
export function createOutbound(options: OutboundOptions = {}): OutboundFn {
  const timeout = options.timeoutMs ?? 5000;
  return async (req) => {
    const headers: Record<string, string> = { accept: 'application/json', ...(req.headers ?? {}) };
    let body: string | undefined;
    if (req.body !== undefined) {
      body = JSON.stringify(req.body);
      headers['content-type'] = 'application/json';
    }
    try {
      const res = await request(req.url, {
        method: req.method as 'GET',
        headers,
        ...(body === undefined ? {} : { body }),
        headersTimeout: timeout,
        bodyTimeout: timeout,
      });
      const text = await res.body.text();
      return { status: res.statusCode, body: parseBody(text) };
    } catch (err) {
      return { status: 0, body: undefined, error: err instanceof Error ? err.message : String(err) };
    }
  };
}

/** Wraps an outbound function so that an exception thrown by it becomes a status-0 response. */
export function guardOutbound(fn: OutboundFn): OutboundFn {
  return async (req) => {
    try {
      return await fn(req);
    } catch (err) {
      return { status: 0, body: undefined, error: err instanceof Error ? err.message : String(err) };
    }
  };
}
