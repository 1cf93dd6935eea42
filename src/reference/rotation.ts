/**
 * The reference as MACsec manager (docs/Protocols.md#macsec-key-rotation): fresh random key material, then
 * CreateMacSecKey on the peer, wait until the peer reports it active, then DeleteMacSecKey of the old keys.
 * Rotations on one interconnect run one at a time, and a channel rests 2 hours after a rotation (first keys
 * start no bake time). On a refusal it fails closed: no retry with old material. Key material is never recorded.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { ChannelRef } from '../server/index.js';
import { ixSuffix, peerCall, success, type PartnerContext } from './context.js';

/** How often the peer's key is polled, ms. */
export const ACTIVE_POLL_MS = 25;
/** How long to wait for the peer to activate a key, ms. */
export const ACTIVE_WAIT_MS = 30_000;
/** How long a channel rests after a rotation before the reference rotates it again, ms (2 hours). */
export const ROTATION_BAKE_MS = 2 * 60 * 60 * 1000;

/** When each channel (`env|ix|channel`) last rotated (not counting first keys), epoch ms. */
type RestBook = Map<string, number>;

function channelId(ref: ChannelRef): string {
  return `${ref.env}|${ref.ix}|${ref.channel}`;
}

function resting(ctx: PartnerContext, rested: RestBook, ref: ChannelRef): boolean {
  const at = rested.get(channelId(ref));
  return at !== undefined && ctx.local.now() - at < ROTATION_BAKE_MS && !ctx.faults.hook('rotation-ignores-bake');
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Fresh random material (64-digit CAK, 64-digit CKN), or what the key-material faults make of it. */
function keyMaterial(ctx: PartnerContext, ref: ChannelRef): { cak: string; ckn: string } {
  if (ctx.faults.hook('key-reuse')) return { cak: sha256Hex(`cak|${channelId(ref)}`), ckn: sha256Hex(`ckn|${channelId(ref)}`) };
  const cak = ctx.faults.hook('weak-key-format') ? randomBytes(32).toString('base64')
    : ctx.faults.hook('low-entropy-key') ? `${'a'.repeat(48)}${randomBytes(8).toString('hex')}` : randomBytes(32).toString('hex');
  return { cak, ckn: randomBytes(32).toString('hex') };
}

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

async function rotateNow(ctx: PartnerContext, rested: RestBook, ref: ChannelRef): Promise<void> {
  if (resting(ctx, rested, ref)) {
    ctx.record({ flow: 'rotation', detail: `${ref.channel} of ${ref.ix} rotated less than 2 hours ago; not rotating it again yet` });
    return;
  }
  const keysPath = `${ixSuffix(ref.env, ref.ix)}/channels/${encodeURIComponent(ref.channel)}/macSecKeys`;
  const before = await peerCall(ctx, 'GET', keysPath);
  const old = success(before) ? keyNames(before.body) : [];
  let keyId = `ref-${ctx.local.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  const material = keyMaterial(ctx, ref);
  let created = await peerCall(ctx, 'POST', `${keysPath}?macSecKeyId=${keyId}`, material);
  if (!success(created) && ctx.faults.hook('rotation-falls-back')) {
    keyId = `${keyId}-again`;
    created = await peerCall(ctx, 'POST', `${keysPath}?macSecKeyId=${keyId}`, material);
  }
  if (!success(created)) {
    ctx.record({ flow: 'rotation', detail: `CreateMacSecKey on ${ref.channel} refused with ${created.status}; failing closed` });
    return;
  }
  if (old.length > 0) rested.set(channelId(ref), ctx.local.now());
  const stale = old.filter((k) => k !== keyId);
  if (ctx.faults.hook('rotation-deletes-early')) for (const id of stale) await peerCall(ctx, 'DELETE', `${keysPath}/${encodeURIComponent(id)}`);
  if (!(await waitActive(ctx, `${keysPath}/${keyId}`))) {
    ctx.record({ flow: 'rotation', detail: `key ${keyId} on ${ref.channel} never became active; old keys kept` });
    return;
  }
  if (!ctx.faults.hook('rotation-keeps-old-key')) for (const id of stale) await peerCall(ctx, 'DELETE', `${keysPath}/${encodeURIComponent(id)}`);
  ctx.record({ flow: 'rotation', detail: `rotated ${ref.channel} of ${ref.ix} to ${keyId}` });
}

/** Serialises rotations per interconnect so that only one channel of an interconnect rotates at a time. */
export interface RotationQueue {
  /** Queues a rotation of `ref`; resolves when it finished (or failed). */
  rotate(ref: ChannelRef): Promise<void>;
  /** True while `ref` rests after its last rotation (2 hours). */
  resting(ref: ChannelRef): boolean;
}

/** Creates a rotation queue over a partner context. */
export function createRotationQueue(ctx: PartnerContext): RotationQueue {
  const tails = new Map<string, Promise<void>>();
  const rested: RestBook = new Map();
  return {
    resting: (ref) => resting(ctx, rested, ref),
    rotate(ref) {
      if (ctx.faults.hook('rotations-in-parallel')) return rotateNow(ctx, rested, ref);
      const key = `${ref.env}|${ref.ix}`;
      const next = (tails.get(key) ?? Promise.resolve()).then(() => rotateNow(ctx, rested, ref));
      tails.set(key, next.catch(() => undefined));
      return next;
    },
  };
}
