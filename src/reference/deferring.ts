/**
 * The reference as the *deferring* provider (docs/DeferringProvider.md): in an environment that sets
 * deferConnectionProvisioning, a customer's key is confirmed, the connection is created locally, and the peer is
 * asked to create it with `deferProvisioning: true`. The peer then drives the features while the reference only
 * responds (the engine answers, notifies once its features are final and verifies on the peer's notification).
 * A monitor waits the environment's deferralTimeoutHours; without VERIFIED by then it rolls back: DeleteConnection
 * on the peer, then the local connection and its features. Faults bend each step (CC-DEF-010..019).
 */
import type { ConnectionRef } from '../server/index.js';
import { ixSuffix, peerCall, type PartnerContext } from './context.js';
import type { FaultInfo } from './faults.js';
import { faultOn } from './negotiator-faults.js';

/** Faults of the reference as deferring provider, implemented here and in negotiator.ts acceptKey. */
export const DEFERRING_FAULTS = {
  'defer-remote-first': { description: 'In a deferring environment the reference asks the peer to create the connection before creating its own.', breaks: ['CC-DEF-010'] },
  'defers-with-misspelt-flag': { description: 'The reference defers with the misspelt `deferConnection: true` instead of `deferProvisioning`.', breaks: ['CC-DEF-012'] },
  'defer-confirms-late': { description: 'In a deferring environment the reference confirms the key only after sending the deferring CreateConnection.', breaks: ['CC-DEF-013'] },
  'deferring-still-proposes': { description: 'Having deferred, the reference also asks the peer for guidance and proposes features itself.', breaks: ['CC-DEF-014'] },
  'ignores-environment-deferral': { description: 'The reference negotiates connections itself even in its environment that sets deferConnectionProvisioning.', breaks: ['CC-DEF-015'] },
  'rollback-after-success': { description: 'The deferral monitor rolls back at the timeout even when the hand-over succeeded and the connection is VERIFIED.', breaks: ['CC-DEF-017'] },
  'no-deferral-rollback': { description: 'A deferral that never finishes is left as it is when its timeout passes: no DeleteConnection, nothing removed.', breaks: ['CC-DEF-018'] },
  'rollback-keeps-local': { description: 'On a deferral timeout the reference sends DeleteConnection to the peer but keeps its own connection and features.', breaks: ['CC-DEF-019'] },
  'rollback-local-first': { description: 'On a deferral timeout the reference deletes its own connection before asking the peer to delete.', breaks: ['CC-DEF-019'] },
} as const satisfies Readonly<Record<string, FaultInfo>>;

/** Names of the deferring-provider faults. */
export type DeferringFaultName = keyof typeof DEFERRING_FAULTS;

/** How often the monitor looks at the deferred connection, ms. */
const MONITOR_POLL_MS = 100;

/** True when the reference defers every connection in `env` (its deferConnectionProvisioning), unless a fault says otherwise. */
export function defersIn(ctx: PartnerContext, env: string): boolean {
  const spec = ctx.local.topology.environments.find((e) => e.id === env);
  return spec?.deferConnectionProvisioning === true && !faultOn(ctx, 'ignores-environment-deferral');
}

/** The flag a deferring CreateConnection carries: `deferProvisioning`, or the misspelt one under defers-with-misspelt-flag. */
export function deferralFlag(ctx: PartnerContext): Record<string, unknown> {
  return faultOn(ctx, 'defers-with-misspelt-flag') ? { deferConnection: true } : { deferProvisioning: true };
}

/** The deferral timeout of `env` in this staging, ms: its deferralTimeoutHours, each hour lasting `ctx.deferralHourMs`. */
export function deferralTimeoutMs(ctx: PartnerContext, env: string): number | undefined {
  const hours = ctx.local.topology.environments.find((e) => e.id === env)?.deferralTimeoutHours;
  return hours !== undefined && hours > 0 ? hours * ctx.deferralHourMs : undefined;
}

async function rollBack(ctx: PartnerContext, ref: ConnectionRef): Promise<void> {
  const localFirst = faultOn(ctx, 'rollback-local-first');
  if (localFirst) ctx.local.deleteConnection(ref);
  const res = await peerCall(ctx, 'DELETE', `${ixSuffix(ref.env, ref.ix)}/connections/${encodeURIComponent(ref.id)}`);
  if (!localFirst && !faultOn(ctx, 'rollback-keeps-local')) ctx.local.deleteConnection(ref);
  ctx.record({ flow: 'deferral', detail: `rolled back ${ref.id}: the peer answered DeleteConnection with ${res.status}` });
}

/**
 * Watches a connection deferred to the peer until it is VERIFIED (success: the peer notified and this side's
 * features are final) or the environment's deferral timeout passes (rollback). Runs in the background.
 */
export function monitorDeferral(ctx: PartnerContext, ref: ConnectionRef): void {
  const timeout = deferralTimeoutMs(ctx, ref.env);
  if (timeout === undefined) return;
  ctx.background('deferral-monitor', async () => {
    const deadline = ctx.local.now() + timeout;
    while (ctx.local.now() < deadline && !ctx.closing()) {
      if (ctx.local.connection(ref) === undefined) return;
      if (ctx.local.verification(ref) === 'VERIFICATION_STATE_VERIFIED' && !faultOn(ctx, 'rollback-after-success')) {
        ctx.record({ flow: 'deferral', detail: `hand-over of ${ref.id} succeeded` });
        return;
      }
      await ctx.local.sleep(Math.min(MONITOR_POLL_MS, Math.max(1, deadline - ctx.local.now())));
    }
    if (ctx.closing() || ctx.local.connection(ref) === undefined) return;
    if (faultOn(ctx, 'no-deferral-rollback')) {
      ctx.record({ flow: 'deferral', detail: `deferral of ${ref.id} timed out; left as it is (no-deferral-rollback)` });
      return;
    }
    await rollBack(ctx, ref);
  });
}
