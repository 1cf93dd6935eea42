/**
 * The negotiator's choice of L3 feature parameters that follow both providers' guidance
 * (docs/Protocols.md#negotiate-feature-parameters, schemas/connection.yaml#L3BaseGuidance): a VLAN in the
 * intersection of both VLAN ranges and above 1024, the highest MTU both support, an unused subnet inside
 * both include blocks and outside every exclude, and the responder's ASN from its own ranges (D54).
 */
import { addressAt, cidrAt, cidrSize, contains, lastAddress, overlaps, parseCidr, type Cidr, type IpFamily, addressBits } from './cidr.js';
import { MAX_VLAN, MIN_FEATURE_VLAN, parseGuidanceSubnets, parseUsedSubnets } from './guidance.js';
import type { L3BaseConfig, L3BaseGuidance, NumberRange, ProviderBgpConfig, SubnetGuidance } from './model.js';

/** Parameters already taken, which a new proposal must avoid. */
export interface UsedParameters {
  /** Subnets in use (CIDR text), e.g. by other features on the same interconnect. */
  readonly subnets?: readonly string[];
  /** VLAN ids in use on the channel. */
  readonly vlans?: readonly number[];
}

/** Who the proposal is for. */
export interface ChoiceOptions {
  /** The negotiator's provider (`providers/{id}` or bare id). */
  readonly negotiatorProvider: string;
  /** The responder's provider (`providers/{id}` or bare id). */
  readonly responderProvider: string;
  /** The negotiator's own ASN; default: the start of its own first ASN range, else 64512. */
  readonly negotiatorAsn?: number;
  /** Whether to add an IPv6 subnet when the responder offers IPv6 guidance (default true). */
  readonly includeIpv6?: boolean;
}

/** A proposal, or why none exists. */
export type ChoiceResult = { readonly ok: true; readonly config: L3BaseConfig } | { readonly ok: false; readonly problem: string };

const DEFAULT_ASN = 64512;
const DEFAULT_MTU = 1500;

/** Intersects two range lists; an empty list means "no restriction" and yields the other list. */
export function intersectRanges(a: readonly NumberRange[], b: readonly NumberRange[]): NumberRange[] {
  if (a.length === 0) return [...b];
  if (b.length === 0) return [...a];
  const out: NumberRange[] = [];
  for (const x of a) {
    for (const y of b) {
      const start = Math.max(x.start, y.start);
      const stop = Math.min(x.stop, y.stop);
      if (start <= stop) out.push({ start, stop });
    }
  }
  return out.sort((p, q) => p.start - q.start);
}

function chooseVlan(mine: L3BaseGuidance, theirs: L3BaseGuidance, used: readonly number[]): number | undefined {
  const both = intersectRanges(mine.vlanRanges ?? [], theirs.vlanRanges ?? []);
  const allowed = intersectRanges(both.length > 0 ? both : [{ start: MIN_FEATURE_VLAN, stop: MAX_VLAN }], [{ start: MIN_FEATURE_VLAN, stop: MAX_VLAN }]);
  if (both.length === 0 && ((mine.vlanRanges ?? []).length > 0 || (theirs.vlanRanges ?? []).length > 0)) return undefined;
  const taken = new Set(used);
  for (const range of allowed) {
    for (let v = range.start; v <= range.stop; v += 1) if (!taken.has(v)) return v;
  }
  return undefined;
}

function chooseMtu(mine: L3BaseGuidance, theirs: L3BaseGuidance): number | undefined {
  const a = mine.mtuRanges ?? [];
  const b = theirs.mtuRanges ?? [];
  if (a.length === 0 && b.length === 0) return DEFAULT_MTU;
  const both = intersectRanges(a, b);
  return both.length === 0 ? undefined : Math.max(...both.map((r) => r.stop));
}

function intersectBlocks(a: readonly Cidr[], b: readonly Cidr[]): Cidr[] {
  if (a.length === 0) return [...b];
  if (b.length === 0) return [...a];
  const out: Cidr[] = [];
  for (const x of a) for (const y of b) if (overlaps(x, y)) out.push(x.prefixLength >= y.prefixLength ? x : y);
  return out;
}

function intersectLengths(a: readonly number[], b: readonly number[], fallback: number): number[] {
  const both = a.length === 0 ? [...b] : b.length === 0 ? [...a] : a.filter((x) => b.includes(x));
  const lengths = a.length === 0 && b.length === 0 ? [fallback] : both;
  return lengths.sort((x, y) => y - x);
}

function alignUp(value: bigint, size: bigint): bigint {
  return ((value + size - 1n) / size) * size;
}

/** First subnet of `length` bits inside `block` that touches none of `blockers`; undefined when the block is full. */
export function firstFreeSubnet(block: Cidr, length: number, blockers: readonly Cidr[]): Cidr | undefined {
  if (length < block.prefixLength || length > addressBits(block.family)) return undefined;
  const size = 1n << BigInt(addressBits(block.family) - length);
  let start = block.network;
  for (let guard = 0; guard < 100_000 && start + size - 1n <= lastAddress(block); guard += 1) {
    const candidate = cidrAt(block.family, start, length);
    const hit = blockers.find((b) => overlaps(b, candidate));
    if (!hit) return candidate;
    start = alignUp(lastAddress(hit) + 1n, size);
  }
  return undefined;
}

interface SubnetChoice {
  readonly cidr: Cidr;
}

function chooseSubnet(
  family: IpFamily,
  mine: readonly SubnetGuidance[],
  theirs: readonly SubnetGuidance[],
  lengths: readonly number[],
  used: readonly Cidr[],
): SubnetChoice | undefined {
  const a = parseGuidanceSubnets(mine);
  const b = parseGuidanceSubnets(theirs);
  const defaults = family === 'ipv4' ? [parseCidr('169.254.0.0/16')] : [];
  let blocks = intersectBlocks(a.includes, b.includes).filter((c) => c.family === family);
  if (blocks.length === 0 && a.includes.length === 0 && b.includes.length === 0) {
    blocks = defaults.flatMap((p) => (p.ok ? [p.cidr] : []));
  }
  const blockers = [...a.excludes, ...b.excludes, ...used];
  const preferred = theirs.map((g) => (g.preferredSubnet === undefined ? undefined : parseCidr(g.preferredSubnet)));
  for (const p of preferred) {
    if (p?.ok && lengths.includes(p.cidr.prefixLength) && blocks.some((blk) => contains(blk, p.cidr)) && !blockers.some((x) => overlaps(x, p.cidr))) {
      return { cidr: p.cidr };
    }
  }
  for (const length of lengths) {
    for (const block of blocks) {
      const found = firstFreeSubnet(block, length, blockers);
      if (found) return { cidr: found };
    }
  }
  return undefined;
}

function hostPair(cidr: Cidr): [string, string] {
  return cidrSize(cidr) >= 4n ? [addressAt(cidr, 1), addressAt(cidr, 2)] : [addressAt(cidr, 0), addressAt(cidr, 1)];
}

function asProvider(id: string): string {
  return id.startsWith('providers/') ? id : `providers/${id}`;
}

function chooseAsns(mine: L3BaseGuidance, theirs: L3BaseGuidance, options: ChoiceOptions): [number, number] {
  const responder = theirs.asnRanges?.[0]?.start ?? DEFAULT_ASN;
  const negotiator = options.negotiatorAsn ?? mine.asnRanges?.[0]?.start ?? DEFAULT_ASN;
  return [negotiator, responder];
}

/**
 * Proposes an L3 configuration that follows both the negotiator's own guidance (`mine`) and the responder's
 * (`theirs`), avoiding `used` subnets and VLANs. BGP configs: negotiator first (host .1), responder second (host .2).
 */
export function chooseFeatureParameters(
  mine: L3BaseGuidance,
  theirs: L3BaseGuidance,
  used: UsedParameters,
  options: ChoiceOptions,
): ChoiceResult {
  const vlanId = chooseVlan(mine, theirs, used.vlans ?? []);
  if (vlanId === undefined) return { ok: false, problem: 'no free VLAN above 1024 lies in both providers\u2019 VLAN ranges' };
  const mtuBytes = chooseMtu(mine, theirs);
  if (mtuBytes === undefined) return { ok: false, problem: 'the providers\u2019 MTU ranges do not intersect' };
  const usedCidrs = parseUsedSubnets(used.subnets ?? []);
  const v4Lengths = intersectLengths(mine.ipv4AllowedSubnetPrefixLengths ?? [], theirs.ipv4AllowedSubnetPrefixLengths ?? [], 30);
  const v4 = chooseSubnet('ipv4', mine.ipv4SubnetGuidance ?? [], theirs.ipv4SubnetGuidance ?? [], v4Lengths, usedCidrs);
  if (!v4) return { ok: false, problem: 'no free IPv4 subnet of an allowed length lies inside both providers\u2019 guidance' };
  const [negotiatorAsn, responderAsn] = chooseAsns(mine, theirs, options);
  const [hostA, hostB] = hostPair(v4.cidr);
  const wantV6 = options.includeIpv6 !== false && (theirs.ipv6SubnetGuidance ?? []).length > 0;
  const v6Lengths = intersectLengths(mine.ipv6AllowedSubnetPrefixLengths ?? [], theirs.ipv6AllowedSubnetPrefixLengths ?? [], 126);
  const v6 = wantV6 ? chooseSubnet('ipv6', mine.ipv6SubnetGuidance ?? [], theirs.ipv6SubnetGuidance ?? [], v6Lengths, usedCidrs) : undefined;
  const [h6a, h6b] = v6 ? hostPair(v6.cidr) : [undefined, undefined];
  const mineBgp: ProviderBgpConfig = { provider: asProvider(options.negotiatorProvider), asn: negotiatorAsn, hostIpv4: hostA, ...(h6a ? { hostIpv6: h6a } : {}) };
  const theirBgp: ProviderBgpConfig = { provider: asProvider(options.responderProvider), asn: responderAsn, hostIpv4: hostB, ...(h6b ? { hostIpv6: h6b } : {}) };
  const config: L3BaseConfig = {
    ipv4Subnet: addressAt(v4.cidr, 0),
    ipv4SubnetPrefixLength: v4.cidr.prefixLength,
    ...(v6 ? { ipv6Subnet: addressAt(v6.cidr, 0), ipv6SubnetPrefixLength: v6.cidr.prefixLength } : {}),
    mtuBytes,
    vlanId,
    providerBgpConfigs: [mineBgp, theirBgp],
  };
  return { ok: true, config };
}
