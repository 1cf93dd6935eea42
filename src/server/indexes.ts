/**
 * Per-interconnect indexes over the store, so that capacity, overlap and VLAN checks cost the size of one
 * interconnect rather than of the whole store.
 */
import type { Engine } from './engine.js';
import { connectionKey, interconnectKey } from './names.js';
import type { ConnectionRecord, FeatureRecord } from './types.js';

/** Stores a connection and indexes it under its interconnect. */
export function putConnection(engine: Engine, rec: ConnectionRecord): void {
  const key = connectionKey(rec);
  engine.store.connections.set(key, rec);
  const ixKey = interconnectKey(rec.caller, rec.env, rec.ix);
  const onIx = engine.store.connectionsByIx.get(ixKey) ?? new Map<string, ConnectionRecord>();
  onIx.set(key, rec);
  engine.store.connectionsByIx.set(ixKey, onIx);
}

/** Removes a connection from the store and its index. */
export function dropConnection(engine: Engine, rec: ConnectionRecord): void {
  const key = connectionKey(rec);
  engine.store.connections.delete(key);
  engine.store.connectionsByIx.get(interconnectKey(rec.caller, rec.env, rec.ix))?.delete(key);
}

/** The connections on one interconnect of a caller partition, in creation order. */
export function connectionsOn(engine: Engine, caller: string, env: string, ix: string): ConnectionRecord[] {
  return [...(engine.store.connectionsByIx.get(interconnectKey(caller, env, ix))?.values() ?? [])];
}

/** Stores a feature under its connection and indexes it under its interconnect. */
export function putFeature(engine: Engine, feature: FeatureRecord): void {
  const key = connectionKey(feature.conn);
  const map = engine.store.features.get(key) ?? new Map<string, FeatureRecord>();
  map.set(feature.id, feature);
  engine.store.features.set(key, map);
  const ixKey = interconnectKey(feature.conn.caller, feature.conn.env, feature.conn.ix);
  const onIx = engine.store.featuresByIx.get(ixKey) ?? new Set<FeatureRecord>();
  onIx.add(feature);
  engine.store.featuresByIx.set(ixKey, onIx);
}

/** Removes one feature from the store and its index; false when it was not stored. */
export function dropFeature(engine: Engine, feature: FeatureRecord): boolean {
  const removed = engine.store.features.get(connectionKey(feature.conn))?.delete(feature.id) ?? false;
  engine.store.featuresByIx.get(interconnectKey(feature.conn.caller, feature.conn.env, feature.conn.ix))?.delete(feature);
  return removed;
}

/** The features on one interconnect of a caller partition (including any a fault left behind). */
export function featuresOn(engine: Engine, caller: string, env: string, ix: string): FeatureRecord[] {
  return [...(engine.store.featuresByIx.get(interconnectKey(caller, env, ix)) ?? [])];
}
