/**
 * Pure checks on resource names and references in answers: rooting at the caller's provider id (ERRATA D20),
 * reference formats (D16, D18), and repeated values in lists (D07).
 * @packageDocumentation
 */

const PROVIDER = /^providers\/[^/]+$/;
const CHANNEL = /^providers\/[^/]+\/environments\/[^/]+\/interconnects\/[^/]+\/channels\/[^/]+$/;
const PROVIDER_KEYS = new Set(['macsecManagerProvider', 'crossConnectManagerProvider', 'providerId', 'provider']);

/** Names in `body` (its own and those of objects in its arrays) that start `providers/{x}/` with `x` other than `caller`. */
export function rootingProblems(body: unknown, caller: string): string[] {
  if (typeof body !== 'object' || body === null) return [];
  const rec = body as Record<string, unknown>;
  const named = [rec, ...Object.values(rec).flatMap((v) => (Array.isArray(v) ? v : []))];
  return named.flatMap((r) => {
    const name = typeof r === 'object' && r !== null ? (r as Record<string, unknown>)['name'] : undefined;
    if (typeof name !== 'string') return [];
    const m = /^providers\/([^/]+)\/./.exec(name);
    return m !== null && m[1] !== caller ? [`${name} is rooted at ${m[1] ?? '?'}, not at the caller ${caller}`] : [];
  });
}

/** References anywhere in `value` that do not use their target's name format: providers as providers/{id}, channels by full channel name. */
export function referenceProblems(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => referenceProblems(v, `${path}[${i}]`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => {
    const at = path === '' ? k : `${path}.${k}`;
    if (typeof v === 'string' && PROVIDER_KEYS.has(k) && !PROVIDER.test(v)) return [`${at} "${v}" is not providers/{provider}`];
    if (typeof v === 'string' && k === 'channel' && !CHANNEL.test(v)) return [`${at} "${v}" is not a full channel name`];
    return referenceProblems(v, at);
  });
}

/** The values `list` holds more than once. */
export function repeated(list: unknown): unknown[] {
  if (!Array.isArray(list)) return [];
  return list.filter((v, i) => list.indexOf(v) !== i);
}
