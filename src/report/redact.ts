/**
 * Secret redaction for evidence: values of secret-bearing keys become a short SHA-256 fingerprint,
 * so evidence stays comparable (the same key shows the same fingerprint) without leaking.
 */
import { createHash } from 'node:crypto';
import { escapeHtml, escapeXml } from './escape.js';

/**
 * Keys (compared case-insensitively, with `-` and `_` ignored) whose values are secrets: MACsec
 * CAK/CKN, BGP MD5 passwords, bearer and session tokens, SigV4 keys, HTTP credentials.
 */
export const SECRET_KEYS: readonly string[] = [
  'cak',
  'ckn',
  'md5BgpPassword',
  'bgpPassword',
  'bgpMd5Password',
  'password',
  'passwd',
  'secret',
  'token',
  'accessToken',
  'refreshToken',
  'idToken',
  'bearerToken',
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-amz-security-token',
  'x-api-key',
  'apiKey',
  'secretAccessKey',
  'awsSecretAccessKey',
  'sessionToken',
  'awsSessionToken',
  'accessKeyId',
  'awsAccessKeyId',
  'clientSecret',
  'privateKey',
  'signingKey',
];

const normalise = (key: string): string => key.toLowerCase().replace(/[-_]/g, '');
const SECRET_KEY_SET: ReadonlySet<string> = new Set(SECRET_KEYS.map(normalise));
const REDACTED = /^\[redacted sha256:[0-9a-f]{8}\]$/;

/** True when `key` names a secret (see {@link SECRET_KEYS}). */
export function isSecretKey(key: string): boolean {
  return SECRET_KEY_SET.has(normalise(key));
}

/** The first 8 hex digits of the SHA-256 of a secret: enough to compare, useless to recover it. */
export function secretFingerprint(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex').slice(0, 8);
}

/** The placeholder that replaces a secret value: `[redacted sha256:XXXXXXXX]`. */
export function redactedPlaceholder(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return `[redacted sha256:${secretFingerprint(text)}]`;
}

/**
 * A deep copy of `value` in which the value of every secret-named key (at any depth, inside
 * objects and arrays) is replaced by `[redacted sha256:XXXXXXXX]`. Null and undefined secrets are
 * kept as they are (nothing to leak); values already redacted are left alone, so redacting twice
 * gives the same result. Cycles are cut with the string `[circular]`.
 */
export function redactSecrets<T>(value: T): T {
  return redactNode(value, new WeakSet<object>()) as T;
}

function redactNode(value: unknown, seen: WeakSet<object>): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((item) => redactNode(item, seen));
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] = isSecretKey(key) ? redactValue(item) : redactNode(item, seen);
    }
    return out;
  } finally {
    seen.delete(value);
  }
}

function redactValue(value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value === 'string' && REDACTED.test(value)) return value;
  return redactedPlaceholder(value);
}

/**
 * Replaces every occurrence of each given secret inside free text (a curl line, an error message)
 * by its placeholder. Empty secrets are ignored.
 */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret === '') continue;
    out = out.split(secret).join(redactedPlaceholder(secret));
  }
  return out;
}

/**
 * The secrets from `secrets` that occur in `text`, compared case-insensitively (a hex CAK may be
 * printed in either case) and also in their JSON-, HTML- and XML-escaped forms. Empty secrets are
 * ignored. Used to prove that no written report file leaks key material.
 */
export function scanForSecrets(text: string, secrets: readonly string[]): string[] {
  const haystack = text.toLowerCase();
  const leaked: string[] = [];
  for (const secret of secrets) {
    if (secret === '' || leaked.includes(secret)) continue;
    const forms = [secret, JSON.stringify(secret).slice(1, -1), escapeHtml(secret), escapeXml(secret)];
    if (forms.some((f) => haystack.includes(f.toLowerCase()))) leaked.push(secret);
  }
  return leaked;
}
