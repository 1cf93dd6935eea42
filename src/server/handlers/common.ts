/**
 * What every handler shares: the request context, resource lookups that answer 404 (or, under the
 * unknown-resource faults, 400 or a made-up 200), and body validation that answers 400 (500 under wrong-type-500).
 */
import type { z } from 'zod';
import { type Engine, findEnvironment, findInterconnect } from '../engine.js';
import { channelName, connectionKey, connectionName, environmentName, interconnectName, type ChannelRef } from '../names.js';
import { apiError, badRequest, notFound, ok, type Reply } from '../reply.js';
import type { Operation, PathParams } from '../routes.js';
import { validate } from '../schemas.js';
import type { ChannelSpec, ConnectionRecord, EnvironmentSpec, InterconnectSpec } from '../types.js';

/** One request, parsed. */
export interface RequestContext {
  /** operationId. */
  readonly operation: Operation;
  /** Path parameters. */
  readonly params: PathParams;
  /** Query parameters. */
  readonly query: URLSearchParams;
  /** Parsed JSON body; undefined when the request had none. */
  readonly body: unknown;
  /** The caller's provider id (path `{provider}`). */
  readonly caller: string;
  /** Under the race faults (capacity-race, feature-reservation-race): when the request arrived, in ms; checks see only what existed then. */
  readonly receivedAt?: number;
}

/** A handler: synchronous, so each mutation is atomic with respect to other requests. */
export type Handler = (engine: Engine, req: RequestContext) => Reply;

/** A lookup result: the value, or the reply to send instead. */
export type Located<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reply: Reply };

/** Path parameter `name` ('' when absent). */
export function param(req: RequestContext, name: string): string {
  return req.params[name] ?? '';
}

function fabricate(req: RequestContext): Record<string, unknown> | undefined {
  const env = param(req, 'environment');
  const ix = param(req, 'interconnect');
  switch (req.operation) {
    case 'GetInterconnect':
      return { name: interconnectName(req.caller, env, ix), state: 'INTERCONNECT_STATE_ACTIVE', maxBandwidthMbps: 10000, supportedConnectionSizeMbps: [1000], supportedFeatures: ['FEATURE_TYPE_L3_BASE'] };
    case 'GetChannel':
      return { name: channelName({ caller: req.caller, env, ix, channel: param(req, 'channel') }), demarc: 'unknown', adminState: 'ADMIN_STATE_ENABLED' };
    case 'GetConnection':
      return { name: connectionName({ caller: req.caller, env, ix, id: param(req, 'connection') }), bandwidthMbps: 1000, adminState: 'ADMIN_STATE_ENABLED', verificationState: 'VERIFICATION_STATE_UNVERIFIED' };
    default:
      return undefined;
  }
}

/** The answer for a resource that does not exist (404, or the unknown-resource faults for names that never existed). */
export function missing(engine: Engine, req: RequestContext, name: string): Reply {
  if (!engine.store.everExisted.has(name)) {
    if (engine.faults.has('unknown-resource-400')) return badRequest(`${name} is not a valid resource`);
    const made = engine.faults.has('unknown-resource-200') ? fabricate(req) : undefined;
    if (made !== undefined) return ok(made);
  }
  return notFound(name);
}

/** Looks up the path's environment. */
export function lookupEnvironment(engine: Engine, req: RequestContext): Located<EnvironmentSpec> {
  const env = findEnvironment(engine, param(req, 'environment'));
  return env ? { ok: true, value: env } : { ok: false, reply: missing(engine, req, environmentName(req.caller, param(req, 'environment'))) };
}

/** Looks up the path's interconnect. */
export function lookupInterconnect(engine: Engine, req: RequestContext): Located<{ env: EnvironmentSpec; ix: InterconnectSpec }> {
  const env = lookupEnvironment(engine, req);
  if (!env.ok) return env;
  const ix = findInterconnect(engine, env.value.id, param(req, 'interconnect'));
  if (!ix) return { ok: false, reply: missing(engine, req, interconnectName(req.caller, env.value.id, param(req, 'interconnect'))) };
  return { ok: true, value: { env: env.value, ix } };
}

/** Looks up the path's channel. */
export function lookupChannel(engine: Engine, req: RequestContext): Located<{ ix: InterconnectSpec; ch: ChannelSpec; ref: ChannelRef }> {
  const found = lookupInterconnect(engine, req);
  if (!found.ok) return found;
  const ref = { caller: req.caller, env: found.value.env.id, ix: found.value.ix.id, channel: param(req, 'channel') };
  const ch = found.value.ix.channels.find((c) => c.id === ref.channel);
  return ch ? { ok: true, value: { ix: found.value.ix, ch, ref } } : { ok: false, reply: missing(engine, req, channelName(ref)) };
}

/** Looks up the path's connection. */
export function lookupConnection(engine: Engine, req: RequestContext): Located<{ ix: InterconnectSpec; rec: ConnectionRecord }> {
  const found = lookupInterconnect(engine, req);
  if (!found.ok) return found;
  const ref = { caller: req.caller, env: found.value.env.id, ix: found.value.ix.id, id: param(req, 'connection') };
  const rec = engine.store.connections.get(connectionKey(ref));
  return rec ? { ok: true, value: { ix: found.value.ix, rec } } : { ok: false, reply: missing(engine, req, connectionName(ref)) };
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function hasWrongType(schema: z.ZodType<unknown>, value: unknown): boolean {
  const result = schema.safeParse(value);
  return !result.success && result.error.issues.some((i) => i.code === 'invalid_type' && valueAt(value, i.path) !== undefined);
}

/** Validates the body; a wrongly typed body is 400 (500 under the wrong-type-500 fault, for present fields of the wrong type). */
export function body<T>(engine: Engine, req: RequestContext, schema: z.ZodType<T>, required = true): Located<T> {
  if (req.body === undefined && required) return { ok: false, reply: badRequest('a request body is required') };
  const value = req.body ?? {};
  const result = validate(schema, value);
  if (result.ok) return { ok: true, value: result.value };
  if (engine.faults.has('wrong-type-500') && hasWrongType(schema, value)) {
    return { ok: false, reply: apiError(500, 'internal error while reading the request') };
  }
  return { ok: false, reply: badRequest(`invalid request body: ${result.problem}`) };
}

/** A required query parameter, or a 400 naming it. */
export function requiredQuery(req: RequestContext, name: string): Located<string> {
  const value = req.query.get(name);
  return value === null || value.length === 0 ? { ok: false, reply: badRequest(`query parameter ${name} is required`) } : { ok: true, value };
}
