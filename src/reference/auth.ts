/**
 * Authentication of the reference partner, both ways: the credentials it requires on its own API (and the
 * faults that let bad calls through), the credentials it presents on every call to its peer (and the fault
 * that leaves some unsigned), and the throw-away credentials an in-process run uses for both.
 */
import { randomBytes } from 'node:crypto';
import { signerFor, verifyRequest, type Credentials } from '../client/index.js';
import type { AuthorizeHook, OutboundFn } from '../server/index.js';
import type { FaultInfo } from './faults.js';

/** Faults of authentication (CC-SEC-003, -004, -006); accepts-unknown-provider lives in the engine. */
export const AUTH_FAULTS = {
  'accepts-unauthenticated': { description: 'The reference\u2019s API answers calls that carry no credentials at all.', breaks: ['CC-SEC-003'] },
  'accepts-any-credentials': { description: 'The reference\u2019s API answers calls whatever their token or signature (wrong, stale or forged).', breaks: ['CC-SEC-004'] },
  'accepts-unknown-provider': { description: 'Calls under a provider id the reference does not know are answered as if the caller were known.', breaks: ['CC-SEC-005'] },
  'unsigned-notifications': { description: 'NotifyConnectionStatus calls to the peer go out without credentials; every other call is signed.', breaks: ['CC-SEC-006'] },
} as const satisfies Readonly<Record<string, FaultInfo>>;

/** Names of the hook-side authentication faults. */
export type AuthHookFaultName = Exclude<keyof typeof AUTH_FAULTS, 'accepts-unknown-provider'>;

/** The reference's authorize hook: requires `required`, except where a fault lets missing or wrong credentials through. */
export function requireCredentials(required: Credentials, fault: (name: AuthHookFaultName) => boolean): AuthorizeHook {
  return async (ctx) => {
    const out = await verifyRequest(required, { method: ctx.method, url: ctx.url, headers: ctx.headers, body: ctx.body });
    if (out.ok) return undefined;
    if (out.problem === 'missing' ? fault('accepts-unauthenticated') : fault('accepts-any-credentials')) return undefined;
    return { status: out.status, message: out.reason };
  };
}

/** Wraps the reference's outbound calls so that each carries `creds` (NotifyConnectionStatus not, under unsigned-notifications). */
export function withPeerCredentials(outbound: OutboundFn, creds: Credentials, unsignedNotifications: boolean): OutboundFn {
  if (creds.type === 'none') return outbound;
  const sign = signerFor(creds);
  return async (req) => {
    if (unsignedNotifications && req.url.endsWith('/NotifyConnectionStatus')) return outbound(req);
    const body = req.body === undefined ? undefined : JSON.stringify(req.body);
    const base: Record<string, string> = { accept: 'application/json', ...(req.headers ?? {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) };
    const headers = await sign({ method: req.method, url: new URL(req.url), headers: base, ...(body !== undefined ? { body } : {}) });
    return outbound({ ...req, headers });
  };
}

/** Throw-away credentials for a run of the kit against the in-process reference, and how to name them in a run configuration. */
export interface ReferenceAuthSetup {
  /** What the reference requires on its API: a bearer token. */
  readonly api: Credentials;
  /** What the reference presents to its peer (the kit): a SigV4 key pair, as toward AWS. */
  readonly peer: Credentials;
  /** Environment variables holding the secrets, for the run's `env`. */
  readonly env: Readonly<Record<string, string>>;
  /** `candidate.auth` of the run configuration. */
  readonly candidateAuth: Readonly<Record<string, string>>;
  /** `kit.peerAuth` of the run configuration. */
  readonly peerAuth: Readonly<Record<string, string>>;
}

/** Environment variable names an in-process run uses for the reference's throw-away credentials. */
export const REFERENCE_AUTH_ENV = {
  token: 'ICTK_REFERENCE_API_TOKEN',
  accessKeyId: 'ICTK_REFERENCE_PEER_ACCESS_KEY_ID',
  secretAccessKey: 'ICTK_REFERENCE_PEER_SECRET_ACCESS_KEY',
} as const;

/** Fresh random credentials for one in-process run: a bearer token toward the reference, a SigV4 key toward the kit. */
export function referenceAuthSetup(): ReferenceAuthSetup {
  const token = `ctk-${randomBytes(24).toString('base64url')}`;
  const accessKeyId = `AKIACTK${randomBytes(6).toString('hex').toUpperCase()}`;
  const secretAccessKey = randomBytes(30).toString('base64');
  const scope = { region: 'us-east-1', service: 'interconnect' };
  return {
    api: { type: 'bearer', token },
    peer: { type: 'sigv4', ...scope, accessKeyId, secretAccessKey },
    env: { [REFERENCE_AUTH_ENV.token]: token, [REFERENCE_AUTH_ENV.accessKeyId]: accessKeyId, [REFERENCE_AUTH_ENV.secretAccessKey]: secretAccessKey },
    candidateAuth: { type: 'bearer', tokenEnv: REFERENCE_AUTH_ENV.token },
    peerAuth: { type: 'sigv4', ...scope, accessKeyIdEnv: REFERENCE_AUTH_ENV.accessKeyId, secretAccessKeyEnv: REFERENCE_AUTH_ENV.secretAccessKey },
  };
}
