import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeActivationKey, tamperActivationKey } from '../checks/index.js';
import { ixPath, start, type Started } from './fixture.test-support.js';

const confirmPath = '/providers/aws/environments/env1/ConfirmActivationKey';

async function issued(s: Started, uuid = 'uuid-1'): Promise<string> {
  return s.server.local.issueKey({ caller: 'aws', env: 'env1', bandwidthMbps: 1000, accountId: '111122223333', uuid }).encoded;
}

async function confirm(s: Started, body: unknown, path = confirmPath): Promise<unknown> {
  const res = await s.call('POST', path, body);
  return res.status === 200 ? res.body['keyValid'] : res.status;
}

test('a genuine unused key confirms, repeatedly, until a connection uses it', async (t) => {
  const s = await start();
  t.after(() => s.server.close());
  const key = await issued(s);
  assert.equal(await confirm(s, { encodedKey: key }), true);
  assert.equal(await confirm(s, { encodedKey: key }), true);
  await s.call('POST', `${ixPath()}/connections?connectionId=uuid-1`, { bandwidthMbps: 1000, activationKey: key });
  assert.equal(await confirm(s, { encodedKey: key }), false);
});

test('tampered, foreign-environment, deleted and garbage keys are not confirmed', async (t) => {
  const s = await start();
  t.after(() => s.server.close());
  const key = await issued(s);
  for (const field of ['destinationAccountId', 'connectionSizeMbps', 'sharedConnectionUuid', 'version', 'destinationEnvironmentUri'] as const) {
    const tampered = tamperActivationKey(key, field);
    assert.ok(tampered.ok);
    assert.equal(await confirm(s, { encodedKey: tampered.text }), false, field);
  }
  assert.equal(await confirm(s, { encodedKey: key }, '/providers/aws/environments/other/ConfirmActivationKey'), 404);
  for (const garbage of ['', '!!!not base64!!!', 'A'.repeat(5000), encodeActivationKey({ version: 1, destinationEnvironmentUri: 'x', sharedConnectionUuid: 'y', connectionSizeMbps: 1, destinationAccountId: 'z' })]) {
    assert.equal(await confirm(s, { encodedKey: garbage }), false);
  }
  assert.equal(await confirm(s, { encodedKey: 42 }), 400);
  assert.equal(await confirm(s, {}), false);
  const other = await issued(s, 'uuid-2');
  s.server.local.invalidateKeys('aws', 'uuid-2');
  assert.equal(await confirm(s, { encodedKey: other }), false);
});

test('the deprecated key object is understood when its fields match an issued key exactly', async (t) => {
  const s = await start();
  t.after(() => s.server.close());
  const key = s.server.local.issueKey({ caller: 'aws', env: 'env1', bandwidthMbps: 1000, accountId: 'acct', uuid: 'u9' });
  assert.equal(await confirm(s, { key: key.key }), true);
  assert.equal(await confirm(s, { key: { ...key.key, destinationAccountId: 'other' } }), false);
});

test('deleting the connection invalidates its key', async (t) => {
  const s = await start();
  t.after(() => s.server.close());
  const key = await issued(s, 'uuid-3');
  await s.call('POST', `${ixPath()}/connections?connectionId=uuid-3`, { bandwidthMbps: 1000 });
  await s.call('DELETE', `${ixPath()}/connections/uuid-3`);
  assert.equal(await confirm(s, { encodedKey: key }), false);
});
