/**
 * The kit's feature proposals as negotiator: a conformant proposal from both guidances, and deliberate
 * violations of one guidance rule each, used to check that the candidate refuses them.
 * @packageDocumentation
 */
import {
  addressAt, chooseFeatureParameters, cidrAt, firstFreeSubnet, inRanges, MAX_VLAN, MIN_FEATURE_VLAN, overlaps, parseCidr,
  parseGuidanceSubnets, type Cidr, type L3BaseConfig, type L3BaseGuidance,
} from '../checks/index.js';

/** The kit's own guidance as a provider: wide ranges so the candidate's guidance decides. */
export const KIT_GUIDANCE: L3BaseGuidance = {
  asnRanges: [{ start: 64512, stop: 65534 }],
  ipv4SubnetGuidance: [{ includeSubnet: '169.254.0.0/16', excludeSubnets: [] }],
  ipv6SubnetGuidance: [{ includeSubnet: 'fd00::/8', excludeSubnets: [] }],
  ipv4AllowedSubnetPrefixLengths: [29, 30, 31],
  ipv6AllowedSubnetPrefixLengths: [64, 125, 126, 127],
  vlanRanges: [{ start: 1025, stop: 4094 }],
  mtuRanges: [{ start: 1280, stop: 9216 }],
};

/** The guidance rules the kit can deliberately break. */
export const VIOLATIONS = ['vlan-reserved', 'vlan-range', 'subnet-outside-include', 'subnet-in-exclude', 'prefix-length', 'mtu-range'] as const;

/** One deliberate violation. */
export type Violation = (typeof VIOLATIONS)[number];

/** A proposal, or why none can be made from this guidance. */
export type Proposal = { readonly ok: true; readonly config: L3BaseConfig } | { readonly ok: false; readonly reason: string };

/** A conformant proposal following the candidate's guidance and the kit's own, avoiding used subnets and VLANs. */
export function conformantProposal(theirs: L3BaseGuidance, used: { subnets: string[]; vlans: number[] }, kitProvider: string, candidateProvider: string): Proposal {
  const r = chooseFeatureParameters(KIT_GUIDANCE, theirs, used, { negotiatorProvider: kitProvider, responderProvider: candidateProvider, includeIpv6: false });
  return r.ok ? { ok: true, config: r.config } : { ok: false, reason: r.problem };
}

function withSubnet(config: L3BaseConfig, cidr: Cidr): L3BaseConfig {
  const bgp = (config.providerBgpConfigs ?? []).map((b, i) => ({ ...b, hostIpv4: addressAt(cidr, cidr.prefixLength >= 31 ? i : i + 1) }));
  return { ...config, ipv4Subnet: addressAt(cidr, 0), ipv4SubnetPrefixLength: cidr.prefixLength, providerBgpConfigs: bgp };
}

const OUTSIDE_CANDIDATES = ['192.0.2.0', '198.51.100.0', '203.0.113.0', '100.64.0.0', '10.255.255.0'];

/** Breaks exactly one guidance rule in an otherwise conformant proposal; says why when the guidance leaves nothing to break. */
export function violate(base: L3BaseConfig, theirs: L3BaseGuidance, kind: Violation): Proposal {
  const len = base.ipv4SubnetPrefixLength ?? 30;
  const { includes, excludes } = parseGuidanceSubnets(theirs.ipv4SubnetGuidance ?? []);
  switch (kind) {
    case 'vlan-reserved':
      return { ok: true, config: { ...base, vlanId: 1000 } };
    case 'vlan-range': {
      const ranges = theirs.vlanRanges ?? [];
      if (ranges.length === 0) return { ok: false, reason: 'the guidance sets no VLAN ranges beyond the reserved-VLAN rule' };
      for (let v = MAX_VLAN; v >= MIN_FEATURE_VLAN; v--) if (!inRanges(v, ranges)) return { ok: true, config: { ...base, vlanId: v } };
      return { ok: false, reason: 'the guided VLAN ranges cover every usable VLAN' };
    }
    case 'subnet-outside-include': {
      if (includes.length === 0) return { ok: false, reason: 'the guidance sets no IPv4 include subnet' };
      for (const a of OUTSIDE_CANDIDATES) {
        const c = parseCidr(`${a}/${len}`);
        if (c.ok && !includes.some((inc) => overlaps(inc, c.cidr))) return { ok: true, config: withSubnet(base, c.cidr) };
      }
      return { ok: false, reason: 'could not find an IPv4 subnet outside every include subnet' };
    }
    case 'subnet-in-exclude': {
      const ex = excludes.find((e) => e.prefixLength <= len);
      if (ex === undefined) return { ok: false, reason: `the guidance excludes no IPv4 subnet of /${len} or larger` };
      return { ok: true, config: withSubnet(base, cidrAt(ex.family, ex.network, len)) };
    }
    case 'prefix-length': {
      const allowed = theirs.ipv4AllowedSubnetPrefixLengths ?? [];
      if (allowed.length === 0) return { ok: false, reason: 'the guidance allows every IPv4 prefix length' };
      const wrong = [28, 27, 26, 24, 29, 30, 31].find((l) => !allowed.includes(l));
      const block = includes[0];
      if (wrong === undefined || block === undefined) return { ok: false, reason: 'no disallowed prefix length fits inside the include subnet' };
      const free = firstFreeSubnet(block, wrong, excludes);
      return free === undefined ? { ok: false, reason: `no free /${wrong} inside ${block.text}` } : { ok: true, config: withSubnet(base, free) };
    }
    case 'mtu-range': {
      const ranges = theirs.mtuRanges ?? [];
      if (ranges.length === 0) return { ok: false, reason: 'the guidance sets no MTU ranges' };
      const top = Math.max(...ranges.map((r) => r.stop));
      const bottom = Math.min(...ranges.map((r) => r.start));
      const mtu = top < 65535 ? top + 1 : bottom - 1;
      return { ok: true, config: { ...base, mtuBytes: mtu } };
    }
  }
}
