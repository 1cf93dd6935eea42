/**
 * IPv4/IPv6 subnet arithmetic on ipaddr.js: parsing with the "mask applied" rule
 * (schemas/feature.yaml#L3BaseConfig, spec-defects D44), containment and overlap.
 * Every function returns a typed result; none throws on bad input.
 */
import ipaddr from 'ipaddr.js';

/** Address family of a parsed subnet. */
export type IpFamily = 'ipv4' | 'ipv6';

/** A parsed subnet: family, network address as an integer, prefix length and canonical text. */
export interface Cidr {
  /** `ipv4` or `ipv6`. */
  readonly family: IpFamily;
  /** The network address as an unsigned integer (host bits are zero). */
  readonly network: bigint;
  /** Prefix length in bits. */
  readonly prefixLength: number;
  /** Canonical text, e.g. `169.254.0.0/16` or `fd00::/8`. */
  readonly text: string;
}

/** Why a subnet could not be parsed. */
export type CidrProblemCode = 'syntax' | 'prefix-range' | 'mask-not-applied' | 'prefix-mismatch';

/** Result of parsing a subnet: the subnet, or the problem with a stable code. */
export type CidrResult =
  | { readonly ok: true; readonly cidr: Cidr }
  | { readonly ok: false; readonly code: CidrProblemCode; readonly problem: string };

/** Result of parsing a single address. */
export type IpResult =
  | { readonly ok: true; readonly family: IpFamily; readonly value: bigint; readonly text: string }
  | { readonly ok: false; readonly problem: string };

/** Number of bits in an address of `family`. */
export function addressBits(family: IpFamily): number {
  return family === 'ipv4' ? 32 : 128;
}

function bytesToBigInt(bytes: readonly number[]): bigint {
  let value = 0n;
  for (const b of bytes) value = (value << 8n) | BigInt(b);
  return value;
}

function bigIntToBytes(value: bigint, family: IpFamily): number[] {
  const count = addressBits(family) / 8;
  const bytes: number[] = [];
  for (let i = count - 1; i >= 0; i -= 1) bytes.push(Number((value >> BigInt(i * 8)) & 0xffn));
  return bytes;
}

/** Formats an integer address of `family` as text (RFC 5952 for IPv6). */
export function formatAddress(value: bigint, family: IpFamily): string {
  const addr = ipaddr.fromByteArray(bigIntToBytes(value, family));
  return addr.kind() === 'ipv6' ? (addr as ipaddr.IPv6).toRFC5952String() : addr.toString();
}

/** Parses one IPv4 (strict dotted quad) or IPv6 address (no zone id). */
export function parseIp(text: string): IpResult {
  if (typeof text !== 'string' || text.length === 0) return { ok: false, problem: 'empty address' };
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) {
    const value = bytesToBigInt(ipaddr.IPv4.parse(text).toByteArray());
    return { ok: true, family: 'ipv4', value, text: formatAddress(value, 'ipv4') };
  }
  if (!text.includes('%') && ipaddr.IPv6.isValid(text)) {
    const value = bytesToBigInt(ipaddr.IPv6.parse(text).toByteArray());
    return { ok: true, family: 'ipv6', value, text: formatAddress(value, 'ipv6') };
  }
  return { ok: false, problem: `"${text}" is not an IPv4 or IPv6 address` };
}

function hostMask(family: IpFamily, prefixLength: number): bigint {
  return (1n << BigInt(addressBits(family) - prefixLength)) - 1n;
}

function build(family: IpFamily, value: bigint, prefixLength: number, original: string): CidrResult {
  if (!Number.isInteger(prefixLength) || prefixLength < 0 || prefixLength > addressBits(family)) {
    return { ok: false, code: 'prefix-range', problem: `prefix length ${prefixLength} is out of range for ${family}` };
  }
  if ((value & hostMask(family, prefixLength)) !== 0n) {
    return {
      ok: false,
      code: 'mask-not-applied',
      problem: `${original} has host bits set: the IP address must have the subnet mask applied`,
    };
  }
  return { ok: true, cidr: { family, network: value, prefixLength, text: `${formatAddress(value, family)}/${prefixLength}` } };
}

/** Parses `address/length`; refuses a missing length, bad syntax and host bits set (`mask-not-applied`). */
export function parseCidr(text: string): CidrResult {
  if (typeof text !== 'string') return { ok: false, code: 'syntax', problem: 'subnet is not a string' };
  const slash = text.indexOf('/');
  if (slash < 0) return { ok: false, code: 'syntax', problem: `"${text}" has no /prefix length` };
  const lengthText = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(lengthText)) return { ok: false, code: 'syntax', problem: `"${text}" has an invalid prefix length` };
  const ip = parseIp(text.slice(0, slash));
  if (!ip.ok) return { ok: false, code: 'syntax', problem: ip.problem };
  return build(ip.family, ip.value, Number(lengthText), text);
}

/**
 * Parses a feature subnet given as an address plus a separate prefix length (schemas/feature.yaml#L3BaseConfig).
 * Per D44 the address may also be a CIDR, but only when its length equals `prefixLength` (`prefix-mismatch` otherwise).
 */
export function parseSubnet(address: string, prefixLength: number): CidrResult {
  if (typeof address !== 'string') return { ok: false, code: 'syntax', problem: 'subnet is not a string' };
  if (address.includes('/')) {
    const parsed = parseCidr(address);
    if (parsed.ok && parsed.cidr.prefixLength !== prefixLength) {
      return { ok: false, code: 'prefix-mismatch', problem: `${address} does not match prefix length ${prefixLength}` };
    }
    return parsed;
  }
  const ip = parseIp(address);
  if (!ip.ok) return { ok: false, code: 'syntax', problem: ip.problem };
  return build(ip.family, ip.value, prefixLength, `${address}/${prefixLength}`);
}

/** The prefix length of a parsed subnet. */
export function prefixLength(cidr: Cidr): number {
  return cidr.prefixLength;
}

/** Number of addresses in the subnet. */
export function cidrSize(cidr: Cidr): bigint {
  return 1n << BigInt(addressBits(cidr.family) - cidr.prefixLength);
}

/** Last address of the subnet, as an integer. */
export function lastAddress(cidr: Cidr): bigint {
  return cidr.network + cidrSize(cidr) - 1n;
}

/** True when `inner` lies entirely inside `outer` (same family; equal subnets contain each other). */
export function contains(outer: Cidr, inner: Cidr): boolean {
  if (outer.family !== inner.family || outer.prefixLength > inner.prefixLength) return false;
  return inner.network >= outer.network && lastAddress(inner) <= lastAddress(outer);
}

/** True when the two subnets share at least one address. */
export function overlaps(a: Cidr, b: Cidr): boolean {
  if (a.family !== b.family) return false;
  return a.network <= lastAddress(b) && b.network <= lastAddress(a);
}

/** True when the address text lies inside the subnet. */
export function containsIp(cidr: Cidr, address: string): boolean {
  const ip = parseIp(address);
  return ip.ok && ip.family === cidr.family && ip.value >= cidr.network && ip.value <= lastAddress(cidr);
}

/** The subnet of `prefixLength` bits that starts at integer `network` (which must be aligned). */
export function cidrAt(family: IpFamily, network: bigint, length: number): Cidr {
  return { family, network, prefixLength: length, text: `${formatAddress(network, family)}/${length}` };
}

/** The address `offset` places after the network address of the subnet, as text. */
export function addressAt(cidr: Cidr, offset: number): string {
  return formatAddress(cidr.network + BigInt(offset), cidr.family);
}
