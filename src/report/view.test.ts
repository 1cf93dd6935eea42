import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatBody, formatNumber, metricLine, requirementNote, skipReason } from './view.js';
import { sampleReport } from './fixture.test-support.js';

test('bodies are cut by characters and lines, saying how much was left out', () => {
  assert.equal(formatBody({ a: 1 }), '{\n  "a": 1\n}');
  assert.equal(formatBody('abcdef', 3), 'abc\n… (3 more characters not shown)');
  assert.match(formatBody(Array.from({ length: 200 }, (_, i) => i), 100_000, 10), /^\[\n  0,[\s\S]*… \(\d+ more characters not shown\)$/);
  assert.equal(formatBody({ s: 'y'.repeat(310) }), `{\n  "s": "${'y'.repeat(300)}… (10 more characters)"\n}`);
});

test('why a requirement was not judged reads the same everywhere', () => {
  const byId = new Map(sampleReport().requirements.map((r) => [r.id, r]));
  const get = (id: string): NonNullable<ReturnType<typeof byId.get>> => {
    const r = byId.get(id);
    assert.ok(r !== undefined, id);
    return r;
  };
  assert.equal(requirementNote(get('CC-NEG-014')), 'blocked by CC-NEG-013');
  assert.equal(skipReason(get('CC-LC-003')), 'not yet covered');
  assert.equal(requirementNote(get('CC-RES-002')), 'severity: blocker');
  assert.equal(requirementNote(get('CC-SCH-001')), '');
});

test('metrics compare measured values with their threshold in the stated direction', () => {
  const m = { kind: 'metric', name: 'availability', unit: '', measured: 0.99995, threshold: 0.9999, comparison: '>=' } as const;
  assert.deepEqual(metricLine(m), { text: 'availability: 0.99995 (threshold >= 0.9999)', ok: true });
  assert.equal(metricLine({ ...m, comparison: '<=' }).ok, false);
  assert.equal(metricLine({ ...m, measured: null }).ok, null);
  assert.equal(formatNumber(87.256789), '87.2568');
});
