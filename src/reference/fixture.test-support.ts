/**
 * Test support for the reference partner: JSON calls to its API (as caller `aws`) and hooks, and a fake
 * peer that records what the reference sends it.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { subnetsOf, type L3BaseConfig } from '../checks/index.js';
import type { ReferencePartner } from './partner.js';
import { REFERENCE_ENVIRONMENT } from './topology.js';

/** A JSON answer. */
export interface Answer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/** Sends a JSON request; `raw` overrides the serialised body. */
export async function send(method: string, url: string, body?: unknown, raw?: string): Promise<Answer> {
  const text = raw ?? (body === undefined ? undefined : JSON.stringify(body));
  const res = await request(url, { method: method as 'GET', ...(text === undefined ? {} : { body: text, headers: { 'content-type': 'application/json' } }) });
  const t = await res.body.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = t.length > 0 ? (JSON.parse(t) as Record<string, unknown>) : {};
  } catch {
    parsed = { text: t };
  }
  return { status: res.statusCode, body: parsed };
}

/** Path prefix of the reference environment as caller aws. */
export const ENV = `/providers/aws/environments/${REFERENCE_ENVIRONMENT}`;

/** Path of an interconnect of the reference environment. */
export function ix(id = 'ix1'): string {
  return `${ENV}/interconnects/${id}`;
}

/** Calls the reference's API. */
export function api(p: ReferencePartner, method: string, path: string, body?: unknown, raw?: string): Promise<Answer> {
  return send(method, `${p.baseUrl}${path}`, body, raw);
}

/** Calls one of the reference's hooks. */
export function hook(p: ReferencePartner, method: string, path: string, body?: unknown): Promise<Answer> {
  return send(method, `${p.hooksUrl}${path}`, body);
}

/** A feature body that follows the reference guidance; `n` picks a distinct subnet (169.254.n.0/30) and VLAN (1100+n). */
export function referenceFeature(channel: string, n: number, override: Partial<L3BaseConfig> = {}, ixId = 'ix1'): Record<string, unknown> {
  const config: L3BaseConfig = {
    ipv4Subnet: `169.254.${n}.0`,
    ipv4SubnetPrefixLength: 30,
    mtuBytes: 8500,
    vlanId: 1100 + n,
    providerBgpConfigs: [
      { provider: 'providers/aws', asn: 64512, hostIpv4: `169.254.${n}.1` },
      { provider: 'providers/refcloud', asn: 64700, hostIpv4: `169.254.${n}.2` },
    ],
    ...override,
  };
  return { channel: `providers/aws/environments/${REFERENCE_ENVIRONMENT}/interconnects/${ixId}/channels/${channel}`, featureConfig: { featureType: 'FEATURE_TYPE_L3_BASE', l3BaseConfig: config } };
}

/** The subnets of a feature body, for bookkeeping in tests. */
export function subnetsOfBody(body: Record<string, unknown>): string[] {
  const config = (body['featureConfig'] as { l3BaseConfig: L3BaseConfig }).l3BaseConfig;
  return subnetsOf(config);
}

/** A fake peer: answers 200 `{}` (GetProvider included) and records `METHOD path` of each call. */
export interface FakePeer {
  readonly baseUrl: string;
  readonly calls: string[];
  close(): Promise<void>;
}

/** Starts a fake peer on 127.0.0.1:0 whose API root is `/peer/v1`. */
export async function fakePeer(): Promise<FakePeer> {
  const calls: string[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    req.on('end', () => {
      calls.push(`${req.method ?? ''} ${(req.url ?? '').replace(/^\/peer\/v1/, '')}`);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${port}/peer/v1`,
    calls,
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

/** Polls `check` every `everyMs` (default 5) until true or `timeoutMs` passes; answers the last result. */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 2000, everyMs = 5): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return check();
}
