/**
 * The reference's deliberate service-level defects (CC-SLA-*). Spread into {@link FAULTS}; `breaks` lists the
 * requirement ids each makes fail, primary first; `config` is what a run needs to catch it.
 * The two load faults engage only under load: while at least {@link LOAD_ENGAGE_GETS} GETs of the API arrived
 * in the last second, so that a partner's ordinary traffic never sees them and the kit's SLA load does.
 */
import type { BehaviourHook, BehaviourOverride, OutboundFn } from '../server/index.js';
import type { FaultInfo } from './faults.js';

/** GETs in the last second at or above which the load faults engage. */
export const LOAD_ENGAGE_GETS = 300;
/** GETs in the last second below which slow-responses lets go again. */
export const LOAD_RELEASE_GETS = 50;
/** Feature provisioning delay under slow-provisioning, ms. */
export const SLOW_PROVISIONING_MS = 2000;
/** Extra delay of NotifyConnectionStatus under slow-notification, ms. */
export const SLOW_NOTIFICATION_MS = 2000;
/** Delay of every 40th GET under slow-responses, ms. */
export const SLOW_RESPONSE_MS = 1500;

/** The faults of this file. */
export const SLA_FAULTS = {
  'intermittent-503': {
    description: 'Under load (300 or more GETs in the last second), every 10th GET answers 503 UNAVAILABLE "temporarily overloaded", without Retry-After.',
    breaks: ['CC-SLA-001'],
  },
  'slow-responses': {
    description: 'Under load (from 300 GETs in the last second until fewer than 50), every 40th GET is answered only after 1.5 s.',
    breaks: ['CC-SLA-002'],
  },
  'slow-provisioning': {
    description: 'Features reach FINAL 2 s after they are accepted; caught with sla.provisioningSeconds 1, which `ictk run --fault slow-provisioning` and the fault table set.',
    breaks: ['CC-SLA-005', 'CC-SLA-003', 'CC-SLA-004'],
    config: { sla: { provisioningSeconds: 1 } },
  },
  'slow-notification': {
    description: 'NotifyConnectionStatus leaves 2 s after the connection is ready; caught with sla.notificationSeconds 1, which `ictk run --fault slow-notification` and the fault table set.',
    breaks: ['CC-SLA-006'],
    config: { sla: { notificationSeconds: 1 } },
  },
} as const satisfies Readonly<Record<string, FaultInfo>>;

/** Names of the faults of this file (all implemented by the reference, not the engine). */
export type SlaFaultName = keyof typeof SLA_FAULTS;

const OVERLOADED = { error: { code: 503, message: 'temporarily overloaded', status: 'UNAVAILABLE' } } as const;

/** A count of events over a sliding window, exact (one timestamp per event in the window). */
export interface SlidingCount {
  /** Records an event at `now` (ms) and answers the events within the window ending at `now`, this one included. */
  hit(now: number): number;
}

/** Creates a {@link SlidingCount} over `windowMs`. */
export function slidingCount(windowMs: number): SlidingCount {
  let times: number[] = [];
  let head = 0;
  return {
    hit(now) {
      times.push(now);
      while (head < times.length && (times[head] ?? now) <= now - windowMs) head += 1;
      if (head > 4096 && head * 2 > times.length) {
        times = times.slice(head);
        head = 0;
      }
      return times.length - head;
    },
  };
}

/**
 * The behaviour hook of the load faults (undefined when neither is on): counts the API's GETs over the last
 * second; while engaged, intermittent-503 answers every 10th GET 503, slow-responses delays every 40th by 1.5 s.
 */
export function loadFaultBehaviour(on: (name: SlaFaultName) => boolean, now: () => number = () => performance.now()): BehaviourHook | undefined {
  const fail = on('intermittent-503');
  const slow = on('slow-responses');
  if (!fail && !slow) return undefined;
  const window = slidingCount(1000);
  let slowEngaged = false;
  let failSeen = 0;
  let slowSeen = 0;
  return (ctx): BehaviourOverride | undefined => {
    if (ctx.method !== 'GET') return undefined;
    const recent = window.hit(now());
    if (fail && recent >= LOAD_ENGAGE_GETS) {
      failSeen += 1;
      if (failSeen % 10 === 0) return { status: 503, body: OVERLOADED };
    }
    if (slow) {
      slowEngaged = slowEngaged ? recent >= LOAD_RELEASE_GETS : recent >= LOAD_ENGAGE_GETS;
      if (slowEngaged) {
        slowSeen += 1;
        if (slowSeen % 40 === 0) return { delayMs: SLOW_RESPONSE_MS };
      }
    }
    return undefined;
  };
}

/** Under slow-notification, outbound NotifyConnectionStatus calls wait {@link SLOW_NOTIFICATION_MS} first; otherwise `outbound` unchanged. */
export function withSlowNotification(outbound: OutboundFn, on: boolean): OutboundFn {
  if (!on) return outbound;
  return async (req) => {
    if (req.method.toUpperCase() === 'POST' && req.url.includes('/NotifyConnectionStatus')) {
      await new Promise<void>((resolve) => setTimeout(resolve, SLOW_NOTIFICATION_MS).unref());
    }
    return outbound(req);
  };
}
