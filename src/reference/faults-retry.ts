/**
 * The reference's defect of its retry window (CC-NEG-060): retries of a refused CreateConnection that never stop.
 * It changes only the retry policy the partner runs with; the scenario that catches it is tagged @slow, so the fault
 * brings `scenarios.includeSlow: true` along.
 */
import { DEFAULT_RETRY, type RetryPolicy } from './context.js';
import type { FaultInfo } from './faults.js';

/** The retry-window fault. */
export const RETRY_FAULTS = {
  'retries-forever': {
    description: 'CreateConnection refused with 409 or 5xx is retried without end (backoff capped at 8 s), long past the 60-second window.',
    breaks: ['CC-NEG-060'],
    config: { scenarios: { includeSlow: true } },
  },
} as const satisfies Readonly<Record<string, FaultInfo>>;

/** Name of the retry-window fault. */
export type RetryFaultName = keyof typeof RETRY_FAULTS;

/** The retry policy under retries-forever: the usual backoff, capped at 8 s, with no deadline. */
export const ENDLESS_RETRY: RetryPolicy = { ...DEFAULT_RETRY, maxTotalMs: Number.POSITIVE_INFINITY, maxDelayMs: 8000 };
