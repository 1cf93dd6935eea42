/**
 * Injectable time: the engine reads the time and schedules its delayed work only through a {@link Clock},
 * so tests can drive hours of MACsec bake time in microseconds.
 */

/** Opaque timer handle. */
export type TimerHandle = unknown;

/** A source of time and timers. */
export interface Clock {
  /** Current time in ms since the epoch. */
  now(): number;
  /** Runs `fn` after `ms` milliseconds. */
  setTimeout(fn: () => void, ms: number): TimerHandle;
  /** Cancels a pending timer. */
  clearTimeout(handle: TimerHandle): void;
}

/** The wall clock and Node timers. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** A clock that moves only when told to; timers fire in time order during {@link ManualClock.advance}. */
export interface ManualClock extends Clock {
  /** Moves time forward by `ms`, firing every timer that falls due. */
  advance(ms: number): void;
  /** Number of timers still pending. */
  pending(): number;
}

/** Creates a manual clock starting at `startMs` (default 2026-01-01T00:00:00Z). */
export function createManualClock(startMs = Date.UTC(2026, 0, 1)): ManualClock {
  let now = startMs;
  let seq = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => now,
    setTimeout(fn, ms) {
      seq += 1;
      timers.set(seq, { at: now + Math.max(0, ms), fn });
      return seq;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    advance(ms) {
      const target = now + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= target).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = Math.max(now, due[1].at);
        due[1].fn();
      }
      now = target;
    },
    pending: () => timers.size,
  };
}

/** Timers owned by one server instance, all cancelled on close. */
export interface TimerSet {
  /** Schedules `fn` after `ms`; a no-op once the set is closed. */
  after(ms: number, fn: () => void): void;
  /** Resolves after `ms` (or at once when closed). */
  sleep(ms: number): Promise<void>;
  /** Cancels every pending timer; later calls to after() do nothing. */
  close(): void;
  /** Whether close() was called. */
  readonly closed: boolean;
}

/** Creates a timer set on `clock`. */
export function createTimerSet(clock: Clock): TimerSet {
  const handles = new Set<TimerHandle>();
  const sleepers = new Set<() => void>();
  let closed = false;
  const after = (ms: number, fn: () => void): void => {
    if (closed) return;
    const handle = clock.setTimeout(() => {
      handles.delete(handle);
      if (!closed) fn();
    }, ms);
    handles.add(handle);
  };
  return {
    after,
    sleep(ms) {
      return new Promise<void>((resolve) => {
        if (closed) return resolve();
        sleepers.add(resolve);
        after(ms, () => {
          sleepers.delete(resolve);
          resolve();
        });
      });
    },
    close() {
      closed = true;
      for (const h of handles) clock.clearTimeout(h);
      handles.clear();
      for (const wake of sleepers) wake();
      sleepers.clear();
    },
    get closed() {
      return closed;
    },
  };
}
