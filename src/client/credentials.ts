/**
 * Credentials between providers, resolved (secrets in memory, never logged): how to sign a request with them
 * ({@link signerFor}) and how to check that a received request was signed with them ({@link verifyRequest}).
 * SigV4 signatures are checked by signing the received request again with @smithy/signature-v4 at the time the
 * caller stated, over exactly the headers the caller said it signed, and comparing the two signatures.
 * @packageDocumentation
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { bearerAuth, noAuth, sigv4Auth, type Signer } from './auth.js';

/** Resolved credentials of one identity: none, a bearer token, or an AWS SigV4 key pair and scope. */
export type Credentials =
  | { readonly type: 'none' }
  | { readonly type: 'bearer'; readonly token: string }
  | {
    readonly type: 'sigv4';
    readonly region: string;
    readonly service: string;
    readonly accessKeyId: string;
    readonly secretAccessKey: string;
    readonly sessionToken?: string;
  };

/** A signer presenting `c` (see {@link Signer}); `signingDate` backdates SigV4 signatures (for stale-signature probes). */
export function signerFor(c: Credentials, signingDate?: () => Date): Signer {
  if (c.type === 'bearer') return bearerAuth(c.token);
  if (c.type === 'sigv4') {
    return sigv4Auth({
      region: c.region, service: c.service, accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey,
      ...(c.sessionToken !== undefined ? { sessionToken: c.sessionToken } : {}), ...(signingDate !== undefined ? { signingDate } : {}),
    });
  }
  return noAuth;
}

/** A received request as the verifier sees it. */
export interface ReceivedRequest {
  /** HTTP method. */
  readonly method: string;
  /** Path and query string exactly as received. */
  readonly url: string;
  /** Request headers (lower-case names). */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** Body text as received ('' when none). */
  readonly body: string;
}

/** Why a request's credentials were not accepted. */
export type AuthProblem = 'missing' | 'malformed' | 'wrong-scheme' | 'wrong-token' | 'unknown-key' | 'wrong-scope' | 'stale' | 'bad-signature';

/** The outcome of {@link verifyRequest}: accepted, or refused with the status a server answers and a reason free of secrets. */
export type AuthCheck =
  | { readonly ok: true; readonly scheme: Credentials['type'] }
  | { readonly ok: false; readonly status: 401 | 403; readonly problem: AuthProblem; readonly reason: string };

/** How far a SigV4 request time may be from the verifier's clock, ms (AWS allows 5 minutes). */
export const SIGV4_MAX_SKEW_MS = 5 * 60 * 1000;

const refuse = (status: 401 | 403, problem: AuthProblem, reason: string): AuthCheck => ({ ok: false, status, problem, reason });

function header(h: ReceivedRequest['headers'], name: string): string | undefined {
  const v = h[name];
  return Array.isArray(v) ? v.join(',') : v;
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Checks that `req` carries the credentials `expected` describes. With `none`, everything is accepted. Missing
 * credentials give 401; present but wrong ones (token, key id, scope, time, signature) give 403. Never throws.
 */
export async function verifyRequest(expected: Credentials, req: ReceivedRequest, now: number = Date.now()): Promise<AuthCheck> {
  if (expected.type === 'none') return { ok: true, scheme: 'none' };
  const auth = header(req.headers, 'authorization');
  if (auth === undefined || auth.trim() === '') return refuse(401, 'missing', `no Authorization header (${expected.type === 'bearer' ? 'a bearer token' : 'an AWS SigV4 signature'} is required)`);
  if (expected.type === 'bearer') {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    if (m === null) return refuse(401, 'wrong-scheme', `the Authorization header is not "Bearer <token>" (it starts "${auth.split(/\s/)[0] ?? ''}")`);
    return sameText(m[1] ?? '', expected.token) ? { ok: true, scheme: 'bearer' } : refuse(403, 'wrong-token', 'the bearer token is not the one configured for this caller');
  }
  return verifySigV4(expected, req, auth, now);
}

interface ParsedSigV4 { readonly keyId: string; readonly date: string; readonly region: string; readonly service: string; readonly signedHeaders: string[]; readonly signature: string }

function parseSigV4(auth: string): ParsedSigV4 | undefined {
  const m = /^AWS4-HMAC-SHA256\s+Credential=([^/\s,]+)\/(\d{8})\/([^/\s,]+)\/([^/\s,]+)\/aws4_request\s*,\s*SignedHeaders=([a-z0-9;_.-]+)\s*,\s*Signature=([0-9a-f]{64})\s*$/.exec(auth);
  if (m === null) return undefined;
  return { keyId: m[1] ?? '', date: m[2] ?? '', region: m[3] ?? '', service: m[4] ?? '', signedHeaders: (m[5] ?? '').split(';'), signature: m[6] ?? '' };
}

function parseAmzDate(v: string | undefined): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(v ?? '');
  if (m === null) return undefined;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}

async function verifySigV4(expected: Extract<Credentials, { type: 'sigv4' }>, req: ReceivedRequest, auth: string, now: number): Promise<AuthCheck> {
  if (!auth.startsWith('AWS4-HMAC-SHA256')) return refuse(401, 'wrong-scheme', `the Authorization header is not an AWS SigV4 signature (it starts "${auth.split(/\s/)[0] ?? ''}")`);
  const p = parseSigV4(auth);
  if (p === undefined) return refuse(403, 'malformed', 'the SigV4 Authorization header cannot be parsed (Credential, SignedHeaders, Signature)');
  if (p.keyId !== expected.accessKeyId) return refuse(403, 'unknown-key', 'the SigV4 access key id is not the one configured for this caller');
  if (p.region !== expected.region || p.service !== expected.service) {
    return refuse(403, 'wrong-scope', `the SigV4 scope is ${p.region}/${p.service}, expected ${expected.region}/${expected.service}`);
  }
  if (!p.signedHeaders.includes('host')) return refuse(403, 'malformed', 'the SigV4 signature does not cover the host header');
  const amzDate = header(req.headers, 'x-amz-date');
  const at = parseAmzDate(amzDate);
  if (at === undefined || amzDate?.slice(0, 8) !== p.date) return refuse(403, 'malformed', 'x-amz-date is missing, malformed or not the date of the credential scope');
  if (Math.abs(now - at) > SIGV4_MAX_SKEW_MS) return refuse(403, 'stale', `the request was signed at ${new Date(at).toISOString()}, more than 5 minutes from the receiver's clock`);
  const url = new URL(req.url, 'http://verifier');
  const query: Record<string, string> = {};
  url.searchParams.forEach((v, k) => { query[k] = v; });
  const signed: Record<string, string> = {};
  for (const name of p.signedHeaders) signed[name] = header(req.headers, name) ?? '';
  const claimedHash = header(req.headers, 'x-amz-content-sha256');
  if (claimedHash !== undefined && claimedHash !== 'UNSIGNED-PAYLOAD' && claimedHash !== createHash('sha256').update(req.body).digest('hex')) {
    return refuse(403, 'bad-signature', 'x-amz-content-sha256 is not the SHA-256 of the body received (the body changed after signing)');
  }
  const host = signed['host'] ?? '';
  const request = new HttpRequest({ method: req.method.toUpperCase(), protocol: 'http:', hostname: host, path: url.pathname, query, headers: signed, ...(req.body !== '' ? { body: req.body } : {}) });
  const signer = new SignatureV4({
    service: expected.service, region: expected.region, sha256: Sha256, applyChecksum: false,
    credentials: { accessKeyId: expected.accessKeyId, secretAccessKey: expected.secretAccessKey, ...(expected.sessionToken !== undefined ? { sessionToken: expected.sessionToken } : {}) },
  });
  try {
    const again = await signer.sign(request, { signingDate: new Date(at), signableHeaders: new Set(p.signedHeaders) });
    const mine = parseSigV4(String((again.headers as Record<string, string>)['authorization'] ?? ''));
    return mine !== undefined && sameText(mine.signature, p.signature) ? { ok: true, scheme: 'sigv4' } : refuse(403, 'bad-signature', 'the SigV4 signature does not match the request (wrong secret key, or the request changed after signing)');
  } catch (err) {
    return refuse(403, 'malformed', `the SigV4 signature cannot be checked: ${err instanceof Error ? err.message : String(err)}`);
  }
}
