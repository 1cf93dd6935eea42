import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contains, containsIp, overlaps, parseCidr, parseSubnet, prefixLength, type Cidr } from './cidr.js';

function cidr(text: string): Cidr {
  const parsed = parseCidr(text);
  assert.ok(parsed.ok, `expected ${text} to parse`);
  return parsed.cidr;
}

test('parseCidr accepts IPv4 and IPv6 networks and canonicalises them', () => {
  assert.equal(cidr('169.254.0.0/16').text, '169.254.0.0/16');
  assert.equal(cidr('fd00:0000::/8').text, 'fd00::/8');
  assert.equal(prefixLength(cidr('10.0.0.0/30')), 30);
});

test('parseCidr refuses host bits set with mask-not-applied', () => {
  const v4 = parseCidr('169.254.1.17/30');
  assert.equal(v4.ok, false);
  assert.equal(!v4.ok && v4.code, 'mask-not-applied');
  const v6 = parseCidr('fd00::1/126');
  assert.equal(!v6.ok && v6.code, 'mask-not-applied');
});

test('parseCidr refuses syntax errors and out-of-range prefixes without throwing', () => {
  for (const bad of ['', '169.254.0.0', '169.254.0/16', '1.2.3.4/33', 'fd00::/129', 'x/8', '010.1.1.1/8']) {
    const parsed = parseCidr(bad);
    assert.equal(parsed.ok, false, bad);
  }
});

test('parseSubnet combines a bare address with its prefix length and checks CIDR text against it', () => {
  const bare = parseSubnet('169.254.1.16', 29);
  assert.ok(bare.ok && bare.cidr.text === '169.254.1.16/29');
  const same = parseSubnet('169.254.1.16/29', 29);
  assert.ok(same.ok);
  const mismatch = parseSubnet('169.254.1.16/29', 30);
  assert.equal(!mismatch.ok && mismatch.code, 'prefix-mismatch');
  const hostBits = parseSubnet('169.254.1.17', 29);
  assert.equal(!hostBits.ok && hostBits.code, 'mask-not-applied');
});

test('contains holds for nested IPv4 and IPv6 subnets only', () => {
  assert.equal(contains(cidr('169.254.0.0/16'), cidr('169.254.1.16/30')), true);
  assert.equal(contains(cidr('169.254.1.16/30'), cidr('169.254.0.0/16')), false);
  assert.equal(contains(cidr('169.254.0.0/16'), cidr('169.255.0.0/30')), false);
  assert.equal(contains(cidr('fd00::/8'), cidr('fd12:3456::/126')), true);
  assert.equal(contains(cidr('fd00::/8'), cidr('fe80::/126')), false);
  assert.equal(contains(cidr('0.0.0.0/0'), cidr('fd00::/8')), false, 'families never contain each other');
});

test('overlaps detects shared addresses in both directions', () => {
  assert.equal(overlaps(cidr('169.254.1.0/28'), cidr('169.254.1.8/30')), true);
  assert.equal(overlaps(cidr('169.254.1.8/30'), cidr('169.254.1.0/28')), true);
  assert.equal(overlaps(cidr('169.254.1.0/30'), cidr('169.254.1.4/30')), false);
  assert.equal(overlaps(cidr('fd00::/126'), cidr('fd00::/127')), true);
  assert.equal(overlaps(cidr('fd00::/127'), cidr('fd00::2/127')), false);
});

test('containsIp places host addresses inside their subnet', () => {
  assert.equal(containsIp(cidr('169.254.1.16/30'), '169.254.1.17'), true);
  assert.equal(containsIp(cidr('169.254.1.16/30'), '169.254.1.20'), false);
  assert.equal(containsIp(cidr('fd00::/126'), 'fd00::3'), true);
  assert.equal(containsIp(cidr('fd00::/126'), 'not-an-ip'), false);
});
