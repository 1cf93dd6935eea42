/**
 * Whether an answer gives back a secret the kit sent (CC-SEC-010 MACsec CAK, CC-SEC-011 BGP MD5 password;
 * governance/SECURITY_AND_OPERATIONAL_EXCELLENCE.md#connection-integrity, ERRATA D48). Answers reach the checks
 * already redacted: a secret under a secret-named key (`cak`, `md5BgpPassword`) shows as the placeholder of its
 * fingerprint, anywhere else as itself. So a secret counts as given back when an answer holds, at any depth, the
 * secret itself or one of the caller's placeholder forms of it. Leaving the field out, or masking it with any
 * other value, passes. Pure functions; they never put the secret in what they return.
 */

/** Where an answer holds the secret: the JSON path of the value (e.g. `macSecKeys[0].cak`). */
export type SecretPath = string;

function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

function holds(value: string, secret: string, forms: readonly string[]): boolean {
  const v = value.toLowerCase();
  return v.includes(secret.toLowerCase()) || forms.some((f) => v === f.toLowerCase());
}

function walk(value: unknown, path: string, secret: string, forms: readonly string[], out: SecretPath[]): void {
  if (typeof value === 'string') {
    if (holds(value, secret, forms)) out.push(path === '' ? '(whole body)' : path);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => walk(v, join(path, i), secret, forms, out));
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) walk(v, join(path, k), secret, forms, out);
  }
}

/**
 * The paths at which `body` gives back `secret`: a string containing it (ignoring case) or equal to one of
 * `redactedForms` (the placeholders a redactor would have put in its place). An empty secret is never found.
 */
export function secretEchoes(body: unknown, secret: string, redactedForms: readonly string[] = []): SecretPath[] {
  if (secret === '') return [];
  const out: SecretPath[] = [];
  walk(body, '', secret, redactedForms, out);
  return out;
}

/** A deep copy of `value` in which every occurrence of `secret` inside a string (ignoring case) is replaced by `replacement`. */
export function scrubSecret<T>(value: T, secret: string, replacement: string): T {
  if (secret === '') return value;
  const pattern = new RegExp(secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi');
  const scrub = (v: unknown): unknown => {
    if (typeof v === 'string') return v.replace(pattern, replacement);
    if (Array.isArray(v)) return v.map(scrub);
    if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, scrub(x)]));
    return v;
  };
  return scrub(value) as T;
}
