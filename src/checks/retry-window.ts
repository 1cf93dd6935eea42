/**
 * The end of a negotiator's retries of a refused CreateConnection (paths/connections.yaml#AllConnections: retry
 * with exponential backoff for up to 60 seconds), judged from the times the attempts arrived (CC-NEG-060).
 * @packageDocumentation
 */

/** The window the spec gives retries, ms. */
export const RETRY_WINDOW_MS = 60_000;

/** "About" 60 seconds: the last attempt may come this late after the first, ms (one more backoff step's slack). */
export const RETRY_TOLERANCE_MS = 75_000;

/** How long the kit watches after the first attempt, ms: past the tolerance, so that a late attempt is seen. */
export const RETRY_WATCH_MS = 85_000;

/** The judgement on a series of attempts. */
export interface RetryWindowVerdict {
  /** True when the retries ended within the tolerance. */
  readonly ok: boolean;
  /** One sentence for the report. */
  readonly summary: string;
  /** Expected, in words. */
  readonly expected: string;
  /** Observed, in words. */
  readonly received: string;
}

/** Judges attempt times (epoch ms, any order): the last must come at most {@link RETRY_TOLERANCE_MS} after the first. */
export function judgeRetryWindow(times: readonly number[]): RetryWindowVerdict {
  const sorted = [...times].sort((a, b) => a - b);
  const first = sorted[0];
  const expected = `no attempt later than ${RETRY_TOLERANCE_MS / 1000} s after the first (retries last up to ${RETRY_WINDOW_MS / 1000} s)`;
  if (first === undefined) return { ok: false, summary: 'no attempt to create the connection was seen', expected, received: 'no attempts' };
  const late = sorted.filter((t) => t - first > RETRY_TOLERANCE_MS);
  const lastAt = ((sorted[sorted.length - 1]! - first) / 1000).toFixed(1);
  const received = `${sorted.length} attempt(s), the last ${lastAt} s after the first`;
  return late.length === 0
    ? { ok: true, summary: `the candidate stopped retrying ${lastAt} s after its first attempt`, expected, received }
    : { ok: false, summary: `the candidate was still retrying ${((late[late.length - 1]! - first) / 1000).toFixed(1)} s after its first attempt (${late.length} attempt(s) past ${RETRY_TOLERANCE_MS / 1000} s)`, expected, received };
}
