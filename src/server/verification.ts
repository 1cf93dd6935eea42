/**
 * Readiness, notification and verification of connections (docs/Protocols.md#provision-appropriate-features;
 * spec-defects D26, D27, D40, D41): a connection is ready when at least ceil(0.75 x channels) of its channels
 * carry a FINAL feature; once ready this side sends NotifyConnectionStatus once; it is VERIFIED when ready,
 * its own notification was acknowledged with 2xx, and the peer's notification arrived.
 * Once verified, a feature created later (a change) is announced twice: when it takes the features back to
 * pending and when they are final again (D26 triggers 2 and 3). After the peer's notification this side re-reads
 * the connection and its features from the peer.
 * Faults here: features-never-final (elsewhere), never-notifies, verified-early, needs-all-features, no-refresh-on-notify,
 * no-feature-refresh-on-notify, no-renotify-on-feature-change, crossing-notify-dropped, negotiator-never-notifies,
 * negotiator-verifies-early, deferral-never-notifies, verifies-below-threshold.
 */
import { type Engine, findInterconnect } from './engine.js';
import { connectionKey } from './names.js';
import { callPeer, isSuccess } from './peer-call.js';
import type { ConnectionRecord, VerificationState } from './types.js';

/** Delays between NotifyConnectionStatus attempts, in ms (5 attempts in all). */
export const NOTIFY_RETRY_DELAYS_MS = [100, 200, 400, 800] as const;

/** How far a connection is from ready. */
export interface Readiness {
  /** Channels with a FINAL feature. */
  readonly finalChannels: number;
  /** Channels needed. */
  readonly threshold: number;
  /** Channels of the interconnect. */
  readonly channels: number;
  /** finalChannels >= threshold. */
  readonly ready: boolean;
}

/** Computes readiness of a stored connection. */
export function readinessOf(engine: Engine, rec: ConnectionRecord): Readiness {
  const channels = findInterconnect(engine, rec.env, rec.ix)?.channels.length ?? 0;
  const threshold = engine.faults.has('needs-all-features') ? channels : engine.faults.has('verifies-below-threshold') ? 1 : Math.ceil(0.75 * channels);
  const features = engine.store.features.get(connectionKey(rec));
  const finals = new Set<string>();
  for (const f of features?.values() ?? []) if (f.provisioningState === 'PROVISIONING_STATE_FINAL') finals.add(f.channelId);
  return { finalChannels: finals.size, threshold, channels, ready: channels > 0 && finals.size >= threshold };
}

/** The verification state of a stored connection. */
export function verificationOf(engine: Engine, rec: ConnectionRecord): VerificationState {
  const { ready } = readinessOf(engine, rec);
  // negotiator-verifies-early: a connection this side negotiated needs only its own acknowledged notification.
  const early = engine.faults.has('verified-early') || (engine.faults.has('negotiator-verifies-early') && rec.origin === 'local' && rec.notify.sent === 'acked');
  const verified = early ? ready : ready && rec.notify.sent === 'acked' && rec.notify.received;
  return verified ? 'VERIFICATION_STATE_VERIFIED' : 'VERIFICATION_STATE_UNVERIFIED';
}

/** The path of a connection under the peer's `/providers/{this server's id}/`. */
export function connectionSuffix(rec: ConnectionRecord): string {
  return `environments/${encodeURIComponent(rec.env)}/interconnects/${encodeURIComponent(rec.ix)}/connections/${encodeURIComponent(rec.id)}`;
}

function stillStored(engine: Engine, rec: ConnectionRecord): boolean {
  return engine.store.connections.get(connectionKey(rec)) === rec;
}

/** Sends NotifyConnectionStatus with retries; true once the peer acknowledged it with 2xx. */
async function notifyPeer(engine: Engine, rec: ConnectionRecord): Promise<boolean> {
  for (let attempt = 0; ; attempt += 1) {
    rec.notify.attempts += 1;
    const res = await callPeer(engine, rec.caller, 'POST', `${connectionSuffix(rec)}/NotifyConnectionStatus`, {});
    if (!stillStored(engine, rec)) return false;
    if (isSuccess(res.status)) return true;
    const delay = NOTIFY_RETRY_DELAYS_MS[attempt];
    if (delay === undefined || engine.timers.closed) return false;
    await engine.timers.sleep(delay);
  }
}

async function sendNotification(engine: Engine, rec: ConnectionRecord): Promise<void> {
  rec.notify.sent = 'sending';
  const acked = await notifyPeer(engine, rec);
  if (!stillStored(engine, rec)) return;
  rec.notify.sent = acked ? 'acked' : 'failed';
  if (acked) announceIfVerified(engine, rec);
}

/** After verification: announces a feature change once when it takes the features back to pending and once when final again. */
function announceFeatureChange(engine: Engine, rec: ConnectionRecord, canSend: boolean): void {
  const since = rec.notify.verifiedAt;
  if (since === undefined || !canSend || engine.faults.has('no-renotify-on-feature-change')) return;
  const changed = [...(engine.store.features.get(connectionKey(rec))?.values() ?? [])].filter((f) => f.createdAt > since);
  const pending = changed.some((f) => f.provisioningState !== 'PROVISIONING_STATE_FINAL');
  const last = rec.notify.changeAnnounced ?? 'final';
  if (pending === (last === 'pending')) return;
  rec.notify.changeAnnounced = pending ? 'pending' : 'final';
  void notifyPeer(engine, rec);
}

function announceIfVerified(engine: Engine, rec: ConnectionRecord): void {
  if (rec.notify.verifiedAnnounced || verificationOf(engine, rec) !== 'VERIFICATION_STATE_VERIFIED') return;
  rec.notify.verifiedAnnounced = true;
  rec.notify.verifiedAt = engine.clock.now();
  try {
    engine.listeners.connectionVerified?.(rec);
  } catch {
    // a listener's failure must not break the engine
  }
}

/** Under negotiator-never-notifies (connections this side negotiated) or deferral-never-notifies (deferred ones): no notification. */
function silenced(engine: Engine, rec: ConnectionRecord): boolean {
  return (engine.faults.has('negotiator-never-notifies') && rec.origin === 'local') || (engine.faults.has('deferral-never-notifies') && rec.deferProvisioning);
}

/** Re-evaluates a connection after its features changed: notifies the peer once when it became ready. */
export function evaluateConnection(engine: Engine, rec: ConnectionRecord): void {
  if (!stillStored(engine, rec)) return;
  const { ready } = readinessOf(engine, rec);
  const canSend = engine.peers.has(rec.caller) && !engine.faults.has('never-notifies') && !silenced(engine, rec);
  if (ready && rec.notify.sent === 'no' && canSend) void sendNotification(engine, rec);
  announceIfVerified(engine, rec);
  announceFeatureChange(engine, rec, canSend);
}

/** Re-evaluates every connection of a caller partition (after a peer registers). */
export function evaluatePartition(engine: Engine, caller: string): void {
  for (const rec of engine.store.connections.values()) if (rec.caller === caller) evaluateConnection(engine, rec);
}

async function refreshFromPeer(engine: Engine, rec: ConnectionRecord): Promise<void> {
  const res = await callPeer(engine, rec.caller, 'GET', connectionSuffix(rec));
  if (stillStored(engine, rec)) rec.notify.peerView = { status: res.status, body: res.body, at: engine.clock.now() };
  if (!engine.faults.has('no-feature-refresh-on-notify') && stillStored(engine, rec)) await callPeer(engine, rec.caller, 'GET', `${connectionSuffix(rec)}/features`);
}

/**
 * Records the peer's NotifyConnectionStatus and re-reads the connection from the peer at once. Under
 * crossing-notify-dropped, a notification that arrives before this side's own was acknowledged is not recorded.
 */
export function receiveNotification(engine: Engine, rec: ConnectionRecord): void {
  const dropped = engine.faults.has('crossing-notify-dropped') && rec.origin === 'remote' && rec.notify.sent !== 'acked';
  if (!dropped) {
    rec.notify.received = true;
    rec.notify.receivedAt = engine.clock.now();
  }
  if (!engine.faults.has('no-refresh-on-notify')) void refreshFromPeer(engine, rec);
  evaluateConnection(engine, rec);
}
