import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createManualClock } from './clock.js';
import { ixPath, start } from './fixture.test-support.js';
import { BAKE_TIME_MS } from './handlers/macsec.js';

const hex = (c: string, n = 64): string => c.repeat(n);
const keyBody = (c: string): Record<string, unknown> => ({ cak: hex(c), ckn: hex(c, 32), startTime: '1999-01-01T00:00:00Z', active: true });
const keys = (ch: string): string => `${ixPath()}/channels/${ch}/macSecKeys`;

test('a key installed by the manager gets the server clock as startTime and becomes the only active key', async (t) => {
  const clock = createManualClock();
  const s = await start({ clock, macSecActivationDelayMs: 10 });
  t.after(() => s.server.close());
  const first = await s.call('POST', `${keys('channel1')}?macSecKeyId=k1`, keyBody('a'));
  assert.equal(first.status, 200);
  assert.equal(first.body['startTime'], new Date(clock.now()).toISOString());
  assert.equal(first.body['active'], false, 'not active before the activation delay');
  clock.advance(10);
  assert.equal((await s.call('GET', `${keys('channel1')}/k1`)).body['active'], true);
  assert.equal((await s.call('POST', `${keys('channel1')}?macSecKeyId=k2`, keyBody('b'))).status, 200, 'a first rotation after an initial install');
  clock.advance(10);
  const list = (await s.call('GET', keys('channel1'))).body['macSecKeys'] as { name: string; active: boolean }[];
  assert.deepEqual(list.map((k) => [k.name.split('/').pop(), k.active]), [['k1', false], ['k2', true]]);
  assert.equal((await s.call('DELETE', `${keys('channel1')}/k2`)).status, 409, 'the active key cannot be deleted');
  assert.equal((await s.call('DELETE', `${keys('channel1')}/k1`)).status, 200);
});

test('only the manager may create or delete keys, and key material must be hex', async (t) => {
  const s = await start({ macSecActivationDelayMs: 0 });
  t.after(() => s.server.close());
  assert.equal((await s.call('POST', `${keys('channel2')}?macSecKeyId=k1`, keyBody('a'))).status, 409, 'channel2 is managed by the server');
  assert.equal((await s.call('POST', `${keys('channel1')}?macSecKeyId=k1`, { cak: 'secret', ckn: 'x' })).status, 400);
  assert.equal((await s.call('POST', `${keys('channel1')}`, keyBody('a'))).status, 400, 'macSecKeyId required');
  assert.equal((await s.call('GET', `${keys('channel1')}/none`)).status, 404);
});

test('two keys per channel, one channel in rotation, N+1 per interconnect and a 2-hour bake', async (t) => {
  const clock = createManualClock();
  const s = await start({ clock, macSecActivationDelayMs: 0 });
  t.after(() => s.server.close());
  assert.equal((await s.call('POST', `${keys('channel1')}?macSecKeyId=a1`, keyBody('a'))).status, 200);
  assert.equal((await s.call('POST', `${keys('channel3')}?macSecKeyId=c1`, keyBody('c'))).status, 200, 'initial keys may go in parallel');
  assert.equal((await s.call('POST', `${keys('channel1')}?macSecKeyId=a2`, keyBody('b'))).status, 200);
  assert.equal((await s.call('POST', `${keys('channel1')}?macSecKeyId=a3`, keyBody('d'))).status, 409, 'third key on a channel');
  assert.equal((await s.call('POST', `${keys('channel3')}?macSecKeyId=c2`, keyBody('e'))).status, 409, 'channel1 is in rotation');
  assert.equal((await s.call('DELETE', `${keys('channel1')}/a1`)).status, 200);
  assert.equal((await s.call('POST', `${keys('channel1')}?macSecKeyId=a4`, keyBody('f'))).status, 409, 'bake time after a rotation');
  clock.advance(BAKE_TIME_MS + 1);
  assert.equal((await s.call('POST', `${keys('channel1')}?macSecKeyId=a4`, keyBody('f'))).status, 200, 'after the bake time');
});

test('RequestMacSecKeyRotation is accepted from the non-manager and announced; refused from the manager', async (t) => {
  const asked: string[] = [];
  const s = await start({ listeners: { macSecRotationRequested: (ref, reason) => asked.push(`${ref.channel}:${reason ?? ''}`) } });
  t.after(() => s.server.close());
  assert.equal((await s.call('POST', `${ixPath()}/channels/channel2/RequestMacSecKeyRotation`, { reason: 'audit' })).status, 200);
  assert.equal((await s.call('POST', `${ixPath()}/channels/channel1/RequestMacSecKeyRotation`, {})).status, 409);
  await new Promise((r) => setTimeout(r, 10));
  assert.deepEqual(asked, ['channel2:audit']);
});
