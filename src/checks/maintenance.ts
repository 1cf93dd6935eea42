/**
 * Maintenance-coordination checks, pure: well-formed event windows, unique maintenance ids, overlapping
 * windows across the channels of one interconnect, and a free slot for a new window
 * (docs/Protocols.md#maintenance-coordination, schemas/channel.yaml#MaintenanceEvent; spec-defects D07, D61).
 */

/** A maintenance event as read from GetMaintenanceEvents (fields as returned). */
export interface ObservedEvent {
  /** `maintenanceId` as returned. */
  readonly maintenanceId: unknown;
  /** `startTime` as returned. */
  readonly startTime: unknown;
  /** `endTime` as returned. */
  readonly endTime: unknown;
}

/** An event with the channel it was published on. */
export interface ChannelEvent extends ObservedEvent {
  /** Channel id. */
  readonly channel: string;
}

/** One problem with a published event. */
export interface EventFinding {
  /** Channel id. */
  readonly channel: string;
  /** The event's id as text. */
  readonly maintenanceId: string;
  /** What is wrong. */
  readonly detail: string;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** True for an RFC 3339 date-time (the OpenAPI `date-time` format) that names a real instant. */
export function isDateTime(value: unknown): value is string {
  return typeof value === 'string' && RFC3339.test(value) && !Number.isNaN(Date.parse(value));
}

/** The events of a GetMaintenanceEvents body; undefined when `events` is present but not an array. */
export function observedEvents(body: unknown): ObservedEvent[] | undefined {
  const r = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
  if (r === undefined) return undefined;
  const list = r['events'];
  if (list === undefined) return [];
  if (!Array.isArray(list)) return undefined;
  return list.map((e: unknown) => {
    const o = typeof e === 'object' && e !== null ? (e as Record<string, unknown>) : {};
    return { maintenanceId: o['maintenanceId'], startTime: o['startTime'], endTime: o['endTime'] };
  });
}

function idText(id: unknown): string {
  return typeof id === 'string' ? id : JSON.stringify(id) ?? 'absent';
}

/** Findings for windows that are not RFC 3339 date-times or do not end after they start (CC-MNT-001). */
export function windowFindings(events: readonly ChannelEvent[]): EventFinding[] {
  const out: EventFinding[] = [];
  for (const e of events) {
    const bad = [['startTime', e.startTime], ['endTime', e.endTime]].filter(([, v]) => !isDateTime(v)).map(([k, v]) => `${String(k)} ${JSON.stringify(v) ?? 'absent'} is not an RFC 3339 date-time`);
    if (bad.length === 0 && Date.parse(e.endTime as string) <= Date.parse(e.startTime as string)) bad.push(`endTime ${String(e.endTime)} is not after startTime ${String(e.startTime)}`);
    if (bad.length > 0) out.push({ channel: e.channel, maintenanceId: idText(e.maintenanceId), detail: bad.join('; ') });
  }
  return out;
}

/** Findings for events without a maintenanceId, or sharing one with another event (CC-MNT-002). */
export function idFindings(events: readonly ChannelEvent[]): EventFinding[] {
  const out: EventFinding[] = [];
  const seen = new Map<string, string>();
  for (const e of events) {
    if (typeof e.maintenanceId !== 'string' || e.maintenanceId === '') {
      out.push({ channel: e.channel, maintenanceId: idText(e.maintenanceId), detail: 'the event carries no maintenanceId' });
      continue;
    }
    const first = seen.get(e.maintenanceId);
    if (first !== undefined) out.push({ channel: e.channel, maintenanceId: e.maintenanceId, detail: `maintenanceId ${e.maintenanceId} is also used by an event on ${first}` });
    else seen.set(e.maintenanceId, e.channel);
  }
  return out;
}

/** Two events on different channels of one interconnect whose windows overlap. */
export interface Overlap {
  /** One event. */
  readonly a: ChannelEvent;
  /** The other. */
  readonly b: ChannelEvent;
}

function span(e: ObservedEvent): [number, number] | undefined {
  if (!isDateTime(e.startTime) || !isDateTime(e.endTime)) return undefined;
  const s = Date.parse(e.startTime);
  const t = Date.parse(e.endTime);
  return t > s ? [s, t] : undefined;
}

/** Pairs of well-formed events on different channels whose windows overlap (half-open intervals; CC-MNT-003). */
export function overlaps(events: readonly ChannelEvent[]): Overlap[] {
  const out: Overlap[] = [];
  for (let i = 0; i < events.length; i++) {
    for (let j = i + 1; j < events.length; j++) {
      const a = events[i];
      const b = events[j];
      if (a === undefined || b === undefined || a.channel === b.channel) continue;
      const x = span(a);
      const y = span(b);
      if (x !== undefined && y !== undefined && x[0] < y[1] && y[0] < x[1]) out.push({ a, b });
    }
  }
  return out;
}

/** The span of an event read leniently (start and end in either order), to keep clear of malformed windows too. */
function loose(e: ObservedEvent): [number, number] | undefined {
  if (!isDateTime(e.startTime) || !isDateTime(e.endTime)) return undefined;
  const a = Date.parse(e.startTime);
  const b = Date.parse(e.endTime);
  return [Math.min(a, b), Math.max(a, b) === Math.min(a, b) ? Math.max(a, b) + 1 : Math.max(a, b)];
}

/**
 * The earliest start at or after `fromMs`, on a grid of `stepMs`, for a window of `durationMs` that overlaps
 * none of `busy` (reversed windows count too; windows that are not date-times are ignored).
 */
export function freeSlot(busy: readonly ObservedEvent[], fromMs: number, durationMs: number, stepMs = 60 * 60 * 1000): number {
  const spans = busy.map(loose).filter((s): s is [number, number] => s !== undefined);
  let start = Math.ceil(fromMs / stepMs) * stepMs;
  for (;;) {
    const end = start + durationMs;
    const clash = spans.find(([s, t]) => s < end && start < t);
    if (clash === undefined) return start;
    start = Math.ceil(clash[1] / stepMs) * stepMs;
  }
}
