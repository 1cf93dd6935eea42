/**
 * The reference as negotiator (docs/Protocols.md#customer-connection-workflow): after a customer enters a
 * key issued by the peer, it checks the key itself (readable, the customer's account, an environment shared with
 * the peer, a size that environment offers with room left; the hook refuses a key failing these at once),
 * confirms the key, creates its own connection first, places it on the peer's interconnect with the most room
 * (another one on 409, backoff on 409/5xx for up to 60 s), asks for guidance and proposes one feature per channel
 * following both guidances and avoiding VLANs in use, creating each locally first; a refused channel starts over
 * from new guidance. The engine then notifies the peer once its features are final. The client-side faults bend
 * these steps through negotiator-faults.ts.
 */
import { chooseFeatureParameters, decodeActivationKey, subnetsOf, type ActivationKey, type L3BaseConfig, type L3BaseGuidance } from '../checks/index.js';
import type { ConnectionRef } from '../server/index.js';
import { defersIn, deferralFlag, monitorDeferral } from './deferring.js';
import { ixSuffix, peerCall, success, transient, withBackoff, type PartnerContext } from './context.js';
import {
  configAsChosen, configAsSent, confirmBody, confirmEnvironments, faultOn, guidanceAsRead, isDeferred, keyBandwidth, keyEnvironment, ownChannelGuidance,
  peerConnectionBody, placementOrder, siteNameLookup, vlansInUse, wrongPrefixLookup,
} from './negotiator-faults.js';

/** One channel's guidance as answered by the peer. */
interface PeerGuidance {
  readonly channel: string;
  readonly channelId: string;
  readonly l3: L3BaseGuidance;
}

function stop(ctx: PartnerContext, detail: string): void {
  ctx.record({ flow: 'accepted-key', detail });
}

async function confirmWithPeer(ctx: PartnerContext, env: string, encodedKey: string, key?: ActivationKey): Promise<boolean> {
  for (const where of confirmEnvironments(ctx, env)) {
    const res = await peerCall(ctx, 'POST', `environments/${encodeURIComponent(where)}/ConfirmActivationKey`, confirmBody(ctx, encodedKey, key));
    if (success(res) && typeof res.body === 'object' && res.body !== null && (res.body as Record<string, unknown>)['keyValid'] === true) return true;
  }
  return false;
}

function interconnectsByRoom(ctx: PartnerContext, env: string, bandwidthMbps: number): string[] {
  const spec = ctx.local.topology.environments.find((e) => e.id === env);
  return (spec?.interconnects ?? [])
    .filter((ix) => ix.state === 'INTERCONNECT_STATE_ACTIVE' && ix.supportedConnectionSizeMbps.includes(bandwidthMbps))
    .map((ix) => ({ id: ix.id, room: ctx.local.availableBandwidth(ctx.peerId, env, ix.id) ?? 0 }))
    .filter((ix) => ix.room >= bandwidthMbps)
    .sort((a, b) => b.room - a.room)
    .map((ix) => ix.id);
}

/** Places the connection on the peer; answers where it landed, or undefined. `defer` sends it with the deferral flag. */
export async function placeConnection(ctx: PartnerContext, env: string, uuid: string, bandwidthMbps: number, key: string, defer = false): Promise<ConnectionRef | undefined> {
  let placed: ConnectionRef | undefined;
  let attempts = 0;
  const remoteFirst = defer ? faultOn(ctx, 'defer-remote-first') : faultOn(ctx, 'remote-first');
  const flag = defer ? deferralFlag(ctx) : {};
  await wrongPrefixLookup(ctx, env);
  await siteNameLookup(ctx, env);
  const outcome = await withBackoff(ctx, async () => {
    let transientSeen = false;
    // A retry restarts the call flow from fresh environment and interconnect details (paths/connections.yaml#AllConnections).
    if (attempts++ > 0) await peerCall(ctx, 'GET', `environments/${encodeURIComponent(env)}/interconnects`);
    for (const ix of placementOrder(ctx, interconnectsByRoom(ctx, env, bandwidthMbps))) {
      const ref = { caller: ctx.peerId, env, ix, id: uuid };
      if (!remoteFirst && !ctx.local.createConnection(ref, bandwidthMbps, key).ok) continue;
      const res = await peerCall(ctx, 'POST', `${ixSuffix(env, ix)}/connections?connectionId=${encodeURIComponent(uuid)}`, { ...peerConnectionBody(ctx, env, ix, bandwidthMbps, key), ...flag });
      if (success(res)) {
        if (remoteFirst) ctx.local.createConnection(ref, bandwidthMbps, key);
        placed = ref;
        return 'done';
      }
      if (!remoteFirst) ctx.local.deleteConnection(ref);
      if (!transient(res) || (res.status >= 500 && faultOn(ctx, 'no-retry'))) {
        stop(ctx, `CreateConnection on ${ix} refused with ${res.status}; giving up`);
        return 'stop';
      }
      transientSeen = true;
      if (res.status === 409 && faultOn(ctx, 'no-other-interconnect')) break;
    }
    return transientSeen ? 'retry' : 'stop';
  }, faultOn(ctx, 'tight-retry-loop') ? 20 : undefined);
  if (outcome !== 'done') stop(ctx, `could not place connection ${uuid}`);
  return placed;
}

function readGuidance(body: unknown): PeerGuidance[] {
  const list = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['featureGuidance'] : undefined;
  if (!Array.isArray(list)) return [];
  return list.flatMap((g: unknown) => {
    if (typeof g !== 'object' || g === null) return [];
    const rec = g as Record<string, unknown>;
    const channel = typeof rec['channel'] === 'string' ? rec['channel'] : '';
    const l3 = typeof rec['l3BaseGuidance'] === 'object' && rec['l3BaseGuidance'] !== null ? (rec['l3BaseGuidance'] as L3BaseGuidance) : {};
    const channelId = channel.split('/').pop() ?? '';
    return channelId.length > 0 ? [{ channel, channelId, l3 }] : [];
  });
}

async function fetchGuidance(ctx: PartnerContext, ref: ConnectionRef): Promise<PeerGuidance[]> {
  let guidance: PeerGuidance[] = [];
  await withBackoff(ctx, async () => {
    const res = await ctx.local.callPeer(ref.caller, 'POST', `${ixSuffix(ref.env, ref.ix)}/connections/${encodeURIComponent(ref.id)}/GenerateFeatureGuidance`, {});
    if (success(res)) {
      guidance = readGuidance(res.body);
      return 'done';
    }
    return transient(res) ? 'retry' : 'stop';
  });
  return guidance;
}

function propose(ctx: PartnerContext, ref: ConnectionRef, g: PeerGuidance, avoid: { subnets: string[]; vlans: number[] }, attempt: number, deferred: boolean): L3BaseConfig | undefined {
  const mine = ctx.local.guidance(ref.env, ref.ix);
  const read = guidanceAsRead(ctx, deferred, mine, g.l3, attempt);
  const used = {
    subnets: [...ctx.local.usedSubnets(ref.caller, ref.env, ref.ix), ...avoid.subnets],
    vlans: [...vlansInUse(ctx, ctx.local.usedVlans(ref.caller, ref.env, ref.ix, g.channelId)), ...avoid.vlans],
  };
  const choice = chooseFeatureParameters(read.mine, read.theirs, used, {
    negotiatorProvider: ctx.local.selfId,
    responderProvider: ref.caller,
    ...(mine.asnRanges?.[0] ? { negotiatorAsn: mine.asnRanges[0].start } : {}),
  });
  if (!choice.ok) stop(ctx, `no proposal for ${g.channelId}: ${choice.problem}`);
  return choice.ok ? configAsChosen(ctx, deferred, choice.config, read, attempt) : undefined;
}

/**
 * Proposes one channel's feature, creating it locally first. After a refusal it removes its own copy and starts
 * the channel over from GenerateFeatureGuidance (docs/ConnectionCoordinatorAPI.md#step-2-negotiate-l3-parameters,
 * D55) with new values; no-guidance-restart skips the new guidance, keeps-refused-feature the removal.
 */
async function proposeOnChannel(ctx: PartnerContext, ref: ConnectionRef, first: PeerGuidance): Promise<boolean> {
  let g = first;
  const featureId = `ref-${g.channelId}`;
  const avoid = { subnets: [] as string[], vlans: [] as number[] };
  const deferred = isDeferred(ctx, ref);
  const remoteFirst = faultOn(ctx, 'features-remote-first') && !deferred;
  for (let attempt = 0; attempt < 4 && !ctx.closing(); attempt += 1) {
    const config = propose(ctx, ref, g, avoid, attempt, deferred);
    if (!config || !ctx.local.connection(ref)) return false;
    const local = { id: featureId, channelId: g.channelId, config };
    if (!remoteFirst && !ctx.local.createFeature(ref, local)?.ok) return false;
    const body = { channel: g.channel, featureConfig: { featureType: 'FEATURE_TYPE_L3_BASE', l3BaseConfig: configAsSent(ctx, deferred, config, attempt) } };
    const res = await ctx.local.callPeer(ref.caller, 'POST', `${ixSuffix(ref.env, ref.ix)}/connections/${encodeURIComponent(ref.id)}/features?featureId=${featureId}`, body);
    if (success(res)) return remoteFirst ? ctx.local.createFeature(ref, local)?.ok === true : true;
    if (!remoteFirst && !faultOn(ctx, 'keeps-refused-feature')) ctx.local.deleteFeature(ref, featureId);
    avoid.subnets.push(...subnetsOf(config));
    if (config.vlanId !== undefined) avoid.vlans.push(config.vlanId);
    if (res.status >= 500 || res.status === 0) await ctx.local.sleep(ctx.retry.initialDelayMs);
    if (!faultOn(ctx, 'no-guidance-restart')) g = (await fetchGuidance(ctx, ref)).find((x) => x.channelId === g.channelId) ?? g;
  }
  stop(ctx, `feature on ${g.channelId} was not accepted`);
  return false;
}

/** Asks the peer for guidance and proposes one feature per channel; answers how many the peer accepted. */
export async function negotiateFeatures(ctx: PartnerContext, ref: ConnectionRef): Promise<number> {
  const deferred = isDeferred(ctx, ref);
  const early = faultOn(ctx, 'proposes-before-guidance') && !deferred;
  const guidance = early ? ownChannelGuidance(ctx, ref) : await fetchGuidance(ctx, ref);
  if (deferred && faultOn(ctx, 'deferral-never-proposes')) return 0;
  const proposed = faultOn(ctx, 'one-channel-short') && !deferred ? guidance.slice(0, -1) : guidance;
  let accepted = 0;
  for (const g of proposed) {
    if (ctx.closing()) break;
    const known = ctx.local.topology.environments.find((e) => e.id === ref.env)?.interconnects.find((i) => i.id === ref.ix)?.channels.some((c) => c.id === g.channelId);
    if (known && (await proposeOnChannel(ctx, ref, g))) accepted += 1;
  }
  if (early) await fetchGuidance(ctx, ref);
  ctx.record({ flow: 'features', detail: `${accepted} of ${guidance.length} features accepted on ${ref.ix}/${ref.id}` });
  return accepted;
}

/**
 * After the peer deleted a feature on a channel the reference owns, re-creates it (docs/Protocols.md#delete-feature):
 * new guidance, then a new proposal, created locally first. The owner is the channel's macsecManagerProvider
 * (D60); no-feature-recreation leaves the channel empty.
 */
export async function recreateFeature(ctx: PartnerContext, ref: ConnectionRef, channelId: string): Promise<void> {
  const channel = ctx.local.topology.environments.find((e) => e.id === ref.env)?.interconnects.find((i) => i.id === ref.ix)?.channels.find((c) => c.id === channelId);
  if (channel?.macsecManager !== 'self' || faultOn(ctx, 'no-feature-recreation') || ctx.local.connection(ref) === undefined) return;
  const g = (await fetchGuidance(ctx, ref)).find((x) => x.channelId === channelId);
  const made = g !== undefined && (await proposeOnChannel(ctx, ref, g));
  ctx.record({ flow: 'features', detail: `feature on ${channelId} of ${ref.id} ${made ? 're-created' : 'not re-created'} after the peer deleted it` });
}

/** Under keeps-tentative-connection: the connection created before confirming, on the roomiest interconnect. */
function tentativeConnection(ctx: PartnerContext, env: string, key: ActivationKey): ConnectionRef | undefined {
  const ix = interconnectsByRoom(ctx, env, key.connectionSizeMbps)[0];
  if (ix === undefined) return undefined;
  const ref = { caller: ctx.peerId, env, ix, id: key.sharedConnectionUuid };
  return ctx.local.createConnection(ref, key.connectionSizeMbps).ok ? ref : undefined;
}

/** A key the customer entered, read and checked by the receiver before it asks the peer anything. */
type ReadKey = { readonly ok: true; readonly key: ActivationKey; readonly env: string; readonly bandwidthMbps: number } | { readonly ok: false; readonly reason: string; readonly unreadable: boolean };

/**
 * The receiver's own checks of docs/Protocols.md#establish-customer-intent, made before ConfirmActivationKey: the
 * key reads, names the accepting customer's account and an environment the reference shares with the peer, and
 * asks for a size that environment offers and an interconnect still has room for.
 */
function readKey(ctx: PartnerContext, text: string, accountId: string): ReadKey {
  const decoded = decodeActivationKey(text);
  if (!decoded.ok) return { ok: false, reason: `key not decodable: ${decoded.problem}`, unreadable: true };
  const key = decoded.key;
  if (key.destinationAccountId !== accountId && !faultOn(ctx, 'accepts-any-account')) return { ok: false, reason: 'key is for another account; not confirming it', unreadable: false };
  const env = keyEnvironment(ctx, key);
  if (env === undefined) return { ok: false, reason: `the key names ${key.destinationEnvironmentUri}, an environment not shared with the peer`, unreadable: false };
  const bandwidthMbps = keyBandwidth(ctx, env, key.connectionSizeMbps);
  const offered = ctx.local.topology.environments.find((e) => e.id === env)?.supportedConnectionSizeMbps ?? [];
  if (!offered.includes(bandwidthMbps)) return { ok: false, reason: `${bandwidthMbps} Mbps is not offered in ${env} (${offered.join(', ')})`, unreadable: false };
  if (interconnectsByRoom(ctx, env, bandwidthMbps).length === 0) return { ok: false, reason: `no interconnect in ${env} has ${bandwidthMbps} Mbps free`, unreadable: false };
  return { ok: true, key, env, bandwidthMbps };
}

/** Why the accepted-keys hook refuses a key at once (400), or undefined when the flow goes on in the background. */
export function keyRefusal(ctx: PartnerContext, text: string, accountId: string): string | undefined {
  const read = readKey(ctx, text, accountId);
  return read.ok || (read.unreadable && faultOn(ctx, 'confirms-unreadable-key')) ? undefined : read.reason;
}

/** The whole flow for a key the customer entered (POST /accepted-keys). */
export async function acceptKey(ctx: PartnerContext, text: string, accountId: string): Promise<void> {
  const read = readKey(ctx, text, accountId);
  if (!read.ok) {
    const first = ctx.local.topology.environments[0]?.id;
    if (read.unreadable && faultOn(ctx, 'confirms-unreadable-key') && first !== undefined) await confirmWithPeer(ctx, first, text);
    return stop(ctx, read.reason);
  }
  const { key, env } = read;
  const defer = defersIn(ctx, env);
  const lateConfirm = defer && faultOn(ctx, 'defer-confirms-late');
  const tentative = faultOn(ctx, 'keeps-tentative-connection') ? tentativeConnection(ctx, env, key) : undefined;
  const confirmed = faultOn(ctx, 'skips-confirm') || lateConfirm || (await confirmWithPeer(ctx, env, text, key));
  if (tentative !== undefined && confirmed) ctx.local.deleteConnection(tentative);
  if (!confirmed && !faultOn(ctx, 'ignores-refused-key')) return stop(ctx, 'the peer did not confirm the key');
  const ref = await placeConnection(ctx, env, key.sharedConnectionUuid, read.bandwidthMbps, text, defer);
  if (lateConfirm) await confirmWithPeer(ctx, env, text, key);
  if (!ref) return;
  if (defer) {
    // Deferred: the peer drives the features; this side only responds, notifies and watches the timeout.
    ctx.record({ flow: 'deferral', detail: `connection ${key.sharedConnectionUuid} on ${ref.ix} deferred to ${ctx.peerId}` });
    monitorDeferral(ctx, ref);
    if (faultOn(ctx, 'deferring-still-proposes')) await negotiateFeatures(ctx, ref);
    return;
  }
  ctx.record({ flow: 'accepted-key', detail: `connection ${key.sharedConnectionUuid} placed on ${ref.ix}` });
  await negotiateFeatures(ctx, ref);
}
