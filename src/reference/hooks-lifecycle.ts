/**
 * Hooks for a customer's changes after creation (kit-contracts.md section 3): bandwidth change (checked against the
 * environment, local first, flagged as a customer update, UpdateConnection on the peer with backoff on 409, then
 * NotifyConnectionStatus once both sides agreed), delete (local first, then
 * DeleteConnection on the peer), MACsec rotation as manager, and scheduled maintenance with NotifyMaintenance.
 */
import { z } from 'zod';
import { parseChannelName, type ChannelRef, type ConnectionRef } from '../server/index.js';
import { ixSuffix, peerCall, success, transient, withBackoff, type PartnerContext } from './context.js';
import { hookBody, messageOf, refuse, type HookReply } from './hooks.js';
import type { RotationQueue } from './rotation.js';

const BandwidthBody = z.object({ bandwidthMbps: z.number().int() });
const ChannelBody = z.object({ channel: z.string().min(1) });
const MaintenanceBody = z.object({ channel: z.string().min(1), startTime: z.string().min(1), endTime: z.string().min(1) });

function connectionPath(ref: ConnectionRef): string {
  return `${ixSuffix(ref.env, ref.ix)}/connections/${encodeURIComponent(ref.id)}`;
}

async function propagateUpdate(ctx: PartnerContext, ref: ConnectionRef, previous: number, bandwidthMbps: number): Promise<void> {
  const remoteFirst = ctx.faults.hook('update-remote-first');
  const outcome = await withBackoff(ctx, async () => {
    const res = await peerCall(ctx, 'PATCH', `${connectionPath(ref)}?updateMask=bandwidthMbps`, { bandwidthMbps });
    if (success(res)) return 'done';
    if (res.status === 409 && ctx.faults.hook('drops-on-conflict')) return 'stop';
    return transient(res) ? 'retry' : 'stop';
  });
  // update-remote-first records the new bandwidth only now; keeps-refused-bandwidth never reverts it.
  if (outcome === 'done' && remoteFirst) ctx.local.setBandwidth(ref, bandwidthMbps, false);
  if (outcome !== 'done' && !remoteFirst && !ctx.faults.hook('keeps-refused-bandwidth')) ctx.local.setBandwidth(ref, previous, false);
  ctx.local.setCustomerUpdate(ref, false);
  // The change is in place on both sides: tell the peer (docs/Protocols.md#update-connection-workflow).
  if (outcome === 'done' && !ctx.faults.hook('no-notify-after-update')) await peerCall(ctx, 'POST', `${connectionPath(ref)}/NotifyConnectionStatus`, {});
  ctx.record({ flow: 'update', detail: `${ref.id} to ${bandwidthMbps} Mbps: ${outcome === 'done' ? 'applied on both sides' : 'refused by the peer, reverted'}` });
}

/** PATCH /connections/{uuid} {bandwidthMbps}: 202, then UpdateConnection on the peer. */
export function updateConnectionHook(ctx: PartnerContext, uuid: string, body: unknown): HookReply {
  const input = hookBody(BandwidthBody, body);
  if (!input.ok) return input.reply;
  const rec = ctx.local.connectionsByUuid(ctx.peerId, uuid)[0];
  if (!rec) return refuse(404, `no connection ${uuid}`);
  if (rec.customerUpdateInProgress) return refuse(409, `an update of ${uuid} is already in progress`);
  const ref = { caller: rec.caller, env: rec.env, ix: rec.ix, id: rec.id };
  const previous = rec.bandwidthMbps;
  // accepts-competing-update: the change is never flagged, so the engine does not refuse the peer's meanwhile.
  if (!ctx.faults.hook('accepts-competing-update')) ctx.local.setCustomerUpdate(ref, true);
  // update-unchecked-size: the new size is not checked against what the environment offers before the peer is asked.
  const changed = ctx.local.setBandwidth(ref, input.value.bandwidthMbps, !ctx.faults.hook('update-unchecked-size'));
  if (!changed?.ok) {
    ctx.local.setCustomerUpdate(ref, false);
    return changed ? refuse(changed.reply.status, messageOf(changed.reply)) : refuse(404, `no connection ${uuid}`);
  }
  // update-remote-first: the size was checked above, but the old one stays until the peer agrees.
  if (ctx.faults.hook('update-remote-first')) ctx.local.setBandwidth(ref, previous, false);
  if (ctx.faults.hook('no-update-propagation')) {
    ctx.local.setCustomerUpdate(ref, false);
    return { status: 202, body: {} };
  }
  ctx.background('update', () => propagateUpdate(ctx, ref, previous, input.value.bandwidthMbps));
  return { status: 202, body: {} };
}

async function propagateDelete(ctx: PartnerContext, ref: ConnectionRef): Promise<void> {
  let attempts = 0;
  const outcome = await withBackoff(ctx, async () => {
    attempts += 1;
    const res = await peerCall(ctx, 'DELETE', connectionPath(ref));
    if (success(res) || res.status === 404) return 'done';
    return (res.status === 0 || res.status >= 500) && attempts < 5 ? 'retry' : 'stop';
  });
  ctx.record({ flow: 'delete', detail: `${ref.ix}/${ref.id}: ${outcome === 'done' ? 'deleted on the peer' : 'the peer did not delete'}` });
}

/** DELETE /connections/{uuid}: 202, deletes locally (features too) and sends DeleteConnection to the peer. */
export function deleteConnectionHook(ctx: PartnerContext, uuid: string): HookReply {
  const recs = ctx.local.connectionsByUuid(ctx.peerId, uuid);
  const pendingOrders = ctx.local.invalidateKeys(ctx.peerId, uuid);
  // An order whose key was never used is still the customer's connection: deleting it withdraws the key.
  if (recs.length === 0) return pendingOrders > 0 ? { status: 202, body: {} } : refuse(404, `no connection ${uuid}`);
  for (const rec of recs) {
    const ref = { caller: rec.caller, env: rec.env, ix: rec.ix, id: rec.id };
    if (!ctx.faults.hook('delete-local-late')) ctx.local.deleteConnection(ref);
    if (!ctx.faults.hook('no-delete-propagation')) ctx.background('delete', () => propagateDelete(ctx, ref));
  }
  return { status: 202, body: {} };
}

function channelOf(ctx: PartnerContext, name: string): ChannelRef | undefined {
  const parsed = parseChannelName(name);
  if (!parsed) return undefined;
  const ix = ctx.local.topology.environments.find((e) => e.id === parsed.env)?.interconnects.find((i) => i.id === parsed.ix);
  return ix?.channels.some((c) => c.id === parsed.channel) ? { caller: ctx.peerId, env: parsed.env, ix: parsed.ix, channel: parsed.channel } : undefined;
}

/** POST /macsec-rotations {channel}: 202 when the reference manages the channel, 409 when the peer does or the channel rests after a rotation. */
export function rotationHook(ctx: PartnerContext, rotations: RotationQueue, body: unknown): HookReply {
  const input = hookBody(ChannelBody, body);
  if (!input.ok) return input.reply;
  const ref = channelOf(ctx, input.value.channel);
  if (!ref) return refuse(404, `no channel ${input.value.channel}`);
  if (ctx.faults.hook('rotation-hook-inert')) return { status: 202, body: {} };
  const spec = ctx.local.topology.environments.find((e) => e.id === ref.env)?.interconnects.find((i) => i.id === ref.ix)?.channels.find((c) => c.id === ref.channel);
  if (spec?.macsecManager !== 'self' && !ctx.faults.hook('rotation-any-channel')) return refuse(409, `the reference is not the macsecManagerProvider of ${input.value.channel}`);
  if (rotations.resting(ref)) return refuse(409, `${input.value.channel} was rotated less than 2 hours ago`);
  ctx.background('rotation', () => rotations.rotate(ref));
  return { status: 202, body: {} };
}

async function notifyMaintenance(ctx: PartnerContext, ref: ChannelRef): Promise<void> {
  const res = await peerCall(ctx, 'POST', `${ixSuffix(ref.env, ref.ix)}/channels/${encodeURIComponent(ref.channel)}/NotifyMaintenance`, {});
  ctx.record({ flow: 'maintenance', detail: `NotifyMaintenance on ${ref.channel}: ${res.status}` });
}

/** POST /maintenance-events {channel, startTime, endTime}: 201 {maintenanceId} or 409, then NotifyMaintenance. */
export function maintenanceHook(ctx: PartnerContext, body: unknown): HookReply {
  const input = hookBody(MaintenanceBody, body);
  if (!input.ok) return input.reply;
  const ref = channelOf(ctx, input.value.channel);
  if (!ref) return refuse(404, `no channel ${input.value.channel}`);
  const made = ctx.local.scheduleMaintenance(ref, input.value.startTime, input.value.endTime);
  if (!made.ok) return refuse(made.reply.status, messageOf(made.reply));
  if (!ctx.faults.hook('maintenance-no-notify')) ctx.background('maintenance', () => notifyMaintenance(ctx, ref));
  return { status: 201, body: { maintenanceId: made.event.maintenanceId } };
}
