/**
 * Seeding the store with connections that are already negotiated and verified, for scale tests and benchmarks:
 * each is stored with its features FINAL and both notifications exchanged, bypassing admission (capacity, sizes,
 * overlap and VLAN checks), timers and peer calls, so that seeding many thousands costs only the stores' inserts.
 */
import { parseCidr, subnetsOf, type Cidr, type L3BaseConfig } from '../checks/index.js';
import type { Engine } from './engine.js';
import { putConnection, putFeature } from './indexes.js';
import { featureRecord } from './features.js';
import { connectionName, featureName } from './names.js';
import type { ConnectionRecord, ConnectionRef } from './types.js';

/** One feature of a seeded connection. */
export interface SeedFeature {
  /** Feature id. */
  readonly id: string;
  /** Channel id of the connection's interconnect. */
  readonly channelId: string;
  /** L3 configuration, stored as given. */
  readonly config: L3BaseConfig;
}

/** A connection to store as verified, with its features. */
export interface SeedConnection {
  /** Where it lives (the caller partition is the peer that is meant to have created it). */
  readonly ref: ConnectionRef;
  /** Bandwidth in Mbps (not checked against the interconnect). */
  readonly bandwidthMbps: number;
  /** Its features, all stored FINAL. */
  readonly features: readonly SeedFeature[];
}

/** Parses a configuration's subnets, once per distinct subnet text (seeds repeat them). */
function subnetParser(): (config: L3BaseConfig) => readonly Cidr[] {
  const seen = new Map<string, readonly Cidr[]>();
  return (config) => {
    const key = `${config.ipv4Subnet ?? ''}/${config.ipv4SubnetPrefixLength ?? ''} ${config.ipv6Subnet ?? ''}/${config.ipv6SubnetPrefixLength ?? ''}`;
    let subnets = seen.get(key);
    if (subnets === undefined) {
      subnets = subnetsOf(config).flatMap((text) => {
        const p = parseCidr(text);
        return p.ok ? [p.cidr] : [];
      });
      seen.set(key, subnets);
    }
    return subnets;
  };
}

/** Stores verified connections with FINAL features, unchecked; answers how many were stored (an existing id is replaced). */
export function seedVerified(engine: Engine, seeds: Iterable<SeedConnection>): number {
  const now = engine.clock.now();
  const subnetsOfConfig = subnetParser();
  let stored = 0;
  for (const seed of seeds) {
    const ref = seed.ref;
    const rec: ConnectionRecord = {
      caller: ref.caller, env: ref.env, ix: ref.ix, id: ref.id,
      bandwidthMbps: seed.bandwidthMbps,
      deferProvisioning: false,
      origin: 'remote',
      createdAt: now,
      customerUpdateInProgress: false,
      notify: { sent: 'acked', attempts: 1, received: true, receivedAt: now, verifiedAnnounced: true },
    };
    putConnection(engine, rec);
    engine.store.everExisted.add(connectionName(ref));
    for (const f of seed.features) {
      putFeature(engine, featureRecord(ref, f, 'PROVISIONING_STATE_FINAL', now, subnetsOfConfig(f.config)));
      engine.store.everExisted.add(featureName(ref, f.id));
    }
    stored += 1;
  }
  return stored;
}
