/**
 * Feature operations (paths/features.yaml): List, Create, Get, Delete.
 */
import { emit, type Engine } from '../engine.js';
import { bentFeature, bentFeatureInput, featureIdFor, featureRefusal, type FeatureAnswer } from '../feature-faults.js';
import { admitFeature, removeFeature } from '../features.js';
import { connectionKey, connectionName, featureName, parseChannelName } from '../names.js';
import { isPage, listBody, paginate } from '../paginate.js';
import { renderFeature } from '../render.js';
import { badRequest, ok, type Reply } from '../reply.js';
import { FeatureBody, toL3Config } from '../schemas.js';
import type { FeatureRecord, InterconnectSpec } from '../types.js';
import { body, lookupConnection, lookupInterconnect, missing, param, requiredQuery, type Handler, type Located, type RequestContext } from './common.js';

function present(engine: Engine, f: FeatureRecord, answer: FeatureAnswer): Record<string, unknown> {
  return bentFeature(engine, renderFeature(engine, f), answer);
}

/**
 * The features under the path's connection. Under the delete-keeps-features fault, features of a deleted
 * connection are still found.
 */
function lookupFeatures(engine: Engine, req: RequestContext): Located<ReadonlyMap<string, FeatureRecord>> {
  const conn = lookupConnection(engine, req);
  if (conn.ok) return { ok: true, value: engine.store.features.get(connectionKey(conn.value.rec)) ?? new Map() };
  const ix = lookupInterconnect(engine, req);
  if (!ix.ok) return conn;
  const ref = { caller: req.caller, env: ix.value.env.id, ix: ix.value.ix.id, id: param(req, 'connection') };
  const leftovers = engine.faults.has('delete-keeps-features') ? engine.store.features.get(connectionKey(ref)) : undefined;
  return leftovers && leftovers.size > 0 ? { ok: true, value: leftovers } : conn;
}

/** ListFeatures. */
export const listFeatures: Handler = (engine, req) => {
  const found = lookupFeatures(engine, req);
  if (!found.ok) return found.reply;
  const listKey = `ListFeatures|${req.caller}|${Object.values(req.params).join('|')}`;
  const page = paginate([...found.value.values()], req.query, listKey, engine.faults);
  return isPage(page) ? ok(listBody('features', page, (f) => present(engine, f, 'read'))) : page;
};

/** GetFeature. */
export const getFeature: Handler = (engine, req) => {
  const found = lookupFeatures(engine, req);
  if (!found.ok) return found.reply;
  const feature = found.value.get(param(req, 'feature'));
  if (feature) return ok(present(engine, feature, 'read'));
  const conn = { caller: req.caller, env: param(req, 'environment'), ix: param(req, 'interconnect'), id: param(req, 'connection') };
  return missing(engine, req, featureName(conn, param(req, 'feature')));
};

/** The channel id a feature's `channel` names, when it is a channel of this interconnect (caller's or this server's prefix). */
function channelOf(engine: Engine, req: RequestContext, ix: InterconnectSpec, name: string): string | Reply {
  const parsed = parseChannelName(name);
  const env = param(req, 'environment');
  const foreign = !parsed || parsed.env !== env || parsed.ix !== ix.id || (parsed.provider !== req.caller && parsed.provider !== engine.selfId);
  if (!parsed || (foreign && !engine.faults.has('feature-channel-unchecked'))) {
    return badRequest(`channel ${name} is not a channel of ${connectionName({ caller: req.caller, env, ix: ix.id, id: param(req, 'connection') })}'s interconnect`);
  }
  // last-channel-unknown: an off-by-one over the channel list misses the interconnect's last channel.
  const known = engine.faults.has('last-channel-unknown') ? ix.channels.slice(0, -1) : ix.channels;
  if (!known.some((c) => c.id === parsed.channel)) return badRequest(`channel ${name} does not exist on interconnect ${ix.id}`);
  return parsed.channel;
}

/** CreateFeature ?featureId=: 400 when it does not follow the guidance, 409 on conflicts; PENDING then FINAL. */
export const createFeature: Handler = (engine, req) => {
  const conn = lookupConnection(engine, req);
  if (!conn.ok) return conn.reply;
  const id = requiredQuery(req, 'featureId');
  if (!id.ok) return id.reply;
  const input = body(engine, { ...req, body: bentFeatureInput(engine, req.body) }, FeatureBody);
  if (!input.ok) return input.reply;
  const channelId = channelOf(engine, req, conn.value.ix, input.value.channel);
  if (typeof channelId !== 'string') return channelId;
  const config = toL3Config(input.value.featureConfig.l3BaseConfig);
  const refusal = featureRefusal(engine, conn.value.rec, config);
  if (refusal) return refusal;
  const featureId = featureIdFor(engine, id.value, input.value.name);
  const admitted = admitFeature(engine, conn.value.rec, { id: featureId, channelId, config, checkGuidance: true, ...(req.receivedAt === undefined ? {} : { seenBefore: req.receivedAt }) });
  if (!admitted.ok) return admitted.reply;
  if (engine.faults.has('provisioning-state-honoured') && input.value.provisioningState === 'PROVISIONING_STATE_FINAL') admitted.value.provisioningState = 'PROVISIONING_STATE_FINAL';
  return ok(present(engine, admitted.value, 'create'));
};

/** DeleteFeature. */
export const deleteFeature: Handler = (engine, req) => {
  const conn = lookupConnection(engine, req);
  if (!conn.ok) return conn.reply;
  const featureId = param(req, 'feature');
  if (engine.faults.has('delete-feature-kept') && engine.store.features.get(connectionKey(conn.value.rec))?.has(featureId) === true) return ok({});
  const channelId = engine.store.features.get(connectionKey(conn.value.rec))?.get(featureId)?.channelId;
  if (channelId === undefined || !removeFeature(engine, conn.value.rec, featureId)) return missing(engine, req, featureName(conn.value.rec, featureId));
  const rec = conn.value.rec;
  emit(engine, () => engine.listeners.featureDeleted?.({ caller: rec.caller, env: rec.env, ix: rec.ix, id: rec.id }, channelId));
  return ok({});
};
