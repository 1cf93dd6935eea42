import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isUuid, keyOrderMismatches, sharedUuidProblems } from './key-content.js';
import type { ActivationKey } from './model.js';

const key: ActivationKey = {
  version: 1,
  destinationEnvironmentUri: 'providers/aws/environments/aws-ref-us-east',
  sharedConnectionUuid: '6f1c3a52-8a4e-4c1e-9a53-0d7f2b8e9c10',
  connectionSizeMbps: 1000,
  destinationAccountId: '111122223333',
};
const order = { environmentId: 'aws-ref-us-east', bandwidthMbps: 1000, remoteAccountId: '111122223333' };

test('a key that carries its order has no mismatch, whatever the environment URI is rooted at (D36)', () => {
  assert.deepEqual(keyOrderMismatches(key, order), []);
  assert.deepEqual(keyOrderMismatches({ ...key, destinationEnvironmentUri: 'https://cc.example/v1/providers/x/environments/aws-ref-us-east/' }, order), []);
});

test('each field that departs from the order is named', () => {
  const bad = { ...key, destinationEnvironmentUri: 'providers/aws/environments/elsewhere', connectionSizeMbps: 10000, destinationAccountId: '999' };
  const lines = keyOrderMismatches(bad, order);
  assert.equal(lines.length, 3);
  assert.match(lines[0] ?? '', /destinationEnvironmentUri .*elsewhere does not name environment aws-ref-us-east/);
  assert.match(lines[1] ?? '', /connectionSizeMbps 10000 is not the 1000 Mbps ordered/);
  assert.match(lines[2] ?? '', /destinationAccountId 999/);
});

test('UUIDs are recognised in either case; other ids are not', () => {
  assert.ok(isUuid('6f1c3a52-8a4e-4c1e-9a53-0d7f2b8e9c10'));
  assert.ok(isUuid('6F1C3A52-8A4E-4C1E-9A53-0D7F2B8E9C10'));
  assert.ok(!isUuid('6f1c3a528a4e4c1e9a530d7f2b8e9c10'));
  assert.ok(!isUuid('ref-3f2a9c'));
  assert.ok(!isUuid(''));
});

test('shared UUIDs must be UUIDs and differ from key to key', () => {
  const a = '6f1c3a52-8a4e-4c1e-9a53-0d7f2b8e9c10';
  const b = '0b6e3f4a-1c2d-4e5f-8a9b-0c1d2e3f4a5b';
  assert.deepEqual(sharedUuidProblems([a, b]), []);
  assert.deepEqual(sharedUuidProblems([a, a.toUpperCase()]), [`${a.toUpperCase()} names more than one key's connection`]);
  assert.deepEqual(sharedUuidProblems(['conn-1', b]), ['"conn-1" is not a UUID']);
});
