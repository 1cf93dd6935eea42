/**
 * The run configuration schema (kit-contracts.md section 2), validated with zod.
 * Secrets never appear in the file: only names of environment variables that hold them.
 * @packageDocumentation
 */
import { z } from 'zod';

const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be the name of an environment variable');

/** How the kit authenticates to the candidate. */
export const AuthSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('none') }),
  z.strictObject({ type: z.literal('bearer'), tokenEnv: envName }),
  z.strictObject({
    type: z.literal('sigv4'),
    region: z.string().min(1),
    service: z.string().min(1),
    accessKeyIdEnv: envName,
    secretAccessKeyEnv: envName,
    sessionTokenEnv: envName.nullable().optional(),
  }),
]);

/** What the kit's peer API requires on the candidate's calls: no credentials, a bearer token, or a SigV4 signature with this key and scope. */
export const PeerAuthSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('none') }),
  z.strictObject({ type: z.literal('bearer'), tokenEnv: envName }),
  z.strictObject({ type: z.literal('sigv4'), region: z.string().min(1), service: z.string().min(1), accessKeyIdEnv: envName, secretAccessKeyEnv: envName }),
]);

/** TLS material for the candidate connection: CA bundle and optional mTLS client certificate. */
export const TlsSchema = z.strictObject({
  caFile: z.string().nullable().default(null),
  certFile: z.string().nullable().default(null),
  keyFile: z.string().nullable().default(null),
});

const hostPort = z.string().regex(/^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):\d{1,5}$/, 'must be host:port, e.g. 127.0.0.1:0');

/** The full run configuration with its defaults. */
export const ConfigSchema = z.strictObject({
  candidate: z.strictObject({
    baseUrl: z.url({ protocol: /^https?$/ }),
    providerId: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be a lowercase provider id such as acme'),
    hooksUrl: z.url({ protocol: /^https?$/ }).nullable().default(null),
    accountId: z.string().min(1),
    auth: AuthSchema.default({ type: 'none' }),
    tls: TlsSchema.default({ caFile: null, certFile: null, keyFile: null }),
  }),
  kit: z.strictObject({
    providerId: z.string().regex(/^[a-z0-9][a-z0-9-]*$/).default('aws'),
    accountId: z.string().min(1).default('111122223333'),
    peerListen: hostPort.default('127.0.0.1:0'),
    peerBaseUrl: z.url({ protocol: /^https?$/ }).nullable().default(null),
    /** Credentials the candidate must present on every call to the kit's peer API (checked; refused with 401/403 otherwise). */
    peerAuth: PeerAuthSchema.default({ type: 'none' }),
  }).default({ providerId: 'aws', accountId: '111122223333', peerListen: '127.0.0.1:0', peerBaseUrl: null, peerAuth: { type: 'none' } }),
  sla: z.strictObject({
    availability: z.number().min(0).max(1).default(0.999),
    p99LatencyMs: z.number().positive().default(1000),
    loadRequests: z.number().int().min(0).default(2000),
    concurrency: z.number().int().min(1).max(512).default(16),
    provisioningSeconds: z.number().positive().default(300),
    /** Optional cap on requests per second during the load phase. */
    maxRequestsPerSecond: z.number().positive().nullable().default(null),
    /** Seconds within which NotifyConnectionStatus must follow the sender's features turning final (ERRATA D68). */
    notificationSeconds: z.number().positive().default(60),
    /** Path of a data-plane metrics export (CSV or `aws cloudwatch get-metric-data` JSON), relative to the working directory; null: not supplied. */
    evidence: z.string().min(1).nullable().default(null),
    /** A sample period counts as down when its packet loss is above this percentage. */
    lossThresholdPercent: z.number().min(0).max(100).default(1),
    /** Data-plane availability each calendar month must reach (the 99.99% promise). */
    dataPlaneAvailability: z.number().min(0).max(1).default(0.9999),
    /** Data-plane round-trip time the 99th percentile must stay within, ms; null reports it only. */
    rttP99Ms: z.number().positive().nullable().default(null),
  }).default({
    availability: 0.999, p99LatencyMs: 1000, loadRequests: 2000, concurrency: 16, provisioningSeconds: 300, maxRequestsPerSecond: null,
    notificationSeconds: 60, evidence: null, lossThresholdPercent: 1, dataPlaneAvailability: 0.9999, rttP99Ms: null,
  }),
  timeouts: z.strictObject({
    /** Per-request timeout against the candidate, milliseconds. */
    requestMs: z.number().int().positive().default(10000),
    /** How long the kit waits for asynchronous outcomes (features final, notifications), seconds. */
    settleSeconds: z.number().positive().default(20),
    /** How long the kit watches for a call that must not come (e.g. no CreateConnection after a refused key), milliseconds. */
    quietMs: z.number().int().positive().default(1000),
    /**
     * How long the candidate's staging waits before it rolls back a connection it deferred to the kit, seconds (its
     * deferralTimeoutHours as the staging applies it, shortened for testing); null: the rollback is not judged.
     */
    deferralRollbackSeconds: z.number().positive().max(600).nullable().default(null),
  }).default({ requestMs: 10000, settleSeconds: 20, quietMs: 1000, deferralRollbackSeconds: null }),
  report: z.strictObject({
    /** Environment variable holding an Ed25519 private key (PEM) used to sign the report. */
    signingKeyEnv: envName.nullable().default(null),
  }).default({ signingKeyEnv: null }),
  scenarios: z.strictObject({
    /** Run the scenarios tagged `@slow` (each takes minutes, e.g. watching a 60-second retry window); `ictk run --slow` sets it. */
    includeSlow: z.boolean().default(false),
  }).default({ includeSlow: false }),
  reportDir: z.string().min(1).default('reports/latest'),
});

/** A validated run configuration with defaults applied. */
export type RunConfig = z.infer<typeof ConfigSchema>;

/** The configuration as written by a user, before defaults. */
export type RunConfigInput = z.input<typeof ConfigSchema>;
