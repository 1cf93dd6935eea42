/**
 * Test support for the engine: a small topology, a started server, and a JSON caller on undici.
 */
import { request } from 'undici';
import type { L3BaseConfig } from '../checks/index.js';
import { createCoordinatorServer, type CoordinatorServer } from './server.js';
import type { CoordinatorServerOptions } from './options.js';
import type { Topology } from './types.js';

/** Guidance used by the test topology. */
export const TEST_GUIDANCE = {
  asnRanges: [{ start: 64600, stop: 64610 }],
  ipv4SubnetGuidance: [{ includeSubnet: '169.254.0.0/16', excludeSubnets: ['169.254.0.0/24'] }],
  ipv4AllowedSubnetPrefixLengths: [29, 30],
  vlanRanges: [{ start: 1025, stop: 4094 }],
  mtuRanges: [{ start: 1500, stop: 8500 }],
  maxReceivedBgpRoutePrefixes: 100,
} as const;

function channels(ix: string): Topology['environments'][number]['interconnects'][number]['channels'] {
  return [1, 2, 3, 4].map((n) => ({
    id: `channel${n}`,
    demarc: `fac${n % 2}-${ix}-${n}`,
    obfuscatedDeviceId: `dev-${n}`,
    aggregateChannelSizeGbps: 40,
    channelMemberSizeGbps: 10,
    macsecManager: n % 2 === 1 ? ('caller' as const) : ('self' as const),
    crossConnectManager: 'self' as const,
  }));
}

/** Two ACTIVE interconnects of 4 channels (max 10000 Mbps) and one CLOSED one. */
export const TEST_TOPOLOGY: Topology = {
  displayName: 'Test Cloud',
  guidance: TEST_GUIDANCE,
  environments: [
    {
      id: 'env1',
      site: 'test-east',
      callerSite: 'peer-east',
      supportedConnectionSizeMbps: [50, 1000, 5000, 10000],
      supportedFeatures: ['FEATURE_TYPE_L3_BASE'],
      interconnects: ['ix1', 'ix2', 'ix3'].map((id) => ({
        id,
        state: id === 'ix3' ? ('INTERCONNECT_STATE_CLOSED' as const) : ('INTERCONNECT_STATE_ACTIVE' as const),
        maxBandwidthMbps: 10000,
        supportedConnectionSizeMbps: [50, 1000, 5000, 10000],
        supportedFeatures: ['FEATURE_TYPE_L3_BASE' as const],
        channels: channels(id),
      })),
    },
  ],
};

/** A started engine plus helpers. */
export interface Started {
  readonly server: CoordinatorServer;
  readonly url: string;
  call(method: string, path: string, body?: unknown, raw?: string): Promise<{ status: number; body: Record<string, unknown> }>;
}

/** Starts an engine as provider `test` known to caller `aws`, on 127.0.0.1:0. */
export async function start(options: Partial<CoordinatorServerOptions> = {}): Promise<Started> {
  const server = createCoordinatorServer({ selfId: 'test', topology: TEST_TOPOLOGY, knownProviders: ['aws'], ...options });
  const url = await server.listen();
  return {
    server,
    url,
    async call(method, path, body, raw) {
      const text = raw ?? (body === undefined ? undefined : JSON.stringify(body));
      const res = await request(`${url}${path}`, {
        method: method as 'GET',
        ...(text === undefined ? {} : { body: text, headers: { 'content-type': 'application/json' } }),
      });
      const t = await res.body.text();
      return { status: res.statusCode, body: (t.length > 0 ? JSON.parse(t) : {}) as Record<string, unknown> };
    },
  };
}

/** Path of interconnect `ix` in env1 for caller aws. */
export function ixPath(ix = 'ix1'): string {
  return `/providers/aws/environments/env1/interconnects/${ix}`;
}

/** A feature body following TEST_GUIDANCE on `channel`, with subnet `169.254.{n}.0/30` and VLAN 1100+n. */
export function featureBody(channel: string, n: number, overrides: Partial<L3BaseConfig> = {}, ix = 'ix1'): Record<string, unknown> {
  const subnet = `169.254.${n}.0`;
  const config: L3BaseConfig = {
    ipv4Subnet: subnet,
    ipv4SubnetPrefixLength: 30,
    mtuBytes: 8500,
    vlanId: 1100 + n,
    providerBgpConfigs: [
      { provider: 'providers/aws', asn: 64512, hostIpv4: `169.254.${n}.1` },
      { provider: 'providers/test', asn: 64600, hostIpv4: `169.254.${n}.2` },
    ],
    ...overrides,
  };
  return { channel: `providers/aws/environments/env1/interconnects/${ix}/channels/${channel}`, featureConfig: { featureType: 'FEATURE_TYPE_L3_BASE', l3BaseConfig: config } };
}

/** Resolves after `ms` real milliseconds. */
export function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `check` every 5 ms until it returns true or `timeoutMs` passes. */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 2000): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return true;
    await wait(5);
  }
  return check();
}
