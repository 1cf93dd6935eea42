/**
 * How a negotiator conducts itself towards the other provider, judged from the calls it made and the state both
 * sides hold afterwards: it names resources by the agreed ids (docs/Protocols.md#environment, #interconnect,
 * #channel), starts a refused channel over from the guidance (docs/ConnectionCoordinatorAPI.md#step-2-negotiate-l3-parameters,
 * D55), leaves no feature on one side only after a refusal (paths/features.yaml#AllFeatures, D32) and avoids
 * VLANs already in use on a channel (schemas/connection.yaml#VLANRange). Pure: data in, findings out.
 */

/** One call the negotiator made to the other provider, as far as these checks need it. */
export interface NegotiatorCall {
  /** Order of the call (increasing). */
  readonly seq: number;
  /** operationId the call matched. */
  readonly operation: string;
  /** HTTP status it was answered with. */
  readonly status: number;
  /** Path parameters (`environment`, `interconnect`, `channel`, `connection`, ...). */
  readonly params: Readonly<Record<string, string>>;
  /** Request body as sent. */
  readonly body?: unknown;
}

/** The static resources both providers agreed on: environment ids, their interconnect ids and channel ids. */
export interface AgreedNames {
  /** Agreed environments. */
  readonly environments: ReadonlyArray<{ readonly id: string; readonly interconnects: ReadonlyArray<{ readonly id: string; readonly channels: readonly string[] }> }>;
}

/** The channel id a CreateFeature body names (last segment of `channel`), or undefined. */
export function proposedChannel(body: unknown): string | undefined {
  const channel = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['channel'] : undefined;
  return typeof channel === 'string' ? channel.split('/').filter((s) => s.length > 0).pop() : undefined;
}

function bodyChannelProblem(call: NegotiatorCall, agreed: AgreedNames): string | undefined {
  if (call.operation !== 'CreateFeature') return undefined;
  const channel = typeof call.body === 'object' && call.body !== null ? (call.body as Record<string, unknown>)['channel'] : undefined;
  if (typeof channel !== 'string') return undefined;
  const m = /environments\/([^/]+)\/interconnects\/([^/]+)\/channels\/([^/]+)$/.exec(channel);
  if (m === null) return `CreateFeature names the channel "${channel}", not an agreed channel's resource name`;
  const [, env, ix, ch] = m;
  if (env !== call.params['environment'] || ix !== call.params['interconnect']) return `CreateFeature names channel ${channel} outside the interconnect of its path`;
  const known = agreed.environments.find((e) => e.id === env)?.interconnects.find((i) => i.id === ix)?.channels.includes(ch ?? '');
  return known === true ? undefined : `CreateFeature names channel ${ch ?? ''}, which interconnect ${ix ?? ''} does not have`;
}

/** One line per call that names an environment, interconnect or channel the two providers did not agree on. */
export function unagreedNames(calls: readonly NegotiatorCall[], agreed: AgreedNames): string[] {
  return calls.flatMap((call) => {
    const { environment, interconnect, channel } = call.params;
    const what = `${call.operation} (#${call.seq})`;
    if (environment === undefined) return [];
    const env = agreed.environments.find((e) => e.id === environment);
    if (env === undefined) return [`${what} names environment ${environment}, which is not an agreed environment id`];
    if (interconnect === undefined) return [];
    const ix = env.interconnects.find((i) => i.id === interconnect);
    if (ix === undefined) return [`${what} names interconnect ${interconnect}, which is not an agreed interconnect of ${environment}`];
    if (channel !== undefined && !ix.channels.includes(channel)) return [`${what} names channel ${channel}, which is not an agreed channel of ${interconnect}`];
    const problem = bodyChannelProblem(call, agreed);
    return problem === undefined ? [] : [`${what}: ${problem}`];
  });
}

/** What followed one refused proposal on a channel. */
export interface RefusalFollowUp {
  /** Channel of the refused proposal. */
  readonly channel: string;
  /** The refused CreateFeature. */
  readonly refused: NegotiatorCall;
  /** The next CreateFeature on the same channel, if any. */
  readonly retry?: NegotiatorCall;
  /** Whether a GenerateFeatureGuidance came between the refusal and the retry. */
  readonly guidanceBetween: boolean;
}

/** For every CreateFeature answered 4xx, the next proposal on the same channel and whether guidance was asked again in between. */
export function refusalFollowUps(calls: readonly NegotiatorCall[]): RefusalFollowUp[] {
  const ordered = [...calls].sort((a, b) => a.seq - b.seq);
  return ordered.flatMap((call, i) => {
    const channel = call.operation === 'CreateFeature' && call.status >= 400 && call.status < 500 ? proposedChannel(call.body) : undefined;
    if (channel === undefined) return [];
    const later = ordered.slice(i + 1);
    const at = later.findIndex((c) => c.operation === 'CreateFeature' && proposedChannel(c.body) === channel);
    const retry = at >= 0 ? later[at] : undefined;
    const guidanceBetween = (at >= 0 ? later.slice(0, at) : later).some((c) => c.operation === 'GenerateFeatureGuidance');
    return [{ channel, refused: call, ...(retry !== undefined ? { retry } : {}), guidanceBetween }];
  });
}

/** A feature as one side holds it: its id and the channel it is on. */
export interface HeldFeature {
  /** Feature id. */
  readonly id: string;
  /** Channel id. */
  readonly channel: string;
}

/** Channels whose feature only one side holds: `onlyOwn` by the negotiator, `onlyPeer` by the other provider. */
export function featureSetMismatch(own: readonly HeldFeature[], peer: readonly HeldFeature[]): { onlyOwn: string[]; onlyPeer: string[] } {
  const ownChannels = new Set(own.map((f) => f.channel));
  const peerChannels = new Set(peer.map((f) => f.channel));
  return {
    onlyOwn: [...ownChannels].filter((c) => !peerChannels.has(c)).sort(),
    onlyPeer: [...peerChannels].filter((c) => !ownChannels.has(c)).sort(),
  };
}

/** A VLAN on a channel. */
export interface VlanOnChannel {
  /** Channel id. */
  readonly channel: string;
  /** VLAN id (undefined for a proposal that names none). */
  readonly vlanId: number | undefined;
}

/**
 * Proposals that take a VLAN already in use on their channel (`reused`), and channels with a VLAN in use on
 * which nothing was proposed at all (`unproposed`, so that giving up a channel is not mistaken for avoiding it).
 */
export function vlanReuse(proposals: readonly VlanOnChannel[], inUse: readonly VlanOnChannel[]): { reused: VlanOnChannel[]; unproposed: string[] } {
  const taken = (p: VlanOnChannel): boolean => inUse.some((u) => u.channel === p.channel && u.vlanId !== undefined && u.vlanId === p.vlanId);
  const channels = [...new Set(inUse.map((u) => u.channel))];
  return { reused: proposals.filter(taken), unproposed: channels.filter((c) => !proposals.some((p) => p.channel === c)).sort() };
}
