import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ixPath, start } from './fixture.test-support.js';

test('CreateConnection places a connection named after the path and id, UNVERIFIED and ENABLED', async (t) => {
  const s = await start();
  t.after(() => s.server.close());
  const res = await s.call('POST', `${ixPath()}/connections?connectionId=u1`, { bandwidthMbps: 1000, verificationState: 'VERIFICATION_STATE_VERIFIED', adminState: 'ADMIN_STATE_DISABLED' });
  assert.equal(res.status, 200);
  assert.equal(res.body['name'], 'providers/aws/environments/env1/interconnects/ix1/connections/u1');
  assert.equal(res.body['verificationState'], 'VERIFICATION_STATE_UNVERIFIED', 'output-only fields are ignored');
  assert.equal(res.body['adminState'], 'ADMIN_STATE_ENABLED');
  assert.equal((await s.call('GET', `${ixPath()}/connections/u1`)).body['bandwidthMbps'], 1000);
});

test('CreateConnection refuses a missing id or unsupported size (400), a duplicate or no room or a closed interconnect (409)', async (t) => {
  const s = await start();
  t.after(() => s.server.close());
  assert.equal((await s.call('POST', `${ixPath()}/connections`, { bandwidthMbps: 1000 })).status, 400);
  assert.equal((await s.call('POST', `${ixPath()}/connections?connectionId=a`, { bandwidthMbps: 123 })).status, 400);
  assert.equal((await s.call('POST', `${ixPath()}/connections?connectionId=a`, {})).status, 400);
  assert.equal((await s.call('POST', `${ixPath()}/connections?connectionId=a`)).status, 400, 'the body is required');
  assert.equal((await s.call('POST', `${ixPath()}/connections?connectionId=a`, { bandwidthMbps: 5000 })).status, 200);
  assert.equal((await s.call('POST', `${ixPath()}/connections?connectionId=a`, { bandwidthMbps: 50 })).status, 409);
  assert.equal((await s.call('POST', `${ixPath()}/connections?connectionId=b`, { bandwidthMbps: 5000 })).status, 200);
  assert.equal((await s.call('POST', `${ixPath()}/connections?connectionId=c`, { bandwidthMbps: 50 })).status, 409, 'ix1 is full');
  assert.equal((await s.call('POST', `${ixPath('ix2')}/connections?connectionId=a`, { bandwidthMbps: 50 })).status, 200, 'same id on another interconnect: migration');
  assert.equal((await s.call('POST', `${ixPath('ix3')}/connections?connectionId=d`, { bandwidthMbps: 50 })).status, 409, 'ix3 is CLOSED');
});

test('deferProvisioning is accepted and announced, or refused with 400 when deferral is not accepted', async (t) => {
  const deferred: string[] = [];
  const s = await start({ listeners: { deferral: (ref) => deferred.push(ref.id) } });
  const refusing = await start({ acceptDeferral: false });
  t.after(async () => { await s.server.close(); await refusing.server.close(); });
  assert.equal((await s.call('POST', `${ixPath()}/connections?connectionId=d1`, { bandwidthMbps: 50, deferProvisioning: true })).status, 200);
  await new Promise((r) => setTimeout(r, 10));
  assert.deepEqual(deferred, ['d1']);
  assert.equal((await refusing.call('POST', `${ixPath()}/connections?connectionId=d1`, { bandwidthMbps: 50, deferProvisioning: true })).status, 400);
});

test('UpdateConnection changes bandwidth only through the bandwidthMbps mask and only when it fits', async (t) => {
  const s = await start();
  t.after(() => s.server.close());
  await s.call('POST', `${ixPath()}/connections?connectionId=u1`, { bandwidthMbps: 1000 });
  await s.call('POST', `${ixPath()}/connections?connectionId=u2`, { bandwidthMbps: 5000 });
  const up = await s.call('PATCH', `${ixPath()}/connections/u1?updateMask=bandwidthMbps`, { bandwidthMbps: 5000 });
  assert.deepEqual([up.status, up.body['bandwidthMbps']], [200, 5000]);
  assert.equal((await s.call('PATCH', `${ixPath()}/connections/u1?updateMask=bandwidthMbps`, { bandwidthMbps: 10000 })).status, 409);
  assert.equal((await s.call('PATCH', `${ixPath()}/connections/u1?updateMask=bandwidthMbps`, { bandwidthMbps: 7 })).status, 400);
  assert.equal((await s.call('PATCH', `${ixPath()}/connections/u1?updateMask=activationKey`, { activationKey: 'x' })).status, 400);
  s.server.local.setCustomerUpdate({ caller: 'aws', env: 'env1', ix: 'ix1', id: 'u1' }, true);
  assert.equal((await s.call('PATCH', `${ixPath()}/connections/u1?updateMask=bandwidthMbps`, { bandwidthMbps: 50 })).status, 409);
  assert.equal((await s.call('PATCH', `${ixPath()}/connections/nope?updateMask=bandwidthMbps`, { bandwidthMbps: 50 })).status, 404);
});

test('DeleteConnection removes the connection and its features; afterwards it is 404', async (t) => {
  const s = await start();
  t.after(() => s.server.close());
  await s.call('POST', `${ixPath()}/connections?connectionId=u1`, { bandwidthMbps: 1000 });
  assert.deepEqual((await s.call('DELETE', `${ixPath()}/connections/u1`)).status, 200);
  assert.equal((await s.call('GET', `${ixPath()}/connections/u1`)).status, 404);
  assert.equal((await s.call('GET', `${ixPath()}/connections/u1/features`)).status, 404);
  assert.equal((await s.call('DELETE', `${ixPath()}/connections/u1`)).status, 404);
  const list = await s.call('GET', `${ixPath()}/connections`);
  assert.deepEqual(list.body['connections'], []);
});
