/**
 * Reading a `Retry-After` header (RFC 9110 section 10.2.3): delay-seconds or an HTTP date.
 */

/** Milliseconds to wait as `value` asks, relative to `nowMs`; undefined when absent or unreadable. */
export function retryAfterMs(value: string | undefined, nowMs: number = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  if (Number.isNaN(at) || !/[a-z]/i.test(text)) return undefined;
  return Math.max(0, at - nowMs);
}
