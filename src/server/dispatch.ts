/**
 * From an HTTP request to a handler's reply: base path, body limit, routing (404/405), caller check (403),
 * authorisation, JSON parsing (400; 500 under malformed-json-500), the behaviour hook, then the handler.
 */
import type { IncomingMessage } from 'node:http';
import type { Engine } from './engine.js';
import { confirmActivationKey } from './handlers/activation.js';
import type { Handler, RequestContext } from './handlers/common.js';
import {
  createConnection,
  deleteConnection,
  generateFeatureGuidance,
  getConnection,
  listConnections,
  notifyConnectionStatus,
  updateConnection,
} from './handlers/connections.js';
import { createFeature, deleteFeature, getFeature, listFeatures } from './handlers/features.js';
import { addComment, closeIssue, createIssue, getIssue, listComments, listIssues } from './handlers/issues.js';
import { createMacSecKey, deleteMacSecKey, getMacSecKey, listMacSecKeys, requestMacSecKeyRotation } from './handlers/macsec.js';
import { getMaintenanceEvents, notifyMaintenance } from './handlers/maintenance.js';
import {
  callerAllowed,
  getChannel,
  getEnvironment,
  getInterconnect,
  getProvider,
  listChannels,
  listEnvironments,
  listInterconnects,
  listProviders,
} from './handlers/static.js';
import type { AuthorizeHook, BehaviourHook } from './options.js';
import { apiError, badRequest, parseJson, readBody, type Reply } from './reply.js';
import { matchRoute, type Operation, type PathParams } from './routes.js';

/** The handler of every operation. */
export const HANDLERS: Readonly<Record<Operation, Handler>> = {
  ListProviders: listProviders,
  GetProvider: getProvider,
  ListEnvironments: listEnvironments,
  GetEnvironment: getEnvironment,
  ConfirmActivationKey: confirmActivationKey,
  ListInterconnects: listInterconnects,
  GetInterconnect: getInterconnect,
  ListChannels: listChannels,
  GetChannel: getChannel,
  NotifyMaintenance: notifyMaintenance,
  RequestMacSecKeyRotation: requestMacSecKeyRotation,
  GetMaintenanceEvents: getMaintenanceEvents,
  CreateMacSecKey: createMacSecKey,
  ListMacSecKeys: listMacSecKeys,
  GetMacSecKey: getMacSecKey,
  DeleteMacSecKey: deleteMacSecKey,
  ListConnections: listConnections,
  CreateConnection: createConnection,
  GetConnection: getConnection,
  UpdateConnection: updateConnection,
  DeleteConnection: deleteConnection,
  GenerateFeatureGuidance: generateFeatureGuidance,
  NotifyConnectionStatus: notifyConnectionStatus,
  ListFeatures: listFeatures,
  CreateFeature: createFeature,
  GetFeature: getFeature,
  DeleteFeature: deleteFeature,
  ListIssues: listIssues,
  CreateIssue: createIssue,
  GetIssue: getIssue,
  CloseIssue: closeIssue,
  ListComments: listComments,
  AddComment: addComment,
};

/** What the dispatcher learned about a request, for the observer. */
export interface Dispatched {
  /** operationId or `unknown`. */
  operation: string;
  /** Path parameters once matched. */
  params: PathParams;
  /** Parsed body (raw text when not JSON). */
  body: unknown;
}

/** Hooks the dispatcher consults. */
export interface DispatchHooks {
  /** Optional authorisation. */
  readonly authorize?: AuthorizeHook;
  /** Optional misbehaviour. */
  readonly behaviour?: BehaviourHook;
}

function relativePath(basePath: string, pathname: string): string | undefined {
  if (basePath === '') return pathname;
  if (pathname === basePath) return '/';
  return pathname.startsWith(`${basePath}/`) ? pathname.slice(basePath.length) : undefined;
}

function readJson(engine: Engine, text: string, seen: Dispatched): { ok: true; value: unknown } | { ok: false; reply: Reply } {
  const parsed = parseJson(text);
  if (parsed.kind === 'empty') return { ok: true, value: undefined };
  if (parsed.kind === 'malformed') {
    seen.body = text;
    const reply = engine.faults.has('malformed-json-500') ? apiError(500, 'internal error') : badRequest(`malformed JSON body: ${parsed.problem}`);
    return { ok: false, reply };
  }
  seen.body = parsed.value;
  if (typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) {
    return { ok: false, reply: badRequest('the request body must be a JSON object') };
  }
  return { ok: true, value: parsed.value };
}

/** How long the race faults hold a create between its checks' snapshot and its commit, in ms. */
export const RACE_WINDOW_MS = 150;

/**
 * Under capacity-race (CreateConnection) and feature-reservation-race (CreateFeature), the request is held for
 * {@link RACE_WINDOW_MS} and then checked against what existed when it arrived, as a check-then-commit race would.
 */
async function racing(engine: Engine, ctx: RequestContext): Promise<RequestContext> {
  const racy = (ctx.operation === 'CreateConnection' && engine.faults.has('capacity-race')) || (ctx.operation === 'CreateFeature' && engine.faults.has('feature-reservation-race'));
  if (!racy) return ctx;
  const receivedAt = engine.clock.now();
  await engine.timers.sleep(RACE_WINDOW_MS);
  return { ...ctx, receivedAt };
}

/** Handles one request and returns the reply; `seen` is filled in for the observer. */
export async function dispatch(engine: Engine, hooks: DispatchHooks, req: IncomingMessage, url: URL, seen: Dispatched): Promise<Reply> {
  const rel = relativePath(engine.settings.basePath, url.pathname);
  const raw = await readBody(req, engine.settings.maxBodyBytes);
  if (!raw.ok) return apiError(413, 'request body too large');
  if (raw.text.length > 0) seen.body = raw.text;
  if (rel === undefined) return apiError(404, `no such path ${url.pathname}`);
  const method = (req.method ?? 'GET').toUpperCase();
  const match = matchRoute(method, rel);
  if (match.kind === 'not-found') return apiError(404, `no operation at ${url.pathname}`);
  if (match.kind === 'method-not-allowed') return apiError(405, `${method} is not allowed here (allowed: ${match.allowed.join(', ')})`);
  seen.operation = match.operation;
  seen.params = match.params;
  const provider = match.params['provider'];
  if (provider !== undefined && !callerAllowed(engine, provider, match.operation)) return apiError(403, `provider ${provider} is not known to this server`);
  const denied = await hooks.authorize?.({ method, path: rel, url: req.url ?? '/', provider, headers: req.headers, body: raw.text });
  if (denied) return apiError(denied.status, denied.message);
  const json = readJson(engine, raw.text, seen);
  if (!json.ok) return json.reply;
  const ctx = await racing(engine, { operation: match.operation, params: match.params, query: url.searchParams, body: json.value, caller: provider ?? '' });
  const override = await hooks.behaviour?.({ operation: ctx.operation, method, path: rel, params: ctx.params, query: ctx.query, body: ctx.body, provider });
  if (override?.delayMs !== undefined && override.delayMs > 0) await engine.timers.sleep(override.delayMs);
  if (override?.status !== undefined) return { status: override.status, body: override.body };
  return HANDLERS[ctx.operation](engine, ctx);
}
