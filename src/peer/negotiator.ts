/**
 * The kit's moves as negotiator against the candidate (docs/Protocols.md#customer-connection-workflow):
 * ordering and confirming keys, placing connections and proposing features, always creating locally first.
 * @packageDocumentation
 */
import type { CoordinatorApi, Exchange, HooksApi, IxRef } from '../client/index.js';
import { decodeActivationKey, type DecodeResult, type L3BaseConfig, type L3BaseGuidance } from '../checks/index.js';
import type { KitLocalState } from './types.js';

/** An activation key the candidate issued to the kit's customer. */
export interface IssuedKey {
  /** The key text as issued. */
  readonly encodedKey: string;
  /** Environment id it was ordered in. */
  readonly env: string;
  /** Bandwidth ordered. */
  readonly bandwidthMbps: number;
  /** The decoding of the key (the shared UUID lives inside). */
  readonly decoded: DecodeResult;
  /** The hook exchange that issued it. */
  readonly exchange: Exchange;
}

/** A connection the kit placed on the candidate. */
export interface NegotiatedConnection {
  /** Interconnect it was placed on. */
  readonly ref: IxRef;
  /** Connection id (the shared UUID). */
  readonly id: string;
  /** Bandwidth. */
  readonly bandwidthMbps: number;
  /** The CreateConnection exchange. */
  readonly exchange: Exchange;
}

/** A feature the kit proposed. */
export interface ProposedFeature {
  /** Feature id. */
  readonly id: string;
  /** Channel id (last segment). */
  readonly channelId: string;
  /** The configuration proposed. */
  readonly config: L3BaseConfig;
  /** The CreateFeature exchange. */
  readonly exchange: Exchange;
}

/** One channel's guidance from GenerateFeatureGuidance. */
export interface ChannelGuidance {
  /** Channel name as returned. */
  readonly channel: string;
  /** L3 guidance (empty when absent). */
  readonly l3: L3BaseGuidance;
}

/** Orders a key through the candidate's hook; `key` is set when the hook answered 201 with a string. */
export async function orderKey(hooks: HooksApi, env: string, bandwidthMbps: number, account: string): Promise<{ exchange: Exchange; key?: IssuedKey }> {
  const exchange = await hooks.issueActivationKey(env, bandwidthMbps, account);
  const body = exchange.responseBody;
  const text = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['activationKey'] : undefined;
  if (exchange.status !== 201 && exchange.status !== 200) return { exchange };
  if (typeof text !== 'string') return { exchange };
  return { exchange, key: { encodedKey: text, env, bandwidthMbps, decoded: decodeActivationKey(text), exchange } };
}

/** Confirms a key; `keyValid` is the boolean answered on 200, undefined otherwise. */
export async function confirmKey(api: CoordinatorApi, env: string, body: unknown): Promise<{ exchange: Exchange; keyValid: boolean | undefined }> {
  const exchange = await api.confirmActivationKey(env, body);
  const b = exchange.responseBody;
  const v = exchange.status === 200 && typeof b === 'object' && b !== null ? (b as Record<string, unknown>)['keyValid'] : undefined;
  return { exchange, keyValid: typeof v === 'boolean' ? v : undefined };
}

/** Places a connection: the kit records it on its own side first, then asks the candidate. */
export async function placeConnection(api: CoordinatorApi, local: KitLocalState, ref: IxRef, id: string, bandwidthMbps: number, key: string | undefined, extra: Record<string, unknown> = {}): Promise<NegotiatedConnection> {
  local.putConnection(ref.env, ref.ix, id, bandwidthMbps);
  const exchange = await api.createConnection(ref, id, { bandwidthMbps, ...(key !== undefined ? { activationKey: key } : {}), ...extra });
  if (exchange.status < 200 || exchange.status > 299) local.deleteConnection(ref.env, ref.ix, id);
  return { ref, id, bandwidthMbps, exchange };
}

/** Asks for feature guidance and extracts one entry per channel. */
export async function requestGuidance(api: CoordinatorApi, ref: IxRef, conn: string): Promise<{ exchange: Exchange; guidance: ChannelGuidance[] }> {
  const exchange = await api.generateFeatureGuidance(ref, conn);
  const b = exchange.responseBody;
  const list = typeof b === 'object' && b !== null ? (b as Record<string, unknown>)['featureGuidance'] : undefined;
  const guidance: ChannelGuidance[] = [];
  if (Array.isArray(list)) {
    for (const g of list) {
      if (typeof g !== 'object' || g === null) continue;
      const rec = g as Record<string, unknown>;
      const l3 = rec['l3BaseGuidance'];
      guidance.push({ channel: typeof rec['channel'] === 'string' ? rec['channel'] : '', l3: typeof l3 === 'object' && l3 !== null ? (l3 as L3BaseGuidance) : {} });
    }
  }
  return { exchange, guidance };
}

/** Proposes a feature: recorded on the kit's side first, then CreateFeature on the candidate. */
export async function proposeFeature(api: CoordinatorApi, local: KitLocalState, conn: NegotiatedConnection, channelName: string, channelId: string, config: L3BaseConfig, featureId?: string): Promise<ProposedFeature> {
  const id = featureId ?? `ctk-${channelId}`;
  const body = { channel: channelName, featureConfig: { featureType: 'FEATURE_TYPE_L3_BASE', l3BaseConfig: config } };
  local.putFeature(conn.ref.env, conn.ref.ix, conn.id, id, body);
  const exchange = await api.createFeature(conn.ref, conn.id, id, body);
  return { id, channelId, config, exchange };
}

/** True for a 2xx status. */
export function ok(e: Exchange): boolean { return e.status >= 200 && e.status <= 299; }
