import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkFeatureAgainstGuidance, subnetsOf, type GuidanceRule } from './guidance.js';
import type { L3BaseConfig, L3BaseGuidance } from './model.js';

const guidance: L3BaseGuidance = {
  asnRanges: [{ start: 64600, stop: 64610 }],
  ipv4SubnetGuidance: [{ includeSubnet: '169.254.0.0/16', excludeSubnets: ['169.254.0.0/24'] }],
  ipv6SubnetGuidance: [{ includeSubnet: 'fd00:1::/64', excludeSubnets: [] }],
  ipv4AllowedSubnetPrefixLengths: [29, 30],
  ipv6AllowedSubnetPrefixLengths: [126, 127],
  vlanRanges: [{ start: 1025, stop: 2000 }],
  mtuRanges: [{ start: 1500, stop: 8500 }],
};

const valid: L3BaseConfig = {
  ipv4Subnet: '169.254.10.0',
  ipv4SubnetPrefixLength: 30,
  ipv6Subnet: 'fd00:1::',
  ipv6SubnetPrefixLength: 126,
  mtuBytes: 8500,
  vlanId: 1100,
  providerBgpConfigs: [
    { provider: 'providers/aws', asn: 64512, hostIpv4: '169.254.10.1' },
    { provider: 'providers/refcloud', asn: 64600, hostIpv4: '169.254.10.2' },
  ],
};

function rules(config: L3BaseConfig, used: string[] = []): GuidanceRule[] {
  return checkFeatureAgainstGuidance(config, guidance, used, { responderProvider: 'providers/refcloud' }).map((v) => v.rule);
}

test('a feature inside every guided range has no violations', () => {
  assert.deepEqual(rules(valid), []);
});

test('each rule is reported for the field that breaks it', () => {
  const cases: [Partial<L3BaseConfig>, GuidanceRule][] = [
    [{ vlanId: 1024 }, 'vlan-reserved'],
    [{ vlanId: 3000 }, 'vlan-range'],
    [{ ipv4Subnet: '10.0.0.0' }, 'subnet-include'],
    [{ ipv4Subnet: '169.254.0.8' }, 'subnet-exclude'],
    [{ ipv4Subnet: '169.254.10.0', ipv4SubnetPrefixLength: 28 }, 'prefix-length'],
    [{ ipv6SubnetPrefixLength: 64 }, 'prefix-length'],
    [{ mtuBytes: 9001 }, 'mtu-range'],
    [{ ipv4Subnet: '169.254.10.1' }, 'mask-not-applied'],
    [{ ipv4Subnet: '169.254.10.0/29' }, 'prefix-length'],
  ];
  for (const [change, rule] of cases) {
    assert.deepEqual(rules({ ...valid, ...change }), [rule], JSON.stringify(change));
  }
});

test('a subnet overlapping one in use is reported as subnet-overlap', () => {
  assert.deepEqual(rules(valid, ['169.254.10.0/29']), ['subnet-overlap']);
  assert.deepEqual(rules(valid, ['169.254.10.4/30']), []);
});

test('the responder ASN must lie in its asnRanges, tagged as the D54 reading', () => {
  const bgp = [
    { provider: 'providers/aws', asn: 64700, hostIpv4: '169.254.10.1' },
    { provider: 'providers/refcloud', asn: 64999, hostIpv4: '169.254.10.2' },
  ];
  const found = checkFeatureAgainstGuidance({ ...valid, providerBgpConfigs: bgp }, guidance, [], { responderProvider: 'refcloud' });
  assert.equal(found.length, 1);
  assert.equal(found[0]?.rule, 'asn-range');
  assert.equal(found[0]?.specAmbiguity, 'D54');
  const noResponderKnown = checkFeatureAgainstGuidance({ ...valid, providerBgpConfigs: bgp }, guidance, []);
  assert.deepEqual(noResponderKnown.map((v) => v.rule), ['asn-range']);
  assert.deepEqual(checkFeatureAgainstGuidance(valid, guidance, []), [], 'without a responder, any ASN in range will do');
});

test('missing required fields are reported instead of throwing', () => {
  const found = checkFeatureAgainstGuidance({ vlanId: 1100 }, guidance, []);
  assert.ok(found.some((v) => v.rule === 'missing-field' && v.detail.includes('ipv4Subnet')));
});

test('subnetsOf lists the canonical subnets a feature occupies', () => {
  assert.deepEqual(subnetsOf(valid), ['169.254.10.0/30', 'fd00:1::/126']);
});
