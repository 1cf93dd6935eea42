import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import {
  activationTrace, channelRotationState, clearlyBaking, declineOf, keyFingerprint, lowEntropyReasons, managerSplit, materialFormatFindings,
  observedKeys, overlappingRotations, reuseFindings, startTimeProblem, strengthFindings, BAKE_MS,
} from './macsec.js';

const hex = (bytes: number): string => randomBytes(bytes).toString('hex');

test('MKA material: CAK of 32 or 64 hex digits and CKN of an even number of hex digits up to 64 pass', () => {
  assert.deepEqual(materialFormatFindings({ cak: hex(16), ckn: hex(1) }), []);
  assert.deepEqual(materialFormatFindings({ cak: hex(32).toUpperCase(), ckn: hex(32) }), []);
});

test('MKA material: wrong CAK lengths, non-hex text, odd or oversized CKNs and missing values are findings', () => {
  const rules = (cak: unknown, ckn: unknown): string[] => materialFormatFindings({ cak, ckn }).map((f) => f.rule);
  assert.deepEqual(rules(hex(20), hex(16)), ['cak-format']);
  assert.deepEqual(rules(randomBytes(32).toString('base64'), hex(16)), ['cak-format']);
  assert.deepEqual(rules(hex(16), 'abc'), ['ckn-format']);
  assert.deepEqual(rules(hex(16), hex(33)), ['ckn-format']);
  assert.deepEqual(rules(undefined, ''), ['cak-format', 'ckn-format']);
});

test('format findings describe the shape of the material but never contain it', () => {
  const cak = `${hex(16)}zz`;
  const f = materialFormatFindings({ cak, ckn: 'not-hex!' });
  assert.equal(f.length, 2);
  for (const x of f) assert.ok(!x.detail.includes(cak) && !x.detail.includes('not-hex!'), x.detail);
});

test('random-looking CAKs never look low in entropy', () => {
  // Deterministic stand-ins for random keys: SHA-256 outputs of a counter (the test must not depend on luck).
  const digest = (i: number): string => createHash('sha256').update(`ctk-cak-${i}`).digest('hex');
  for (let i = 0; i < 2000; i++) {
    assert.deepEqual(lowEntropyReasons(digest(i).slice(0, 32)), [], `32 digits #${i}`);
    assert.deepEqual(lowEntropyReasons(digest(i)), [], `64 digits #${i}`);
  }
});

test('repeated, patterned, counting and nearly constant CAKs are flagged as low in entropy', () => {
  assert.ok(lowEntropyReasons('0'.repeat(64)).length > 0);
  assert.ok(lowEntropyReasons('deadbeef'.repeat(8)).some((r) => r.includes('repeating')));
  assert.ok(lowEntropyReasons('0123456789abcdef0123456789abcdee').some((r) => r.includes('count up')));
  assert.ok(lowEntropyReasons(`${'a'.repeat(56)}${hex(4)}`).length > 0);
  assert.deepEqual(lowEntropyReasons('00'), [], 'too short to judge');
});

test('a CKN equal to the CAK is reported, since MKA sends the CKN in the clear', () => {
  const cak = hex(16);
  assert.deepEqual(strengthFindings({ cak, ckn: cak.toUpperCase() }).map((f) => f.rule), ['ckn-reveals-cak']);
  assert.deepEqual(strengthFindings({ cak, ckn: hex(16) }), []);
});

test('reuse of a CAK or CKN across channels or rotations is found, naming the earlier use by label and fingerprint only', () => {
  const a = { label: 'ix1/ch2 k1', cak: hex(16), ckn: hex(8) };
  const b = { label: 'ix1/ch4 k1', cak: hex(16), ckn: hex(8) };
  const c = { label: 'ix1/ch2 k2', cak: a.cak.toUpperCase(), ckn: hex(8) };
  const found = reuseFindings([a, b, c]);
  assert.equal(found.length, 1);
  assert.equal(found[0]?.earlier, 'ix1/ch2 k1');
  assert.equal(found[0]?.field, 'cak');
  assert.ok(found[0]?.detail.includes(keyFingerprint(a.cak.toUpperCase())));
  assert.ok(!found[0]?.detail.includes(a.cak));
  assert.deepEqual(reuseFindings([a, b, { label: 'x', cak: '', ckn: undefined }]), []);
});

test('fingerprints are 8 hex digits of SHA-256 and say when there is nothing to fingerprint', () => {
  assert.match(keyFingerprint('secret'), /^[0-9a-f]{8}$/);
  assert.equal(keyFingerprint('secret'), keyFingerprint('secret'));
  assert.equal(keyFingerprint(undefined), 'absent');
  assert.equal(keyFingerprint(''), 'empty');
});

test('key lists are read from ListMacSecKeys bodies; a missing list is empty and a wrong one undefined', () => {
  const keys = observedKeys({ macSecKeys: [{ name: 'providers/a/environments/e/interconnects/i/channels/c/macSecKeys/k1', active: true, startTime: 't' }, { cak: 'x' }] });
  assert.deepEqual(keys, [{ id: 'k1', active: true, startTime: 't' }]);
  assert.deepEqual(observedKeys({}), []);
  assert.equal(observedKeys({ macSecKeys: 'x' }), undefined);
});

test('the activation trace finds two active keys at once, and whether the new key ended active with the others inactive', () => {
  const k = (id: string, active: boolean): { id: string; active: boolean; startTime: undefined } => ({ id, active, startTime: undefined });
  const clean = activationTrace([[k('old', true), k('new', false)], [k('old', false), k('new', true)]], 'new');
  assert.deepEqual({ ...clean, finalActive: [...clean.finalActive] }, { doubleActiveAt: -1, newActive: true, othersInactive: true, finalActive: ['new'] });
  const overlap = activationTrace([[k('old', true), k('new', true)], [k('old', false), k('new', true)]], 'new');
  assert.equal(overlap.doubleActiveAt, 0);
  assert.equal(activationTrace([[k('old', true), k('new', false)]], 'new').newActive, false);
});

test('channel rotation state: empty, in rotation, first keys ready, rotations baking for 2 hours plus slack', () => {
  const now = Date.parse('2026-11-22T12:00:00Z');
  const first = (k: { id: string }): boolean => k.id.startsWith('ctk-first-');
  const at = (msAgo: number): string => new Date(now - msAgo).toISOString();
  assert.equal(channelRotationState([], now, first), 'empty');
  assert.equal(channelRotationState([{ id: 'a', active: true, startTime: at(0) }, { id: 'b', active: false, startTime: at(0) }], now, first), 'in-rotation');
  assert.equal(channelRotationState([{ id: 'ctk-first-1', active: true, startTime: at(0) }], now, first), 'ready');
  assert.equal(channelRotationState([{ id: 'ctk-rot-1', active: true, startTime: at(60_000) }], now, first), 'baking');
  assert.equal(channelRotationState([{ id: 'ctk-rot-1', active: true, startTime: at(BAKE_MS + 6 * 60_000) }], now, first), 'ready');
  assert.equal(channelRotationState([{ id: 'x', active: true, startTime: 'garbage' }], now, first), 'baking');
  assert.equal(clearlyBaking([{ id: 'r', active: true, startTime: at(60_000) }], now), true);
  assert.equal(clearlyBaking([{ id: 'r', active: true, startTime: at(BAKE_MS - 60_000) }], now), false);
});

test('startTime must be the server clock at acceptance, not the time the request claimed', () => {
  const sent = Date.parse('2026-11-22T12:00:00Z');
  assert.equal(startTimeProblem('2026-11-22T12:00:01Z', sent, sent + 2000, '2001-01-01T00:00:00Z'), undefined);
  assert.match(startTimeProblem('2001-01-01T00:00:00Z', sent, sent + 2000, '2001-01-01T00:00:00Z') ?? '', /claimed/);
  assert.match(startTimeProblem('2026-11-22T13:00:00Z', sent, sent + 2000) ?? '', /away/);
  assert.match(startTimeProblem(undefined, sent, sent) ?? '', /absent/);
});

test('declines: any 4xx declines, 409 is the conflict the spec asks for, D49 lists 400, 403, 409 and 412', () => {
  assert.deepEqual(declineOf(409), { declined: true, conflict: true, listed: true });
  assert.deepEqual(declineOf(400), { declined: true, conflict: false, listed: true });
  assert.deepEqual(declineOf(422), { declined: true, conflict: false, listed: false });
  assert.deepEqual(declineOf(200), { declined: false, conflict: false, listed: false });
});

test('a rotation started while another channel of the interconnect holds two keys is found; first keys in parallel are not', () => {
  const before = new Map([['c2', 1], ['c4', 1], ['c6', 0]]);
  const serial = overlappingRotations(before, [
    { seq: 1, channel: 'c2', op: 'create', accepted: true }, { seq: 2, channel: 'c2', op: 'delete', accepted: true },
    { seq: 3, channel: 'c4', op: 'create', accepted: true }, { seq: 4, channel: 'c6', op: 'create', accepted: true },
  ]);
  assert.deepEqual(serial, []);
  const parallel = overlappingRotations(before, [
    { seq: 1, channel: 'c2', op: 'create', accepted: true }, { seq: 2, channel: 'c4', op: 'create', accepted: false },
    { seq: 3, channel: 'c6', op: 'create', accepted: true },
  ]);
  assert.deepEqual(parallel, [{ seq: 2, channel: 'c4', inRotation: ['c2'] }]);
});

test('the manager split is even when each provider manages half the channels, rounded either way', () => {
  assert.equal(managerSplit(['providers/aws', 'providers/acme', 'providers/aws', 'providers/acme'], 'aws', 'acme').even, true);
  assert.equal(managerSplit(['providers/aws', 'providers/acme', 'providers/acme'], 'aws', 'acme').even, true);
  const lopsided = managerSplit(['providers/acme', 'providers/acme', 'providers/acme', 'providers/aws'], 'aws', 'acme');
  assert.deepEqual(lopsided, { kit: 1, candidate: 3, other: 0, even: false });
  const unnamed = managerSplit(['providers/aws', 'aws', 'providers/acme', undefined], 'aws', 'acme');
  assert.deepEqual(unnamed, { kit: 1, candidate: 1, other: 2, even: true }, 'channels naming neither provider are left to CC-MS-021');
  assert.equal(managerSplit([], 'aws', 'acme').even, false);
});
