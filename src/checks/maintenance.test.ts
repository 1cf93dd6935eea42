import { test } from 'node:test';
import assert from 'node:assert/strict';
import { freeSlot, idFindings, isDateTime, observedEvents, overlaps, windowFindings, type ChannelEvent } from './maintenance.js';

const ev = (channel: string, id: unknown, startTime: unknown, endTime: unknown): ChannelEvent => ({ channel, maintenanceId: id, startTime, endTime });

test('RFC 3339 date-times are recognised; other date shapes are not', () => {
  assert.ok(isDateTime('2026-11-22T10:00:00Z'));
  assert.ok(isDateTime('2026-11-22T10:00:00.123+01:00'));
  assert.ok(!isDateTime('2026-11-22 10:00:00'));
  assert.ok(!isDateTime(1732269600000));
  assert.ok(!isDateTime('2026-13-40T10:00:00Z'));
});

test('events are read from GetMaintenanceEvents bodies; no list is an empty list, a wrong list undefined', () => {
  assert.deepEqual(observedEvents({ events: [{ maintenanceId: 'm', startTime: 'a', endTime: 'b' }] }), [{ maintenanceId: 'm', startTime: 'a', endTime: 'b' }]);
  assert.deepEqual(observedEvents({}), []);
  assert.equal(observedEvents({ events: {} }), undefined);
  assert.equal(observedEvents('x'), undefined);
});

test('a window must be two date-times with the end after the start', () => {
  const good = ev('c1', 'm1', '2026-11-22T10:00:00Z', '2026-11-22T12:00:00Z');
  assert.deepEqual(windowFindings([good]), []);
  const found = windowFindings([ev('c1', 'm2', '2026-11-22T12:00:00Z', '2026-11-22T10:00:00Z'), ev('c2', 'm3', 'tomorrow', '2026-11-22T12:00:00Z')]);
  assert.equal(found.length, 2);
  assert.match(found[0]?.detail ?? '', /not after/);
  assert.match(found[1]?.detail ?? '', /startTime "tomorrow"/);
});

test('every event needs its own maintenanceId', () => {
  const f = idFindings([ev('c1', 'm1', 'a', 'b'), ev('c2', 'm1', 'a', 'b'), ev('c3', '', 'a', 'b')]);
  assert.deepEqual(f.map((x) => [x.channel, x.maintenanceId]), [['c2', 'm1'], ['c3', '']]);
});

test('overlapping windows on different channels are found; touching windows and the same channel are not', () => {
  const a = ev('c1', 'a', '2026-11-22T10:00:00Z', '2026-11-22T12:00:00Z');
  const b = ev('c2', 'b', '2026-11-22T11:00:00Z', '2026-11-22T13:00:00Z');
  const c = ev('c3', 'c', '2026-11-22T12:00:00Z', '2026-11-22T14:00:00Z');
  const d = ev('c1', 'd', '2026-11-22T11:30:00Z', '2026-11-22T11:45:00Z');
  assert.deepEqual(overlaps([a, b, c, d]).map((o) => [o.a.maintenanceId, o.b.maintenanceId]), [['a', 'b'], ['b', 'c'], ['b', 'd']]);
});

test('a free slot skips every busy window', () => {
  const h = 3600_000;
  const t0 = Date.parse('2026-11-22T10:00:00Z');
  const busy = [ev('c1', 'a', '2026-11-22T10:00:00Z', '2026-11-22T12:00:00Z'), ev('c2', 'b', '2026-11-22T12:30:00Z', '2026-11-22T13:00:00Z')];
  assert.equal(freeSlot(busy, t0, 2 * h), t0 + 3 * h);
  assert.equal(freeSlot([], t0 + 1, 2 * h), t0 + h);
  assert.equal(freeSlot([ev('c1', 'r', '2026-11-22T12:00:00Z', '2026-11-22T10:00:00Z')], t0, 2 * h), t0 + 2 * h, 'a reversed window still blocks its hours');
});
