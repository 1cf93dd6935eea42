/**
 * The reference's deliberate defects as a client of the other provider's API: accepting a key, negotiating
 * (CC-AK-020..028, CC-NEG-039..068), propagating a customer's change and re-creating a deleted feature (CC-LC-003, CC-LC-015..024, CC-LC-031), migration
 * (CC-LC-025..027) and deferral (CC-DEF-*). Spread into {@link FAULTS}; `breaks` lists the requirement ids each
 * makes fail, primary first. Each bends one step of the flows in negotiator.ts, hooks-lifecycle.ts or the engine.
 */
import type { FaultInfo } from './faults.js';

/** Faults of accepting a key the peer issued (negotiator.ts acceptKey). */
const KEY_FAULTS = {
  'skips-confirm': { description: 'The reference never calls ConfirmActivationKey: it places the connection straight away.', breaks: ['CC-AK-020'] },
  'sends-deprecated-key': { description: 'ConfirmActivationKey carries only the deprecated `key` object, not the encodedKey text.', breaks: ['CC-AK-023'] },
  'confirm-wrong-environment': { description: 'ConfirmActivationKey goes first to a made-up environment (the key\u2019s id with `-x` appended), and to the key\u2019s only when that fails.', breaks: ['CC-AK-028'] },
  'ignores-refused-key': {
    description: 'After keyValid=false the reference places and negotiates the connection anyway; the connection it keeps is the same defect seen by CC-AK-022.',
    breaks: ['CC-AK-021'],
  },
  'keeps-tentative-connection': { description: 'The reference creates its connection before confirming the key and leaves it behind when the peer refuses the key.', breaks: ['CC-AK-022'] },
  'accepts-any-account': { description: 'The reference does not compare the key\u2019s destinationAccountId with the accepting customer\u2019s account.', breaks: ['CC-AK-024'] },
  'confirms-unreadable-key': { description: 'A key the reference cannot decode is still sent to ConfirmActivationKey (under its first environment).', breaks: ['CC-AK-025'] },
  'unknown-environment-fallback': {
    description: 'A key naming an environment the reference does not share with the peer is taken as one for the reference\u2019s first environment, confirmed and placed there.',
    breaks: ['CC-AK-026'],
  },
  'rounds-up-unoffered-size': { description: 'A key for a size the environment does not offer is placed at the next size it does offer instead of being refused.', breaks: ['CC-AK-027'] },
} as const satisfies Readonly<Record<string, FaultInfo>>;

/** Faults of placing the connection and proposing features (negotiator.ts). */
const NEGOTIATOR_FAULTS = {
  'remote-first': { description: 'The reference calls CreateConnection on the peer first and creates its own connection only once the peer accepted.', breaks: ['CC-NEG-041'] },
  'wrong-bandwidth': { description: 'CreateConnection asks the peer for the next supported size above the one the key carries.', breaks: ['CC-NEG-043'] },
  'connection-without-key': {
    description: 'CreateConnection on the peer carries no activationKey (a random connectionId would hide the call from the kit, which finds it by the shared UUID).',
    breaks: ['CC-NEG-044'],
  },
  'proposes-before-guidance': { description: 'The reference proposes its features from its own guidance and asks the peer for guidance only afterwards.', breaks: ['CC-NEG-042'] },
  'one-channel-short': { description: 'The reference proposes no feature on the last channel the guidance lists.', breaks: ['CC-NEG-052'] },
  'features-remote-first': { description: 'Each feature is proposed to the peer before the reference creates it on its own side.', breaks: ['CC-NEG-053'] },
  'ignores-vlan-guidance': { description: 'The first proposal on each channel takes its VLAN from the reference\u2019s own range alone, ignoring the peer\u2019s VLAN guidance.', breaks: ['CC-NEG-045'] },
  'ignores-subnet-guidance': { description: 'The first proposal on each channel takes its subnet from the reference\u2019s own guidance alone, ignoring the peer\u2019s subnets and prefix lengths.', breaks: ['CC-NEG-046'] },
  'ignores-mtu-guidance': { description: 'The first proposal on each channel carries the jumbo MTU 9216 whatever the guidance says.', breaks: ['CC-NEG-047'] },
  'lowest-mtu': { description: 'Proposals carry the lowest MTU both providers support instead of the largest.', breaks: ['CC-NEG-048'] },
  'wrong-responder-asn': { description: 'The first proposal on each channel gives the peer the default ASN 64512 instead of one from its guided ranges.', breaks: ['CC-NEG-049'] },
  'incomplete-proposal': { description: 'The first proposal on each channel leaves out vlanId.', breaks: ['CC-NEG-051'] },
  'no-other-interconnect': { description: 'After a 409 on CreateConnection the reference retries the same interconnect instead of another.', breaks: ['CC-NEG-056'] },
  'no-retry': { description: 'The reference gives up placing the connection at the first 5xx.', breaks: ['CC-NEG-058'] },
  'tight-retry-loop': { description: 'CreateConnection retries come every 20 ms, without backoff.', breaks: ['CC-NEG-059'] },
  'wrong-provider-prefix': { description: 'Before placing a connection the reference reads the peer\u2019s interconnects under the peer\u2019s provider id instead of its own.', breaks: ['CC-NEG-065'] },
  'bgp-shared-host': { description: 'Every proposal gives both providers the negotiator\u2019s BGP host address.', breaks: ['CC-NEG-050'] },
  'least-room-placement': { description: 'The reference places a connection on the interconnect with the least room that still fits it.', breaks: ['CC-NEG-057'] },
  'no-guidance-restart': { description: 'After the peer refuses a proposal the reference proposes new values at once, without asking for guidance again.', breaks: ['CC-NEG-061'] },
  'keeps-refused-feature': {
    description: 'After the peer refuses a proposal the reference keeps its own copy of the refused feature, so its retry on that channel fails locally and the channel stays half-built.',
    breaks: ['CC-NEG-062'],
  },
  'env-by-site-name': { description: 'Before placing a connection the reference reads the peer\u2019s environment under its own site name instead of the agreed environment id.', breaks: ['CC-NEG-064'] },
  'reuses-used-vlans': {
    description: 'The reference picks each VLAN from the guided ranges without looking at the VLANs in use on the channel; where its own record then refuses the VLAN, it gives the channel up.',
    breaks: ['CC-NEG-068'],
  },
} as const satisfies Readonly<Record<string, FaultInfo>>;

/** Faults of propagating a customer's change (hooks-lifecycle.ts). */
const PROPAGATION_FAULTS = {
  'no-update-propagation': { description: 'A customer\u2019s bandwidth change is applied locally and never sent to the peer.', breaks: ['CC-LC-015'] },
  'update-remote-first': { description: 'The reference records a customer\u2019s new bandwidth only after the peer agreed to it.', breaks: ['CC-LC-016'] },
  'keeps-refused-bandwidth': { description: 'When the peer refuses a customer\u2019s bandwidth change the reference keeps the new bandwidth.', breaks: ['CC-LC-017'] },
  'drops-on-conflict': { description: 'A 409 from the peer on UpdateConnection ends the customer\u2019s change (reverted, not retried).', breaks: ['CC-LC-018'] },
  'accepts-competing-update': { description: 'A customer\u2019s change is not flagged as in progress, so the peer\u2019s UpdateConnection meanwhile is applied instead of refused with 409.', breaks: ['CC-LC-003'] },
  'no-delete-propagation': { description: 'A customer\u2019s delete removes the local connection and is never sent to the peer.', breaks: ['CC-LC-021'] },
  'delete-local-late': { description: 'A customer\u2019s delete is sent to the peer but the reference keeps its own connection.', breaks: ['CC-LC-022'] },
  'no-notify-after-update': { description: 'Once the peer agreed to a customer\u2019s bandwidth change the reference applies it but never sends NotifyConnectionStatus.', breaks: ['CC-LC-019'] },
  'no-feature-recreation': { description: 'When the peer deletes a feature on a channel the reference manages, the reference never re-creates it.', breaks: ['CC-LC-024'] },
  'update-unchecked-size': { description: 'A customer\u2019s new bandwidth is not checked against the sizes the environment offers before UpdateConnection goes to the peer.', breaks: ['CC-LC-020'] },
} as const satisfies Readonly<Record<string, FaultInfo>>;

/** Faults of the reference's deferral handling in its hooks and negotiator. */
const DEFERRAL_HOOK_FAULTS = {
  'deferral-never-proposes': { description: 'A deferred connection is accepted and the reference asks the deferring provider for guidance, but proposes no feature.', breaks: ['CC-DEF-002'] },
  'deferral-ignores-guidance': {
    description: 'In a deferred negotiation the first proposal on each channel takes its subnet from 100.64.0.0/10 instead of the deferring provider\u2019s guidance.',
    breaks: ['CC-DEF-003'],
  },
} as const satisfies Readonly<Record<string, FaultInfo>>;

/** Faults of the engine: notification and verification as negotiator, deferral admission, migration. */
const ENGINE_CLIENT_FAULTS = {
  'negotiator-never-notifies': {
    description: 'Connections the reference created on its side first (negotiated, or deferred to the peer) never send NotifyConnectionStatus (those it responds on do).',
    breaks: ['CC-NEG-054', 'CC-DEF-016'],
  },
  'negotiator-verifies-early': {
    description: 'Connections the reference created on its side first (negotiated, or deferred to the peer) turn VERIFIED once its own notification is acknowledged, without the peer\u2019s.',
    breaks: ['CC-NEG-055', 'CC-DEF-011'],
  },
  'no-feature-refresh-on-notify': { description: 'After the peer\u2019s NotifyConnectionStatus the reference re-reads the connection but not its features.', breaks: ['CC-NEG-039'] },
  'no-renotify-on-feature-change': { description: 'Once a connection is verified, a later feature change is never announced with NotifyConnectionStatus.', breaks: ['CC-LC-031'] },
  'deferral-refused-409': { description: 'A deferring CreateConnection is refused with 409 instead of 400.', breaks: ['CC-DEF-001'] },
  'deferral-never-notifies': { description: 'Deferred connections never send NotifyConnectionStatus.', breaks: ['CC-DEF-004'] },
  'treats-deferconnection': { description: 'A CreateConnection with the misspelt deferConnection flag is taken as a deferral.', breaks: ['CC-DEF-006'] },
  'migration-refused': { description: 'A CreateConnection reusing a shared UUID held on another interconnect is refused with 409.', breaks: ['CC-LC-025'] },
  'migration-replaces-old': { description: 'A CreateConnection reusing a shared UUID held on another interconnect silently deletes the old connection.', breaks: ['CC-LC-026'] },
  'migration-deletes-both': { description: 'Deleting a connection also deletes the connections of the same shared UUID on other interconnects.', breaks: ['CC-LC-027'] },
} as const satisfies Readonly<Record<string, FaultInfo>>;

/** Every fault of this file, for the catalogue in faults.ts. */
export const CLIENT_FAULTS = { ...KEY_FAULTS, ...NEGOTIATOR_FAULTS, ...PROPAGATION_FAULTS, ...DEFERRAL_HOOK_FAULTS, ...ENGINE_CLIENT_FAULTS } as const;

/** The faults of this file implemented by the reference's hooks and negotiator rather than the engine. */
export type ClientHookFaultName = keyof typeof KEY_FAULTS | keyof typeof NEGOTIATOR_FAULTS | keyof typeof PROPAGATION_FAULTS | keyof typeof DEFERRAL_HOOK_FAULTS;
