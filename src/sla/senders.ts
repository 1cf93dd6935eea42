/**
 * Senders for the load generator: through the run's {@link HttpClient} (same signer, TLS and connection
 * pool; exchanges not recorded), or through a dedicated undici Pool for benchmarks and library users.
 */
import { readFileSync } from 'node:fs';
import { Pool, type Dispatcher } from 'undici';
import { describeTransportError, joinUrl, noAuth, parseBody, type ClientTls, type HttpClient, type Signer } from '../client/index.js';
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
  /** TLS material for an https origin (CA bundle, client certificate and key files). */
  readonly tls?: ClientTls;
}

/** A sender over a dedicated undici Pool; `close()` releases its connections. */
export interface PoolSender {
  /** Sends one GET. */
  readonly send: Send;
  /** Closes the pool. */
  close(): Promise<void>;
}

/** Headers of an unsigned request (shared: undici does not modify them). */
const UNSIGNED: Record<string, string> = { accept: 'application/json' };

interface Resolved { readonly url: URL; readonly href: string; readonly path: string }

function connectOptions(tls: ClientTls | undefined): Record<string, Buffer> {
  const out: Record<string, Buffer> = {};
  if (tls?.caFile != null) out['ca'] = readFileSync(tls.caFile);
  if (tls?.certFile != null) out['cert'] = readFileSync(tls.certFile);
  if (tls?.keyFile != null) out['key'] = readFileSync(tls.keyFile);
  return out;
}

/**
 * Builds a sender on its own undici Pool to the origin of `baseUrl`. It uses the callback dispatch API (no
 * body stream per request) and parses a body only when the load keeps it as a sample.
 */
export function poolSender(o: PoolSenderOptions): PoolSender {
  const origin = new URL(o.baseUrl).origin;
  const pool = new Pool(origin, { connections: o.connections ?? 16, keepAliveTimeout: 4000, connect: connectOptions(o.tls) });
  const signer = o.signer ?? noAuth;
  const timeout = o.timeoutMs ?? 10_000;
  const resolved = new Map<string, Resolved>();
  const resolve = (path: string): Resolved => {
    let r = resolved.get(path);
    if (r === undefined) {
      const url = joinUrl(o.baseUrl, path);
      r = { url, href: url.toString(), path: url.pathname + url.search };
      if (resolved.size < 10_000) resolved.set(path, r);
    }
    return r;
  };
  const send: Send = async (t) => {
    const { url, href, path } = resolve(t.path);
    let headers: Record<string, string> = UNSIGNED;
    if (signer !== noAuth) {
      try {
        headers = await signer({ method: 'GET', url, headers: { accept: 'application/json' } });
      } catch (err) {
        return { status: 0, url: href, error: describeTransportError(err) };
      }
    }
    return new Promise<SendResult>((done) => {
      const chunks: Buffer[] = [];
      let status = 0;
      let retryAfter: string | undefined;
      // The callback handler interface that Pool.dispatch accepts in undici 7.
      const handler: Dispatcher.DispatchHandler = {
        onConnect() { /* nothing to set up */ },
        onHeaders(statusCode, raw) {
          status = statusCode;
          for (let i = 0; i + 1 < raw.length; i += 2) if (String(raw[i]).toLowerCase() === 'retry-after') retryAfter = String(raw[i + 1]);
          return true;
        },
        onData(chunk) { chunks.push(chunk); return true; },
        onComplete() {
          done({ status, url: href, ...(retryAfter !== undefined ? { retryAfter } : {}), readBody: () => parseBody(Buffer.concat(chunks).toString('utf8')).value });
        },
        onError(err) { done({ status: 0, url: href, error: describeTransportError(err) }); },
      };
      pool.dispatch({ origin, method: 'GET', path, headers, headersTimeout: timeout, bodyTimeout: timeout }, handler);
    });
  };
  return { send, close: () => pool.close() };
}
