/**
 * Pure checks of the negotiation-rule scenarios: guidance lists (VLAN bounds, overlaps, misspelt exclusions)
 * and features read back against what was proposed; plus the small builders they share.
 * @packageDocumentation
 */
import { overlaps, parseCidr, parseSubnet, type L3BaseConfig, type L3BaseGuidance, type NumberRange, type ProviderBgpConfig } from '../../src/checks/index.js';

/** The CIDR text of a config's IPv4 subnet ('' when it has none). */
export function ipv4Cidr(c: L3BaseConfig): string {
  return `${c.ipv4Subnet ?? ''}/${c.ipv4SubnetPrefixLength ?? 0}`;
}

/** The CreateFeature body the kit sends for `config` on `channel`. */
export function featureBody(channel: string, config: L3BaseConfig, extra: Readonly<Record<string, unknown>> = {}): Record<string, unknown> {
  return { channel, featureConfig: { featureType: 'FEATURE_TYPE_L3_BASE', l3BaseConfig: config }, ...extra };
}

/** True when `provider` names the provider `id` (as `providers/{id}` or bare). */
export function isProvider(provider: string | undefined, id: string): boolean {
  return (provider ?? '').replace(/^providers\//, '') === id.replace(/^providers\//, '');
}

function rangesText(r: readonly NumberRange[]): string {
  return r.map((x) => `${x.start}-${x.stop}`).join(', ');
}

/** VLAN ranges of a guidance that leave 1025..4094 (or run backwards), described. */
export function vlanRangeProblems(g: L3BaseGuidance): string[] {
  return (g.vlanRanges ?? []).filter((r) => r.start < 1025 || r.stop > 4094 || r.start > r.stop).map((r) => `VLAN range ${r.start}-${r.stop}`);
}

function overlappingRanges(kind: string, ranges: readonly NumberRange[]): string[] {
  const out: string[] = [];
  ranges.forEach((a, i) => ranges.slice(i + 1).forEach((b) => { if (a.start <= b.stop && b.start <= a.stop) out.push(`${kind} ranges ${rangesText([a])} and ${rangesText([b])} overlap`); }));
  return out;
}

function overlappingIncludes(kind: string, entries: readonly { includeSubnet?: string }[]): string[] {
  const cidrs = entries.flatMap((e) => { const p = e.includeSubnet === undefined ? undefined : parseCidr(e.includeSubnet); return p?.ok ? [p.cidr] : []; });
  const out: string[] = [];
  cidrs.forEach((a, i) => cidrs.slice(i + 1).forEach((b) => { if (overlaps(a, b)) out.push(`${kind} include subnets ${a.text} and ${b.text} overlap`); }));
  return out;
}

/** Overlaps inside one guidance's lists: ASN ranges, MTU ranges and include subnets (CC-NEG-025). */
export function overlapProblems(g: L3BaseGuidance): string[] {
  return [
    ...overlappingRanges('ASN', g.asnRanges ?? []), ...overlappingRanges('MTU', g.mtuRanges ?? []),
    ...overlappingIncludes('IPv4', g.ipv4SubnetGuidance ?? []), ...overlappingIncludes('IPv6', g.ipv6SubnetGuidance ?? []),
  ];
}

/** Subnet guidance entries that carry the misspelt `excludeSubnet` key, which readers of the schema drop (ERRATA D17). */
export function misspeltExclusions(g: Readonly<Record<string, unknown>>): string[] {
  return ['ipv4SubnetGuidance', 'ipv6SubnetGuidance'].flatMap((k) => {
    const list = g[k];
    return Array.isArray(list) ? list.filter((e) => typeof e === 'object' && e !== null && 'excludeSubnet' in e).map((e) => `${k}: ${JSON.stringify(e)}`) : [];
  });
}

function sameSubnet(a: string | undefined, b: unknown, len: number | undefined): boolean {
  if (a === undefined || len === undefined) return b === undefined;
  if (typeof b !== 'string') return false;
  const pa = parseSubnet(a, len);
  const pb = parseSubnet(b, len);
  return pa.ok && pb.ok && pa.cidr.text === pb.cidr.text;
}

function bgpDifferences(proposed: readonly ProviderBgpConfig[], returned: unknown): string[] {
  const list = Array.isArray(returned) ? (returned as Record<string, unknown>[]) : [];
  return proposed.flatMap((p) => {
    const r = list.find((x) => isProvider(typeof x['provider'] === 'string' ? x['provider'] : undefined, p.provider ?? ''));
    if (r === undefined) return [`BGP config of ${p.provider ?? '?'}`];
    return (['asn', 'hostIpv4', 'hostIpv6'] as const).filter((k) => p[k] !== undefined && r[k] !== p[k]).map((k) => `${p.provider ?? '?'} ${k}`);
  });
}

/** Fields of a proposed L3 config that a feature read back does not hold unchanged (the MD5 password may be withheld). */
export function readBackDifferences(proposed: L3BaseConfig, returned: Readonly<Record<string, unknown>>): string[] {
  const out: string[] = [];
  for (const k of ['vlanId', 'mtuBytes', 'ipv4SubnetPrefixLength', 'ipv6SubnetPrefixLength'] as const) if (proposed[k] !== undefined && returned[k] !== proposed[k]) out.push(k);
  if (!sameSubnet(proposed.ipv4Subnet, returned['ipv4Subnet'], proposed.ipv4SubnetPrefixLength)) out.push('ipv4Subnet');
  if (proposed.ipv6Subnet !== undefined && !sameSubnet(proposed.ipv6Subnet, returned['ipv6Subnet'], proposed.ipv6SubnetPrefixLength)) out.push('ipv6Subnet');
  return [...out, ...bgpDifferences(proposed.providerBgpConfigs ?? [], returned['providerBgpConfigs'])];
}
