/**
 * Seeding the reference with many verified connections for scale tests and benchmarks (bench/cases/scale.ts):
 * spread round-robin over every interconnect, each with one FINAL L3 feature per channel, stored without the
 * admission checks. Subnets come from the upper half of the guidance's 169.254.0.0/16 (169.254.128.0/17 less the
 * excluded 169.254.169.0/24) and VLANs from 2048-4094, so that the low ranges stay free for a run's own
 * negotiations; past 8,128 features per interconnect (or 2,047 connections per channel) the values repeat,
 * as they must with only two interconnects.
 */
import type { L3BaseConfig } from '../checks/index.js';
import type { InterconnectSpec, LocalApi, SeedConnection } from '../server/index.js';

/** /30 slots in 169.254.128.0/17 once 169.254.169.0/24 is left out. */
const SUBNET_SLOTS = 127 * 64;
const VLAN_FIRST = 2048;
const VLAN_COUNT = 4094 - VLAN_FIRST + 1;

/** The shared UUID of the `n`th seeded connection (a well-formed version-4 UUID). */
export function seedUuid(n: number): string {
  return `5eed0000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

function subnetOf(slot: number): { readonly net: string; readonly peer: string; readonly self: string } {
  const k = slot % SUBNET_SLOTS;
  const raw = 128 + Math.floor(k / 64);
  const third = raw >= 169 ? raw + 1 : raw;
  const fourth = (k % 64) * 4;
  return { net: `169.254.${third}.${fourth}`, peer: `169.254.${third}.${fourth + 1}`, self: `169.254.${third}.${fourth + 2}` };
}

function featureConfig(slot: number, vlanId: number, peerId: string, selfId: string): L3BaseConfig {
  const s = subnetOf(slot);
  return {
    ipv4Subnet: s.net,
    ipv4SubnetPrefixLength: 30,
    mtuBytes: 1500,
    vlanId,
    providerBgpConfigs: [
      { provider: `providers/${peerId}`, asn: 64512, hostIpv4: s.peer },
      { provider: `providers/${selfId}`, asn: 64700, hostIpv4: s.self },
    ],
  };
}

function* seeds(local: LocalApi, peerId: string, count: number): Generator<SeedConnection> {
  const slots: { readonly env: string; readonly ix: InterconnectSpec }[] = local.topology.environments
    .filter((env) => env.deferConnectionProvisioning !== true) // the deferring environment is for deferral scenarios only
    .flatMap((env) => env.interconnects.map((ix) => ({ env: env.id, ix })));
  if (slots.length === 0) return;
  for (let n = 0; n < count; n += 1) {
    const { env, ix } = slots[n % slots.length]!;
    const onIx = Math.floor(n / slots.length);
    const vlanId = VLAN_FIRST + (onIx % VLAN_COUNT);
    yield {
      ref: { caller: peerId, env, ix: ix.id, id: seedUuid(n) },
      bandwidthMbps: ix.supportedConnectionSizeMbps[0] ?? 50,
      features: ix.channels.map((ch, c) => ({ id: `seed-${ch.id}`, channelId: ch.id, config: featureConfig(onIx * ix.channels.length + c, vlanId, peerId, local.selfId) })),
    };
  }
}

/** Stores `count` verified connections of caller `peerId` on the reference; answers how many were stored. */
export function seedConnections(local: LocalApi, peerId: string, count: number): number {
  return local.seedVerified(seeds(local, peerId, count));
}
