import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { faultSet } from './faults.js';
import { eventually, featureBody, ixPath, start, wait, type Started } from './fixture.test-support.js';

async function recordingPeer(): Promise<{ baseUrl: string; calls: string[]; close(): Promise<void> }> {
  const calls: string[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    req.on('end', () => {
      calls.push(`${req.method} ${req.url}`);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/peer/v1`,
    calls,
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

const conn = `${ixPath()}/connections/u1`;
const peerConn = '/peer/v1/providers/test/environments/env1/interconnects/ix1/connections/u1';

async function verifiedWithThree(s: Started, calls: string[]): Promise<void> {
  await s.call('POST', `${ixPath()}/connections?connectionId=u1`, { bandwidthMbps: 1000 });
  for (let n = 1; n <= 3; n += 1) await s.call('POST', `${conn}/features?featureId=f${n}`, featureBody(`channel${n}`, n));
  assert.ok(await eventually(() => calls.includes(`POST ${peerConn}/NotifyConnectionStatus`)));
  await s.call('POST', `${conn}/NotifyConnectionStatus`, {});
  assert.ok(await eventually(async () => (await s.call('GET', conn)).body['verificationState'] === 'VERIFICATION_STATE_VERIFIED'));
}

test('after the peer\'s notification the connection and its features are re-read from the peer', async (t) => {
  const peer = await recordingPeer();
  const s = await start();
  t.after(async () => { await s.server.close(); await peer.close(); });
  s.server.setPeer({ providerId: 'aws', baseUrl: peer.baseUrl });
  await verifiedWithThree(s, peer.calls);
  assert.ok(await eventually(() => peer.calls.includes(`GET ${peerConn}`) && peer.calls.includes(`GET ${peerConn}/features`)));
});

test('a feature added to a verified connection is announced while pending and again once final', async (t) => {
  const peer = await recordingPeer();
  const s = await start();
  t.after(async () => { await s.server.close(); await peer.close(); });
  s.server.setPeer({ providerId: 'aws', baseUrl: peer.baseUrl });
  await verifiedWithThree(s, peer.calls);
  const notifies = (): number => peer.calls.filter((c) => c.endsWith('/NotifyConnectionStatus')).length;
  assert.equal(notifies(), 1);
  assert.equal((await s.call('POST', `${conn}/features?featureId=f4`, featureBody('channel4', 4))).status, 200);
  assert.ok(await eventually(() => notifies() === 3), `notifications: ${notifies()}`);
  await wait(60);
  assert.equal(notifies(), 3, 'nothing more once final');
});

test('under no-renotify-on-feature-change and no-feature-refresh-on-notify neither happens', async (t) => {
  const peer = await recordingPeer();
  const s = await start({ faults: faultSet(['no-renotify-on-feature-change', 'no-feature-refresh-on-notify']) });
  t.after(async () => { await s.server.close(); await peer.close(); });
  s.server.setPeer({ providerId: 'aws', baseUrl: peer.baseUrl });
  await verifiedWithThree(s, peer.calls);
  await s.call('POST', `${conn}/features?featureId=f4`, featureBody('channel4', 4));
  await wait(80);
  assert.equal(peer.calls.filter((c) => c.endsWith('/NotifyConnectionStatus')).length, 1);
  assert.ok(!peer.calls.includes(`GET ${peerConn}/features`));
});
