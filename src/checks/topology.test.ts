import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assessResiliency, bareProviderId, channelTable, deviceGroupFindings, disabledChannels, facilityOf, interconnectFindings, looksLikeRawDevice,
  providerSiteFindings, providerSitesTable, readinessThreshold, type TopologyEnvironmentInput, type TopologyInterconnectInput, type TopologyRequirementId,
} from './topology.js';

type Channel = Record<string, unknown>;

function ch(n: number, over: Channel = {}): { id: string; resource: Channel } {
  return {
    id: `channel${n}`,
    resource: {
      obfuscatedDeviceId: `dev-${n}`, demarc: `FAC-${n <= 2 ? 'A' : 'B'}:cage-1:panel-${n}`, aggregateChannelSizeGbps: 200,
      channelMemberSizeGbps: 100, macsecManagerProvider: n % 2 === 1 ? 'providers/aws' : 'providers/acme', adminState: 'ADMIN_STATE_ENABLED', ...over,
    },
  };
}

function ix(id: string, channels = [1, 2, 3, 4].map((n) => ch(n)), over: Channel = {}): TopologyInterconnectInput {
  return { id, channels, resource: { state: 'INTERCONNECT_STATE_ACTIVE', maxBandwidthMbps: 10000, supportedConnectionSizeMbps: [50, 100, 1000], supportedFeatures: ['FEATURE_TYPE_L3_BASE'], ...over } };
}

function env(interconnects: TopologyInterconnectInput[], over: Channel = {}): TopologyEnvironmentInput {
  return {
    id: 'east', interconnects,
    resource: {
      supportedConnectionSizeMbps: [50, 1000], supportedFeatures: ['FEATURE_TYPE_L3_BASE'],
      providerSites: [{ providerId: 'providers/acme', site: 's1' }, { providerId: 'providers/aws', site: 'us-east-1' }], ...over,
    },
  };
}

const WHO = { candidateProviderId: 'acme', kitProviderId: 'aws' };

function ids(e: TopologyEnvironmentInput, i: TopologyInterconnectInput): TopologyRequirementId[] {
  return [...new Set(interconnectFindings(e, i).map((f) => f.requirementId))];
}

test('a clean topology of two interconnects on the same four devices has no finding', () => {
  const a = assessResiliency([env([ix('ix1'), ix('ix2')])], WHO);
  assert.deepEqual(a.findings, []);
  assert.deepEqual(a.assessed, ['east/ix1', 'east/ix2']);
  assert.equal(a.tables.size, 2);
  assert.deepEqual(a.deviceGroups.rows, [['east/ix1', 'dev-1, dev-2, dev-3, dev-4', 'east/ix2'], ['east/ix2', 'dev-1, dev-2, dev-3, dev-4', 'east/ix1']]);
});

test('three channels fail the minimum and the exact count, five fail only the exact count', () => {
  const three = ix('ix1', [1, 2, 3].map((n) => ch(n)));
  assert.deepEqual(ids(env([three]), three), ['CC-RES-001', 'CC-RES-002']);
  const five = ix('ix1', [1, 2, 3, 4, 5].map((n) => ch(n)));
  assert.deepEqual(ids(env([five]), five), ['CC-RES-002']);
});

test('two channels on one device are reported with both channel names', () => {
  const i = ix('ix1', [ch(1), ch(2, { obfuscatedDeviceId: 'dev-1' }), ch(3), ch(4)]);
  const f = interconnectFindings(env([i]), i);
  assert.deepEqual(f.map((x) => x.requirementId), ['CC-RES-003']);
  assert.match(f[0]!.detail, /channel1, channel2 share device dev-1/);
});

test('a channel without a device id fails CC-RES-004 and is not counted as a duplicate', () => {
  const i = ix('ix1', [ch(1), ch(2, { obfuscatedDeviceId: '' }), ch(3, { obfuscatedDeviceId: undefined }), ch(4)]);
  assert.deepEqual(ids(env([i]), i), ['CC-RES-004']);
});

test('device ids that read as addresses or host names are flagged as advisories', () => {
  for (const raw of ['10.0.0.1', '2001:db8::1', '00:1a:2b:3c:4d:5e', '001a.2b3c.4d5e', 'rtr1.iad3.example.net']) assert.equal(looksLikeRawDevice(raw), true, raw);
  for (const opaque of ['dev-1', 'a9f3c2e1', 'ref-dev-01', '42']) assert.equal(looksLikeRawDevice(opaque), false, opaque);
  const i = ix('ix1', [ch(1, { obfuscatedDeviceId: '192.0.2.7' }), ch(2), ch(3), ch(4)]);
  assert.deepEqual(ids(env([i]), i), ['CC-RES-005']);
});

test('every channel in one facility fails CC-RES-006 while distinct demarcs still pass CC-RES-007', () => {
  const i = ix('ix1', [1, 2, 3, 4].map((n) => ch(n, { demarc: `FAC-A:cage-1:panel-${n}` })));
  const f = interconnectFindings(env([i]), i);
  assert.deepEqual(f.map((x) => x.requirementId), ['CC-RES-006']);
  assert.match(f[0]!.detail, /every channel is in facility fac-a/);
});

test('the facility is the demarc text before the first separator, or the whole demarc', () => {
  assert.equal(facilityOf('EQX-DC6:01:012345'), 'eqx-dc6');
  assert.equal(facilityOf('NY5/cage 12'), 'ny5');
  assert.equal(facilityOf('LOA-778812'), 'loa-778812');
});

test('a shared or missing demarc fails CC-RES-007', () => {
  const i = ix('ix1', [ch(1), ch(2, { demarc: 'FAC-A:cage-1:panel-1' }), ch(3), ch(4, { demarc: undefined })]);
  const f = interconnectFindings(env([i]), i).filter((x) => x.requirementId === 'CC-RES-007');
  assert.equal(f.length, 2);
});

test('uneven channel capacity fails CC-RES-008, a 10G member fails CC-RES-009', () => {
  const uneven = ix('ix1', [ch(1), ch(2), ch(3), ch(4, { aggregateChannelSizeGbps: 100 })]);
  assert.deepEqual(ids(env([uneven]), uneven), ['CC-RES-008']);
  const odd = ix('ix1', [1, 2, 3, 4].map((n) => ch(n, { aggregateChannelSizeGbps: 250 })));
  assert.match(interconnectFindings(env([odd]), odd)[0]!.detail, /not a whole number of 100 Gbps members/);
  const tens = ix('ix1', [1, 2, 3, 4].map((n) => ch(n, { aggregateChannelSizeGbps: 40, channelMemberSizeGbps: 10 })));
  assert.deepEqual(ids(env([tens]), tens), ['CC-RES-009']);
});

test('maxBandwidthMbps above the smallest channel aggregate, zero or absent fails CC-RES-010', () => {
  const over = ix('ix1', undefined, { maxBandwidthMbps: 200001 });
  assert.deepEqual(ids(env([over]), over), ['CC-RES-010']);
  const exact = ix('ix1', undefined, { maxBandwidthMbps: 200000 });
  assert.deepEqual(ids(env([exact]), exact), []);
  const absent = ix('ix1', undefined, { maxBandwidthMbps: undefined });
  assert.match(interconnectFindings(env([absent]), absent)[0]!.detail, /maxBandwidthMbps is not set/);
});

test('an interconnect lacking a size or a feature of its environment fails CC-RES-011 or CC-RES-012', () => {
  const sizes = ix('ix1', undefined, { supportedConnectionSizeMbps: [50, 100] });
  const f = interconnectFindings(env([sizes]), sizes);
  assert.deepEqual(f.map((x) => x.requirementId), ['CC-RES-011']);
  assert.match(f[0]!.detail, /does not offer 1000 Mbps/);
  const feats = ix('ix1', undefined, { supportedFeatures: [] });
  assert.deepEqual(ids(env([feats]), feats), ['CC-RES-012']);
});

test('providerSites must name exactly the candidate and the kit, with or without the providers/ prefix', () => {
  assert.deepEqual(providerSiteFindings(env([]), WHO), []);
  const bare = env([], { providerSites: [{ providerId: 'aws' }, { providerId: 'acme' }] });
  assert.deepEqual(providerSiteFindings(bare, { candidateProviderId: 'providers/acme', kitProviderId: 'aws' }), []);
  const wrong = env([], { providerSites: [{ providerId: 'providers/acme' }, { providerId: 'providers/gcp' }] });
  assert.match(providerSiteFindings(wrong, WHO)[0]!.detail, /\[acme, gcp\], expected exactly \[acme, aws\]/);
  const three = env([], { providerSites: [{ providerId: 'acme' }, { providerId: 'aws' }, { providerId: 'aws' }] });
  assert.equal(providerSiteFindings(three, WHO).length, 1);
  assert.equal(providerSiteFindings(env([], { providerSites: undefined }), WHO).length, 1);
  assert.equal(bareProviderId('providers/x'), 'x');
});

test('interconnects overlapping on some devices break the grouping rule, disjoint ones do not', () => {
  const shifted = ix('ix2', [ch(1), ch(2), ch(3), ch(4, { obfuscatedDeviceId: 'dev-9' })]);
  const g = deviceGroupFindings([env([ix('ix1'), shifted])]);
  assert.equal(g.findings.length, 1);
  assert.match(g.findings[0]!.detail, /east\/ix1 and east\/ix2 share devices dev-1, dev-2, dev-3 but not all of them/);
  const disjoint = ix('ix2', [5, 6, 7, 8].map((n) => ch(n)));
  assert.deepEqual(deviceGroupFindings([env([ix('ix1'), disjoint])]).findings, []);
});

test('the grouping rule also holds across environments', () => {
  const other: TopologyEnvironmentInput = { ...env([ix('ix9', [ch(1), ch(5), ch(6), ch(7)])]), id: 'west' };
  const g = deviceGroupFindings([env([ix('ix1')]), other]);
  assert.match(g.findings[0]?.detail ?? '', /east\/ix1 and west\/ix9 share devices dev-1/);
});

test('the channel table shows channel, device, facility, demarc, capacity and MACsec manager', () => {
  const t = channelTable('east', ix('ix1'));
  assert.deepEqual(t.columns, ['channel', 'device', 'facility', 'demarc', 'capacity', 'macsec manager']);
  assert.deepEqual(t.rows[0], ['channel1', 'dev-1', 'fac-a', 'FAC-A:cage-1:panel-1', '200 Gbps (2 x 100 Gbps)', 'providers/aws']);
  assert.match(t.title, /east\/ix1 \(ACTIVE, maxBandwidthMbps 10000\): 4 channel/);
});

test('pending interconnects are left out of the resiliency checks', () => {
  const pending = ix('ix3', [ch(1)], { state: 'INTERCONNECT_STATE_PENDING' });
  const a = assessResiliency([env([ix('ix1'), pending])], WHO);
  assert.deepEqual(a.leftOut, ['east/ix3 (PENDING)']);
  assert.equal(a.findings.filter((f) => f.requirementId.startsWith('CC-RES')).length, 0);
});

test('readiness needs 3 of 4 channels and three quarters otherwise', () => {
  assert.deepEqual([4, 5, 6, 8, 2].map(readinessThreshold), [3, 4, 5, 6, 2]);
});

test('disabled channels are listed by full path', () => {
  const i = ix('ix1', [ch(1, { adminState: 'ADMIN_STATE_DISABLED' }), ch(2)]);
  assert.deepEqual(disabledChannels([env([i])]), ['east/ix1/channel1']);
});

test('the providerSites table lists every entry of every environment', () => {
  const t = providerSitesTable([env([]), { ...env([], { providerSites: [] }), id: 'west' }]);
  assert.deepEqual(t.rows, [['east', 'providers/acme', 's1', '(none)'], ['east', 'providers/aws', 'us-east-1', '(none)'], ['west', '(no providerSites)', '', '']]);
});
