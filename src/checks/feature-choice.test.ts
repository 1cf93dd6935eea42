import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseFeatureParameters, firstFreeSubnet, intersectRanges } from './feature-choice.js';
import { checkFeatureAgainstGuidance, subnetsOf } from './guidance.js';
import { parseCidr } from './cidr.js';
import type { L3BaseGuidance } from './model.js';

const mine: L3BaseGuidance = {
  asnRanges: [{ start: 64512, stop: 64512 }],
  ipv4SubnetGuidance: [{ includeSubnet: '169.254.0.0/16', excludeSubnets: ['169.254.0.0/24'] }],
  ipv4AllowedSubnetPrefixLengths: [29, 30],
  vlanRanges: [{ start: 1025, stop: 4094 }],
  mtuRanges: [{ start: 1500, stop: 9001 }],
};
const theirs: L3BaseGuidance = {
  asnRanges: [{ start: 64600, stop: 64610 }],
  ipv4SubnetGuidance: [{ includeSubnet: '169.254.0.0/17', excludeSubnets: ['169.254.1.0/24'] }],
  ipv6SubnetGuidance: [{ includeSubnet: 'fd00:2::/64' }],
  ipv4AllowedSubnetPrefixLengths: [30, 31],
  ipv6AllowedSubnetPrefixLengths: [126, 127],
  vlanRanges: [{ start: 2000, stop: 2100 }],
  mtuRanges: [{ start: 1500, stop: 8500 }],
};
const who = { negotiatorProvider: 'aws', responderProvider: 'refcloud' };

test('the proposal follows both guidances: common VLAN, highest common MTU, common prefix, responder ASN', () => {
  const choice = chooseFeatureParameters(mine, theirs, {}, who);
  assert.ok(choice.ok);
  const c = choice.config;
  assert.equal(c.vlanId, 2000);
  assert.equal(c.mtuBytes, 8500);
  assert.equal(c.ipv4SubnetPrefixLength, 30);
  assert.equal(c.ipv4Subnet, '169.254.2.0', 'skips both exclusions');
  assert.equal(c.ipv6Subnet, 'fd00:2::');
  assert.deepEqual(c.providerBgpConfigs?.map((b) => [b.provider, b.asn, b.hostIpv4]), [
    ['providers/aws', 64512, '169.254.2.1'],
    ['providers/refcloud', 64600, '169.254.2.2'],
  ]);
  assert.deepEqual(checkFeatureAgainstGuidance(c, theirs, [], { responderProvider: 'providers/refcloud' }), []);
  assert.deepEqual(checkFeatureAgainstGuidance(c, mine, [], { responderProvider: 'providers/aws' }), [], 'also follows the negotiator\'s own guidance');
});

test('used subnets and VLANs are avoided', () => {
  const first = chooseFeatureParameters(mine, theirs, {}, who);
  assert.ok(first.ok);
  const second = chooseFeatureParameters(mine, theirs, { subnets: subnetsOf(first.config), vlans: [2000] }, who);
  assert.ok(second.ok);
  assert.equal(second.config.vlanId, 2001);
  assert.equal(second.config.ipv4Subnet, '169.254.2.4');
  assert.deepEqual(checkFeatureAgainstGuidance(second.config, theirs, subnetsOf(first.config)), []);
});

test('a preferred subnet of the responder is taken when it is free and allowed', () => {
  const withPreferred = { ...theirs, ipv4SubnetGuidance: [{ includeSubnet: '169.254.0.0/17', preferredSubnet: '169.254.100.8/30' }] };
  const choice = chooseFeatureParameters(mine, withPreferred, {}, who);
  assert.ok(choice.ok && choice.config.ipv4Subnet === '169.254.100.8');
});

test('disjoint guidance yields a reason instead of a proposal', () => {
  const noVlan = chooseFeatureParameters(mine, { ...theirs, vlanRanges: [{ start: 100, stop: 200 }] }, {}, who);
  assert.equal(noVlan.ok, false);
  const noMtu = chooseFeatureParameters({ ...mine, mtuRanges: [{ start: 9000, stop: 9001 }] }, theirs, {}, who);
  assert.equal(noMtu.ok, false);
  const noPrefix = chooseFeatureParameters({ ...mine, ipv4AllowedSubnetPrefixLengths: [29] }, theirs, {}, who);
  assert.equal(noPrefix.ok, false);
});

test('intersectRanges treats an empty list as unrestricted', () => {
  assert.deepEqual(intersectRanges([], [{ start: 1, stop: 2 }]), [{ start: 1, stop: 2 }]);
  assert.deepEqual(intersectRanges([{ start: 1, stop: 10 }], [{ start: 5, stop: 20 }]), [{ start: 5, stop: 10 }]);
  assert.deepEqual(intersectRanges([{ start: 1, stop: 4 }], [{ start: 5, stop: 20 }]), []);
});

test('firstFreeSubnet jumps over blockers and reports a full block', () => {
  const block = parseCidr('10.0.0.0/29');
  const blocker = parseCidr('10.0.0.0/30');
  assert.ok(block.ok && blocker.ok);
  assert.equal(firstFreeSubnet(block.cidr, 30, [blocker.cidr])?.text, '10.0.0.4/30');
  assert.equal(firstFreeSubnet(block.cidr, 29, [blocker.cidr]), undefined);
});
