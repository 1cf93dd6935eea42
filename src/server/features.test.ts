import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, featureBody, ixPath, start } from './fixture.test-support.js';

const conn = `${ixPath()}/connections/u1`;

test('guidance has one L3 entry per channel with its admin state', async (t) => {
  const s = await start();
  t.after(() => s.server.close());
  await s.call('POST', `${ixPath()}/connections?connectionId=u1`, { bandwidthMbps: 1000 });
  const g = await s.call('POST', `${conn}/GenerateFeatureGuidance`, {});
  const list = g.body['featureGuidance'] as Record<string, unknown>[];
  assert.equal(list.length, 4);
  assert.deepEqual(list.map((e) => [e['featureType'], e['channelAdminState']])[0], ['FEATURE_TYPE_L3_BASE', 'ADMIN_STATE_ENABLED']);
  assert.equal(list[3]?.['channel'], 'providers/aws/environments/env1/interconnects/ix1/channels/channel4');
  assert.equal((await s.call('POST', `${ixPath()}/connections/none/GenerateFeatureGuidance`, {})).status, 404);
});

test('features that follow the guidance are accepted PENDING and become FINAL', async (t) => {
  const s = await start();
  t.after(() => s.server.close());
  await s.call('POST', `${ixPath()}/connections?connectionId=u1`, { bandwidthMbps: 1000 });
  for (let n = 1; n <= 4; n += 1) {
    const res = await s.call('POST', `${conn}/features?featureId=f${n}`, featureBody(`channel${n}`, n));
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body['provisioningState'], 'PROVISIONING_STATE_PENDING');
  }
  assert.ok(await eventually(async () => {
    const list = (await s.call('GET', `${conn}/features`)).body['features'] as { provisioningState: string }[];
    return list.length === 4 && list.every((f) => f.provisioningState === 'PROVISIONING_STATE_FINAL');
  }));
  const one = await s.call('GET', `${conn}/features/f1`);
  assert.equal(one.body['channel'], 'providers/aws/environments/env1/interconnects/ix1/channels/channel1');
});

test('proposals outside the guidance are 400, conflicts are 409', async (t) => {
  const s = await start();
  t.after(() => s.server.close());
  await s.call('POST', `${ixPath()}/connections?connectionId=u1`, { bandwidthMbps: 1000 });
  await s.call('POST', `${ixPath()}/connections?connectionId=u2`, { bandwidthMbps: 1000 });
  const cases: [Record<string, unknown>, string][] = [
    [{ vlanId: 1024 }, 'vlan'], [{ ipv4Subnet: '10.0.0.0' }, 'include'], [{ ipv4Subnet: '169.254.0.4' }, 'exclude'],
    [{ ipv4SubnetPrefixLength: 28, ipv4Subnet: '169.254.1.0' }, 'prefix'], [{ mtuBytes: 9000 }, 'mtu'], [{ ipv4Subnet: '169.254.1.1' }, 'mask'],
  ];
  for (const [override, label] of cases) {
    assert.equal((await s.call('POST', `${conn}/features?featureId=bad`, featureBody('channel1', 1, override))).status, 400, label);
  }
  assert.equal((await s.call('POST', `${conn}/features?featureId=x`, featureBody('channel9', 1))).status, 400, 'unknown channel');
  assert.equal((await s.call('POST', `${conn}/features?featureId=x`, featureBody('channel1', 1, {}, 'ix2'))).status, 400, 'channel of another interconnect');
  assert.equal((await s.call('POST', `${conn}/features`, featureBody('channel1', 1))).status, 400, 'featureId required');
  assert.equal((await s.call('POST', `${conn}/features?featureId=f1`, featureBody('channel1', 1))).status, 200);
  assert.equal((await s.call('POST', `${conn}/features?featureId=f1`, featureBody('channel2', 2))).status, 409, 'duplicate id');
  assert.equal((await s.call('POST', `${conn}/features?featureId=f2`, featureBody('channel1', 2))).status, 409, 'second L3 on the channel');
  const other = `${ixPath()}/connections/u2`;
  assert.equal((await s.call('POST', `${other}/features?featureId=g1`, featureBody('channel2', 1, { vlanId: 1200 }))).status, 409, 'subnet in use');
  assert.equal((await s.call('POST', `${other}/features?featureId=g1`, featureBody('channel1', 7, { vlanId: 1101 }))).status, 409, 'VLAN in use on the channel');
  assert.equal((await s.call('POST', `${other}/features?featureId=g1`, featureBody('channel1', 7))).status, 200);
});

test('concurrent proposals of the same subnet reserve one after the other: exactly one wins', async (t) => {
  const s = await start();
  t.after(() => s.server.close());
  await s.call('POST', `${ixPath()}/connections?connectionId=u1`, { bandwidthMbps: 1000 });
  const results = await Promise.all([1, 2, 3, 4].map((n) => s.call('POST', `${conn}/features?featureId=f${n}`, featureBody(`channel${n}`, 5, { vlanId: 1100 + n }))));
  assert.deepEqual(results.map((r) => r.status).sort(), [200, 409, 409, 409]);
});

test('DeleteFeature removes one feature; unknown features are 404', async (t) => {
  const s = await start();
  t.after(() => s.server.close());
  await s.call('POST', `${ixPath()}/connections?connectionId=u1`, { bandwidthMbps: 1000 });
  await s.call('POST', `${conn}/features?featureId=f1`, featureBody('channel1', 1));
  assert.equal((await s.call('DELETE', `${conn}/features/f1`)).status, 200);
  assert.equal((await s.call('GET', `${conn}/features/f1`)).status, 404);
  assert.equal((await s.call('DELETE', `${conn}/features/f1`)).status, 404);
});
