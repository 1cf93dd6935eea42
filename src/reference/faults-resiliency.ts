/**
 * The reference's deliberate defects of its published topology and of readiness (CC-RES-*, CC-MNT-011). Spread
 * into {@link FAULTS}; `breaks` lists the requirement ids each makes fail, primary first. The topology faults are
 * applied by {@link withTopologyFaults} to the reference topology the partner serves (the clean topology is not
 * changed); provider-sites-wrong and verifies-below-threshold live in the engine (render.ts, verification.ts).
 * Each topology fault is applied to every interconnect alike, so that the device groups stay equal (CC-MNT-011)
 * unless the fault is about them.
 */
import type { ChannelSpec, InterconnectSpec, Topology } from '../server/index.js';
import type { FaultInfo } from './faults.js';
import { referenceChannel } from './topology.js';

/** Faults of the published topology, applied by {@link withTopologyFaults}. */
const TOPOLOGY_FAULTS = {
  'three-channels': { description: 'Every interconnect publishes only channels 1 to 3.', breaks: ['CC-RES-001', 'CC-RES-002'] },
  'five-channels': { description: 'Every interconnect publishes a fifth channel, on a device and demarc of its own.', breaks: ['CC-RES-002'] },
  'two-channels-one-device': { description: 'channel2 of every interconnect sits on the device of channel1.', breaks: ['CC-RES-003'] },
  'channel-without-device': { description: 'The last channel of every interconnect has an empty obfuscatedDeviceId.', breaks: ['CC-RES-004'] },
  'device-is-hostname': { description: 'Device ids are router host names such as rtr1.ref-east-1.example.net.', breaks: ['CC-RES-005'] },
  'single-facility': { description: 'Every demarc of every interconnect names the first channel\u2019s facility.', breaks: ['CC-RES-006'] },
  'shared-demarc': { description: 'channel2 of every interconnect has the demarc of channel1.', breaks: ['CC-RES-007'] },
  'uneven-channels': { description: 'The last channel of every interconnect has a 400 Gbps aggregate where the others have 200 Gbps.', breaks: ['CC-RES-008'] },
  'ten-gig-members': { description: 'Every channel is a 40 Gbps aggregate of 10 Gbps members.', breaks: ['CC-RES-009'] },
  'max-bandwidth-above-capacity': { description: 'maxBandwidthMbps is twice the smallest channel aggregate (400,000 Mbps over 200 Gbps channels).', breaks: ['CC-RES-010'] },
  'interconnect-missing-env-size': { description: 'The last interconnect does not offer the largest connection size of its environment.', breaks: ['CC-RES-011'] },
  'interconnect-missing-env-feature': {
    description: 'The last interconnect lists no supported feature, though its environment offers FEATURE_TYPE_L3_BASE (the only feature type, so CC-SCH-021 fails too).',
    breaks: ['CC-RES-012', 'CC-SCH-021'],
  },
  'overlapping-device-groups': { description: 'The last channel of the last interconnect sits on another device, so the interconnects share some devices but not all.', breaks: ['CC-MNT-011'] },
} as const satisfies Readonly<Record<string, FaultInfo>>;

/** Faults of the engine. */
const ENGINE_RESILIENCY_FAULTS = {
  'provider-sites-wrong': { description: 'Environments list only the reference in providerSites, not the caller.', breaks: ['CC-RES-013'] },
  'verifies-below-threshold': { description: 'A connection is ready, notified and verified with a FINAL feature on one channel.', breaks: ['CC-RES-015'] },
} as const satisfies Readonly<Record<string, FaultInfo>>;

/** Every fault of this file, for the catalogue in faults.ts. */
export const RESILIENCY_FAULTS = { ...TOPOLOGY_FAULTS, ...ENGINE_RESILIENCY_FAULTS } as const;

/** The faults of this file applied to the reference topology rather than by the engine. */
export type TopologyFaultName = keyof typeof TOPOLOGY_FAULTS;

type ChannelEdit = (ch: ChannelSpec, i: number, all: readonly ChannelSpec[]) => ChannelSpec;
type InterconnectEdit = (ix: InterconnectSpec, site: string) => InterconnectSpec;

const last = <T>(xs: readonly T[], i: number): boolean => i === xs.length - 1;
const facility = (demarc: string): string => demarc.split(':')[0] ?? demarc;

/** Edits of single channels, applied on every interconnect. */
const CHANNEL_EDITS: Partial<Record<TopologyFaultName, ChannelEdit>> = {
  'two-channels-one-device': (ch, i, all) => (i === 1 ? { ...ch, obfuscatedDeviceId: all[0]?.obfuscatedDeviceId ?? ch.obfuscatedDeviceId } : ch),
  'channel-without-device': (ch, i, all) => (last(all, i) ? { ...ch, obfuscatedDeviceId: '' } : ch),
  'single-facility': (ch, _i, all) => ({ ...ch, demarc: `${facility(all[0]?.demarc ?? ch.demarc)}${ch.demarc.slice(facility(ch.demarc).length)}` }),
  'shared-demarc': (ch, i, all) => (i === 1 ? { ...ch, demarc: all[0]?.demarc ?? ch.demarc } : ch),
  'uneven-channels': (ch, i, all) => (last(all, i) ? { ...ch, aggregateChannelSizeGbps: 2 * ch.aggregateChannelSizeGbps } : ch),
  'ten-gig-members': (ch) => ({ ...ch, aggregateChannelSizeGbps: 40, channelMemberSizeGbps: 10 }),
};

/** Edits of whole interconnects, applied on every interconnect (`site` is the environment's site code). */
const INTERCONNECT_EDITS: Partial<Record<TopologyFaultName, InterconnectEdit>> = {
  'three-channels': (ix) => ({ ...ix, channels: ix.channels.slice(0, 3) }),
  'five-channels': (ix) => ({ ...ix, channels: [...ix.channels, referenceChannel(ix.id, 5)] }),
  'device-is-hostname': (ix, site) => ({ ...ix, channels: ix.channels.map((ch, i) => ({ ...ch, obfuscatedDeviceId: `rtr${i + 1}.${site}.example.net` })) }),
  'max-bandwidth-above-capacity': (ix) => ({ ...ix, maxBandwidthMbps: 2000 * Math.min(...ix.channels.map((c) => c.aggregateChannelSizeGbps)) }),
};

/** Edits of the last interconnect of each environment only. */
const LAST_INTERCONNECT_EDITS: Partial<Record<TopologyFaultName, InterconnectEdit>> = {
  'interconnect-missing-env-size': (ix) => ({ ...ix, supportedConnectionSizeMbps: ix.supportedConnectionSizeMbps.filter((s) => s !== Math.max(...ix.supportedConnectionSizeMbps)) }),
  'interconnect-missing-env-feature': (ix) => ({ ...ix, supportedFeatures: [] }),
  'overlapping-device-groups': (ix) => ({ ...ix, channels: ix.channels.map((ch, i, all) => (last(all, i) ? { ...ch, obfuscatedDeviceId: 'ref-dev-99' } : ch)) }),
};

function editsOn<E>(edits: Partial<Record<TopologyFaultName, E>>, on: (name: TopologyFaultName) => boolean): E[] {
  return (Object.keys(edits) as TopologyFaultName[]).filter(on).map((name) => edits[name]).filter((e): e is E => e !== undefined);
}

/** The topology with the switched-on topology faults applied (returned unchanged when none is on). */
export function withTopologyFaults(topology: Topology, on: (name: TopologyFaultName) => boolean): Topology {
  const channelEdits = editsOn(CHANNEL_EDITS, on);
  const ixEdits = editsOn(INTERCONNECT_EDITS, on);
  const lastEdits = editsOn(LAST_INTERCONNECT_EDITS, on);
  if (channelEdits.length + ixEdits.length + lastEdits.length === 0) return topology;
  const editChannels = (ix: InterconnectSpec): InterconnectSpec =>
    ({ ...ix, channels: channelEdits.reduce<readonly ChannelSpec[]>((chs, edit) => chs.map((ch, i) => edit(ch, i, chs)), ix.channels) });
  return {
    ...topology,
    environments: topology.environments.map((env) => ({
      ...env,
      interconnects: env.interconnects.map((ix, i, all) => {
        const edited = ixEdits.reduce((x, edit) => edit(x, env.site), editChannels(ix));
        return last(all, i) ? lastEdits.reduce((x, edit) => edit(x, env.site), edited) : edited;
      }),
    })),
  };
}
