/**
 * The client-side faults of the reference as negotiator (faults-client.ts), kept apart from negotiator.ts so
 * that the conformant flow reads plainly: each function returns the conformant value unless its fault is on.
 */
import { environmentIdOf, intersectRanges, type ActivationKey, type L3BaseConfig, type L3BaseGuidance } from '../checks/index.js';
import type { ConnectionRef } from '../server/index.js';
import { peerCall, type PartnerContext } from './context.js';
import type { HookFaultName } from './faults.js';

/** What the pure deviations below need of the partner: its faults. */
export type Faulty = Pick<PartnerContext, 'faults'>;

/** True when the hook-side fault `name` is on. */
export function faultOn(ctx: Faulty, name: HookFaultName): boolean {
  return ctx.faults.hook(name);
}

/** The ConfirmActivationKey body: the key text, or under sends-deprecated-key only the decoded `key` object. */
export function confirmBody(ctx: Faulty, text: string, key: ActivationKey | undefined): Record<string, unknown> {
  return faultOn(ctx, 'sends-deprecated-key') && key !== undefined ? { key } : { encodedKey: text };
}

/**
 * The environments ConfirmActivationKey is tried under, in order: the key's; under confirm-wrong-environment a
 * made-up one (the key's id with `-x` appended) first.
 */
export function confirmEnvironments(ctx: Faulty, env: string): string[] {
  return faultOn(ctx, 'confirm-wrong-environment') ? [`${env}-x`, env] : [env];
}

function askedBandwidth(ctx: PartnerContext, env: string, ix: string, bandwidthMbps: number): number {
  if (!faultOn(ctx, 'wrong-bandwidth')) return bandwidthMbps;
  const sizes = ctx.local.topology.environments.find((e) => e.id === env)?.interconnects.find((i) => i.id === ix)?.supportedConnectionSizeMbps ?? [];
  return [...sizes].sort((a, b) => a - b).find((s) => s > bandwidthMbps) ?? bandwidthMbps;
}

/**
 * The CreateConnection body for the peer: the key's bandwidth and the key text; under wrong-bandwidth the next
 * supported size above the key's, under connection-without-key no activationKey.
 */
export function peerConnectionBody(ctx: PartnerContext, env: string, ix: string, bandwidthMbps: number, key: string): Record<string, unknown> {
  return { bandwidthMbps: askedBandwidth(ctx, env, ix, bandwidthMbps), ...(faultOn(ctx, 'connection-without-key') ? {} : { activationKey: key }) };
}

/** Under wrong-provider-prefix: reads the peer's interconnects under the peer's own provider id (answer ignored). */
export async function wrongPrefixLookup(ctx: PartnerContext, env: string): Promise<void> {
  const peer = ctx.local.peer(ctx.peerId);
  if (!faultOn(ctx, 'wrong-provider-prefix') || peer === undefined) return;
  const url = `${peer.baseUrl.replace(/\/+$/, '')}/providers/${encodeURIComponent(ctx.peerId)}/environments/${encodeURIComponent(env)}/interconnects`;
  await ctx.outbound({ method: 'GET', url });
}

/** True when the connection was deferred to the reference by the peer. */
export function isDeferred(ctx: PartnerContext, ref: ConnectionRef): boolean {
  return ctx.local.connection(ref)?.deferProvisioning === true;
}

const WITHOUT: ReadonlyArray<readonly [HookFaultName, readonly (keyof L3BaseGuidance)[]]> = [
  ['ignores-vlan-guidance', ['vlanRanges']],
  ['ignores-subnet-guidance', ['ipv4SubnetGuidance', 'ipv4AllowedSubnetPrefixLengths']],
  ['wrong-responder-asn', ['asnRanges']],
];

/** Block a deferred negotiation takes its first subnets from under deferral-ignores-guidance. */
const SHARED_ADDRESS_SPACE = '100.64.0.0/10';

/**
 * Both guidances as the reference reads them for attempt `attempt` on a channel. The guidance faults bend only
 * the first attempt, so that the peer's refusal leads to a conformant retry and nothing downstream breaks.
 */
export function guidanceAsRead(ctx: Faulty, deferred: boolean, mine: L3BaseGuidance, theirs: L3BaseGuidance, attempt: number): { mine: L3BaseGuidance; theirs: L3BaseGuidance } {
  if (attempt > 0) return { mine, theirs };
  if (deferred) {
    if (!faultOn(ctx, 'deferral-ignores-guidance')) return { mine, theirs };
    const own = { ...mine, ipv4SubnetGuidance: [{ includeSubnet: SHARED_ADDRESS_SPACE, excludeSubnets: [] }] };
    return { mine: own, theirs: { ...theirs, ipv4SubnetGuidance: [] } };
  }
  let read = theirs;
  for (const [name, fields] of WITHOUT) {
    if (faultOn(ctx, name)) read = Object.fromEntries(Object.entries(read).filter(([k]) => !fields.includes(k as keyof L3BaseGuidance))) as L3BaseGuidance;
  }
  return { mine, theirs: read };
}

/** The MTU as the reference sets it: under lowest-mtu the lowest both support, under ignores-mtu-guidance 9216 on a first attempt. */
export function configAsChosen(ctx: Faulty, deferred: boolean, config: L3BaseConfig, guidance: { mine: L3BaseGuidance; theirs: L3BaseGuidance }, attempt: number): L3BaseConfig {
  if (deferred) return config;
  if (faultOn(ctx, 'ignores-mtu-guidance') && attempt === 0) return { ...config, mtuBytes: 9216 };
  if (!faultOn(ctx, 'lowest-mtu')) return config;
  const both = intersectRanges(guidance.mine.mtuRanges ?? [], guidance.theirs.mtuRanges ?? []);
  return both.length > 0 ? { ...config, mtuBytes: Math.min(...both.map((r) => r.start)) } : config;
}

/**
 * The configuration sent to the peer: under incomplete-proposal the first attempt leaves out vlanId; under
 * bgp-shared-host every proposal gives both providers the negotiator's BGP host address.
 */
export function configAsSent(ctx: Faulty, deferred: boolean, config: L3BaseConfig, attempt: number): L3BaseConfig {
  if (deferred) return config;
  if (faultOn(ctx, 'bgp-shared-host')) {
    const host = config.providerBgpConfigs?.[0]?.hostIpv4;
    return { ...config, providerBgpConfigs: (config.providerBgpConfigs ?? []).map((b) => (host === undefined ? b : { ...b, hostIpv4: host })) };
  }
  if (attempt > 0 || !faultOn(ctx, 'incomplete-proposal')) return config;
  const { vlanId: _omitted, ...rest } = config;
  return rest;
}

/** VLANs in use on a channel as the reference counts them when choosing: none under reuses-used-vlans. */
export function vlansInUse(ctx: Faulty, used: readonly number[]): number[] {
  return faultOn(ctx, 'reuses-used-vlans') ? [] : [...used];
}

/** Interconnects in the order they are tried, roomiest first; under least-room-placement the fullest that fits first. */
export function placementOrder(ctx: Faulty, roomiestFirst: readonly string[]): string[] {
  return faultOn(ctx, 'least-room-placement') ? [...roomiestFirst].reverse() : [...roomiestFirst];
}

/** The environment a key names, when the reference has it; under unknown-environment-fallback an unknown one becomes the first it has. */
export function keyEnvironment(ctx: PartnerContext, key: ActivationKey): string | undefined {
  const envs = ctx.local.topology.environments;
  const named = environmentIdOf(key.destinationEnvironmentUri);
  if (envs.some((e) => e.id === named)) return named;
  return faultOn(ctx, 'unknown-environment-fallback') ? envs[0]?.id : undefined;
}

/** The bandwidth placed for a key: the key's; under rounds-up-unoffered-size a size the environment does not offer becomes the next one it does. */
export function keyBandwidth(ctx: PartnerContext, env: string, bandwidthMbps: number): number {
  const offered = ctx.local.topology.environments.find((e) => e.id === env)?.supportedConnectionSizeMbps ?? [];
  if (!faultOn(ctx, 'rounds-up-unoffered-size') || offered.includes(bandwidthMbps)) return bandwidthMbps;
  return [...offered].sort((a, b) => a - b).find((s) => s > bandwidthMbps) ?? bandwidthMbps;
}

/** Under env-by-site-name: reads the peer's environment under the reference's own site name instead of the agreed id (answer ignored). */
export async function siteNameLookup(ctx: PartnerContext, env: string): Promise<void> {
  const site = ctx.local.topology.environments.find((e) => e.id === env)?.site;
  if (!faultOn(ctx, 'env-by-site-name') || site === undefined) return;
  await peerCall(ctx, 'GET', `environments/${encodeURIComponent(site)}`);
}

/** Under proposes-before-guidance: one entry per channel of the interconnect with the reference's own guidance, named under its own id. */
export function ownChannelGuidance(ctx: PartnerContext, ref: ConnectionRef): { channel: string; channelId: string; l3: L3BaseGuidance }[] {
  const ix = ctx.local.topology.environments.find((e) => e.id === ref.env)?.interconnects.find((i) => i.id === ref.ix);
  const l3 = ctx.local.guidance(ref.env, ref.ix);
  const prefix = `providers/${ctx.local.selfId}/environments/${ref.env}/interconnects/${ref.ix}/channels`;
  return (ix?.channels ?? []).map((c) => ({ channel: `${prefix}/${c.id}`, channelId: c.id, l3 }));
}
