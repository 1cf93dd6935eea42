/**
 * Read operations on the static resources: providers, environments, interconnects, channels
 * (upstream paths/providers.yaml, environments.yaml, interconnects.yaml, channels.yaml).
 */
import type { Engine } from '../engine.js';
import { isPage, listBody, paginate } from '../paginate.js';
import { renderChannel, renderEnvironment, renderInterconnect, renderProvider } from '../render.js';
import { ok, type Reply } from '../reply.js';
import type { EnvironmentSpec, InterconnectSpec } from '../types.js';
import { lookupChannel, lookupEnvironment, lookupInterconnect, type Handler, type RequestContext } from './common.js';

/** An Environment; under environment-without-l3 it lists no supported features (CC-SCH-021). */
function environmentOf(engine: Engine, caller: string, env: EnvironmentSpec): Record<string, unknown> {
  const out = renderEnvironment(engine, caller, env);
  return engine.faults.has('environment-without-l3') ? { ...out, supportedFeatures: [] } : out;
}

/** An Interconnect; under interconnect-sizes-repeated its first connection size is listed twice (CC-SCH-026). */
function interconnectOf(engine: Engine, caller: string, env: string, ix: InterconnectSpec): Record<string, unknown> {
  const out = renderInterconnect(engine, caller, env, ix);
  const sizes = ix.supportedConnectionSizeMbps;
  return engine.faults.has('interconnect-sizes-repeated') && sizes.length > 0 ? { ...out, supportedConnectionSizeMbps: [...sizes, sizes[0]] } : out;
}

function listKey(req: RequestContext): string {
  return `${req.operation}|${Object.values(req.params).join('|')}`;
}

/** ListProviders: this server and every known caller, under both `providers` and `environments` (D15). */
export const listProviders: Handler = (engine) => {
  const ids = [engine.selfId, ...[...engine.known].filter((id) => id !== engine.selfId)];
  const items = ids.map((id) => renderProvider(engine, id));
  return ok(engine.faults.has('providers-listed-elsewhere') ? { providerList: items } : { providers: items, environments: items });
};

/** GetProvider: the caller's own provider or this server's. */
export const getProvider: Handler = (engine, req) => ok(renderProvider(engine, req.caller));

/** ListEnvironments. */
export const listEnvironments: Handler = (engine, req) => {
  const page = paginate(engine.topology.environments, req.query, listKey(req), engine.faults);
  return isPage(page) ? ok(listBody('environments', page, (e) => environmentOf(engine, req.caller, e))) : page;
};

/** GetEnvironment. */
export const getEnvironment: Handler = (engine, req) => {
  const env = lookupEnvironment(engine, req);
  return env.ok ? ok(environmentOf(engine, req.caller, env.value)) : env.reply;
};

/** ListInterconnects. */
export const listInterconnects: Handler = (engine, req) => {
  const env = lookupEnvironment(engine, req);
  if (!env.ok) return env.reply;
  const page = paginate(env.value.interconnects, req.query, listKey(req), engine.faults);
  return isPage(page) ? ok(listBody('interconnects', page, (ix) => interconnectOf(engine, req.caller, env.value.id, ix))) : page;
};

/** GetInterconnect. */
export const getInterconnect: Handler = (engine, req) => {
  const found = lookupInterconnect(engine, req);
  return found.ok ? ok(interconnectOf(engine, req.caller, found.value.env.id, found.value.ix)) : found.reply;
};

/** ListChannels. */
export const listChannels: Handler = (engine, req) => {
  const found = lookupInterconnect(engine, req);
  if (!found.ok) return found.reply;
  const { env, ix } = found.value;
  const page = paginate(ix.channels, req.query, listKey(req), engine.faults);
  const render = (ch: (typeof ix.channels)[number]): unknown => renderChannel(engine, { caller: req.caller, env: env.id, ix: ix.id, channel: ch.id }, ch);
  return isPage(page) ? ok(listBody('channels', page, render)) : page;
};

/** GetChannel. */
export const getChannel: Handler = (engine, req): Reply => {
  const found = lookupChannel(engine, req);
  return found.ok ? ok(renderChannel(engine, found.value.ref, found.value.ch, true)) : found.reply;
};

/** True when `provider` may call operations under `providers/{provider}` (GetProvider also allows this server's id). */
export function callerAllowed(engine: Engine, provider: string, operation: string): boolean {
  if (engine.known.has(provider) || engine.faults.has('accepts-unknown-provider')) return true;
  return operation === 'GetProvider' && provider === engine.selfId && !engine.faults.has('own-provider-hidden');
}
