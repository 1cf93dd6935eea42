import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ixPath, start } from './fixture.test-support.js';

test('issues are created open with required title and body, listed, commented newest first and closed', async (t) => {
  const s = await start();
  t.after(() => s.server.close());
  assert.equal((await s.call('POST', '/providers/aws/issues?issueId=i1', { title: 'down' })).status, 400);
  assert.equal((await s.call('POST', '/providers/aws/issues', { title: 't', body: 'b' })).status, 400);
  const created = await s.call('POST', '/providers/aws/issues?issueId=i1', { title: 'down', body: 'ix1 lost light', state: 'STATE_CLOSED', connectionContexts: [{ name: 'x' }] });
  assert.deepEqual([created.status, created.body['name'], created.body['state']], [200, 'providers/aws/issues/i1', 'STATE_OPEN']);
  assert.equal((await s.call('POST', '/providers/aws/issues?issueId=i1', { title: 't', body: 'b' })).status, 409);
  await s.call('POST', '/providers/aws/issues?issueId=i2', { title: 't2', body: 'b2' });
  const page = await s.call('GET', '/providers/aws/issues?pageSize=1');
  assert.equal((page.body['issues'] as unknown[]).length, 1);
  assert.equal(typeof page.body['nextPageToken'], 'string');
  await s.call('POST', '/providers/aws/issues/i1/AddComment', { comment: { body: 'first' } });
  await new Promise((r) => setTimeout(r, 2));
  await s.call('POST', '/providers/aws/issues/i1/AddComment', { comment: { body: 'second' } });
  assert.equal((await s.call('POST', '/providers/aws/issues/i1/AddComment', { comment: {} })).status, 400);
  const comments = (await s.call('GET', '/providers/aws/issues/i1/comments')).body['comments'] as { body: string }[];
  assert.deepEqual(comments.map((c) => c.body), ['second', 'first']);
  const closed = await s.call('POST', '/providers/aws/issues/i1/Close', {});
  assert.equal(closed.body['state'], 'STATE_CLOSED');
  assert.equal((await s.call('GET', '/providers/aws/issues/nope')).status, 404);
});

test('maintenance: events per channel, overlap on another channel of the interconnect is refused, NotifyMaintenance is acknowledged', async (t) => {
  const s = await start();
  t.after(() => s.server.close());
  const ref = { caller: 'aws', env: 'env1', ix: 'ix1', channel: 'channel1' };
  const made = s.server.local.scheduleMaintenance(ref, '2030-01-01T00:00:00Z', '2030-01-01T02:00:00Z');
  assert.ok(made.ok);
  const clash = s.server.local.scheduleMaintenance({ ...ref, channel: 'channel2' }, '2030-01-01T01:00:00Z', '2030-01-01T03:00:00Z');
  assert.equal(!clash.ok && clash.reply.status, 409);
  assert.ok(s.server.local.scheduleMaintenance({ ...ref, channel: 'channel2' }, '2030-01-01T02:00:00Z', '2030-01-01T03:00:00Z').ok);
  const bad = s.server.local.scheduleMaintenance(ref, 'tomorrow', '2030-01-01T03:00:00Z');
  assert.equal(!bad.ok && bad.reply.status, 400);
  const events = (await s.call('GET', `${ixPath()}/channels/channel1/maintenanceEvents`)).body['events'] as { maintenanceId: string }[];
  assert.equal(events[0]?.maintenanceId, made.ok ? made.event.maintenanceId : '');
  assert.equal((await s.call('POST', `${ixPath()}/channels/channel1/NotifyMaintenance`, {})).status, 200);
});
