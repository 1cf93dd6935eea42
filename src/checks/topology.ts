/**
 * Resiliency of the candidate's static resources, judged without calling anything: channel count, device and
 * facility diversity, uniform capacity, bandwidth within capacity, sizes and features inherited from the
 * environment, providerSites, and the device-grouping rule that keeps maintenance from deadlocking
 * (docs/Protocols.md#channel, #maintenance-coordination; docs/ConnectionCoordinatorAPI.md#channel;
 * schemas/channel.yaml, interconnect.yaml, environment.yaml; governance#fault-isolation; spec-defects D40, D56,
 * D62, D70). Every check returns findings and device/facility tables ready to be shown as report evidence.
 */
import ipaddr from 'ipaddr.js';

/** A channel as discovered (structurally the runner's ChannelInfo). */
export interface TopologyChannelInput {
  /** Channel id (last name segment). */
  readonly id: string;
  /** The channel resource as returned. */
  readonly resource: Readonly<Record<string, unknown>>;
}

/** An interconnect as discovered (structurally the runner's InterconnectInfo). */
export interface TopologyInterconnectInput {
  /** Interconnect id. */
  readonly id: string;
  /** The interconnect resource as returned. */
  readonly resource: Readonly<Record<string, unknown>>;
  /** Its channels. */
  readonly channels: readonly TopologyChannelInput[];
}

/** An environment as discovered (structurally the runner's EnvironmentInfo). */
export interface TopologyEnvironmentInput {
  /** Environment id. */
  readonly id: string;
  /** The environment resource as returned. */
  readonly resource: Readonly<Record<string, unknown>>;
  /** Its interconnects. */
  readonly interconnects: readonly TopologyInterconnectInput[];
}

/** The requirements these checks judge, each with the rule as a reviewer reads it (the "expected" of a finding). */
export const TOPOLOGY_RULES = {
  'CC-RES-001': 'at least 4 channels on every interconnect',
  'CC-RES-002': 'exactly 4 channels on every interconnect',
  'CC-RES-003': 'every channel of an interconnect on its own device (no obfuscatedDeviceId twice)',
  'CC-RES-004': 'an obfuscatedDeviceId on every channel',
  'CC-RES-005': 'obfuscatedDeviceId values that are opaque (no IP address, MAC address or dotted host name)',
  'CC-RES-006': 'the channels of every interconnect spread over at least 2 facilities (read from demarc)',
  'CC-RES-007': 'a demarc on every channel, unlike any other channel of its interconnect',
  'CC-RES-008': 'every channel of an interconnect with the same aggregateChannelSizeGbps and channelMemberSizeGbps, the aggregate a whole number of members',
  'CC-RES-009': 'channel members of 100 or 400 Gbps',
  'CC-RES-010': 'maxBandwidthMbps set, above 0 and no more than the smallest channel aggregate (aggregateChannelSizeGbps x 1000)',
  'CC-RES-011': 'every interconnect offering every supportedConnectionSizeMbps of its environment',
  'CC-RES-012': 'every interconnect supporting every supportedFeatures entry of its environment',
  'CC-RES-013': 'providerSites with exactly two entries: one for the candidate and one for the kit',
  'CC-MNT-011': 'any two interconnects on exactly the same set of devices or on disjoint sets',
} as const;

/** How the kit reads a rule the spec leaves open, shown as the requirement's interpretation. */
export const TOPOLOGY_READINGS: Partial<Record<keyof typeof TOPOLOGY_RULES, string>> = {
  'CC-RES-002': 'D40: four channels is the design point; other counts of at least four are reported, not failed',
  'CC-RES-003': 'D62: diversity read as pairwise distinct obfuscatedDeviceId within an interconnect',
  'CC-RES-005': 'heuristic: an IP address, a MAC address or a dotted host name counts as a raw device name',
  'CC-RES-006': 'D62: the facility is the demarc text up to its first ":", "/", "|" or space (the whole demarc when it has none); distinct demarcs do not prove distinct buildings',
  'CC-RES-010': 'maxBandwidthMbps compared with the smallest aggregateChannelSizeGbps x 1000, since every connection has a feature on every channel',
  'CC-RES-013': 'D70: the two entries are the server (the candidate) and the caller (the kit), provider ids compared with or without the providers/ prefix',
  'CC-MNT-011': 'D62: obfuscatedDeviceId sets compared across every interconnect of every environment, pending ones included',
};

/** One requirement judged from the static resources. */
export type TopologyRequirementId = keyof typeof TOPOLOGY_RULES;

/** Every requirement judged from the static resources, in catalog order. */
export const TOPOLOGY_REQUIREMENTS = Object.keys(TOPOLOGY_RULES) as TopologyRequirementId[];

/** One problem found in the topology. */
export interface TopologyFinding {
  /** The requirement it is evidence against. */
  readonly requirementId: TopologyRequirementId;
  /** What it is about: `env/ix` for an interconnect, `env` for an environment. */
  readonly subject: string;
  /** One line saying what was seen. */
  readonly detail: string;
}

/** A table in the report's `table` evidence shape. */
export interface TopologyTable {
  /** Always `table`. */
  readonly kind: 'table';
  /** Caption. */
  readonly title: string;
  /** Column headings. */
  readonly columns: string[];
  /** One row per channel (or per interconnect for device groups). */
  readonly rows: string[][];
}

/** Who the two providers are, for providerSites. */
export interface ResiliencyOptions {
  /** The candidate's provider id (bare or `providers/` prefixed). */
  readonly candidateProviderId: string;
  /** The kit's provider id (bare or `providers/` prefixed). */
  readonly kitProviderId: string;
}

/** What the checks found over a whole topology. */
export interface ResiliencyAssessment {
  /** Interconnects judged (every state but PENDING), as `env/ix`. */
  readonly assessed: readonly string[];
  /** Interconnects left out because they are not yet ready for traffic, with their state. */
  readonly leftOut: readonly string[];
  /** Every finding. */
  readonly findings: readonly TopologyFinding[];
  /** The channel, device and facility table of each assessed interconnect, keyed by `env/ix`. */
  readonly tables: ReadonlyMap<string, TopologyTable>;
  /** Every interconnect's device set, for the device-grouping rule. */
  readonly deviceGroups: TopologyTable;
}

/** Member sizes the channel description names, in Gbps (docs/ConnectionCoordinatorAPI.md#channel). */
export const MEMBER_SIZES_GBPS: readonly number[] = [100, 400];

const PENDING = 'INTERCONNECT_STATE_PENDING';

function text(r: Readonly<Record<string, unknown>>, key: string): string | undefined {
  const v = r[key];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

function count(r: Readonly<Record<string, unknown>>, key: string): number | undefined {
  const v = r[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function list(r: Readonly<Record<string, unknown>>, key: string): unknown[] {
  const v = r[key];
  return Array.isArray(v) ? v : [];
}

/** A provider id without its `providers/` prefix. */
export function bareProviderId(id: string): string {
  return id.replace(/^providers\//, '');
}

/** The facility a demarc names: its text up to the first `:`, `/`, `|` or space (all of it when none), lowercased. */
export function facilityOf(demarc: string): string {
  return (demarc.trim().split(/[:/|\s]/)[0] ?? '').toLowerCase();
}

/** True when a device id reads like a raw address or host name rather than an opaque token (heuristic, CC-RES-005). */
export function looksLikeRawDevice(id: string): boolean {
  const v = id.replace(/^\[|\]$/g, '');
  if (ipaddr.isValid(v) && (v.includes('.') || v.includes(':'))) return true;
  if (/^([0-9a-f]{2}[:-]){5}[0-9a-f]{2}$/i.test(v) || /^([0-9a-f]{4}\.){2}[0-9a-f]{4}$/i.test(v)) return true;
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+\.[a-z]{2,}$/i.test(v);
}

/** The number of channels with a final feature that makes a connection ready: 3 of 4, else ceil(0.75 N) (D40, D41). */
export function readinessThreshold(channels: number): number {
  return channels === 4 ? 3 : Math.ceil(0.75 * channels);
}

function capacityCell(ch: TopologyChannelInput): string {
  const agg = count(ch.resource, 'aggregateChannelSizeGbps');
  const member = count(ch.resource, 'channelMemberSizeGbps');
  if (agg === undefined) return member === undefined ? '?' : `? (members of ${member} Gbps)`;
  return member === undefined || member <= 0 ? `${agg} Gbps` : `${agg} Gbps (${agg / member} x ${member} Gbps)`;
}

/** The channel, device and facility table of one interconnect. */
export function channelTable(envId: string, ix: TopologyInterconnectInput): TopologyTable {
  const state = text(ix.resource, 'state') ?? 'state unknown';
  const max = count(ix.resource, 'maxBandwidthMbps');
  return {
    kind: 'table',
    title: `Interconnect ${envId}/${ix.id} (${state.replace('INTERCONNECT_STATE_', '')}, maxBandwidthMbps ${max ?? 'not set'}): ${ix.channels.length} channel(s)`,
    columns: ['channel', 'device', 'facility', 'demarc', 'capacity', 'macsec manager'],
    rows: ix.channels.map((ch) => {
      const demarc = text(ch.resource, 'demarc');
      return [ch.id, text(ch.resource, 'obfuscatedDeviceId') ?? '(none)', demarc === undefined ? '(none)' : facilityOf(demarc),
        demarc ?? '(none)', capacityCell(ch), text(ch.resource, 'macsecManagerProvider') ?? '(none)'];
    }),
  };
}

type Emit = (id: TopologyRequirementId, detail: string) => void;

function repeated(values: ReadonlyArray<{ ch: string; value: string }>): Map<string, string[]> {
  const by = new Map<string, string[]>();
  for (const { ch, value } of values) by.set(value, [...(by.get(value) ?? []), ch]);
  return new Map([...by].filter(([, chs]) => chs.length > 1));
}

function countAndDevices(ix: TopologyInterconnectInput, emit: Emit): void {
  const n = ix.channels.length;
  if (n < 4) emit('CC-RES-001', `${n} channel(s)`);
  if (n !== 4) emit('CC-RES-002', `${n} channel(s)`);
  const devices = ix.channels.map((c) => ({ ch: c.id, value: text(c.resource, 'obfuscatedDeviceId') }));
  const missing = devices.filter((d) => d.value === undefined).map((d) => d.ch);
  if (missing.length > 0) emit('CC-RES-004', `no obfuscatedDeviceId on ${missing.join(', ')}`);
  const present = devices.filter((d): d is { ch: string; value: string } => d.value !== undefined);
  for (const [device, chs] of repeated(present)) emit('CC-RES-003', `${chs.join(', ')} share device ${device}`);
  for (const d of present.filter((x) => looksLikeRawDevice(x.value))) emit('CC-RES-005', `${d.ch} device id "${d.value}" reads like an address or host name`);
}

function facilities(ix: TopologyInterconnectInput, emit: Emit): void {
  const demarcs = ix.channels.map((c) => ({ ch: c.id, value: text(c.resource, 'demarc') }));
  const present = demarcs.filter((d): d is { ch: string; value: string } => d.value !== undefined);
  const missing = demarcs.filter((d) => d.value === undefined).map((d) => d.ch);
  if (missing.length > 0) emit('CC-RES-007', `no demarc on ${missing.join(', ')}`);
  for (const [demarc, chs] of repeated(present)) emit('CC-RES-007', `${chs.join(', ')} share demarc ${demarc}`);
  const sites = [...new Set(present.map((d) => facilityOf(d.value)))];
  if (sites.length < 2) emit('CC-RES-006', sites.length === 0 ? 'no channel names a demarc' : `every channel is in facility ${sites[0] ?? ''}`);
}

function capacity(ix: TopologyInterconnectInput, emit: Emit): void {
  const sizes = ix.channels.map((c) => ({ ch: c.id, agg: count(c.resource, 'aggregateChannelSizeGbps'), member: count(c.resource, 'channelMemberSizeGbps') }));
  const unset = sizes.filter((s) => s.agg === undefined || s.member === undefined || s.agg <= 0 || s.member <= 0).map((s) => s.ch);
  if (unset.length > 0) emit('CC-RES-008', `no positive aggregateChannelSizeGbps and channelMemberSizeGbps on ${unset.join(', ')}`);
  const shapes = new Set(sizes.map((s) => `${s.agg ?? '?'}/${s.member ?? '?'}`));
  if (shapes.size > 1) emit('CC-RES-008', `channel capacities differ: ${sizes.map((s) => `${s.ch} ${s.agg ?? '?'} Gbps of ${s.member ?? '?'} Gbps members`).join(', ')}`);
  for (const s of sizes) {
    if (s.agg !== undefined && s.member !== undefined && s.member > 0 && s.agg % s.member !== 0) emit('CC-RES-008', `${s.ch}: ${s.agg} Gbps is not a whole number of ${s.member} Gbps members`);
    if (s.member !== undefined && !MEMBER_SIZES_GBPS.includes(s.member)) emit('CC-RES-009', `${s.ch} has ${s.member} Gbps members`);
  }
  const max = count(ix.resource, 'maxBandwidthMbps');
  const aggs = sizes.map((s) => s.agg).filter((a): a is number => a !== undefined);
  const smallest = aggs.length > 0 ? Math.min(...aggs) * 1000 : undefined;
  if (max === undefined || max <= 0) emit('CC-RES-010', `maxBandwidthMbps is ${max ?? 'not set'}`);
  else if (smallest !== undefined && max > smallest) emit('CC-RES-010', `maxBandwidthMbps ${max} exceeds the smallest channel aggregate of ${smallest} Mbps`);
  else if (smallest === undefined) emit('CC-RES-010', `maxBandwidthMbps ${max} cannot be compared: no channel states its aggregate size`);
}

function inherited(env: TopologyEnvironmentInput, ix: TopologyInterconnectInput, emit: Emit): void {
  const sizes = new Set(list(ix.resource, 'supportedConnectionSizeMbps'));
  const lackSizes = list(env.resource, 'supportedConnectionSizeMbps').filter((s) => !sizes.has(s));
  if (lackSizes.length > 0) emit('CC-RES-011', `does not offer ${lackSizes.join(', ')} Mbps of environment ${env.id}`);
  const features = new Set(list(ix.resource, 'supportedFeatures'));
  const lackFeatures = list(env.resource, 'supportedFeatures').filter((f) => !features.has(f));
  if (lackFeatures.length > 0) emit('CC-RES-012', `does not support ${lackFeatures.map(String).join(', ')} of environment ${env.id}`);
}

/** Findings on one interconnect (CC-RES-001..012). */
export function interconnectFindings(env: TopologyEnvironmentInput, ix: TopologyInterconnectInput): TopologyFinding[] {
  const subject = `${env.id}/${ix.id}`;
  const out: TopologyFinding[] = [];
  const emit: Emit = (requirementId, detail) => out.push({ requirementId, subject, detail: `${subject}: ${detail}` });
  countAndDevices(ix, emit);
  facilities(ix, emit);
  capacity(ix, emit);
  inherited(env, ix, emit);
  return out;
}

/** Findings on an environment's providerSites (CC-RES-013): exactly the candidate and the kit, prefix or not. */
export function providerSiteFindings(env: TopologyEnvironmentInput, o: ResiliencyOptions): TopologyFinding[] {
  const sites = list(env.resource, 'providerSites');
  const ids = sites.map((s) => (typeof s === 'object' && s !== null ? (s as Record<string, unknown>)['providerId'] : undefined))
    .map((p) => (typeof p === 'string' ? bareProviderId(p) : '(none)'));
  const want = [bareProviderId(o.candidateProviderId), bareProviderId(o.kitProviderId)];
  const good = ids.length === 2 && want.every((w) => ids.includes(w)) && new Set(ids).size === 2;
  return good ? [] : [{ requirementId: 'CC-RES-013', subject: env.id, detail: `${env.id}: providerSites name [${ids.join(', ')}], expected exactly [${want.join(', ')}]` }];
}

/** The providerSites of every environment, one row per entry. */
export function providerSitesTable(envs: readonly TopologyEnvironmentInput[]): TopologyTable {
  const field = (s: unknown, k: string): string => {
    const v = typeof s === 'object' && s !== null ? (s as Record<string, unknown>)[k] : undefined;
    return typeof v === 'string' ? v : '(none)';
  };
  return {
    kind: 'table', title: 'providerSites of each environment', columns: ['environment', 'providerId', 'site', 'displayName'],
    rows: envs.flatMap((env) => {
      const sites = list(env.resource, 'providerSites');
      return sites.length === 0 ? [[env.id, '(no providerSites)', '', '']] : sites.map((s) => [env.id, field(s, 'providerId'), field(s, 'site'), field(s, 'displayName')]);
    }),
  };
}

/** The device set of each interconnect, keyed by `env/ix`. */
function deviceSets(envs: readonly TopologyEnvironmentInput[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const env of envs) {
    for (const ix of env.interconnects) {
      const ids = ix.channels.map((c) => text(c.resource, 'obfuscatedDeviceId')).filter((d): d is string => d !== undefined);
      if (ids.length > 0) out.set(`${env.id}/${ix.id}`, new Set(ids));
    }
  }
  return out;
}

/** Findings and the device-group table for the rule that interconnects share all their devices or none (CC-MNT-011, D62). */
export function deviceGroupFindings(envs: readonly TopologyEnvironmentInput[]): { findings: TopologyFinding[]; table: TopologyTable } {
  const sets = [...deviceSets(envs)];
  const findings: TopologyFinding[] = [];
  const partners = new Map<string, string[]>(sets.map(([k]) => [k, []]));
  sets.forEach(([a, da], i) => {
    for (const [b, db] of sets.slice(i + 1)) {
      const shared = [...da].filter((d) => db.has(d));
      if (shared.length === 0) continue;
      const same = da.size === db.size && shared.length === da.size;
      if (same) { partners.get(a)?.push(b); partners.get(b)?.push(a); continue; }
      findings.push({ requirementId: 'CC-MNT-011', subject: a, detail: `${a} and ${b} share devices ${shared.sort().join(', ')} but not all of them` });
    }
  });
  const table: TopologyTable = {
    kind: 'table', title: 'Device groups: interconnects must share all of their devices or none', columns: ['interconnect', 'devices', 'same group as'],
    rows: sets.map(([k, d]) => [k, [...d].sort().join(', '), (partners.get(k) ?? []).join(', ') || '(none)']),
  };
  return { findings, table };
}

/** Judges a whole topology: every interconnect that is not PENDING, every environment, and the device groups. */
export function assessResiliency(envs: readonly TopologyEnvironmentInput[], o: ResiliencyOptions): ResiliencyAssessment {
  const assessed: string[] = [];
  const leftOut: string[] = [];
  const findings: TopologyFinding[] = [];
  const tables = new Map<string, TopologyTable>();
  for (const env of envs) {
    findings.push(...providerSiteFindings(env, o));
    for (const ix of env.interconnects) {
      const key = `${env.id}/${ix.id}`;
      if (text(ix.resource, 'state') === PENDING) { leftOut.push(`${key} (PENDING)`); continue; }
      assessed.push(key);
      tables.set(key, channelTable(env.id, ix));
      findings.push(...interconnectFindings(env, ix));
    }
  }
  const groups = deviceGroupFindings(envs);
  return { assessed, leftOut, findings: [...findings, ...groups.findings], tables, deviceGroups: groups.table };
}

/** Channels whose adminState says they are disabled, as `env/ix/channel`. */
export function disabledChannels(envs: readonly TopologyEnvironmentInput[]): string[] {
  return envs.flatMap((env) => env.interconnects.flatMap((ix) => ix.channels
    .filter((c) => text(c.resource, 'adminState') === 'ADMIN_STATE_DISABLED')
    .map((c) => `${env.id}/${ix.id}/${c.id}`)));
}
