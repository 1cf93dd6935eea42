/**
 * Checks a proposed L3 feature configuration against a responder's feature guidance
 * (schemas/connection.yaml#L3BaseGuidance, schemas/feature.yaml#L3BaseConfig, docs/Protocols.md#negotiate-feature-parameters).
 * Pure: data in, violations out.
 */
import { contains, overlaps, parseCidr, parseSubnet, type Cidr, type IpFamily } from './cidr.js';
import type { L3BaseConfig, L3BaseGuidance, NumberRange, SubnetGuidance } from './model.js';

/** Lowest VLAN id a feature may use: 1024 and lower are reserved (schemas/feature.yaml vlanId, D52). */
export const MIN_FEATURE_VLAN = 1025;
/** Highest 802.1Q VLAN id (D52). */
export const MAX_VLAN = 4094;

/** The rule a violation breaks. */
export type GuidanceRule =
  | 'missing-field'
  | 'vlan-reserved'
  | 'vlan-range'
  | 'subnet-include'
  | 'subnet-exclude'
  | 'prefix-length'
  | 'mtu-range'
  | 'asn-range'
  | 'subnet-overlap'
  | 'mask-not-applied';

/** One way a feature deviates from the guidance. */
export interface GuidanceViolation {
  /** The rule broken. */
  readonly rule: GuidanceRule;
  /** What was seen, in one line. */
  readonly detail: string;
  /** Set when the finding rests on a kit interpretation of an ambiguous spec (e.g. `D54`). */
  readonly specAmbiguity?: string;
}

/** Options for {@link checkFeatureAgainstGuidance}. */
export interface GuidanceCheckOptions {
  /** The responder's provider resource name (`providers/{id}`) whose BGP ASN must lie in `asnRanges` (D54). */
  readonly responderProvider?: string;
}

/** True when `value` lies in one of the inclusive ranges. */
export function inRanges(value: number, ranges: readonly NumberRange[]): boolean {
  return ranges.some((r) => value >= r.start && value <= r.stop);
}

function describe(ranges: readonly NumberRange[]): string {
  return ranges.map((r) => `${r.start}-${r.stop}`).join(', ');
}

function checkVlan(vlan: number, guidance: L3BaseGuidance, out: GuidanceViolation[]): void {
  if (vlan < MIN_FEATURE_VLAN) {
    out.push({ rule: 'vlan-reserved', detail: `VLAN ${vlan} is 1024 or lower (reserved)` });
    return;
  }
  if (vlan > MAX_VLAN) out.push({ rule: 'vlan-range', detail: `VLAN ${vlan} is above ${MAX_VLAN}` });
  const ranges = guidance.vlanRanges ?? [];
  if (ranges.length > 0 && !inRanges(vlan, ranges)) {
    out.push({ rule: 'vlan-range', detail: `VLAN ${vlan} is outside the guided ranges ${describe(ranges)}` });
  }
}

function checkMtu(mtu: number, guidance: L3BaseGuidance, out: GuidanceViolation[]): void {
  const ranges = guidance.mtuRanges ?? [];
  if (ranges.length > 0 && !inRanges(mtu, ranges)) {
    out.push({ rule: 'mtu-range', detail: `MTU ${mtu} is outside the guided ranges ${describe(ranges)}` });
  }
}

/** Parses the include and exclude subnets of guidance entries, skipping unparsable ones. */
export function parseGuidanceSubnets(entries: readonly SubnetGuidance[]): { includes: Cidr[]; excludes: Cidr[] } {
  const includes: Cidr[] = [];
  const excludes: Cidr[] = [];
  for (const entry of entries) {
    const inc = entry.includeSubnet === undefined ? undefined : parseCidr(entry.includeSubnet);
    if (inc?.ok) includes.push(inc.cidr);
    for (const ex of entry.excludeSubnets ?? []) {
      const parsed = parseCidr(ex);
      if (parsed.ok) excludes.push(parsed.cidr);
    }
  }
  return { includes, excludes };
}

/** Parses used subnets (CIDR text), skipping unparsable entries. */
export function parseUsedSubnets(used: readonly string[]): Cidr[] {
  return used.flatMap((text) => {
    const parsed = parseCidr(text);
    return parsed.ok ? [parsed.cidr] : [];
  });
}

interface SubnetRules {
  readonly family: IpFamily;
  readonly entries: readonly SubnetGuidance[];
  readonly allowedLengths: readonly number[];
}

function checkSubnet(address: string, length: number, rules: SubnetRules, used: readonly Cidr[], out: GuidanceViolation[]): void {
  const parsed = parseSubnet(address, length);
  if (!parsed.ok) {
    const rule: GuidanceRule = parsed.code === 'mask-not-applied' ? 'mask-not-applied' : parsed.code === 'prefix-mismatch' ? 'prefix-length' : 'missing-field';
    out.push({ rule, detail: `${rules.family} subnet: ${parsed.problem}` });
    return;
  }
  const cidr = parsed.cidr;
  if (cidr.family !== rules.family) {
    out.push({ rule: 'missing-field', detail: `${rules.family} subnet ${cidr.text} is ${cidr.family}` });
    return;
  }
  if (rules.allowedLengths.length > 0 && !rules.allowedLengths.includes(length)) {
    out.push({ rule: 'prefix-length', detail: `/${length} is not an allowed ${rules.family} prefix length (${rules.allowedLengths.join(', ')})` });
  }
  const { includes, excludes } = parseGuidanceSubnets(rules.entries);
  if (rules.entries.length > 0 && !includes.some((inc) => contains(inc, cidr))) {
    out.push({ rule: 'subnet-include', detail: `${cidr.text} is not inside any include subnet (${includes.map((c) => c.text).join(', ')})` });
  }
  const excluded = excludes.find((ex) => overlaps(ex, cidr));
  if (excluded) out.push({ rule: 'subnet-exclude', detail: `${cidr.text} overlaps the excluded subnet ${excluded.text}` });
  const clash = used.find((u) => overlaps(u, cidr));
  if (clash) out.push({ rule: 'subnet-overlap', detail: `${cidr.text} overlaps ${clash.text}, already in use` });
}

function providerMatches(entry: string | undefined, responder: string): boolean {
  if (entry === undefined) return false;
  const strip = (s: string): string => s.replace(/^providers\//, '');
  return strip(entry) === strip(responder);
}

function checkAsn(config: L3BaseConfig, guidance: L3BaseGuidance, options: GuidanceCheckOptions, out: GuidanceViolation[]): void {
  const ranges = guidance.asnRanges ?? [];
  const bgp = config.providerBgpConfigs ?? [];
  if (ranges.length === 0) return;
  const responder = options.responderProvider;
  if (responder !== undefined) {
    const own = bgp.find((b) => providerMatches(b.provider, responder));
    if (own?.asn === undefined) {
      out.push({ rule: 'asn-range', detail: `no BGP config with an ASN for the responder ${responder}`, specAmbiguity: 'D54' });
    } else if (!inRanges(own.asn, ranges)) {
      out.push({ rule: 'asn-range', detail: `responder ASN ${own.asn} is outside ${describe(ranges)}`, specAmbiguity: 'D54' });
    }
    return;
  }
  if (!bgp.some((b) => b.asn !== undefined && inRanges(b.asn, ranges))) {
    out.push({ rule: 'asn-range', detail: `no BGP config carries an ASN inside ${describe(ranges)}`, specAmbiguity: 'D54' });
  }
}

function checkRequired(config: L3BaseConfig, out: GuidanceViolation[]): boolean {
  const missing = (['ipv4Subnet', 'ipv4SubnetPrefixLength', 'mtuBytes', 'vlanId', 'providerBgpConfigs'] as const).filter(
    (f) => config[f] === undefined,
  );
  if (missing.length > 0) out.push({ rule: 'missing-field', detail: `required field(s) missing: ${missing.join(', ')}` });
  return missing.length === 0;
}

/**
 * Returns every way `config` breaks `guidance`: reserved or unguided VLAN, subnet outside the includes or
 * touching an exclude, disallowed prefix length, host bits set, MTU out of range, responder ASN out of range,
 * or a subnet overlapping one of `usedSubnets` (CIDR text). An empty list means the feature follows the guidance.
 */
export function checkFeatureAgainstGuidance(
  config: L3BaseConfig,
  guidance: L3BaseGuidance,
  usedSubnets: readonly string[],
  options: GuidanceCheckOptions = {},
): GuidanceViolation[] {
  const out: GuidanceViolation[] = [];
  checkRequired(config, out);
  const used = parseUsedSubnets(usedSubnets);
  if (config.vlanId !== undefined) checkVlan(config.vlanId, guidance, out);
  if (config.mtuBytes !== undefined) checkMtu(config.mtuBytes, guidance, out);
  if (config.ipv4Subnet !== undefined && config.ipv4SubnetPrefixLength !== undefined) {
    const rules = { family: 'ipv4' as const, entries: guidance.ipv4SubnetGuidance ?? [], allowedLengths: guidance.ipv4AllowedSubnetPrefixLengths ?? [] };
    checkSubnet(config.ipv4Subnet, config.ipv4SubnetPrefixLength, rules, used, out);
  }
  if (config.ipv6Subnet !== undefined) {
    if (config.ipv6SubnetPrefixLength === undefined) {
      out.push({ rule: 'missing-field', detail: 'ipv6Subnet is given without ipv6SubnetPrefixLength' });
    } else {
      const rules = { family: 'ipv6' as const, entries: guidance.ipv6SubnetGuidance ?? [], allowedLengths: guidance.ipv6AllowedSubnetPrefixLengths ?? [] };
      checkSubnet(config.ipv6Subnet, config.ipv6SubnetPrefixLength, rules, used, out);
    }
  }
  checkAsn(config, guidance, options, out);
  return out;
}

/** The subnets a feature configuration occupies, as canonical CIDR text (for "in use" bookkeeping). */
export function subnetsOf(config: L3BaseConfig): string[] {
  const result: string[] = [];
  if (config.ipv4Subnet !== undefined && config.ipv4SubnetPrefixLength !== undefined) {
    const p = parseSubnet(config.ipv4Subnet, config.ipv4SubnetPrefixLength);
    if (p.ok) result.push(p.cidr.text);
  }
  if (config.ipv6Subnet !== undefined && config.ipv6SubnetPrefixLength !== undefined) {
    const p = parseSubnet(config.ipv6Subnet, config.ipv6SubnetPrefixLength);
    if (p.ok) result.push(p.cidr.text);
  }
  return result;
}
