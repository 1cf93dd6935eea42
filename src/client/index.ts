/**
 * The kit's HTTP client: undici-based, evidence-recording, never throwing on HTTP status.
 * @packageDocumentation
 */
export type { Exchange } from './exchange.js';
export { HttpClient, joinUrl, parseBody, describeTransportError, type HttpClientOptions, type CallSpec, type ClientTls } from './http.js';
export { ExchangeLog, type Redactor } from './log.js';
export { noAuth, bearerAuth, sigv4Auth, SENSITIVE_HEADERS, type Signer, type SigV4Options, type OutgoingRequest } from './auth.js';
export { signerFor, verifyRequest, SIGV4_MAX_SKEW_MS, type Credentials, type ReceivedRequest, type AuthCheck, type AuthProblem } from './credentials.js';
export { toCurl } from './curl.js';
export { CoordinatorApi, HooksApi, type PageQuery, type IxRef } from './coordinator.js';
export { walkPages, type Page, type Walk } from './pages.js';
export { probeTls, decideTransport, isLoopbackHost, atLeastTls13, LOOPBACK_NOT_ASSESSED, DEFAULT_TLS_TIMEOUT_MS } from './tls-probe.js';
