/**
 * Resource names (`providers/{caller}/environments/...`, upstream schemas "Format:" lines) and store keys.
 * `{provider}` is always the caller's provider id (spec-defects D20).
 */
import type { ConnectionRef } from './types.js';

/** A channel's place: caller partition, environment, interconnect, channel id. */
export interface ChannelRef {
  /** Caller partition. */
  readonly caller: string;
  /** Environment id. */
  readonly env: string;
  /** Interconnect id. */
  readonly ix: string;
  /** Channel id. */
  readonly channel: string;
}

/** `providers/{id}`. */
export function providerName(id: string): string {
  return `providers/${id}`;
}

/** `providers/{caller}/environments/{env}`. */
export function environmentName(caller: string, env: string): string {
  return `${providerName(caller)}/environments/${env}`;
}

/** `.../interconnects/{ix}`. */
export function interconnectName(caller: string, env: string, ix: string): string {
  return `${environmentName(caller, env)}/interconnects/${ix}`;
}

/** `.../channels/{channel}`. */
export function channelName(ref: ChannelRef): string {
  return `${interconnectName(ref.caller, ref.env, ref.ix)}/channels/${ref.channel}`;
}

/** `.../connections/{id}`. */
export function connectionName(ref: ConnectionRef): string {
  return `${interconnectName(ref.caller, ref.env, ref.ix)}/connections/${ref.id}`;
}

/** `.../features/{feature}`. */
export function featureName(ref: ConnectionRef, feature: string): string {
  return `${connectionName(ref)}/features/${feature}`;
}

/** `.../macSecKeys/{key}`. */
export function macSecKeyName(ref: ChannelRef, key: string): string {
  return `${channelName(ref)}/macSecKeys/${key}`;
}

/** `providers/{caller}/issues/{issue}`. */
export function issueName(caller: string, issue: string): string {
  return `${providerName(caller)}/issues/${issue}`;
}

/** Store key of a connection. */
export function connectionKey(ref: ConnectionRef): string {
  return [ref.caller, ref.env, ref.ix, ref.id].join('|');
}

/** Store key of a channel. */
export function channelKey(ref: ChannelRef): string {
  return [ref.caller, ref.env, ref.ix, ref.channel].join('|');
}

/** Store key of an interconnect within a caller partition. */
export function interconnectKey(caller: string, env: string, ix: string): string {
  return [caller, env, ix].join('|');
}

/**
 * Parses a channel resource name `providers/{p}/environments/{e}/interconnects/{i}/channels/{c}`;
 * undefined when it has another shape.
 */
export function parseChannelName(name: string): (ChannelRef & { readonly provider: string }) | undefined {
  const parts = name.split('/');
  if (parts.length !== 8 || parts[0] !== 'providers' || parts[2] !== 'environments' || parts[4] !== 'interconnects' || parts[6] !== 'channels') {
    return undefined;
  }
  const [, provider, , env, , ix, , channel] = parts as [string, string, string, string, string, string, string, string];
  if ([provider, env, ix, channel].some((p) => p.length === 0)) return undefined;
  return { provider, caller: provider, env, ix, channel };
}
