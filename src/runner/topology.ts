/**
 * The candidate's static resources as the kit discovered them (environments, interconnects, channels).
 * @packageDocumentation
 */
import type { IxRef } from '../client/index.js';

/** One channel. */
export interface ChannelInfo {
  /** Channel id (last name segment). */
  readonly id: string;
  /** Full resource name. */
  readonly name: string;
  /** The channel resource as returned. */
  readonly resource: Readonly<Record<string, unknown>>;
}

/** One interconnect with its channels. */
export interface InterconnectInfo {
  /** Interconnect id. */
  readonly id: string;
  /** Reference for API calls. */
  readonly ref: IxRef;
  /** The interconnect resource as returned. */
  readonly resource: Readonly<Record<string, unknown>>;
  /** Its channels. */
  readonly channels: readonly ChannelInfo[];
  /** `state` field. */
  readonly state: string;
  /** `maxBandwidthMbps` or 0 when absent. */
  readonly maxBandwidthMbps: number;
  /** `supportedConnectionSizeMbps`. */
  readonly sizes: readonly number[];
}

/** One environment with its interconnects. */
export interface EnvironmentInfo {
  /** Environment id. */
  readonly id: string;
  /** The environment resource as returned. */
  readonly resource: Readonly<Record<string, unknown>>;
  /** `supportedConnectionSizeMbps`. */
  readonly sizes: readonly number[];
  /** Its interconnects. */
  readonly interconnects: readonly InterconnectInfo[];
}

/** Everything discovered. */
export interface Topology {
  /** All environments. */
  readonly environments: readonly EnvironmentInfo[];
}

/** The last `/`-separated segment of a resource name. */
export function lastSegment(name: unknown): string {
  return typeof name === 'string' ? (name.split('/').filter((s) => s !== '').pop() ?? '') : '';
}

/** True when the environment says the key receiver defers every connection in it (deferConnectionProvisioning). */
export function defersConnections(e: EnvironmentInfo): boolean {
  return e.resource['deferConnectionProvisioning'] === true;
}

/**
 * The environment scenarios run in: the first with an ACTIVE interconnect that has channels, preferring one that
 * does not defer connections (in a deferring environment the candidate would hand every negotiation to the kit).
 */
export function primaryEnvironment(t: Topology): EnvironmentInfo | undefined {
  const usable = t.environments.filter((e) => e.interconnects.some(isUsable));
  return usable.find((e) => !defersConnections(e)) ?? usable[0];
}

/** The first usable environment whose connections the candidate defers (deferConnectionProvisioning), if any. */
export function deferringEnvironment(t: Topology): EnvironmentInfo | undefined {
  return t.environments.find((e) => defersConnections(e) && e.interconnects.some(isUsable));
}

/** True for an ACTIVE interconnect with at least one channel. */
export function isUsable(ix: InterconnectInfo): boolean {
  return ix.state === 'INTERCONNECT_STATE_ACTIVE' && ix.channels.length > 0;
}

/** The usable interconnects of an environment, largest capacity first. */
export function usableInterconnects(e: EnvironmentInfo): InterconnectInfo[] {
  return e.interconnects.filter(isUsable).sort((a, b) => b.maxBandwidthMbps - a.maxBandwidthMbps);
}

/** Reads a number array field defensively. */
export function numberList(v: unknown): number[] {
  return Array.isArray(v) ? v.filter((x): x is number => typeof x === 'number') : [];
}
