/**
 * The reference as MACsec manager (docs/Protocols.md#macsec-key-rotation): fresh random key material, then
 * CreateMacSecKey on the peer, wait until the peer reports it active, then DeleteMacSecKey of the old keys.
 * Rotations on one interconnect run one at a time. On a refusal it fails closed: no retry with old material.
 * Key material is never recorded.
 */
import { randomBytes } from 'node:crypto';
import type { ChannelRef } from '../server/index.js';
import { ixSuffix, peerCall, success, type PartnerContext } from './context.js';

/** How often the peer's key is polled, ms. */
export const ACTIVE_POLL_MS = 25;
/** How long to wait for the peer to activate a key, ms. */
export const ACTIVE_WAIT_MS = 30_000;

function keyNames(body: unknown): string[] {
  const list = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['macSecKeys'] : undefined;
  if (!Array.isArray(list)) return [];
  return list.flatMap((k: unknown) => {
    const name = typeof k === 'object' && k !== null ? (k as Record<string, unknown>)['name'] : undefined;
    return typeof name === 'string' ? [name.split('/').pop() ?? ''] : [];
  });
}

async function waitActive(ctx: PartnerContext, keyPath: string): Promise<boolean> {
  const deadline = ctx.local.now() + ACTIVE_WAIT_MS;
  while (!ctx.closing() && ctx.local.now() < deadline) {
    const res = await peerCall(ctx, 'GET', keyPath);
    if (success(res) && typeof res.body === 'object' && res.body !== null && (res.body as Record<string, unknown>)['active'] === true) return true;
    await ctx.local.sleep(ACTIVE_POLL_MS);
  }
  return false;
}

async function rotateNow(ctx: PartnerContext, ref: ChannelRef): Promise<void> {
  const keysPath = `${ixSuffix(ref.env, ref.ix)}/channels/${encodeURIComponent(ref.channel)}/macSecKeys`;
  const before = await peerCall(ctx, 'GET', keysPath);
  const old = success(before) ? keyNames(before.body) : [];
  const keyId = `ref-${ctx.local.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  const material = { cak: randomBytes(32).toString('hex'), ckn: randomBytes(32).toString('hex') };
  const created = await peerCall(ctx, 'POST', `${keysPath}?macSecKeyId=${keyId}`, material);
  if (!success(created)) {
    ctx.record({ flow: 'rotation', detail: `CreateMacSecKey on ${ref.channel} refused with ${created.status}; failing closed` });
    return;
  }
  if (!(await waitActive(ctx, `${keysPath}/${keyId}`))) {
    ctx.record({ flow: 'rotation', detail: `key ${keyId} on ${ref.channel} never became active; old keys kept` });
    return;
  }
  for (const id of old.filter((k) => k !== keyId)) await peerCall(ctx, 'DELETE', `${keysPath}/${encodeURIComponent(id)}`);
  ctx.record({ flow: 'rotation', detail: `rotated ${ref.channel} of ${ref.ix} to ${keyId}` });
}

/** Serialises rotations per interconnect so that only one channel of an interconnect rotates at a time. */
export interface RotationQueue {
  /** Queues a rotation of `ref`; resolves when it finished (or failed). */
  rotate(ref: ChannelRef): Promise<void>;
}

/** Creates a rotation queue over a partner context. */
export function createRotationQueue(ctx: PartnerContext): RotationQueue {
  const tails = new Map<string, Promise<void>>();
  return {
    rotate(ref) {
      const key = `${ref.env}|${ref.ix}`;
      const next = (tails.get(key) ?? Promise.resolve()).then(() => rotateNow(ctx, ref));
      tails.set(key, next.catch(() => undefined));
      return next;
    },
  };
}
