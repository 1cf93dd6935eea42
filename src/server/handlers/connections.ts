/**
 * Connection operations (paths/connections.yaml): List, Create, Get, Update, Delete,
 * GenerateFeatureGuidance and NotifyConnectionStatus.
 */
import { bentConnection, bentGuidance, deleteRefusal, dropIfUnready, notifyRefusal, repeatDeleteCrash, responderNegotiates } from '../connection-faults.js';
import { admitConnection, bandwidthRefusal, changeBandwidth, removeConnection } from '../connections.js';
import { emit, guidanceFor, type Engine } from '../engine.js';
import { connectionsOn } from '../indexes.js';
import { channelName, connectionKey, connectionName, interconnectKey } from '../names.js';
import { isPage, listBody, paginate } from '../paginate.js';
import { renderConnection } from '../render.js';
import { badRequest, conflict, ok } from '../reply.js';
import { AnyObjectBody, ConnectionCreateBody, ConnectionUpdateBody } from '../schemas.js';
import type { ConnectionRecord } from '../types.js';
import { receiveNotification } from '../verification.js';
import { body, lookupConnection, lookupInterconnect, param, requiredQuery, type Handler } from './common.js';

function present(engine: Engine, rec: ConnectionRecord, update = false): Record<string, unknown> {
  return bentConnection(engine, renderConnection(engine, rec), update);
}

/** ListConnections. */
export const listConnections: Handler = (engine, req) => {
  const found = lookupInterconnect(engine, req);
  if (!found.ok) return found.reply;
  const { env, ix } = found.value;
  const items = connectionsOn(engine, req.caller, env.id, ix.id);
  const page = paginate(items, req.query, `ListConnections|${req.caller}|${env.id}|${ix.id}`, engine.faults);
  return isPage(page) ? ok(listBody('connections', page, (c) => present(engine, c))) : page;
};

/** Under treats-deferconnection, the misspelt `deferConnection: true` counts as a deferral (D21); false otherwise. */
function misspeltDeferral(engine: Engine, raw: unknown): boolean {
  return engine.faults.has('treats-deferconnection') && typeof raw === 'object' && raw !== null && (raw as Record<string, unknown>)['deferConnection'] === true;
}

/** CreateConnection ?connectionId=: places the connection on the interconnect (400 size/deferral, 409 duplicate or no room). */
export const createConnection: Handler = (engine, req) => {
  const found = lookupInterconnect(engine, req);
  if (!found.ok) return found.reply;
  const id = requiredQuery(req, 'connectionId');
  if (!id.ok) return id.reply;
  const input = body(engine, req, ConnectionCreateBody);
  if (!input.ok) return input.reply;
  const v = input.value;
  const ref = { caller: req.caller, env: found.value.env.id, ix: found.value.ix.id, id: id.value };
  const outputOnly = {
    ...(v.verificationState === undefined ? {} : { verificationState: v.verificationState }),
    ...(v.adminState === undefined ? {} : { adminState: v.adminState }),
  };
  const admitted = admitConnection(engine, ref, {
    bandwidthMbps: v.bandwidthMbps,
    ...(v.activationKey === undefined ? {} : { activationKey: v.activationKey }),
    deferProvisioning: v.deferProvisioning ?? misspeltDeferral(engine, req.body),
    origin: 'remote',
    outputOnly,
    ...(req.receivedAt === undefined ? {} : { seenBefore: req.receivedAt }),
  });
  if (!admitted.ok) return admitted.reply;
  if (admitted.value.deferProvisioning) emit(engine, () => engine.listeners.deferral?.(ref));
  responderNegotiates(engine, admitted.value);
  return ok(present(engine, admitted.value));
};

/** GetConnection. */
export const getConnection: Handler = (engine, req) => {
  const found = lookupConnection(engine, req);
  return found.ok ? ok(present(engine, found.value.rec)) : found.reply;
};

function maskFields(mask: string | null, hasBandwidth: boolean): string[] | undefined {
  if (mask === null || mask.trim() === '') return hasBandwidth ? ['bandwidthMbps'] : undefined;
  return mask.split(',').map((f) => f.trim()).filter((f) => f.length > 0);
}

/** UpdateConnection ?updateMask=bandwidthMbps (D38, D43): 409 while a customer update runs; 400/409 when it does not fit. */
export const updateConnection: Handler = (engine, req) => {
  const found = lookupConnection(engine, req);
  if (!found.ok) return found.reply;
  if (req.body === undefined && engine.faults.has('update-without-body-accepted')) return ok(present(engine, found.value.rec, true));
  const input = body(engine, req, ConnectionUpdateBody);
  if (!input.ok) return input.reply;
  const fields = maskFields(req.query.get('updateMask'), input.value.bandwidthMbps !== undefined);
  if (fields === undefined || fields.length === 0) return badRequest('updateMask is required (only bandwidthMbps can be updated)');
  const other = engine.faults.has('update-mask-unchecked') ? [] : fields.filter((f) => f !== 'bandwidthMbps');
  if (other.length > 0) return badRequest(`only bandwidthMbps can be updated, not ${other.join(', ')}`);
  const bandwidth = input.value.bandwidthMbps;
  if (bandwidth === undefined) return badRequest('bandwidthMbps is required by the updateMask');
  const rec = found.value.rec;
  if (rec.customerUpdateInProgress) return conflict('a customer-originated update of this connection is in progress');
  const refusal = engine.faults.has('update-over-capacity') ? undefined : bandwidthRefusal(engine, rec, bandwidth);
  if (refusal) return refusal;
  if (!engine.faults.has('update-not-applied')) changeBandwidth(engine, rec, bandwidth, false);
  return ok(present(engine, rec, true));
};

/** DeleteConnection: removes the connection and its features and invalidates its activation key. */
export const deleteConnection: Handler = (engine, req) => {
  const found = lookupConnection(engine, req);
  if (!found.ok) {
    const name = connectionName({ caller: req.caller, env: param(req, 'environment'), ix: param(req, 'interconnect'), id: param(req, 'connection') });
    return repeatDeleteCrash(engine, name) ?? found.reply;
  }
  const declined = deleteRefusal(engine, found.value.rec);
  if (declined) return declined;
  if (engine.faults.has('delete-not-deleting')) {
    // The fault leaves the connection readable (GetConnection 200) but releases its capacity, so only the
    // "gone after delete" rules fail rather than every later placement.
    const rec = found.value.rec;
    const ixKey = interconnectKey(rec.caller, rec.env, rec.ix);
    engine.store.connectionsByIx.get(ixKey)?.delete(connectionKey(rec));
    for (const f of engine.store.features.get(connectionKey(rec))?.values() ?? []) engine.store.featuresByIx.get(ixKey)?.delete(f);
  } else {
    removeConnection(engine, found.value.rec);
    // migration-deletes-both: the same shared UUID on the other interconnects goes too.
    if (engine.faults.has('migration-deletes-both')) {
      const rec = found.value.rec;
      for (const other of [...engine.store.connections.values()]) if (other.caller === rec.caller && other.env === rec.env && other.id === rec.id) removeConnection(engine, other);
    }
  }
  return ok({});
};

/** GenerateFeatureGuidance: one L3 guidance entry per channel of the interconnect. */
export const generateFeatureGuidance: Handler = (engine, req) => {
  const found = lookupConnection(engine, req);
  if (!found.ok) return found.reply;
  const input = body(engine, req, AnyObjectBody, engine.faults.has('guidance-needs-body'));
  if (!input.ok) return input.reply;
  const { ix, rec } = found.value;
  const guidance = guidanceFor(engine, rec.env, rec.ix);
  const channels = engine.faults.has('guidance-missing-channel') ? ix.channels.slice(0, -1) : ix.channels;
  const featureGuidance = channels.map((ch) => ({
    featureType: 'FEATURE_TYPE_L3_BASE',
    channel: channelName({ caller: req.caller, env: rec.env, ix: rec.ix, channel: ch.id }),
    channelAdminState: ch.adminState ?? 'ADMIN_STATE_ENABLED',
    l3BaseGuidance: bentGuidance(engine, guidance),
  }));
  return ok({ featureGuidance });
};

/** NotifyConnectionStatus: records the peer's notification and re-reads the connection from the peer. */
export const notifyConnectionStatus: Handler = (engine, req) => {
  const found = lookupConnection(engine, req);
  if (!found.ok) return found.reply;
  const input = body(engine, req, AnyObjectBody, false);
  if (!input.ok) return input.reply;
  const refusal = notifyRefusal(engine, found.value.rec);
  if (refusal) return refusal;
  receiveNotification(engine, found.value.rec);
  dropIfUnready(engine, found.value.rec);
  return ok({});
};
