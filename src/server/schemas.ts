/**
 * zod schemas of the request bodies the engine accepts (upstream schemas/*.yaml, with the "Required."
 * descriptions enforced per spec-defects D05/D06). Output-only fields are accepted and ignored.
 */
import { z } from 'zod';
import type { L3BaseConfig, ProviderBgpConfig } from '../checks/index.js';

const int = z.number().int();
const optionalString = z.string().optional();

/** ActivationKey object (deprecated `key` field of ConfirmActivationKeyRequest). */
export const ActivationKeyBody = z.object({
  version: int,
  destinationEnvironmentUri: z.string(),
  sharedConnectionUuid: z.string(),
  connectionSizeMbps: int,
  destinationAccountId: z.string(),
});

/** ConfirmActivationKeyRequest. */
export const ConfirmActivationKeyBody = z.object({ encodedKey: z.string().optional(), key: ActivationKeyBody.optional() });

const connectionFields = {
  name: optionalString,
  activationKey: optionalString,
  deferProvisioning: z.boolean().optional(),
  adminState: z.string().optional(),
  verificationState: z.string().optional(),
};

/** Connection as sent to CreateConnection (bandwidthMbps required in practice, D06). */
export const ConnectionCreateBody = z.object({ ...connectionFields, bandwidthMbps: int });

/** Connection as sent to UpdateConnection. */
export const ConnectionUpdateBody = z.object({ ...connectionFields, bandwidthMbps: int.optional() });

const BgpBody = z.object({
  provider: z.string(),
  asn: int.min(0).max(4294967295),
  hostIpv4: z.string(),
  hostIpv6: optionalString,
});

const L3Body = z.object({
  ipv4Subnet: z.string(),
  ipv4SubnetPrefixLength: int,
  ipv6Subnet: optionalString,
  ipv6SubnetPrefixLength: int.optional(),
  mtuBytes: int,
  vlanId: int,
  providerBgpConfigs: z.array(BgpBody).min(1),
  md5BgpPassword: optionalString,
});

/** Feature as sent to CreateFeature. */
export const FeatureBody = z.object({
  name: optionalString,
  channel: z.string().min(1),
  featureConfig: z.object({
    featureType: z.literal('FEATURE_TYPE_L3_BASE').optional(),
    l3BaseConfig: L3Body,
  }),
  provisioningState: optionalString,
});

/** MacSecKey as sent to CreateMacSecKey: CAK of 32 or 64 hex digits, CKN of an even number of hex digits up to 64. */
export const MacSecKeyBody = z.object({
  name: optionalString,
  cak: z.string().regex(/^(?:[0-9a-fA-F]{32}|[0-9a-fA-F]{64})$/, 'cak must be 32 or 64 hex digits'),
  ckn: z.string().regex(/^(?:[0-9a-fA-F]{2}){1,32}$/, 'ckn must be an even number of hex digits, at most 64'),
  startTime: optionalString,
  active: z.boolean().optional(),
});

/** MacSecKeyRotationRequest. */
export const RotationBody = z.object({ reason: optionalString });

/** NotifyMaintenanceRequest (its deprecated `events` is tolerated, D29). */
export const NotifyMaintenanceBody = z.object({ events: z.array(z.unknown()).optional() });

const contextList = z.array(z.object({ name: z.string() })).optional();

/** Issue as sent to CreateIssue (title and body required). */
export const IssueBody = z.object({
  title: z.string().min(1),
  body: z.string().min(1),
  channelContexts: contextList,
  connectionContexts: contextList,
  featureContexts: contextList,
  interconnectContexts: contextList,
  issueContext: z.enum(['ISSUE_CONTEXT_UNSPECIFIED', 'ISSUE_CONTEXT_CONNECTION_ISSUE', 'ISSUE_CONTEXT_INTERCONNECT_ISSUE']).optional(),
  priority: z.enum(['PRIORITY_UNSPECIFIED', 'PRIORITY_P0', 'PRIORITY_P1', 'PRIORITY_P2', 'PRIORITY_P3', 'PRIORITY_P4']).optional(),
  remoteContactEmail: optionalString,
  remoteIssueId: optionalString,
  name: optionalString,
  createTime: optionalString,
  localIssueId: optionalString,
  state: optionalString,
});

/** AddCommentRequest. */
export const AddCommentBody = z.object({ comment: z.object({ body: z.string().min(1) }) });

/** Any JSON object (bodies of empty request messages). */
export const AnyObjectBody = z.object({});

/** Result of validating a body: the typed value or a one-line problem naming the paths. */
export type Validated<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

/** Validates `value` with `schema`, collecting every problem with its path. */
export function validate<T>(schema: z.ZodType<T>, value: unknown): Validated<T> {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  const problem = result.error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(body)'}: ${i.message}`).join('; ');
  return { ok: false, problem };
}

function bgpOf(b: z.infer<typeof BgpBody>): ProviderBgpConfig {
  return { provider: b.provider, asn: b.asn, hostIpv4: b.hostIpv4, ...(b.hostIpv6 === undefined ? {} : { hostIpv6: b.hostIpv6 }) };
}

/** Converts a validated L3 body into the checks' L3BaseConfig (dropping undefined optionals). */
export function toL3Config(c: z.infer<typeof L3Body>): L3BaseConfig {
  return {
    ipv4Subnet: c.ipv4Subnet,
    ipv4SubnetPrefixLength: c.ipv4SubnetPrefixLength,
    ...(c.ipv6Subnet === undefined ? {} : { ipv6Subnet: c.ipv6Subnet }),
    ...(c.ipv6SubnetPrefixLength === undefined ? {} : { ipv6SubnetPrefixLength: c.ipv6SubnetPrefixLength }),
    mtuBytes: c.mtuBytes,
    vlanId: c.vlanId,
    providerBgpConfigs: c.providerBgpConfigs.map(bgpOf),
    ...(c.md5BgpPassword === undefined ? {} : { md5BgpPassword: c.md5BgpPassword }),
  };
}
