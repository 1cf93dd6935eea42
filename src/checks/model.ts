/**
 * Wire shapes of the Connection Coordinator objects the domain checks reason about
 * (feature configuration, feature guidance, activation keys), in camelCase as on the wire.
 * Source: upstream schemas/feature.yaml, schemas/connection.yaml, schemas/environment.yaml.
 */

/** An inclusive integer range as used by VLAN, MTU and ASN guidance (`start`..`stop`). */
export interface NumberRange {
  /** First value, inclusive. */
  readonly start: number;
  /** Last value, inclusive. */
  readonly stop: number;
}

/** Guidance for one block of address space (schemas/connection.yaml#SubnetGuidance). */
export interface SubnetGuidance {
  /** CIDR a subnet may be chosen within, e.g. `169.254.0.0/16`. */
  readonly includeSubnet?: string;
  /** CIDRs that must not be used (note D17: the wire name is `excludeSubnets`). */
  readonly excludeSubnets?: readonly string[];
  /** A CIDR the server would prefer; informative only. */
  readonly preferredSubnet?: string;
}

/** All guidance for a FEATURE_TYPE_L3_BASE feature (schemas/connection.yaml#L3BaseGuidance). */
export interface L3BaseGuidance {
  /** ASNs the responder will use (D54). */
  readonly asnRanges?: readonly NumberRange[];
  /** IPv4 blocks a subnet may be chosen within. */
  readonly ipv4SubnetGuidance?: readonly SubnetGuidance[];
  /** IPv6 blocks a subnet may be chosen within. */
  readonly ipv6SubnetGuidance?: readonly SubnetGuidance[];
  /** Allowed IPv4 prefix lengths (e.g. `[29, 30]`). */
  readonly ipv4AllowedSubnetPrefixLengths?: readonly number[];
  /** Allowed IPv6 prefix lengths (e.g. `[126, 127]`). */
  readonly ipv6AllowedSubnetPrefixLengths?: readonly number[];
  /** VLAN ranges the caller may pick from. */
  readonly vlanRanges?: readonly NumberRange[];
  /** MTU ranges the caller may pick from. */
  readonly mtuRanges?: readonly NumberRange[];
  /** Maximum BGP prefixes the server accepts; informative. */
  readonly maxReceivedBgpRoutePrefixes?: number;
}

/** BGP session parameters of one provider on one channel (schemas/feature.yaml#ProviderBgpConfig). */
export interface ProviderBgpConfig {
  /** `providers/{provider}`. */
  readonly provider?: string;
  /** The provider's ASN (a 4-byte unsigned integer, D01). */
  readonly asn?: number;
  /** The provider's BGP host address inside the feature's IPv4 subnet. */
  readonly hostIpv4?: string;
  /** The provider's BGP host address inside the feature's IPv6 subnet. */
  readonly hostIpv6?: string;
}

/** FEATURE_TYPE_L3_BASE configuration (schemas/feature.yaml#L3BaseConfig). */
export interface L3BaseConfig {
  /** Network address with host bits zero (D44), or a CIDR whose length equals the prefix length. */
  readonly ipv4Subnet?: string;
  /** IPv4 prefix length. */
  readonly ipv4SubnetPrefixLength?: number;
  /** Optional IPv6 network address. */
  readonly ipv6Subnet?: string;
  /** Optional IPv6 prefix length. */
  readonly ipv6SubnetPrefixLength?: number;
  /** MTU in bytes at the provider boundary. */
  readonly mtuBytes?: number;
  /** 802.1Q VLAN id; 1024 and lower are reserved. */
  readonly vlanId?: number;
  /** One entry per provider. */
  readonly providerBgpConfigs?: readonly ProviderBgpConfig[];
  /** Shared BGP MD5 password: a secret, never logged. */
  readonly md5BgpPassword?: string;
}

/** The ActivationKey fields (schemas/environment.yaml#ActivationKey), all required. */
export interface ActivationKey {
  /** Key format version; the kit uses `1` for API v1 (D11). */
  readonly version: number;
  /** `providers/{provider}/environments/{environment}`; compared by last segment (D36). */
  readonly destinationEnvironmentUri: string;
  /** The UUID both providers use as the connection id. */
  readonly sharedConnectionUuid: string;
  /** Connection size in Mbps. */
  readonly connectionSizeMbps: number;
  /** The customer account on the destination provider. */
  readonly destinationAccountId: string;
}

/** Names of the ActivationKey fields, in the kit's canonical order. */
export const ACTIVATION_KEY_FIELDS = [
  'version',
  'destinationEnvironmentUri',
  'sharedConnectionUuid',
  'connectionSizeMbps',
  'destinationAccountId',
] as const;

/** One ActivationKey field name. */
export type ActivationKeyField = (typeof ACTIVATION_KEY_FIELDS)[number];
