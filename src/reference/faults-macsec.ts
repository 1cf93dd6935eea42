/**
 * The reference's deliberate defects for MACsec key rotation in both directions and for maintenance coordination
 * (CC-MS-*, CC-MNT-*). Spread into {@link FAULTS}; `breaks` lists the requirement ids each makes fail, primary first.
 */
import type { Topology } from '../server/index.js';
import type { FaultInfo } from './faults.js';

/** MACsec faults of the engine: the reference as the receiver of the kit's keys. */
const RECEIVER_FAULTS = {
  'macsec-rotation-refused': { description: 'CreateMacSecKey takes only a channel\u2019s first key and refuses every rotation with 409.', breaks: ['CC-MS-001'] },
  'macsec-start-time-from-request': { description: 'A new key keeps the startTime the request claimed instead of the server\u2019s clock.', breaks: ['CC-MS-002'] },
  'macsec-any-manager': { description: 'CreateMacSecKey accepts keys from the provider that does not manage the channel.', breaks: ['CC-MS-003'] },
  'macsec-declines-400': { description: 'Keys refused under the rotation rules are answered 400 instead of 409.', breaks: ['CC-MS-004'] },
  'macsec-third-key-accepted': { description: 'A channel already in rotation takes a third key, unchecked.', breaks: ['CC-MS-005'] },
  'macsec-parallel-rotations': { description: 'A channel may start a rotation while another channel of the interconnect is in rotation.', breaks: ['CC-MS-007'] },
  'macsec-no-bake-time': { description: 'A channel may rotate again at once: no 2-hour bake time.', breaks: ['CC-MS-008'] },
  'macsec-first-keys-serialised': { description: 'A first key is refused while another channel of the interconnect received a key less than 2 hours ago.', breaks: ['CC-MS-010'] },
  'macsec-overlapping-active': { description: 'A new key goes active 500 ms before the old one is marked inactive.', breaks: ['CC-MS-011'] },
  'macsec-rotation-never-active': { description: 'Rotation keys are accepted but never become active (first keys do).', breaks: ['CC-MS-012'] },
  'macsec-delete-active': { description: 'DeleteMacSecKey deletes the active key.', breaks: ['CC-MS-013'] },
  'macsec-delete-any-caller': { description: 'DeleteMacSecKey skips the manager check and answers 200 for a key that is not there.', breaks: ['CC-MS-014'] },
  'macsec-delete-refused': { description: 'DeleteMacSecKey refuses inactive keys too, with 409.', breaks: ['CC-MS-015'] },
  'macsec-active-from-request': { description: 'A new key takes `active` from the request when it carries one, and never goes live on its own then.', breaks: ['CC-MS-016'] },
  'rotation-request-refused': { description: 'RequestMacSecKeyRotation from the non-manager is refused with 409 (the literal manager-only reading).', breaks: ['CC-MS-017'] },
  'rotation-request-ignored': { description: 'RequestMacSecKeyRotation answers 200 but starts no rotation.', breaks: ['CC-MS-018'] },
  'macsec-ops-missing': { description: 'The MACsec key operations answer 501 on the last channel of every interconnect.', breaks: ['CC-MS-020'] },
  'macsec-manager-unnamed': { description: 'One channel of the last interconnect names providers/no-such-provider as its MACsec manager.', breaks: ['CC-MS-021'] },
} as const satisfies Readonly<Record<string, FaultInfo>>;

/** MACsec faults of the topology and the rotation hook: the reference as manager. */
const MANAGER_FAULTS = {
  'macsec-manager-lopsided': { description: 'The reference manages every channel of the last interconnect itself.', breaks: ['CC-MS-022'] },
  'macsec-manager-never-peer': { description: 'The reference manages every channel itself: the peer manages none.', breaks: ['CC-MS-023', 'CC-MS-022'] },
  'rotation-hook-inert': { description: 'The rotation hook answers 202 and rotates nothing.', breaks: ['CC-MS-024'] },
  'rotation-deletes-early': { description: 'The reference deletes the old key right after CreateMacSecKey, before the peer shows the new key active (and again once it does).', breaks: ['CC-MS-025'] },
  'rotation-keeps-old-key': { description: 'The reference never deletes the old key after a rotation.', breaks: ['CC-MS-026'] },
  'rotations-in-parallel': { description: 'Rotations of channels of one interconnect run at the same time.', breaks: ['CC-MS-027'] },
  'rotation-any-channel': { description: 'The rotation hook also rotates channels the peer manages.', breaks: ['CC-MS-028'] },
  'rotation-ignores-bake': { description: 'The reference rotates a channel again within 2 hours of its last rotation.', breaks: ['CC-MS-029'] },
  'weak-key-format': { description: 'CAKs are sent as base64 text instead of hex digits.', breaks: ['CC-MS-030'] },
  'key-reuse': { description: 'Key material is derived from the channel name, so every rotation of a channel sends the same key.', breaks: ['CC-MS-031'] },
  'low-entropy-key': { description: 'CAKs are 48 repeated digits followed by 16 random ones.', breaks: ['CC-MS-032'] },
  'rotation-falls-back': { description: 'When the peer refuses a new key, the reference sends the same key material again under another id.', breaks: ['CC-MS-033'] },
} as const satisfies Readonly<Record<string, FaultInfo>>;

/** Maintenance faults (engine, and the maintenance hook's notification). */
const MAINTENANCE_FAULTS = {
  'maintenance-window-reversed': { description: 'GetMaintenanceEvents returns every window with startTime and endTime swapped.', breaks: ['CC-MNT-001'] },
  'maintenance-id-reused': { description: 'Every maintenance event of an interconnect gets the same maintenanceId.', breaks: ['CC-MNT-002'] },
  'maintenance-overlap-published': { description: 'GetMaintenanceEvents also lists one 4-hour window shared by every channel.', breaks: ['CC-MNT-003'] },
  'maintenance-no-notify': { description: 'The maintenance hook schedules the window but never sends NotifyMaintenance.', breaks: ['CC-MNT-004'] },
  'maintenance-not-published': { description: 'GetMaintenanceEvents always answers an empty list.', breaks: ['CC-MNT-005'] },
  'maintenance-overlap-own': { description: 'A new window is not checked against the reference\u2019s own windows on other channels.', breaks: ['CC-MNT-006'] },
  'maintenance-overlap-peer': { description: 'A new window is not checked against the peer\u2019s windows on other channels.', breaks: ['CC-MNT-007'] },
  'no-maintenance-refresh': { description: 'NotifyMaintenance is acknowledged but the peer\u2019s events are never read.', breaks: ['CC-MNT-008'] },
  'maintenance-refresh-channel-only': { description: 'After NotifyMaintenance the reference reads only the channel, not its maintenance events.', breaks: ['CC-MNT-009'] },
  'maintenance-notify-needs-events': { description: 'NotifyMaintenance without the deprecated events list is refused with 400.', breaks: ['CC-MNT-010'] },
  'maintenance-ops-missing': { description: 'NotifyMaintenance answers 501 on the last channel of every interconnect.', breaks: ['CC-MNT-013'] },
} as const satisfies Readonly<Record<string, FaultInfo>>;

/** Every fault of this file, for the catalogue in faults.ts. */
export const MACSEC_MAINTENANCE_FAULTS = { ...RECEIVER_FAULTS, ...MANAGER_FAULTS, ...MAINTENANCE_FAULTS } as const;

/** The faults of this file implemented by the reference's topology and hooks rather than the engine. */
export type MacsecHookFaultName = keyof typeof MANAGER_FAULTS | 'maintenance-no-notify';

/** The reference topology with the manager-split faults applied: every channel of the last interconnect, or of all, managed by the reference. */
export function withManagerFaults(topology: Topology, on: (name: MacsecHookFaultName) => boolean): Topology {
  const everywhere = on('macsec-manager-never-peer');
  if (!everywhere && !on('macsec-manager-lopsided')) return topology;
  return {
    ...topology,
    environments: topology.environments.map((env) => ({
      ...env,
      interconnects: env.interconnects.map((ix, i) => (everywhere || i === env.interconnects.length - 1
        ? { ...ix, channels: ix.channels.map((ch) => ({ ...ch, macsecManager: 'self' as const })) }
        : ix)),
    })),
  };
}
