/**
 * The record of one HTTP exchange, kept as evidence. Bodies are redacted before they are stored.
 * @packageDocumentation
 */

/** One HTTP request and its answer (or transport failure), as the kit observed it. */
export interface Exchange {
  /** Sequence number within the run, increasing. */
  readonly seq: number;
  /** Who called: `kit` (the kit calling the candidate) or `candidate` (the candidate calling the kit's peer API). */
  readonly direction: 'kit' | 'candidate';
  /** The spec operationId when known (e.g. `CreateConnection`), or the hook name (e.g. `hook:activation-keys`). */
  readonly operation: string;
  /** HTTP method. */
  readonly method: string;
  /** Full URL requested. */
  readonly url: string;
  /** Request headers worth keeping (content-type, auth scheme only; never credentials). */
  readonly requestHeaders: Readonly<Record<string, string>>;
  /** Request body as sent: parsed JSON, raw text for non-JSON, or undefined when there was none. */
  readonly requestBody?: unknown;
  /** HTTP status, or 0 when the transport failed. */
  readonly status: number;
  /** Response headers worth keeping (content-type, retry-after, location). */
  readonly responseHeaders: Readonly<Record<string, string>>;
  /** Response body: parsed JSON, raw text when it was not JSON, undefined when empty. */
  readonly responseBody?: unknown;
  /** True when the response body was present but not valid JSON. */
  readonly responseNotJson?: boolean;
  /** Transport error message when `status` is 0. */
  readonly transportError?: string;
  /** ISO time the request started. */
  readonly startedAt: string;
  /** Milliseconds from request start to the end of the body. */
  readonly durationMs: number;
}
