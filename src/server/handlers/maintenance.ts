/**
 * Maintenance coordination (paths/channels.yaml GetMaintenanceEvents and NotifyMaintenance,
 * docs/Protocols.md#maintenance-coordination, spec-defects D29, D61): events are kept per channel; a new
 * scheduled window may not overlap a window on another channel of the same interconnect (this side's or
 * the peer's as last fetched); on NotifyMaintenance this server re-reads the peer's events.
 */
import { randomUUID } from 'node:crypto';
import { emit, findInterconnect, type Engine } from '../engine.js';
import { maintenanceIdFor, missingMaintenanceOperation, notifyRefusal, overlapSources, publishedEvents, refreshKind } from '../maintenance-faults.js';
import { channelKey, type ChannelRef } from '../names.js';
import { callPeer, isSuccess } from '../peer-call.js';
import { badRequest, conflict, ok, type Reply } from '../reply.js';
import { NotifyMaintenanceBody } from '../schemas.js';
import type { MaintenanceEvent } from '../types.js';
import { body, lookupChannel, type Handler } from './common.js';

/** This side's maintenance events on a channel. */
export function eventsOf(engine: Engine, ref: ChannelRef): MaintenanceEvent[] {
  return engine.store.maintenance.get(channelKey(ref)) ?? [];
}

function overlapsWindow(a: MaintenanceEvent, start: number, end: number): boolean {
  return Date.parse(a.startTime) < end && start < Date.parse(a.endTime);
}

/**
 * Schedules a maintenance window on a channel: 400 for bad times, 409 when it overlaps a window on another
 * channel of the same interconnect. Answers the stored event.
 */
export function scheduleMaintenance(engine: Engine, ref: ChannelRef, startTime: string, endTime: string): { ok: true; event: MaintenanceEvent } | { ok: false; reply: Reply } {
  const start = Date.parse(startTime);
  const end = Date.parse(endTime);
  if (Number.isNaN(start) || Number.isNaN(end)) return { ok: false, reply: badRequest('startTime and endTime must be RFC 3339 date-times') };
  if (end <= start) return { ok: false, reply: badRequest('endTime must be after startTime') };
  const ix = findInterconnect(engine, ref.env, ref.ix);
  const check = overlapSources(engine);
  for (const ch of ix?.channels ?? []) {
    if (ch.id === ref.channel) continue;
    const key = channelKey({ ...ref, channel: ch.id });
    const clash = [...(check.own ? engine.store.maintenance.get(key) ?? [] : []), ...(check.peer ? engine.store.peerMaintenance.get(key) ?? [] : [])].find((e) => overlapsWindow(e, start, end));
    if (clash) return { ok: false, reply: conflict(`overlaps maintenance ${clash.maintenanceId} on channel ${ch.id} of interconnect ${ref.ix}`, 'FAILED_PRECONDITION') };
  }
  const event: MaintenanceEvent = { maintenanceId: maintenanceIdFor(engine, ref, randomUUID()), startTime: new Date(start).toISOString(), endTime: new Date(end).toISOString() };
  engine.store.maintenance.set(channelKey(ref), [...eventsOf(engine, ref), event]);
  return { ok: true, event };
}

/** GetMaintenanceEvents. */
export const getMaintenanceEvents: Handler = (engine, req) => {
  const found = lookupChannel(engine, req);
  if (!found.ok) return found.reply;
  return ok({ events: publishedEvents(engine, found.value.ref, eventsOf(engine, found.value.ref)) });
};

function isEvent(value: unknown): value is MaintenanceEvent {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v['startTime'] === 'string' && typeof v['endTime'] === 'string';
}

async function refreshPeerEvents(engine: Engine, ref: ChannelRef): Promise<void> {
  const kind = refreshKind(engine);
  if (kind === 'none') return;
  const channel = `environments/${encodeURIComponent(ref.env)}/interconnects/${encodeURIComponent(ref.ix)}/channels/${encodeURIComponent(ref.channel)}`;
  const res = await callPeer(engine, ref.caller, 'GET', kind === 'channel' ? channel : `${channel}/maintenanceEvents`);
  const events = (res.body as { events?: unknown } | undefined)?.events;
  if (isSuccess(res.status) && Array.isArray(events)) {
    engine.store.peerMaintenance.set(channelKey(ref), events.filter(isEvent).map((e) => ({ maintenanceId: String(e.maintenanceId ?? ''), startTime: e.startTime, endTime: e.endTime })));
  }
  emit(engine, () => engine.listeners.maintenanceNotified?.(ref));
}

/** NotifyMaintenance: acknowledges, then fetches the peer's events for the channel. */
export const notifyMaintenance: Handler = (engine, req) => {
  const found = lookupChannel(engine, req);
  if (!found.ok) return found.reply;
  const gap = missingMaintenanceOperation(engine, found.value.ix, found.value.ch);
  if (gap) return gap;
  const input = body(engine, req, NotifyMaintenanceBody, false);
  if (!input.ok) return input.reply;
  const refused = notifyRefusal(engine, input.value.events);
  if (refused) return refused;
  void refreshPeerEvents(engine, found.value.ref);
  return ok({});
};
