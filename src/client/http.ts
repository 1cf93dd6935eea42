/**
 * The kit's HTTP client on undici. It never throws on an HTTP status, always consumes the body, and
 * returns an {@link Exchange} record that is kept as evidence.
 * @packageDocumentation
 */
import { readFileSync } from 'node:fs';
import { Agent, request, type Dispatcher } from 'undici';
import type { Exchange } from './exchange.js';
import { noAuth, SENSITIVE_HEADERS, type Signer } from './auth.js';
import type { ExchangeLog } from './log.js';

/** TLS settings for the candidate connection. */
export interface ClientTls {
  /** CA bundle file. */
  readonly caFile: string | null;
  /** Client certificate (mTLS). */
  readonly certFile: string | null;
  /** Client key (mTLS). */
  readonly keyFile: string | null;
}

/** Options of {@link HttpClient}. */
export interface HttpClientOptions {
  /** Root URL every path is appended to. */
  readonly baseUrl: string;
  /** Adds authentication headers. Default: none. */
  readonly signer?: Signer;
  /** Per-request timeout in milliseconds. Default 10000. */
  readonly timeoutMs?: number;
  /** TLS material. */
  readonly tls?: ClientTls;
  /** Where exchanges are recorded; none records nothing. */
  readonly log?: ExchangeLog;
  /** Maximum connections per origin. Default 32. */
  readonly connections?: number;
}

/** One request to make. */
export interface CallSpec {
  /** operationId or hook name, for evidence. */
  readonly operation: string;
  /** HTTP method. */
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path relative to the base URL (starting with `/`). */
  readonly path: string;
  /** Query parameters; undefined values are dropped. */
  readonly query?: Readonly<Record<string, string | number | undefined>>;
  /** JSON body, or `{ raw }` to send bytes as they are (for malformed-input checks). */
  readonly body?: unknown;
  /** Send `body.raw` unparsed. */
  readonly raw?: string;
  /** Do not keep this exchange in the evidence log (bulk load). */
  readonly unrecorded?: boolean;
  /** Signs this call instead of the client's own signer (to send no or wrong credentials on purpose). */
  readonly signer?: Signer;
}

const KEPT_RESPONSE_HEADERS = ['content-type', 'retry-after', 'location', 'date'];

/** Joins a base URL and a relative path without losing the base's own path. */
export function joinUrl(base: string, path: string, query?: CallSpec['query']): URL {
  const url = new URL(base.replace(/\/+$/, '') + path);
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
  return url;
}

function buildDispatcher(opts: HttpClientOptions): Dispatcher {
  const tls = opts.tls;
  const connect: Record<string, unknown> = {};
  if (tls?.caFile != null) connect['ca'] = readFileSync(tls.caFile);
  if (tls?.certFile != null) connect['cert'] = readFileSync(tls.certFile);
  if (tls?.keyFile != null) connect['key'] = readFileSync(tls.keyFile);
  return new Agent({ connections: opts.connections ?? 32, connect, keepAliveTimeout: 4000 });
}

/** An HTTP client bound to one base URL. */
export class HttpClient {
  readonly #opts: HttpClientOptions;
  readonly #signer: Signer;
  readonly #dispatcher: Dispatcher;

  /** Creates a client; reading TLS files happens here, so a bad path fails early. */
  constructor(opts: HttpClientOptions) {
    this.#opts = opts;
    this.#signer = opts.signer ?? noAuth;
    this.#dispatcher = buildDispatcher(opts);
  }

  /** The base URL. */
  get baseUrl(): string { return this.#opts.baseUrl; }

  /** Performs one call and returns its exchange record; transport failures give status 0. */
  async call(spec: CallSpec): Promise<Exchange> {
    const url = joinUrl(this.#opts.baseUrl, spec.path, spec.query);
    const bodyText = spec.raw ?? (spec.body === undefined ? undefined : JSON.stringify(spec.body));
    const baseHeaders: Record<string, string> = { accept: 'application/json' };
    if (bodyText !== undefined) baseHeaders['content-type'] = 'application/json';
    const startedAt = new Date();
    const t0 = performance.now();
    let status = 0;
    let text = '';
    let responseHeaders: Record<string, string> = {};
    let transportError: string | undefined;
    try {
      const headers = await (spec.signer ?? this.#signer)({ method: spec.method, url, headers: baseHeaders, ...(bodyText !== undefined ? { body: bodyText } : {}) });
      const res = await request(url, {
        method: spec.method,
        headers,
        ...(bodyText !== undefined ? { body: bodyText } : {}),
        dispatcher: this.#dispatcher,
        headersTimeout: this.#opts.timeoutMs ?? 10000,
        bodyTimeout: this.#opts.timeoutMs ?? 10000,
      });
      status = res.statusCode;
      text = await res.body.text();
      responseHeaders = pickHeaders(res.headers, KEPT_RESPONSE_HEADERS);
    } catch (err) {
      transportError = describeTransportError(err);
    }
    const durationMs = performance.now() - t0;
    const exchange = buildExchange(spec, url, baseHeaders, bodyText, status, text, responseHeaders, transportError, startedAt, durationMs);
    return spec.unrecorded === true || this.#opts.log === undefined ? exchange : this.#opts.log.record(exchange);
  }

  /** Closes pooled connections. */
  async close(): Promise<void> { await this.#dispatcher.close(); }
}

function buildExchange(
  spec: CallSpec, url: URL, headers: Record<string, string>, bodyText: string | undefined, status: number, text: string,
  responseHeaders: Record<string, string>, transportError: string | undefined, startedAt: Date, durationMs: number,
): Exchange {
  const parsed = parseBody(text);
  return {
    seq: 0,
    direction: 'kit',
    operation: spec.operation,
    method: spec.method,
    url: url.toString(),
    requestHeaders: Object.fromEntries(Object.entries(headers).filter(([k]) => !SENSITIVE_HEADERS.has(k))),
    ...(bodyText !== undefined ? { requestBody: spec.raw !== undefined ? spec.raw : spec.body } : {}),
    status,
    responseHeaders,
    ...(parsed.value !== undefined ? { responseBody: parsed.value } : {}),
    ...(parsed.notJson ? { responseNotJson: true } : {}),
    ...(transportError !== undefined ? { transportError } : {}),
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(durationMs * 100) / 100,
  };
}

/** Parses a response body as JSON when it is JSON; keeps raw text otherwise. */
export function parseBody(text: string): { value?: unknown; notJson: boolean } {
  if (text.trim() === '') return { notJson: false };
  try {
    return { value: JSON.parse(text) as unknown, notJson: false };
  } catch {
    return { value: text.length > 2000 ? `${text.slice(0, 2000)}…` : text, notJson: true };
  }
}

function pickHeaders(h: Record<string, string | string[] | undefined>, names: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of names) {
    const v = h[n];
    if (v !== undefined) out[n] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

/** Turns an undici/network error into a short readable reason (code plus message). */
export function describeTransportError(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as { code?: string }).code;
    const cause = (err as { cause?: unknown }).cause;
    const causeCode = cause instanceof Error ? (cause as { code?: string }).code : undefined;
    return [code ?? causeCode, err.message].filter((x) => x !== undefined && x !== '').join(': ');
  }
  return String(err);
}
