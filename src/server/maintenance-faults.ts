/**
 * The maintenance operations' deliberate defects (CC-MNT-001..013): events published reversed, with shared ids,
 * overlapping or not at all; overlap checks skipped; the refresh after NotifyMaintenance skipped or aimed at the
 * channel; an empty NotifyMaintenance body refused; NotifyMaintenance missing on some channels. Each applies only
 * while its fault is on.
 */
import type { Engine } from './engine.js';
import type { ChannelRef } from './names.js';
import { apiError, badRequest, type Reply } from './reply.js';
import type { ChannelSpec, InterconnectSpec, MaintenanceEvent } from './types.js';

/** The window maintenance-overlap-published adds to every channel: the same four hours everywhere. */
const SHARED_WINDOW = { startTime: '2031-01-15T02:00:00.000Z', endTime: '2031-01-15T06:00:00.000Z' } as const;

/** The events GetMaintenanceEvents answers for a channel, as the faults bend them. */
export function publishedEvents(engine: Engine, ref: ChannelRef, events: readonly MaintenanceEvent[]): MaintenanceEvent[] {
  if (engine.faults.has('maintenance-not-published')) return [];
  const out = engine.faults.has('maintenance-window-reversed') ? events.map((e) => ({ ...e, startTime: e.endTime, endTime: e.startTime })) : [...events];
  if (engine.faults.has('maintenance-overlap-published')) out.push({ maintenanceId: `emergency-${ref.ix}-${ref.channel}`, ...SHARED_WINDOW });
  return out;
}

/** The maintenanceId a new event gets: unique, or one per interconnect with maintenance-id-reused. */
export function maintenanceIdFor(engine: Engine, ref: ChannelRef, fresh: string): string {
  return engine.faults.has('maintenance-id-reused') ? `mnt-${ref.ix}` : fresh;
}

/** Which windows on other channels a new window is checked against: this side's, the peer's, both (default). */
export function overlapSources(engine: Engine): { readonly own: boolean; readonly peer: boolean } {
  return { own: !engine.faults.has('maintenance-overlap-own'), peer: !engine.faults.has('maintenance-overlap-peer') };
}

/** The 501 maintenance-ops-missing gives to NotifyMaintenance on the last channel of every interconnect. */
export function missingMaintenanceOperation(engine: Engine, ix: InterconnectSpec, ch: ChannelSpec): Reply | undefined {
  return engine.faults.has('maintenance-ops-missing') && ix.channels.at(-1)?.id === ch.id ? apiError(501, `maintenance is not implemented on channel ${ch.id}`) : undefined;
}

/** The refusal maintenance-notify-needs-events gives a NotifyMaintenance without the deprecated `events` list. */
export function notifyRefusal(engine: Engine, events: unknown): Reply | undefined {
  return engine.faults.has('maintenance-notify-needs-events') && events === undefined ? badRequest('events is required') : undefined;
}

/** How this side refreshes after the peer's NotifyMaintenance: the events (default), the channel only, or not at all. */
export function refreshKind(engine: Engine): 'events' | 'channel' | 'none' {
  if (engine.faults.has('no-maintenance-refresh')) return 'none';
  return engine.faults.has('maintenance-refresh-channel-only') ? 'channel' : 'events';
}
