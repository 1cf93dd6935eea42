/**
 * Renders stored and static resources as the JSON the API returns, for one caller. The output-shape
 * faults (bad-enum-value, wrong-type, missing-required-field, bad-resource-name, list-get-mismatch,
 * output-only-honoured, environment-sizes-hidden, deferral-timeout-too-long, md5-password-echoed,
 * macsec-cak-echoed) live here.
 */
import { unnamedManager } from './macsec-faults.js';
import { type Engine, sideProvider } from './engine.js';
import {
  channelName,
  connectionName,
  environmentName,
  featureName,
  interconnectName,
  issueName,
  macSecKeyName,
  providerName,
  type ChannelRef,
} from './names.js';
import { verificationOf } from './verification.js';
import type {
  ChannelSpec,
  CommentRecord,
  ConnectionRecord,
  EnvironmentSpec,
  FeatureRecord,
  InterconnectSpec,
  IssueRecord,
  MacSecKeyRecord,
} from './types.js';

/** A Provider resource. */
export function renderProvider(engine: Engine, id: string): Record<string, unknown> {
  const displayName = id === engine.selfId ? engine.topology.displayName : id;
  return { name: providerName(id), displayName };
}

/** How long the deferral-timeout-too-long fault says a deferring provider waits: 10 days, beyond the 7-day cleanup, in hours. */
export const FAULT_DEFERRAL_TIMEOUT_HOURS = 240;

function deferralTimeout(engine: Engine, env: EnvironmentSpec): { deferralTimeoutHours?: number } {
  if (engine.faults.has('deferral-timeout-too-long')) return { deferralTimeoutHours: FAULT_DEFERRAL_TIMEOUT_HOURS };
  return env.deferralTimeoutHours === undefined ? {} : { deferralTimeoutHours: env.deferralTimeoutHours };
}

/**
 * An Environment, with providerSites for this server and the caller (D70); provider-sites-wrong leaves the caller
 * out, environment-sizes-hidden the connection sizes, deferral-timeout-too-long sets a timeout beyond 7 days.
 */
export function renderEnvironment(engine: Engine, caller: string, env: EnvironmentSpec): Record<string, unknown> {
  const own = { providerId: providerName(engine.selfId), site: env.site, displayName: env.siteDisplayName ?? env.site };
  const callers = { providerId: providerName(caller), site: env.callerSite, displayName: env.callerSite };
  return {
    name: environmentName(caller, env.id),
    providerSites: engine.faults.has('provider-sites-wrong') ? [own] : [own, callers],
    ...(env.apiUri === undefined ? {} : { apiUri: env.apiUri }),
    ...(engine.faults.has('environment-sizes-hidden') ? {} : { supportedConnectionSizeMbps: [...env.supportedConnectionSizeMbps] }),
    supportedFeatures: [...env.supportedFeatures],
    environmentVisibility: engine.faults.has('bad-enum-value') ? 'PUBLIC' : (env.environmentVisibility ?? 'ENVIRONMENT_VISIBILITY_PUBLIC'),
    ...deferralTimeout(engine, env),
    deferConnectionProvisioning: env.deferConnectionProvisioning ?? false,
  };
}

/** An Interconnect. */
export function renderInterconnect(engine: Engine, caller: string, env: string, ix: InterconnectSpec): Record<string, unknown> {
  const state = ix.state;
  return {
    name: interconnectName(caller, env, ix.id),
    supportedConnectionSizeMbps: [...ix.supportedConnectionSizeMbps],
    supportedFeatures: [...ix.supportedFeatures],
    state,
    maxBandwidthMbps: ix.maxBandwidthMbps,
  };
}

/** A Channel; `forGet` marks GetChannel (the list-get-mismatch fault changes only that answer). */
export function renderChannel(engine: Engine, ref: ChannelRef, ch: ChannelSpec, forGet = false): Record<string, unknown> {
  const aggregate = engine.faults.has('wrong-type') ? String(ch.aggregateChannelSizeGbps) : ch.aggregateChannelSizeGbps;
  const demarc = forGet && engine.faults.has('list-get-mismatch') ? `${ch.demarc}-moved` : ch.demarc;
  return {
    name: channelName(ref),
    macsecManagerProvider: unnamedManager(engine, ref, ch) ?? providerName(sideProvider(engine, ch.macsecManager, ref.caller)),
    crossConnectManagerProvider: providerName(sideProvider(engine, ch.crossConnectManager, ref.caller)),
    aggregateChannelSizeGbps: aggregate,
    channelMemberSizeGbps: ch.channelMemberSizeGbps,
    obfuscatedDeviceId: ch.obfuscatedDeviceId,
    demarc,
    adminState: ch.adminState ?? 'ADMIN_STATE_ENABLED',
  };
}

/** A Connection, with its verification state derived from features and notifications. */
export function renderConnection(engine: Engine, rec: ConnectionRecord): Record<string, unknown> {
  const name = connectionName(rec);
  const honoured = engine.faults.has('output-only-honoured') ? rec.honoured : undefined;
  return {
    name: engine.faults.has('bad-resource-name') ? name.replace(/^providers\//, '') : name,
    ...(rec.activationKey === undefined ? {} : { activationKey: rec.activationKey }),
    bandwidthMbps: rec.bandwidthMbps,
    adminState: honoured?.adminState ?? 'ADMIN_STATE_ENABLED',
    verificationState: honoured?.verificationState ?? verificationOf(engine, rec),
    deferProvisioning: rec.deferProvisioning,
  };
}

/** A Feature; the md5BgpPassword is never echoed (D48), except under md5-password-echoed. */
export function renderFeature(engine: Engine, rec: FeatureRecord): Record<string, unknown> {
  const { md5BgpPassword: secret, ...withheld } = rec.config;
  const config = engine.faults.has('md5-password-echoed') && secret !== undefined ? { ...withheld, md5BgpPassword: secret } : withheld;
  const channel = channelName({ caller: rec.conn.caller, env: rec.conn.env, ix: rec.conn.ix, channel: rec.channelId });
  return {
    name: featureName(rec.conn, rec.id),
    ...(engine.faults.has('missing-required-field') ? {} : { channel }),
    featureConfig: { featureType: rec.featureType, l3BaseConfig: config },
    provisioningState: rec.provisioningState,
  };
}

/**
 * A MacSecKey. The CAK is the secret of the pair and is never given back (D48, CC-SEC-010), except under
 * macsec-cak-echoed; the CKN, which MKA sends in clear anyway, is returned.
 */
export function renderMacSecKey(engine: Engine, ref: ChannelRef, rec: MacSecKeyRecord): Record<string, unknown> {
  return {
    name: macSecKeyName(ref, rec.id),
    ...(engine.faults.has('macsec-cak-echoed') ? { cak: rec.cak } : {}),
    ckn: rec.ckn,
    startTime: new Date(rec.startTime).toISOString(),
    active: rec.active,
  };
}

/** An Issue. */
export function renderIssue(rec: IssueRecord): Record<string, unknown> {
  return {
    ...rec.fields,
    name: issueName(rec.caller, rec.id),
    createTime: new Date(rec.createTime).toISOString(),
    localIssueId: rec.localIssueId,
    state: rec.state,
  };
}

/** A Comment. */
export function renderComment(rec: CommentRecord): Record<string, unknown> {
  return {
    body: rec.body,
    createTime: new Date(rec.createTime).toISOString(),
    displayName: rec.displayName,
    localCommentId: rec.localCommentId,
  };
}
