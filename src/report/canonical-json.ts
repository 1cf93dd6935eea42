/**
 * Canonical JSON: the byte-stable serialisation the integrity signature is computed over.
 */

/**
 * Serialises a JSON value with object keys sorted by UTF-16 code unit order, no whitespace and
 * `undefined` members left out, so equal values always give equal text (JSON.stringify rules otherwise).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`);
  return `{${entries.join(',')}}`;
}
