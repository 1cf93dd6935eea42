import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eventually, featureBody, ixPath, start } from './fixture.test-support.js';

interface FakePeer {
  readonly baseUrl: string;
  readonly calls: string[];
  notifyStatus: number;
  close(): Promise<void>;
}

async function fakePeer(): Promise<FakePeer> {
  const calls: string[] = [];
  const state = { notifyStatus: 200 };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    req.on('end', () => {
      calls.push(`${req.method} ${req.url}`);
      const status = req.url?.endsWith('/NotifyConnectionStatus') ? state.notifyStatus : 200;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ name: 'peer-view' }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${port}/peer/v1`,
    calls,
    get notifyStatus() { return state.notifyStatus; },
    set notifyStatus(v: number) { state.notifyStatus = v; },
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

const conn = `${ixPath()}/connections/u1`;
const notifyPath = '/peer/v1/providers/test/environments/env1/interconnects/ix1/connections/u1/NotifyConnectionStatus';

test('with 3 of 4 features final the server notifies the peer once and becomes VERIFIED after the peer notifies back', async (t) => {
  const peer = await fakePeer();
  const s = await start();
  t.after(async () => { await s.server.close(); await peer.close(); });
  s.server.setPeer({ providerId: 'aws', baseUrl: peer.baseUrl });
  await s.call('POST', `${ixPath()}/connections?connectionId=u1`, { bandwidthMbps: 1000 });
  for (let n = 1; n <= 3; n += 1) await s.call('POST', `${conn}/features?featureId=f${n}`, featureBody(`channel${n}`, n));
  assert.ok(await eventually(() => peer.calls.includes(`POST ${notifyPath}`)), 'notified at 3 of 4');
  assert.equal((await s.call('GET', conn)).body['verificationState'], 'VERIFICATION_STATE_UNVERIFIED', 'not before the peer notified');
  assert.equal((await s.call('POST', `${conn}/NotifyConnectionStatus`, {})).status, 200);
  assert.ok(await eventually(() => peer.calls.includes('GET /peer/v1/providers/test/environments/env1/interconnects/ix1/connections/u1')), 're-read from the peer');
  assert.equal((await s.call('GET', conn)).body['verificationState'], 'VERIFICATION_STATE_VERIFIED');
  assert.equal(peer.calls.filter((c) => c.endsWith('NotifyConnectionStatus')).length, 1, 'notified once');
});

test('an unacknowledged notification is retried and, while refused, the connection never verifies', async (t) => {
  const peer = await fakePeer();
  peer.notifyStatus = 503;
  const s = await start();
  t.after(async () => { await s.server.close(); await peer.close(); });
  s.server.setPeer({ providerId: 'aws', baseUrl: peer.baseUrl });
  await s.call('POST', `${ixPath()}/connections?connectionId=u1`, { bandwidthMbps: 1000 });
  for (let n = 1; n <= 4; n += 1) await s.call('POST', `${conn}/features?featureId=f${n}`, featureBody(`channel${n}`, n));
  await s.call('POST', `${conn}/NotifyConnectionStatus`, {});
  assert.ok(await eventually(() => peer.calls.filter((c) => c.endsWith('NotifyConnectionStatus')).length >= 2));
  assert.equal((await s.call('GET', conn)).body['verificationState'], 'VERIFICATION_STATE_UNVERIFIED');
});

test('with 2 of 4 features final nothing is sent', async (t) => {
  const peer = await fakePeer();
  const s = await start();
  t.after(async () => { await s.server.close(); await peer.close(); });
  s.server.setPeer({ providerId: 'aws', baseUrl: peer.baseUrl });
  await s.call('POST', `${ixPath()}/connections?connectionId=u1`, { bandwidthMbps: 1000 });
  for (let n = 1; n <= 2; n += 1) await s.call('POST', `${conn}/features?featureId=f${n}`, featureBody(`channel${n}`, n));
  await new Promise((r) => setTimeout(r, 80));
  assert.deepEqual(peer.calls, []);
  assert.equal(s.server.local.readiness({ caller: 'aws', env: 'env1', ix: 'ix1', id: 'u1' })?.ready, false);
});

test('a failing peer never breaks the server', async (t) => {
  const s = await start();
  t.after(() => s.server.close());
  s.server.setPeer({ providerId: 'aws', baseUrl: 'http://127.0.0.1:1/unreachable' });
  await s.call('POST', `${ixPath()}/connections?connectionId=u1`, { bandwidthMbps: 1000 });
  for (let n = 1; n <= 4; n += 1) await s.call('POST', `${conn}/features?featureId=f${n}`, featureBody(`channel${n}`, n));
  assert.equal((await s.call('POST', `${conn}/NotifyConnectionStatus`, {})).status, 200);
  await new Promise((r) => setTimeout(r, 50));
  assert.equal((await s.call('GET', conn)).status, 200);
});
