/**
 * Connection rules shared by the API handlers and the local (customer/negotiator) side: admission
 * (state, size, capacity, duplicates, deferral), bandwidth changes, deletion with its features and key
 * invalidation. Sources: paths/connections.yaml, schemas/interconnect.yaml maxBandwidthMbps,
 * docs/ConnectionCoordinatorAPI.md#negotiation-interconnect-selection, spec-defects D33.
 */
import { type Engine, findInterconnect } from './engine.js';
import { connectionsOn, dropConnection, dropFeature, putConnection } from './indexes.js';
import { connectionKey, interconnectKey, connectionName } from './names.js';
import { badRequest, conflict, type Reply } from './reply.js';
import type { ConnectionRecord, ConnectionRef, InterconnectSpec } from './types.js';
import { evaluateConnection } from './verification.js';

/** What a new connection asks for. */
export interface NewConnection {
  /** Bandwidth in Mbps. */
  readonly bandwidthMbps: number;
  /** Activation key text sent along, if any. */
  readonly activationKey?: string;
  /** Whether the creator defers provisioning to this side. */
  readonly deferProvisioning?: boolean;
  /** Who creates it. */
  readonly origin: 'remote' | 'local';
  /** Output-only values a client sent (kept only under the output-only-honoured fault). */
  readonly outputOnly?: { readonly verificationState?: string; readonly adminState?: string };
  /** Under capacity-race: the capacity check counts only connections created at or before this time (ms). */
  readonly seenBefore?: number;
}

/** Result of a rule-checked change. */
export type Admission<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reply: Reply };

/** Sum of the bandwidths of the connections on an interconnect (one caller partition), in Mbps. */
export function usedBandwidth(engine: Engine, caller: string, env: string, ix: string): number {
  return connectionsOn(engine, caller, env, ix).reduce((sum, c) => sum + c.bandwidthMbps, 0);
}

/** Mbps still free on an interconnect for a caller. */
export function availableBandwidth(engine: Engine, caller: string, env: string, ix: InterconnectSpec): number {
  return ix.maxBandwidthMbps - usedBandwidth(engine, caller, env, ix.id);
}

function markKeysUsed(engine: Engine, ref: ConnectionRef): void {
  for (const k of engine.store.keys.values()) {
    if (k.caller === ref.caller && k.env === ref.env && k.key.sharedConnectionUuid === ref.id && k.state === 'issued') k.state = 'used';
  }
}

/** Invalidates the activation keys of a shared UUID (attribute 5 of schemas/connection.yaml, D50). */
export function invalidateKeys(engine: Engine, caller: string, uuid: string): number {
  let touched = 0;
  for (const k of engine.store.keys.values()) {
    if (k.caller !== caller || k.key.sharedConnectionUuid !== uuid) continue;
    k.state = engine.faults.has('confirm-deleted') ? 'issued' : 'invalidated';
    touched += 1;
  }
  return touched;
}

/** Whether a fault skips the size check: unsupported-size-accepted always, deferral-size-unchecked for deferrals. */
function sizeUnchecked(engine: Engine, input: NewConnection): boolean {
  return engine.faults.has('unsupported-size-accepted') || (input.deferProvisioning === true && engine.faults.has('deferral-size-unchecked'));
}

/** The bandwidth the capacity check counts, in Mbps; bandwidth-read-as-gbps reads the peer's request as Gbps. */
function countedBandwidth(engine: Engine, input: NewConnection): number {
  return input.origin === 'remote' && engine.faults.has('bandwidth-read-as-gbps') ? input.bandwidthMbps * 1000 : input.bandwidthMbps;
}

function checkPlacement(engine: Engine, ref: ConnectionRef, ix: InterconnectSpec, input: NewConnection): Reply | undefined {
  const closedAccepted = ix.state === 'INTERCONNECT_STATE_CLOSED' && engine.faults.has('closed-interconnect-accepts');
  if (ix.state !== 'INTERCONNECT_STATE_ACTIVE' && !closedAccepted) return conflict(`interconnect ${ix.id} is not ACTIVE (${ix.state})`, 'FAILED_PRECONDITION');
  if (!ix.supportedConnectionSizeMbps.includes(input.bandwidthMbps) && !sizeUnchecked(engine, input)) {
    return badRequest(`bandwidthMbps ${input.bandwidthMbps} is not a supported size (${ix.supportedConnectionSizeMbps.join(', ')})`);
  }
  if (input.deferProvisioning === true && engine.faults.has('deferral-refused-409')) return conflict('this provider does not accept deferred provisioning');
  if (input.deferProvisioning === true && !engine.settings.acceptDeferral) return badRequest('this provider does not accept deferred provisioning');
  const seenBefore = input.seenBefore;
  const used = seenBefore === undefined
    ? usedBandwidth(engine, ref.caller, ref.env, ix.id)
    : connectionsOn(engine, ref.caller, ref.env, ix.id).filter((c) => c.createdAt <= seenBefore).reduce((sum, c) => sum + c.bandwidthMbps, 0);
  const asked = countedBandwidth(engine, input);
  if (used + asked > ix.maxBandwidthMbps && !engine.faults.has('no-capacity-check')) {
    return conflict(`interconnect ${ix.id} cannot fit ${asked} Mbps (${used} of ${ix.maxBandwidthMbps} in use)`, 'FAILED_PRECONDITION');
  }
  return undefined;
}

/**
 * Under migration-refused, a remote CreateConnection reusing a shared UUID held on another interconnect is refused
 * with 409; under migration-replaces-old, that older connection is deleted instead. Undefined otherwise.
 */
function migrationFault(engine: Engine, ref: ConnectionRef, input: NewConnection): Reply | undefined {
  if (input.origin !== 'remote') return undefined;
  const older = [...engine.store.connections.values()].filter((c) => c.caller === ref.caller && c.env === ref.env && c.id === ref.id && c.ix !== ref.ix);
  if (older.length === 0) return undefined;
  if (engine.faults.has('migration-refused')) return conflict(`connection ${ref.id} already exists on interconnect ${older[0]?.ix ?? '?'}`, 'ALREADY_EXISTS');
  if (engine.faults.has('migration-replaces-old')) for (const rec of older) removeConnection(engine, rec);
  return undefined;
}

/** Admits and stores a connection, or answers why not (400 size/deferral, 409 duplicate/capacity/state, 404 interconnect). */
export function admitConnection(engine: Engine, ref: ConnectionRef, input: NewConnection): Admission<ConnectionRecord> {
  const ix = findInterconnect(engine, ref.env, ref.ix);
  if (!ix) return { ok: false, reply: badRequest(`unknown interconnect ${ref.env}/${ref.ix}`) };
  const key = connectionKey(ref);
  const existing = engine.store.connections.get(key);
  if (existing) {
    if (engine.faults.has('duplicate-connection-accepted')) return { ok: true, value: existing };
    return { ok: false, reply: conflict(`connection ${connectionName(ref)} already exists`, 'ALREADY_EXISTS') };
  }
  const refusal = checkPlacement(engine, ref, ix, input);
  if (refusal) return { ok: false, reply: refusal };
  const migration = migrationFault(engine, ref, input);
  if (migration) return { ok: false, reply: migration };
  const rec: ConnectionRecord = {
    caller: ref.caller, env: ref.env, ix: ref.ix, id: ref.id,
    bandwidthMbps: input.bandwidthMbps,
    ...(input.activationKey === undefined ? {} : { activationKey: input.activationKey }),
    deferProvisioning: input.deferProvisioning ?? false,
    origin: input.origin,
    createdAt: engine.clock.now(),
    customerUpdateInProgress: false,
    notify: { sent: 'no', attempts: 0, received: false },
    ...(engine.faults.has('output-only-honoured') && input.outputOnly ? { honoured: { ...input.outputOnly } } : {}),
  };
  putConnection(engine, rec);
  engine.store.everExisted.add(connectionName(ref));
  markKeysUsed(engine, ref);
  return { ok: true, value: rec };
}

/** Why a bandwidth change does not fit the interconnect (400 unsupported size, 409 no room), or undefined. */
export function bandwidthRefusal(engine: Engine, rec: ConnectionRecord, bandwidthMbps: number): Reply | undefined {
  const ix = findInterconnect(engine, rec.env, rec.ix);
  if (!ix) return undefined;
  if (!ix.supportedConnectionSizeMbps.includes(bandwidthMbps)) return badRequest(`bandwidthMbps ${bandwidthMbps} is not a supported size`);
  const others = usedBandwidth(engine, rec.caller, rec.env, rec.ix) - rec.bandwidthMbps;
  if (others + bandwidthMbps > ix.maxBandwidthMbps) return conflict(`interconnect ${rec.ix} cannot fit ${bandwidthMbps} Mbps`, 'FAILED_PRECONDITION');
  return undefined;
}

/** Changes a connection's bandwidth if the interconnect supports and fits it (400 / 409 otherwise). */
export function changeBandwidth(engine: Engine, rec: ConnectionRecord, bandwidthMbps: number, checks = true): Admission<ConnectionRecord> {
  const refusal = checks ? bandwidthRefusal(engine, rec, bandwidthMbps) : undefined;
  if (refusal) return { ok: false, reply: refusal };
  rec.bandwidthMbps = bandwidthMbps;
  return { ok: true, value: rec };
}

/** Deletes a connection and (unless the delete-keeps-features fault) its features; invalidates its keys. */
export function removeConnection(engine: Engine, rec: ConnectionRecord): void {
  dropConnection(engine, rec);
  const features = [...(engine.store.features.get(connectionKey(rec))?.values() ?? [])];
  if (engine.faults.has('delete-keeps-features')) {
    // The fault keeps the features readable but releases what they reserved, so it breaks exactly CC-LC-004.
    for (const f of features) engine.store.featuresByIx.get(interconnectKey(f.conn.caller, f.conn.env, f.conn.ix))?.delete(f);
  } else {
    for (const f of features) dropFeature(engine, f);
    engine.store.features.delete(connectionKey(rec));
  }
  invalidateKeys(engine, rec.caller, rec.id);
}

/** Re-evaluates readiness after a change of features. */
export function touchConnection(engine: Engine, ref: ConnectionRef): void {
  const rec = engine.store.connections.get(connectionKey(ref));
  if (rec) evaluateConnection(engine, rec);
}
