import { test } from 'node:test';
import assert from 'node:assert/strict';
import { misspeltExclusions, overlapProblems, readBackDifferences, vlanRangeProblems } from '../steps/support/feature-checks.js';
import { commentText, issueDifferences, notEchoed, orderProblems, serverTimeProblem } from '../steps/support/issues.js';
import { referenceProblems, repeated, rootingProblems } from '../steps/support/names.js';

const NOW = Date.parse('2026-11-23T12:00:00Z');

test('a server time must be an RFC 3339 date-time within a day of the kit clock', () => {
  assert.equal(serverTimeProblem('2026-11-23T11:59:58.123Z', NOW), undefined);
  assert.equal(serverTimeProblem('2026-11-23T13:00:00+01:00', NOW), undefined);
  assert.match(serverTimeProblem(undefined, NOW) ?? '', /no createTime/);
  assert.match(serverTimeProblem('2026-11-23 12:00:00', NOW) ?? '', /not an RFC 3339/);
  assert.match(serverTimeProblem('2001-01-01T00:00:00Z', NOW) ?? '', /more than a day/);
});

test('an issue read back may change state but nothing else, and must repeat what was sent', () => {
  const filed = { name: 'providers/aws/issues/a', title: 't', state: 'STATE_OPEN', priority: 'PRIORITY_P3' };
  assert.deepEqual(issueDifferences(filed, { ...filed, state: 'STATE_IN_PROGRESS' }), []);
  assert.deepEqual(issueDifferences(filed, { name: 'providers/aws/issues/a', title: 't', state: 'STATE_OPEN' }), ['priority']);
  assert.deepEqual(notEchoed({ title: 't', body: 'b' }, { title: 't', body: 'other' }), ['body']);
});

test('comments must be newest first, equal createTimes in either order', () => {
  const c = (n: number, t = `2026-11-23T12:00:0${n}Z`): Record<string, unknown> => ({ body: commentText(n), createTime: t });
  assert.deepEqual(orderProblems([c(3), c(2), c(1)]), []);
  assert.deepEqual(orderProblems([c(1, 'same'), c(2, 'same')]), []);
  assert.deepEqual(orderProblems([c(1), c(2)]), ['comment #1 is listed before the newer #2']);
  assert.deepEqual(orderProblems([{ body: 'someone else' }, c(2), c(1)]), []);
});

test('names are judged for rooting only when they start with a provider segment', () => {
  const body = { name: 'providers/aws/environments/e', items: [{ name: 'providers/ref/environments/e/interconnects/i' }, { name: 'environments/x' }] };
  assert.deepEqual(rootingProblems(body, 'aws'), ['providers/ref/environments/e/interconnects/i is rooted at ref, not at the caller aws']);
  assert.deepEqual(rootingProblems({ name: 'providers/aws' }, 'aws'), []);
});

test('references must name providers and channels in full', () => {
  const good = { macsecManagerProvider: 'providers/aws', providerSites: [{ providerId: 'providers/ref' }], channel: 'providers/aws/environments/e/interconnects/i/channels/c' };
  assert.deepEqual(referenceProblems(good), []);
  assert.deepEqual(referenceProblems({ featureConfig: { l3BaseConfig: { providerBgpConfigs: [{ provider: 'aws' }] } }, channel: 'c1' }), [
    'featureConfig.l3BaseConfig.providerBgpConfigs[0].provider "aws" is not providers/{provider}',
    'channel "c1" is not a full channel name',
  ]);
  assert.deepEqual(repeated([50, 100, 50]), [50]);
  assert.deepEqual(repeated('not a list'), []);
});

test('guidance lists are checked for VLAN bounds, overlaps and the misspelt exclusion key', () => {
  assert.deepEqual(vlanRangeProblems({ vlanRanges: [{ start: 1025, stop: 4094 }, { start: 1000, stop: 1100 }] }), ['VLAN range 1000-1100']);
  assert.deepEqual(overlapProblems({ mtuRanges: [{ start: 1500, stop: 8500 }, { start: 9000, stop: 9100 }], asnRanges: [{ start: 1, stop: 10 }, { start: 10, stop: 20 }] }), ['ASN ranges 1-10 and 10-20 overlap']);
  assert.deepEqual(overlapProblems({ ipv4SubnetGuidance: [{ includeSubnet: '169.254.0.0/16' }, { includeSubnet: '169.254.8.0/24' }] }), ['IPv4 include subnets 169.254.0.0/16 and 169.254.8.0/24 overlap']);
  assert.equal(misspeltExclusions({ ipv4SubnetGuidance: [{ includeSubnet: '10.0.0.0/8', excludeSubnet: ['10.1.0.0/16'] }] }).length, 1);
  assert.deepEqual(misspeltExclusions({ ipv4SubnetGuidance: [{ includeSubnet: '10.0.0.0/8', excludeSubnets: [] }] }), []);
});

test('a feature read back must hold the proposal, subnets compared as networks and providers with or without prefix', () => {
  const proposed = {
    ipv4Subnet: '169.254.1.0', ipv4SubnetPrefixLength: 30, mtuBytes: 8500, vlanId: 1025, md5BgpPassword: 'secret',
    providerBgpConfigs: [{ provider: 'providers/aws', asn: 64512, hostIpv4: '169.254.1.1' }],
  };
  const same = { ipv4Subnet: '169.254.1.0/30', ipv4SubnetPrefixLength: 30, mtuBytes: 8500, vlanId: 1025, providerBgpConfigs: [{ provider: 'aws', asn: 64512, hostIpv4: '169.254.1.1' }] };
  assert.deepEqual(readBackDifferences(proposed, same), []);
  assert.deepEqual(readBackDifferences(proposed, { ...same, mtuBytes: 1500, providerBgpConfigs: [] }), ['mtuBytes', 'BGP config of providers/aws']);
});
