/**
 * Request signing for the candidate: none, bearer token, or AWS SigV4 (via @smithy/signature-v4).
 * @packageDocumentation
 */
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';

/** A request about to be sent, as the signer sees it. */
export interface OutgoingRequest {
  /** HTTP method. */
  readonly method: string;
  /** Full URL. */
  readonly url: URL;
  /** Headers so far (lower-case names). */
  readonly headers: Record<string, string>;
  /** Body text, if any. */
  readonly body?: string;
}

/** Adds authentication headers to a request; returns the headers to send. */
export type Signer = (req: OutgoingRequest) => Promise<Record<string, string>>;

/** A signer that adds nothing. */
export const noAuth: Signer = (req) => Promise.resolve(req.headers);

/** A signer adding `Authorization: Bearer <token>`. */
export function bearerAuth(token: string): Signer {
  return (req) => Promise.resolve({ ...req.headers, authorization: `Bearer ${token}` });
}

/** SigV4 credentials and scope. */
export interface SigV4Options {
  /** AWS region of the signing scope. */
  readonly region: string;
  /** Service name of the signing scope. */
  readonly service: string;
  /** Access key id. */
  readonly accessKeyId: string;
  /** Secret access key. */
  readonly secretAccessKey: string;
  /** Session token for temporary credentials. */
  readonly sessionToken?: string;
  /** The time to sign at (default now); a past time makes a stale signature on purpose. */
  readonly signingDate?: () => Date;
}

/** A signer producing AWS Signature Version 4 headers. */
export function sigv4Auth(opts: SigV4Options): Signer {
  const signer = new SignatureV4({
    service: opts.service,
    region: opts.region,
    sha256: Sha256,
    credentials: {
      accessKeyId: opts.accessKeyId,
      secretAccessKey: opts.secretAccessKey,
      ...(opts.sessionToken !== undefined ? { sessionToken: opts.sessionToken } : {}),
    },
  });
  return async (req) => {
    const query: Record<string, string> = {};
    req.url.searchParams.forEach((v, k) => { query[k] = v; });
    const request = new HttpRequest({
      method: req.method,
      protocol: req.url.protocol,
      hostname: req.url.hostname,
      ...(req.url.port !== '' ? { port: Number(req.url.port) } : {}),
      path: req.url.pathname,
      query,
      headers: { ...req.headers, host: req.url.host },
      ...(req.body !== undefined ? { body: req.body } : {}),
    });
    const signed = await signer.sign(request, opts.signingDate !== undefined ? { signingDate: opts.signingDate() } : {});
    return { ...(signed.headers as Record<string, string>) };
  };
}

/** Header names whose values must never be stored or printed. */
export const SENSITIVE_HEADERS: ReadonlySet<string> = new Set([
  'authorization', 'x-amz-security-token', 'x-amz-content-sha256', 'cookie', 'proxy-authorization', 'x-api-key',
]);
