/**
 * Feature rules shared by CreateFeature and the local side (paths/features.yaml, docs/Protocols.md
 * #negotiate-feature-parameters, spec-defects D32): guidance violations are 400; a second L3 feature on a
 * channel, a subnet already in use on the interconnect, or a VLAN taken on the channel by another connection
 * are 409. Admission runs synchronously, so concurrent requests reserve one after the other.
 * Faults here: feature-*-unchecked, feature-overlap-accepted, feature-second-on-channel, features-never-final,
 * feature-asn-unchecked, feature-host-bits-accepted, feature-reservation-race (with dispatch.ts),
 * duplicate-feature-accepted, refused-feature-kept.
 */
import { checkFeatureAgainstGuidance, overlaps, parseCidr, subnetsOf, type Cidr, type GuidanceRule, type L3BaseConfig } from '../checks/index.js';
import { dropFeature, featuresOn, putFeature } from './indexes.js';
import type { Admission } from './connections.js';
import { type Engine, guidanceFor } from './engine.js';
import type { ServerFaultName } from './faults.js';
import { connectionKey, featureName, providerName } from './names.js';
import { badRequest, conflict } from './reply.js';
import type { ConnectionRecord, ConnectionRef, FeatureRecord } from './types.js';
import { evaluateConnection } from './verification.js';

/** A feature to admit. */
export interface NewFeature {
  /** Feature id. */
  readonly id: string;
  /** Channel id. */
  readonly channelId: string;
  /** L3 configuration. */
  readonly config: L3BaseConfig;
  /** Whether to hold it to this server's guidance (true for the peer's proposals). */
  readonly checkGuidance: boolean;
  /** Under feature-reservation-race: the overlap check sees only features created at or before this time (ms). */
  readonly seenBefore?: number;
}

const UNCHECKED: readonly [ServerFaultName, readonly GuidanceRule[]][] = [
  ['feature-vlan-unchecked', ['vlan-reserved', 'vlan-range']],
  ['feature-subnet-unchecked', ['subnet-include', 'subnet-exclude']],
  ['feature-prefix-unchecked', ['prefix-length']],
  ['feature-mtu-unchecked', ['mtu-range']],
  ['feature-asn-unchecked', ['asn-range']],
  ['feature-host-bits-accepted', ['mask-not-applied']],
];

/** Subnets in use on an interconnect, as canonical CIDR text. */
export function usedSubnets(engine: Engine, caller: string, env: string, ix: string): string[] {
  return featuresOn(engine, caller, env, ix).flatMap((f) => f.subnets.map((c) => c.text));
}

/** VLANs in use on a channel (optionally not counting one connection's features). */
export function usedVlans(engine: Engine, caller: string, env: string, ix: string, channelId: string, exceptConnection?: string): number[] {
  return featuresOn(engine, caller, env, ix)
    .filter((f) => f.channelId === channelId && f.conn.id !== exceptConnection && f.config.vlanId !== undefined)
    .map((f) => f.config.vlanId as number);
}

function parsedSubnets(config: L3BaseConfig): Cidr[] {
  return subnetsOf(config).flatMap((t) => {
    const p = parseCidr(t);
    return p.ok ? [p.cidr] : [];
  });
}

function guidanceProblems(engine: Engine, rec: ConnectionRecord, config: L3BaseConfig): string[] {
  const skipped = new Set(UNCHECKED.filter(([fault]) => engine.faults.has(fault)).flatMap(([, rules]) => rules));
  return checkFeatureAgainstGuidance(config, guidanceFor(engine, rec.env, rec.ix), [], { responderProvider: providerName(engine.selfId) })
    .filter((v) => !skipped.has(v.rule))
    .map((v) => `${v.rule}: ${v.detail}`);
}

function conflictProblem(engine: Engine, rec: ConnectionRecord, input: NewFeature, existing: ReadonlyMap<string, FeatureRecord>): string | undefined {
  if (existing.has(input.id)) return `feature ${input.id} already exists`;
  const sameChannel = [...existing.values()].find((f) => f.channelId === input.channelId);
  if (sameChannel && !engine.faults.has('feature-second-on-channel')) return `channel ${input.channelId} already has an L3 feature (${sameChannel.id}) on this connection`;
  if (!engine.faults.has('feature-overlap-accepted')) {
    const mine = parsedSubnets(input.config);
    for (const f of featuresOn(engine, rec.caller, rec.env, rec.ix)) {
      if (input.seenBefore !== undefined && f.createdAt > input.seenBefore) continue;
      const clash = f.subnets.find((s) => mine.some((m) => overlaps(m, s)));
      if (clash) return `subnet ${clash.text} of feature ${f.id} is already in use`;
    }
  }
  if (input.config.vlanId !== undefined && usedVlans(engine, rec.caller, rec.env, rec.ix, input.channelId, rec.id).includes(input.config.vlanId)) {
    return `VLAN ${input.config.vlanId} is already in use on channel ${input.channelId}`;
  }
  return undefined;
}

function scheduleFinal(engine: Engine, rec: ConnectionRecord, feature: FeatureRecord): void {
  if (engine.faults.has('features-never-final')) return;
  engine.timers.after(engine.settings.provisioningDelayMs, () => {
    const stored = engine.store.features.get(connectionKey(rec))?.get(feature.id);
    if (stored !== feature) return;
    feature.provisioningState = 'PROVISIONING_STATE_FINAL';
    evaluateConnection(engine, rec);
  });
}

/** Admits a feature on a connection (PENDING, turning FINAL after the provisioning delay), or answers 400/409. */
export function admitFeature(engine: Engine, rec: ConnectionRecord, input: NewFeature): Admission<FeatureRecord> {
  if (input.checkGuidance) {
    const problems = guidanceProblems(engine, rec, input.config);
    if (problems.length > 0) {
      if (engine.faults.has('refused-feature-kept')) storeFeature(engine, rec, input);
      return { ok: false, reply: badRequest(`the feature does not follow the guidance: ${problems.join('; ')}`) };
    }
  }
  const existing = engine.store.features.get(connectionKey(rec)) ?? new Map<string, FeatureRecord>();
  const same = existing.get(input.id);
  if (same !== undefined && engine.faults.has('duplicate-feature-accepted')) return { ok: true, value: same };
  const clash = conflictProblem(engine, rec, input, existing);
  if (clash) return { ok: false, reply: conflict(clash, clash.includes('already exists') ? 'ALREADY_EXISTS' : 'ABORTED') };
  return { ok: true, value: storeFeature(engine, rec, input) };
}

/** Builds the record of an L3 feature of a connection (shared by the engine and the seeding of the reference). */
export function featureRecord(
  conn: ConnectionRef, input: { readonly id: string; readonly channelId: string; readonly config: L3BaseConfig },
  provisioningState: FeatureRecord['provisioningState'], createdAt: number, subnets: FeatureRecord['subnets'] = parsedSubnets(input.config),
): FeatureRecord {
  return {
    conn: { caller: conn.caller, env: conn.env, ix: conn.ix, id: conn.id },
    id: input.id, channelId: input.channelId, featureType: 'FEATURE_TYPE_L3_BASE', config: input.config, subnets, provisioningState, createdAt,
  };
}

/** Stores a new feature (PENDING, turning FINAL after the provisioning delay) without any check. */
function storeFeature(engine: Engine, rec: ConnectionRecord, input: NewFeature): FeatureRecord {
  const feature = featureRecord(rec, input, 'PROVISIONING_STATE_PENDING', engine.clock.now());
  putFeature(engine, feature);
  engine.store.everExisted.add(featureName(rec, feature.id));
  scheduleFinal(engine, rec, feature);
  // A feature added to a verified connection takes it back to pending: the peer hears of it (D26).
  evaluateConnection(engine, rec);
  return feature;
}

/** Removes one feature and re-evaluates its connection. */
export function removeFeature(engine: Engine, rec: ConnectionRecord, featureId: string): boolean {
  const feature = engine.store.features.get(connectionKey(rec))?.get(featureId);
  const removed = feature !== undefined && dropFeature(engine, feature);
  if (removed) evaluateConnection(engine, rec);
  return removed;
}
