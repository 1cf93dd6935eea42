/**
 * Mirroring the candidate's static resources in the kit's peer API: the same environment, interconnect and
 * channel names, with the per-channel roles seen from the kit's side (kit-contracts.md section 2).
 * @packageDocumentation
 */
import type { ChannelSpec, EnvironmentSpec, InterconnectSpec, InterconnectState, Topology as ServerTopology } from '../server/index.js';
import type { Topology } from '../runner/topology.js';
import { KIT_GUIDANCE } from './proposals.js';

function num(v: unknown, fallback: number): number { return typeof v === 'number' ? v : fallback; }
function str(v: unknown, fallback: string): string { return typeof v === 'string' ? v : fallback; }

const STATES: readonly InterconnectState[] = ['INTERCONNECT_STATE_PENDING', 'INTERCONNECT_STATE_ACTIVE', 'INTERCONNECT_STATE_CLOSED'];

/** Builds the peer's topology from what the kit discovered at the candidate. */
export function mirrorTopology(found: Topology, kitProviderId: string, displayName = 'interconnect-ctk (the other provider)'): ServerTopology {
  const kitUri = `providers/${kitProviderId}`;
  const environments: EnvironmentSpec[] = found.environments.map((env) => {
    const sites = Array.isArray(env.resource['providerSites']) ? (env.resource['providerSites'] as unknown[]) : [];
    const site = (who: 'kit' | 'other'): string => {
      const s = sites.find((x) => typeof x === 'object' && x !== null && (String((x as Record<string, unknown>)['providerId']).replace(/^providers\//, '') === kitProviderId) === (who === 'kit'));
      return str(typeof s === 'object' && s !== null ? (s as Record<string, unknown>)['site'] : undefined, who === 'kit' ? 'ctk-site' : 'candidate-site');
    };
    const interconnects: InterconnectSpec[] = env.interconnects.map((ix) => {
      const channels: ChannelSpec[] = ix.channels.map((ch) => ({
        id: ch.id,
        demarc: str(ch.resource['demarc'], ''),
        obfuscatedDeviceId: `ctk-${str(ch.resource['obfuscatedDeviceId'], ch.id)}`,
        aggregateChannelSizeGbps: num(ch.resource['aggregateChannelSizeGbps'], 0),
        channelMemberSizeGbps: num(ch.resource['channelMemberSizeGbps'], 0),
        macsecManager: ch.resource['macsecManagerProvider'] === kitUri ? 'self' : 'caller',
        crossConnectManager: ch.resource['crossConnectManagerProvider'] === kitUri ? 'self' : 'caller',
      }));
      const state = STATES.find((s) => s === ix.state) ?? 'INTERCONNECT_STATE_ACTIVE';
      return {
        id: ix.id, state, maxBandwidthMbps: ix.maxBandwidthMbps || 100000, supportedConnectionSizeMbps: ix.sizes.length > 0 ? ix.sizes : env.sizes,
        supportedFeatures: ['FEATURE_TYPE_L3_BASE'], channels,
      };
    });
    // The kit never defers, but publishes the candidate's deferral timeout so both sides wait as long (ERRATA D25).
    const timeout = env.resource['deferralTimeoutHours'];
    return {
      id: env.id, site: site('kit'), callerSite: site('other'), supportedConnectionSizeMbps: env.sizes,
      supportedFeatures: ['FEATURE_TYPE_L3_BASE'], interconnects,
      ...(typeof timeout === 'number' ? { deferralTimeoutHours: timeout } : {}),
    };
  });
  return { displayName, environments, guidance: KIT_GUIDANCE };
}
