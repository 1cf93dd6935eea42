import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bgpConfigProblems } from './bgp.js';
import type { L3BaseConfig } from './model.js';

const PROVIDERS = ['aws', 'providers/acme'] as const;

function config(over: Partial<L3BaseConfig> = {}): L3BaseConfig {
  return {
    ipv4Subnet: '169.254.10.0', ipv4SubnetPrefixLength: 30, mtuBytes: 1500, vlanId: 3000,
    providerBgpConfigs: [{ provider: 'providers/aws', asn: 64512, hostIpv4: '169.254.10.1' }, { provider: 'providers/acme', asn: 64700, hostIpv4: '169.254.10.2' }],
    ...over,
  };
}

test('one entry per provider with distinct hosts inside the subnet has no problem', () => {
  assert.deepEqual(bgpConfigProblems(config(), PROVIDERS), []);
});

test('a shared host address is reported', () => {
  const c = config({ providerBgpConfigs: [{ provider: 'providers/aws', hostIpv4: '169.254.10.1' }, { provider: 'providers/acme', hostIpv4: '169.254.10.1' }] });
  assert.deepEqual(bgpConfigProblems(c, PROVIDERS), ['the providers share the ipv4 host address 169.254.10.1']);
});

test('a host outside the subnet, a missing host and a missing provider are each reported', () => {
  const c = config({ providerBgpConfigs: [{ provider: 'providers/aws', hostIpv4: '169.254.11.1' }, { provider: 'providers/gcp', hostIpv4: undefined as unknown as string }] });
  const problems = bgpConfigProblems(c, PROVIDERS);
  assert.ok(problems.includes('no BGP configs for providers/acme (one expected)'), problems.join('\n'));
  assert.ok(problems.some((p) => /providers\/gcp, not a provider/.test(p)));
  assert.ok(problems.includes('the ipv4 host address 169.254.11.1 of aws lies outside 169.254.10.0/30'));
  assert.ok(problems.includes('the ipv4 host address of gcp is missing'));
});

test('a doubled entry is reported; IPv6 hosts are checked only when given', () => {
  const doubled = config({ providerBgpConfigs: [...(config().providerBgpConfigs ?? []), { provider: 'aws', hostIpv4: '169.254.10.3' }] });
  assert.deepEqual(bgpConfigProblems(doubled, PROVIDERS), ['2 BGP configs for providers/aws (one expected)']);
  const v6 = config({
    ipv6Subnet: 'fd00:ce:1::', ipv6SubnetPrefixLength: 126,
    providerBgpConfigs: [{ provider: 'providers/aws', hostIpv4: '169.254.10.1', hostIpv6: 'fd00:ce:1::1' }, { provider: 'providers/acme', hostIpv4: '169.254.10.2', hostIpv6: 'fd00:ce:1:0::1' }],
  });
  assert.deepEqual(bgpConfigProblems(v6, PROVIDERS), ['the providers share the ipv6 host address fd00:ce:1::1']);
});
