import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeActivationKey } from '../checks/index.js';
import { isCtkError } from '../errors/index.js';
import { createReferencePartner, serveReference, type ReferencePartner } from './partner.js';
import { api, ENV, eventually, fakePeer, hook, ix, referenceFeature } from './fixture.test-support.js';

async function partner(faults: string[] = []): Promise<ReferencePartner> {
  return createReferencePartner({ faults });
}

test('the partner serves its API and hooks on one loopback port with the documented topology', async (t) => {
  const p = await partner();
  t.after(() => p.close());
  assert.match(p.baseUrl, /^http:\/\/127\.0\.0\.1:\d+\/cc\/v1$/);
  assert.equal(p.hooksUrl, p.baseUrl.replace('/cc/v1', '/ctk-hooks'));
  assert.deepEqual([p.providerId, p.accountId], ['refcloud', 'ref-customer-1']);
  const env = await api(p, 'GET', ENV);
  assert.deepEqual((env.body['providerSites'] as { providerId: string }[]).map((s) => s.providerId), ['providers/refcloud', 'providers/aws']);
  const ixs = (await api(p, 'GET', `${ENV}/interconnects`)).body['interconnects'] as { name: string; state: string; maxBandwidthMbps: number }[];
  assert.deepEqual(ixs.map((i) => [i.name.split('/').pop(), i.state, i.maxBandwidthMbps]), [['ix1', 'INTERCONNECT_STATE_ACTIVE', 10000], ['ix2', 'INTERCONNECT_STATE_ACTIVE', 10000]]);
  const channels = (await api(p, 'GET', `${ix()}/channels`)).body['channels'] as Record<string, string>[];
  assert.equal(new Set(channels.map((c) => c['obfuscatedDeviceId'])).size, 4);
  assert.equal(new Set(channels.map((c) => String(c['demarc']).split(':')[0])).size, 2);
  assert.deepEqual(channels.map((c) => c['macsecManagerProvider']), ['providers/aws', 'providers/refcloud', 'providers/aws', 'providers/refcloud']);
  const ix2Devices = ((await api(p, 'GET', `${ix('ix2')}/channels`)).body['channels'] as Record<string, string>[]).map((c) => c['obfuscatedDeviceId']);
  assert.deepEqual(ix2Devices, channels.map((c) => c['obfuscatedDeviceId']), 'ix1 and ix2 share one device group');
  assert.equal((await hook(p, 'GET', '/nothing')).status, 404);
});

test('an unknown fault name is a CTK_ERR_FAULT_UNKNOWN user error', async () => {
  await assert.rejects(createReferencePartner({ faults: ['no-such-fault'] }), (err: unknown) => isCtkError(err) && err.code === 'CTK_ERR_FAULT_UNKNOWN');
});

test('PUT /peer proves reachability with GetProvider: 204 when the peer answers, 502 with a reason when not', async (t) => {
  const p = await partner();
  const peer = await fakePeer();
  t.after(async () => { await p.close(); await peer.close(); });
  assert.equal((await hook(p, 'PUT', '/peer', { providerId: 'kit', baseUrl: peer.baseUrl })).status, 204);
  assert.deepEqual(peer.calls, ['GET /providers/refcloud']);
  assert.equal((await api(p, 'GET', '/providers/kit/environments')).status, 200, 'the registered provider may call');
  const bad = await hook(p, 'PUT', '/peer', { providerId: 'kit', baseUrl: 'http://127.0.0.1:1/nowhere' });
  assert.equal(bad.status, 502);
  assert.equal(typeof bad.body['reason'], 'string');
  assert.equal((await hook(p, 'PUT', '/peer', { providerId: 3 })).status, 400);
});

test('POST /activation-keys issues base64 keys and refuses what the environment cannot provide', async (t) => {
  const p = await partner();
  t.after(() => p.close());
  const issued = await hook(p, 'POST', '/activation-keys', { environment: 'aws-ref-us-east', bandwidthMbps: 1000, remoteAccountId: '111122223333' });
  assert.equal(issued.status, 201);
  const decoded = decodeActivationKey(String(issued.body['activationKey']));
  assert.ok(decoded.ok);
  assert.deepEqual([decoded.key.destinationEnvironmentUri, decoded.key.connectionSizeMbps, decoded.key.destinationAccountId, decoded.key.version], [
    'providers/aws/environments/aws-ref-us-east', 1000, '111122223333', 1,
  ]);
  for (const [body, why] of [
    [{ environment: 'nowhere', bandwidthMbps: 1000, remoteAccountId: 'a' }, 'unknown environment'],
    [{ environment: 'aws-ref-us-east', bandwidthMbps: 123, remoteAccountId: 'a' }, 'unsupported size'],
    [{ environment: 'aws-ref-us-east', bandwidthMbps: 1000 }, 'missing account'],
  ] as const) {
    const refused = await hook(p, 'POST', '/activation-keys', body);
    assert.equal(refused.status, 400, why);
    assert.equal(typeof refused.body['reason'], 'string');
  }
  for (const i of ['ix1', 'ix2']) await api(p, 'POST', `${ix(i)}/connections?connectionId=full-${i}`, { bandwidthMbps: 10000 });
  assert.equal((await hook(p, 'POST', '/activation-keys', { environment: 'aws-ref-us-east', bandwidthMbps: 50, remoteAccountId: 'a' })).status, 400, 'no room');
});

test('a key issued by the hook is confirmed, used by a connection whose 4 features become FINAL, notified, and VERIFIED after the peer notifies', async (t) => {
  const p = await partner();
  const peer = await fakePeer();
  t.after(async () => { await p.close(); await peer.close(); });
  assert.equal((await hook(p, 'PUT', '/peer', { providerId: 'aws', baseUrl: peer.baseUrl })).status, 204);
  const key = String((await hook(p, 'POST', '/activation-keys', { environment: 'aws-ref-us-east', bandwidthMbps: 1000, remoteAccountId: '111122223333' })).body['activationKey']);
  const decoded = decodeActivationKey(key);
  assert.ok(decoded.ok);
  const uuid = decoded.key.sharedConnectionUuid;
  assert.equal((await api(p, 'POST', `${ENV}/ConfirmActivationKey`, { encodedKey: key })).body['keyValid'], true);
  assert.equal((await api(p, 'POST', `${ix()}/connections?connectionId=${uuid}`, { bandwidthMbps: 1000, activationKey: key })).status, 200);
  const conn = `${ix()}/connections/${uuid}`;
  const guidance = (await api(p, 'POST', `${conn}/GenerateFeatureGuidance`, {})).body['featureGuidance'] as unknown[];
  assert.equal(guidance.length, 4);
  for (let n = 1; n <= 4; n += 1) {
    const res = await api(p, 'POST', `${conn}/features?featureId=f${n}`, referenceFeature(`channel${n}`, n));
    assert.equal(res.status, 200, JSON.stringify(res.body));
  }
  assert.ok(await eventually(async () => ((await api(p, 'GET', `${conn}/features`)).body['features'] as { provisioningState: string }[]).every((f) => f.provisioningState === 'PROVISIONING_STATE_FINAL')));
  const notify = `POST /providers/refcloud/environments/aws-ref-us-east/interconnects/ix1/connections/${uuid}/NotifyConnectionStatus`;
  assert.ok(await eventually(() => peer.calls.includes(notify)), 'the reference notifies the peer');
  assert.equal((await api(p, 'GET', conn)).body['verificationState'], 'VERIFICATION_STATE_UNVERIFIED');
  assert.equal((await api(p, 'POST', `${conn}/NotifyConnectionStatus`, {})).status, 200);
  const reread = `GET /providers/refcloud/environments/aws-ref-us-east/interconnects/ix1/connections/${uuid}`;
  assert.ok(await eventually(() => peer.calls.includes(reread)), 'the reference re-reads the connection from the peer');
  assert.equal((await api(p, 'GET', conn)).body['verificationState'], 'VERIFICATION_STATE_VERIFIED');
  assert.equal((await api(p, 'POST', `${ENV}/ConfirmActivationKey`, { encodedKey: key })).body['keyValid'], false, 'a used key is not confirmed again');
});

test('serveReference starts the partner with the named faults and prints nothing', async (t) => {
  const p = await serveReference({ faults: ['wrong-type'] });
  t.after(() => p.close());
  assert.deepEqual(p.faults, ['wrong-type']);
  assert.equal(typeof (await api(p, 'GET', `${ix()}/channels/channel1`)).body['aggregateChannelSizeGbps'], 'string');
});
