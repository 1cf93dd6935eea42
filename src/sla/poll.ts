/**
 * Polling with a growing interval, for waits measured in seconds to minutes (provisioning SLA).
 */

/** Options of {@link pollUntil}. */
export interface PollOptions {
  /** First interval, ms (default 50). */
  readonly firstMs?: number;
  /** Largest interval, ms (default 1000). */
  readonly maxMs?: number;
  /** Growth factor of the interval (default 1.5). */
  readonly factor?: number;
  /** Time source, epoch ms (default Date.now). */
  readonly now?: () => number;
  /** Stops waiting early when it returns true. */
  readonly shouldStop?: () => boolean;
}

/** What a poll found: the value and when it was seen, or undefined after the deadline; `intervalMs` is the last interval. */
export interface PollResult<T> {
  /** The probe's value, undefined when the deadline passed first. */
  readonly value: T | undefined;
  /** When the value was seen (or when the poll gave up), epoch ms. */
  readonly at: number;
  /** The interval before the last probe, ms: the measurement's resolution. */
  readonly intervalMs: number;
}

/** Calls `probe` until it returns a value or `deadline` (epoch ms) passes; the interval grows from firstMs to maxMs. */
export async function pollUntil<T>(probe: () => Promise<T | undefined>, deadline: number, o: PollOptions = {}): Promise<PollResult<T>> {
  const now = o.now ?? Date.now;
  let interval = o.firstMs ?? 50;
  let last = 0;
  for (;;) {
    const value = await probe();
    const at = now();
    if (value !== undefined) return { value, at, intervalMs: last };
    if (at >= deadline || o.shouldStop?.() === true) return { value: undefined, at, intervalMs: last };
    const wait = Math.min(interval, Math.max(0, deadline - at));
    await new Promise((r) => setTimeout(r, wait));
    last = wait;
    interval = Math.min(o.maxMs ?? 1000, interval * (o.factor ?? 1.5));
  }
}
