/**
 * Senders for the load generator: through the run's {@link HttpClient} (same signer, TLS and connection
 * pool; exchanges not recorded), or through a dedicated undici Pool for benchmarks and library users.
 */
import { Pool } from 'undici';
import { describeTransportError, joinUrl, noAuth, parseBody, type HttpClient, type Signer } from '../client/index.js';
import type { LoadTarget, Send, SendResult } from './load.js';

/** A sender over the run's client: GET requests, never recorded in the run's exchange log. */
export function httpClientSender(http: HttpClient): Send {
  return async (t: LoadTarget): Promise<SendResult> => {
    const e = await http.call({ operation: t.operation, method: 'GET', path: t.path, unrecorded: true });
    const retryAfter = e.responseHeaders['retry-after'];
    return {
      status: e.status, url: e.url,
      ...(retryAfter !== undefined ? { retryAfter } : {}),
      ...(e.transportError !== undefined ? { error: e.transportError } : {}),
      ...(e.responseBody !== undefined ? { body: e.responseBody } : {}),
    };
  };
}

/** Options of {@link poolSender}. */
export interface PoolSenderOptions {
  /** Root URL the target paths are appended to. */
  readonly baseUrl: string;
  /** Connections kept open to the origin (default 16). */
  readonly connections?: number;
  /** Adds authentication headers (default none). */
  readonly signer?: Signer;
  /** Per-request timeout, ms (default 10000). */
  readonly timeoutMs?: number;
}

/** A sender over a dedicated undici Pool; `close()` releases its connections. */
export interface PoolSender {
  /** Sends one GET. */
  readonly send: Send;
  /** Closes the pool. */
  close(): Promise<void>;
}

/** Builds a sender on its own undici Pool to the origin of `baseUrl`. */
export function poolSender(o: PoolSenderOptions): PoolSender {
  const origin = new URL(o.baseUrl).origin;
  const pool = new Pool(origin, { connections: o.connections ?? 16, keepAliveTimeout: 4000 });
  const signer = o.signer ?? noAuth;
  const timeout = o.timeoutMs ?? 10_000;
  const send: Send = async (t) => {
    const url = joinUrl(o.baseUrl, t.path);
    try {
      const headers = await signer({ method: 'GET', url, headers: { accept: 'application/json' } });
      const res = await pool.request({ method: 'GET', path: url.pathname + url.search, headers, headersTimeout: timeout, bodyTimeout: timeout });
      const text = await res.body.text();
      const ra = res.headers['retry-after'];
      const body = parseBody(text).value;
      return {
        status: res.statusCode, url: url.toString(),
        ...(typeof ra === 'string' ? { retryAfter: ra } : {}),
        ...(body !== undefined ? { body } : {}),
      };
    } catch (err) {
      return { status: 0, url: url.toString(), error: describeTransportError(err) };
    }
  };
  return { send, close: () => pool.close() };
}
