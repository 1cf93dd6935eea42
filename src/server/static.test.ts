import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OPERATIONS, matchRoute } from './routes.js';
import { ixPath, start } from './fixture.test-support.js';

test('the route table covers the 33 upstream operations, each reachable by exactly one method and path', () => {
  assert.equal(OPERATIONS.length, 33);
  const m = matchRoute('POST', '/providers/aws/environments/e/interconnects/i/connections/c/NotifyConnectionStatus');
  assert.deepEqual(m.kind === 'found' && [m.operation, m.params['connection']], ['NotifyConnectionStatus', 'c']);
  assert.equal(matchRoute('PUT', '/providers/aws').kind, 'method-not-allowed');
  assert.equal(matchRoute('GET', '/providers/aws/nothing').kind, 'not-found');
  assert.equal(matchRoute('GET', '/providers//environments').kind, 'not-found');
});

test('static resources are named under the caller and unknown ones answer 404 with a JSON error', async (t) => {
  const s = await start();
  t.after(() => s.server.close());
  const env = await s.call('GET', '/providers/aws/environments/env1');
  assert.equal(env.status, 200);
  assert.equal(env.body['name'], 'providers/aws/environments/env1');
  assert.deepEqual((env.body['providerSites'] as { providerId: string }[]).map((p) => p.providerId), ['providers/test', 'providers/aws']);
  const ch = await s.call('GET', `${ixPath()}/channels/channel1`);
  assert.equal(ch.body['macsecManagerProvider'], 'providers/aws');
  assert.equal(ch.body['aggregateChannelSizeGbps'], 40);
  const missing = await s.call('GET', `${ixPath()}/channels/channel9`);
  assert.equal(missing.status, 404);
  assert.deepEqual(Object.keys(missing.body['error'] as object).sort(), ['code', 'message', 'status']);
  assert.equal((await s.call('GET', `${ixPath('nope')}`)).status, 404);
});

test('an unknown caller provider gets 403, while GetProvider of the server itself is allowed', async (t) => {
  const s = await start();
  t.after(() => s.server.close());
  assert.equal((await s.call('GET', '/providers/mallory/environments')).status, 403);
  const self = await s.call('GET', '/providers/test');
  assert.deepEqual([self.status, self.body['name'], self.body['displayName']], [200, 'providers/test', 'Test Cloud']);
  const list = await s.call('GET', '/providers');
  assert.deepEqual((list.body['providers'] as { name: string }[]).map((p) => p.name), ['providers/test', 'providers/aws']);
});

test('lists honour pageSize with opaque tokens and no token on the last page', async (t) => {
  const s = await start();
  t.after(() => s.server.close());
  const first = await s.call('GET', `${ixPath()}/channels?pageSize=3`);
  assert.equal((first.body['channels'] as unknown[]).length, 3);
  const token = first.body['nextPageToken'];
  assert.equal(typeof token, 'string');
  const second = await s.call('GET', `${ixPath()}/channels?pageSize=3&pageToken=${encodeURIComponent(String(token))}`);
  assert.equal((second.body['channels'] as unknown[]).length, 1);
  assert.equal(second.body['nextPageToken'], undefined);
  assert.equal((await s.call('GET', `${ixPath()}/channels?pageToken=garbage`)).status, 400);
  const other = await s.call('GET', `${ixPath('ix2')}/channels?pageToken=${encodeURIComponent(String(token))}`);
  assert.equal(other.status, 400, 'a token is bound to its list');
  assert.equal((await s.call('GET', `${ixPath()}/channels?pageSize=abc`)).status, 400);
  assert.equal(((await s.call('GET', `${ixPath()}/channels?pageSize=5000`)).body['channels'] as unknown[]).length, 4);
});

test('malformed JSON and wrongly typed fields are 400, an unknown path 404, a wrong method 405', async (t) => {
  const s = await start();
  t.after(() => s.server.close());
  assert.equal((await s.call('POST', `${ixPath()}/connections?connectionId=c1`, undefined, '{"bandwidthMbps":')).status, 400);
  assert.equal((await s.call('POST', `${ixPath()}/connections?connectionId=c1`, { bandwidthMbps: 'lots' })).status, 400);
  assert.equal((await s.call('POST', `${ixPath()}/connections?connectionId=c1`, [1, 2])).status, 400);
  assert.equal((await s.call('GET', '/elsewhere')).status, 404);
  assert.equal((await s.call('DELETE', '/providers/aws/environments/env1')).status, 405);
});

test('the observer sees every request and the behaviour hook can override answers', async (t) => {
  const seen: string[] = [];
  const s = await start({
    observer: (r) => seen.push(`${r.operation} ${r.status}`),
    behaviour: (ctx) => (ctx.operation === 'GetEnvironment' ? { status: 503, body: { error: { code: 503 } }, delayMs: 5 } : undefined),
  });
  t.after(() => s.server.close());
  assert.equal((await s.call('GET', '/providers/aws/environments/env1')).status, 503);
  assert.equal((await s.call('GET', '/providers/aws/environments')).status, 200);
  await s.call('GET', '/nowhere');
  assert.deepEqual(seen, ['GetEnvironment 503', 'ListEnvironments 200', 'unknown 404']);
});

test('the authorize hook can refuse a request and the base path can be empty', async (t) => {
  const s = await start({
    basePath: '',
    authorize: (ctx) => (ctx.headers['authorization'] === undefined ? { status: 401, message: `unsigned request to ${ctx.url}` } : undefined),
  });
  t.after(() => s.server.close());
  assert.match(s.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  const refused = await s.call('GET', '/providers/aws/environments');
  assert.equal(refused.status, 401);
  assert.match(String((refused.body['error'] as { message: string }).message), /\/providers\/aws\/environments/);
});
