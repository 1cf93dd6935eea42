/**
 * The local side of the engine: what the provider owning this server does on its own behalf (issue
 * activation keys, create its own connection and features when negotiating, apply a customer's change,
 * schedule maintenance) and how it reaches its peer. Used by the reference partner's customer hooks and
 * by the kit's peer API; the same rules as the API apply.
 */
import { encodeActivationKey, type ActivationKey, type L3BaseConfig, type L3BaseGuidance } from '../checks/index.js';
import { admitConnection, availableBandwidth, changeBandwidth, invalidateKeys, removeConnection, type Admission } from './connections.js';
import { type Engine, findInterconnect, guidanceFor } from './engine.js';
import { admitFeature, removeFeature, usedSubnets, usedVlans } from './features.js';
import { keysOf } from './handlers/macsec.js';
import { eventsOf, scheduleMaintenance } from './handlers/maintenance.js';
import { connectionKey, environmentName, type ChannelRef } from './names.js';
import type { PeerTarget } from './options.js';
import type { OutboundResponse } from './outbound.js';
import { callPeer } from './peer-call.js';
import type { Reply } from './reply.js';
import type { ConnectionRecord, ConnectionRef, FeatureRecord, IssuedKey, MacSecKeyRecord, MaintenanceEvent, Topology, VerificationState } from './types.js';
import { seedVerified, type SeedConnection } from './seed.js';
import { readinessOf, verificationOf, type Readiness } from './verification.js';

/** What a customer asks for when ordering a key. */
export interface KeyOrder {
  /** The peer the key is for (caller partition). */
  readonly caller: string;
  /** Environment id. */
  readonly env: string;
  /** Bandwidth in Mbps. */
  readonly bandwidthMbps: number;
  /** The customer's account on the peer. */
  readonly accountId: string;
  /** The shared UUID of the connection-to-be. */
  readonly uuid: string;
  /** How to turn the key into text (default the kit's codec). */
  readonly encode?: (key: ActivationKey) => string;
}

/** Operations on the local side of the engine. */
export interface LocalApi {
  /** This server's provider id. */
  readonly selfId: string;
  /** The static topology. */
  readonly topology: Topology;
  /** Current time from the engine's clock (ms). */
  now(): number;
  /** Resolves after `ms` on the engine's clock (at once when the server closes). */
  sleep(ms: number): Promise<void>;
  /** The registered peer for a caller partition. */
  peer(caller: string): PeerTarget | undefined;
  /** Calls the peer under `/providers/{selfId}/{suffix}`; never throws. */
  callPeer(caller: string, method: string, suffix: string, body?: unknown): Promise<OutboundResponse>;
  /** Records an issued activation key and returns it. */
  issueKey(order: KeyOrder): IssuedKey;
  /** Invalidates the activation keys of a shared UUID (as a delete does); answers how many it invalidated. */
  invalidateKeys(caller: string, uuid: string): number;
  /** Creates this side's connection with the same rules as CreateConnection. */
  createConnection(ref: ConnectionRef, bandwidthMbps: number, activationKey?: string): Admission<ConnectionRecord>;
  /** A stored connection. */
  connection(ref: ConnectionRef): ConnectionRecord | undefined;
  /** Every stored connection of a shared UUID in a caller partition (one per interconnect). */
  connectionsByUuid(caller: string, uuid: string): ConnectionRecord[];
  /** Deletes a connection with its features and invalidates its keys; false when unknown. */
  deleteConnection(ref: ConnectionRef): boolean;
  /** Sets or clears the customer-update-in-progress flag (CC-LC-003). */
  setCustomerUpdate(ref: ConnectionRef, inProgress: boolean): void;
  /** Changes the bandwidth (with the size and capacity checks unless `checks` is false). */
  setBandwidth(ref: ConnectionRef, bandwidthMbps: number, checks?: boolean): Admission<ConnectionRecord> | undefined;
  /** Creates this side's feature (PENDING, then FINAL after the provisioning delay). */
  createFeature(ref: ConnectionRef, feature: { id: string; channelId: string; config: L3BaseConfig; checkGuidance?: boolean }): Admission<FeatureRecord> | undefined;
  /** Deletes one of this side's features; false when unknown. */
  deleteFeature(ref: ConnectionRef, featureId: string): boolean;
  /** The features of a connection. */
  features(ref: ConnectionRef): FeatureRecord[];
  /** Subnets in use on an interconnect. */
  usedSubnets(caller: string, env: string, ix: string): string[];
  /** VLANs in use on a channel. */
  usedVlans(caller: string, env: string, ix: string, channel: string): number[];
  /** Mbps still free on an interconnect (undefined when unknown). */
  availableBandwidth(caller: string, env: string, ix: string): number | undefined;
  /** This server's feature guidance for an interconnect. */
  guidance(env: string, ix: string): L3BaseGuidance;
  /** Readiness of a connection. */
  readiness(ref: ConnectionRef): Readiness | undefined;
  /** Verification state of a connection. */
  verification(ref: ConnectionRef): VerificationState | undefined;
  /** Schedules this side's maintenance (409 overlap on another channel of the interconnect). */
  scheduleMaintenance(ref: ChannelRef, startTime: string, endTime: string): { ok: true; event: MaintenanceEvent } | { ok: false; reply: Reply };
  /** This side's maintenance events on a channel. */
  maintenanceEvents(ref: ChannelRef): MaintenanceEvent[];
  /** MACsec keys installed here on a channel (by the peer). */
  macSecKeys(ref: ChannelRef): readonly MacSecKeyRecord[];
  /** Stores connections as already verified with FINAL features, bypassing every check (scale tests); answers how many. */
  seedVerified(seeds: Iterable<SeedConnection>): number;
}

/** Builds the local API over an engine. */
export function createLocalApi(engine: Engine): LocalApi {
  const stored = (ref: ConnectionRef): ConnectionRecord | undefined => engine.store.connections.get(connectionKey(ref));
  return {
    selfId: engine.selfId,
    topology: engine.topology,
    now: () => engine.clock.now(),
    sleep: (ms) => engine.timers.sleep(ms),
    peer: (caller) => engine.peers.get(caller),
    callPeer: (caller, method, suffix, body) => callPeer(engine, caller, method, suffix, body),
    issueKey(order) {
      const key: ActivationKey = {
        version: 1,
        destinationEnvironmentUri: environmentName(order.caller, order.env),
        sharedConnectionUuid: order.uuid,
        connectionSizeMbps: order.bandwidthMbps,
        destinationAccountId: order.accountId,
      };
      const encoded = (order.encode ?? encodeActivationKey)(key);
      const issued: IssuedKey = { encoded, key, caller: order.caller, env: order.env, state: 'issued', confirmations: 0 };
      engine.store.keys.set(encoded, issued);
      return issued;
    },
    invalidateKeys: (caller, uuid) => invalidateKeys(engine, caller, uuid),
    createConnection: (ref, bandwidthMbps, activationKey) =>
      admitConnection(engine, ref, { bandwidthMbps, origin: 'local', ...(activationKey === undefined ? {} : { activationKey }) }),
    connection: stored,
    connectionsByUuid: (caller, uuid) => [...engine.store.connections.values()].filter((c) => c.caller === caller && c.id === uuid),
    deleteConnection(ref) {
      const rec = stored(ref);
      if (rec) removeConnection(engine, rec);
      return rec !== undefined;
    },
    setCustomerUpdate(ref, inProgress) {
      const rec = stored(ref);
      if (rec) rec.customerUpdateInProgress = inProgress;
    },
    setBandwidth(ref, bandwidthMbps, checks = true) {
      const rec = stored(ref);
      return rec ? changeBandwidth(engine, rec, bandwidthMbps, checks) : undefined;
    },
    createFeature(ref, f) {
      const rec = stored(ref);
      return rec ? admitFeature(engine, rec, { id: f.id, channelId: f.channelId, config: f.config, checkGuidance: f.checkGuidance ?? false }) : undefined;
    },
    deleteFeature(ref, featureId) {
      const rec = stored(ref);
      return rec ? removeFeature(engine, rec, featureId) : false;
    },
    features: (ref) => [...(engine.store.features.get(connectionKey(ref))?.values() ?? [])],
    usedSubnets: (caller, env, ix) => usedSubnets(engine, caller, env, ix),
    usedVlans: (caller, env, ix, channel) => usedVlans(engine, caller, env, ix, channel),
    availableBandwidth(caller, env, ix) {
      const spec = findInterconnect(engine, env, ix);
      return spec ? availableBandwidth(engine, caller, env, spec) : undefined;
    },
    guidance: (env, ix) => guidanceFor(engine, env, ix),
    readiness(ref) {
      const rec = stored(ref);
      return rec ? readinessOf(engine, rec) : undefined;
    },
    verification(ref) {
      const rec = stored(ref);
      return rec ? verificationOf(engine, rec) : undefined;
    },
    scheduleMaintenance: (ref, startTime, endTime) => scheduleMaintenance(engine, ref, startTime, endTime),
    maintenanceEvents: (ref) => eventsOf(engine, ref),
    macSecKeys: (ref) => keysOf(engine, ref),
    seedVerified: (seeds) => seedVerified(engine, seeds),
  };
}
