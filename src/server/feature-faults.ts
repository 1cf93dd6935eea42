/**
 * CreateFeature's and the feature answers' deliberate defects beyond the guidance checks (CC-NEG-019..067,
 * CC-LC-010, CC-SCH-013/017/024): request bodies bent before validation, refusals of valid proposals, and
 * answers bent after rendering. Each applies only while its fault is on.
 */
import { overlaps, parseCidr, parseSubnet, type L3BaseConfig } from '../checks/index.js';
import { type Engine, guidanceFor } from './engine.js';
import { featuresOn } from './indexes.js';
import { badRequest, type Reply } from './reply.js';
import type { ConnectionRecord } from './types.js';

/** The MTU the feature-mtu-defaulted and feature-mtu-rewritten faults put in, in bytes. */
export const FAULT_MTU = 1500;
const INT32_MAX = 2147483647;

/** Where a feature answer is sent from. */
export type FeatureAnswer = 'create' | 'read';

function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...(value as Record<string, unknown>) } : undefined;
}

/** The CreateFeature body as the faults bend it before validation (a missing MTU defaulted under feature-mtu-defaulted). */
export function bentFeatureInput(engine: Engine, body: unknown): unknown {
  const b = asObject(body);
  const fc = asObject(b?.['featureConfig']);
  const l3 = asObject(fc?.['l3BaseConfig']);
  if (!engine.faults.has('feature-mtu-defaulted') || b === undefined || fc === undefined || l3 === undefined || l3['mtuBytes'] !== undefined) return body;
  return { ...b, featureConfig: { ...fc, l3BaseConfig: { ...l3, mtuBytes: FAULT_MTU } } };
}

/** The feature id CreateFeature uses: the query's, or the last segment of the body's `name` under feature-id-from-body-name. */
export function featureIdFor(engine: Engine, queryId: string, bodyName: string | undefined): string {
  if (!engine.faults.has('feature-id-from-body-name') || bodyName === undefined || bodyName === '') return queryId;
  return bodyName.split('/').pop() ?? queryId;
}

function preferredStillFree(engine: Engine, rec: ConnectionRecord, config: L3BaseConfig): string | undefined {
  const preferred = (guidanceFor(engine, rec.env, rec.ix).ipv4SubnetGuidance ?? []).flatMap((g) => {
    const p = g.preferredSubnet === undefined ? undefined : parseCidr(g.preferredSubnet);
    return p?.ok ? [p.cidr] : [];
  });
  const mine = config.ipv4Subnet === undefined || config.ipv4SubnetPrefixLength === undefined ? undefined : parseSubnet(config.ipv4Subnet, config.ipv4SubnetPrefixLength);
  const used = featuresOn(engine, rec.caller, rec.env, rec.ix).flatMap((f) => f.subnets);
  const free = preferred.find((p) => !used.some((u) => overlaps(u, p)));
  return free !== undefined && !(mine?.ok === true && mine.cidr.text === free.text) ? free.text : undefined;
}

/** The refusal a fault gives to a proposal that follows the guidance, if any. */
export function featureRefusal(engine: Engine, rec: ConnectionRecord, config: L3BaseConfig): Reply | undefined {
  if (engine.faults.has('ipv6-refused') && config.ipv6Subnet !== undefined) return badRequest('IPv6 subnets are not supported');
  if (engine.faults.has('md5-refused') && config.md5BgpPassword !== undefined) return badRequest('BGP MD5 authentication is not supported');
  if (engine.faults.has('asn-int32') && (config.providerBgpConfigs ?? []).some((b) => (b.asn ?? 0) > INT32_MAX)) return badRequest(`asn must be at most ${INT32_MAX}`);
  const preferred = engine.faults.has('preferred-subnet-only') ? preferredStillFree(engine, rec, config) : undefined;
  if (preferred !== undefined) return badRequest(`the preferred subnet ${preferred} is still free: use it`);
  return undefined;
}

/** A feature answer as the faults bend it after rendering. */
export function bentFeature(engine: Engine, rendered: Record<string, unknown>, answer: FeatureAnswer): Record<string, unknown> {
  const out = { ...rendered };
  if (engine.faults.has('feature-channel-bare') && typeof out['channel'] === 'string') out['channel'] = out['channel'].split('/').pop();
  if (engine.faults.has('create-feature-self-rooted') && answer === 'create' && typeof out['name'] === 'string') out['name'] = out['name'].replace(/^providers\/[^/]+\//, `providers/${engine.selfId}/`);
  const fc = asObject(out['featureConfig']);
  const l3 = asObject(fc?.['l3BaseConfig']);
  if (engine.faults.has('feature-mtu-rewritten') && answer === 'read' && fc !== undefined && l3 !== undefined) out['featureConfig'] = { ...fc, l3BaseConfig: { ...l3, mtuBytes: FAULT_MTU } };
  return out;
}
