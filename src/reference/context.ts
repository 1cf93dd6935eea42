/**
 * What the reference partner's hooks and background flows share: the engine's local API, faults, the
 * current peer, retry policy, and bookkeeping of background tasks so close() can wait for them.
 */
import type { LocalApi, OutboundFn, OutboundResponse, PeerTarget } from '../server/index.js';
import type { ReferenceFaults } from './faults.js';

/** Exponential backoff for calls the peer may refuse for a while (paths/connections.yaml: up to 60 s). */
export interface RetryPolicy {
  /** First delay, ms. */
  readonly initialDelayMs: number;
  /** Multiplier between delays. */
  readonly factor: number;
  /** Give up once this much time has passed since the first attempt, ms. */
  readonly maxTotalMs: number;
  /** Longest delay between attempts, ms (default: no cap). */
  readonly maxDelayMs?: number;
}

/** The default policy: 500 ms doubling, for up to 60 s. */
export const DEFAULT_RETRY: RetryPolicy = { initialDelayMs: 500, factor: 2, maxTotalMs: 60_000 };

/** One thing the reference did in the background, for tests and debugging. */
export interface PartnerEvent {
  /** Flow name, e.g. `accepted-key`, `update`, `rotation`. */
  readonly flow: string;
  /** What happened, in one line (never key material). */
  readonly detail: string;
}

/** Shared state of one reference partner. */
export interface PartnerContext {
  /** The engine's local side. */
  readonly local: LocalApi;
  /** Switched-on faults. */
  readonly faults: ReferenceFaults;
  /** Outbound HTTP for calls outside a registered peer (the PUT /peer probe). */
  readonly outbound: OutboundFn;
  /** Backoff policy. */
  readonly retry: RetryPolicy;
  /** How long one hour of an environment's deferralTimeoutHours lasts in this staging, ms. */
  readonly deferralHourMs: number;
  /** The peer's provider id (default `aws` until PUT /peer says otherwise). */
  peerId: string;
  /** Registers a peer with the engine. */
  readonly registerPeer: (peer: PeerTarget) => void;
  /** Records a background event. */
  readonly record: (event: PartnerEvent) => void;
  /** Starts a background task that close() will wait for. */
  readonly background: (flow: string, task: () => Promise<void>) => void;
  /** True once the partner is closing: background flows stop at their next step. */
  readonly closing: () => boolean;
}

/** Calls the current peer under `/providers/{self}/{suffix}`. */
export function peerCall(ctx: PartnerContext, method: string, suffix: string, body?: unknown): Promise<OutboundResponse> {
  return ctx.local.callPeer(ctx.peerId, method, suffix, body);
}

/** True for 2xx. */
export function success(res: OutboundResponse): boolean {
  return res.status >= 200 && res.status < 300;
}

/** True for answers worth retrying later: 409, 429, 5xx and transport failures. */
export function transient(res: OutboundResponse): boolean {
  return res.status === 0 || res.status === 409 || res.status === 429 || res.status >= 500;
}

/** Path suffix of an interconnect. */
export function ixSuffix(env: string, ix: string): string {
  return `environments/${encodeURIComponent(env)}/interconnects/${encodeURIComponent(ix)}`;
}

/**
 * Repeats `attempt` with exponential backoff while it returns `retry`, for at most `policy.maxTotalMs`.
 * Resolves with the final answer: `done` on success, `gave-up` after a permanent refusal or the deadline.
 * `fixedDelayMs` replaces the growing delay with a constant one (the tight-retry-loop fault).
 */
export async function withBackoff(
  ctx: PartnerContext,
  attempt: () => Promise<'done' | 'retry' | 'stop'>,
  fixedDelayMs?: number,
): Promise<'done' | 'gave-up'> {
  const started = ctx.local.now();
  let delay = ctx.retry.initialDelayMs;
  for (;;) {
    if (ctx.closing()) return 'gave-up';
    const outcome = await attempt();
    if (outcome === 'done') return 'done';
    if (outcome === 'stop') return 'gave-up';
    if (ctx.local.now() - started + delay > ctx.retry.maxTotalMs) return 'gave-up';
    await ctx.local.sleep(fixedDelayMs ?? delay);
    delay = Math.min(delay * ctx.retry.factor, ctx.retry.maxDelayMs ?? Infinity);
  }
}
