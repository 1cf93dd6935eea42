import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scrubSecret, secretEchoes } from './secret-echo.js';

const SECRET = '0f1e2d3c4b5a69788796a5b4c3d2e1f0';
const PLACEHOLDER = '[redacted sha256:1a2b3c4d]';

test('an answer that leaves the secret out or masks it gives nothing back', () => {
  assert.deepEqual(secretEchoes({ name: 'k1', ckn: 'ab', active: true }, SECRET, [PLACEHOLDER]), []);
  assert.deepEqual(secretEchoes({ name: 'k1', cak: '****' }, SECRET, [PLACEHOLDER]), []);
  assert.deepEqual(secretEchoes({ name: 'k1', cak: '[redacted sha256:99999999]' }, SECRET, [PLACEHOLDER]), []);
  assert.deepEqual(secretEchoes(undefined, SECRET, [PLACEHOLDER]), []);
});

test('the secret is found as its redaction placeholder or as itself, at any depth and in either case', () => {
  assert.deepEqual(secretEchoes({ macSecKeys: [{ cak: PLACEHOLDER }] }, SECRET, [PLACEHOLDER]), ['macSecKeys[0].cak']);
  assert.deepEqual(secretEchoes({ featureConfig: { l3BaseConfig: { note: `key=${SECRET.toUpperCase()}` } } }, SECRET), ['featureConfig.l3BaseConfig.note']);
  assert.deepEqual(secretEchoes(SECRET, SECRET), ['(whole body)']);
  assert.deepEqual(secretEchoes({ a: SECRET }, ''), []);
});

test('scrubbing replaces every occurrence of the secret, ignoring case, and leaves the rest alone', () => {
  const out = scrubSecret({ a: [`x${SECRET}y`, 3], b: { c: SECRET.toUpperCase() }, d: null }, SECRET, PLACEHOLDER);
  assert.deepEqual(out, { a: [`x${PLACEHOLDER}y`, 3], b: { c: PLACEHOLDER }, d: null });
  assert.ok(!JSON.stringify(out).toLowerCase().includes(SECRET));
});
