/**
 * The connection operations' deliberate defects beyond capacity and verification (CC-NEG-024..028, CC-NEG-040,
 * CC-LC-007..009, CC-LC-011, CC-SCH-018/023/025): guidance bent after it is built, refusals of valid requests,
 * connection answers bent after rendering, a responder that negotiates and a connection dropped too early. Each
 * applies only while its fault is on.
 */
import type { L3BaseGuidance } from '../checks/index.js';
import { removeConnection } from './connections.js';
import { emit, type Engine } from './engine.js';
import { connectionKey } from './names.js';
import { callPeer } from './peer-call.js';
import { apiError, conflict, type Reply } from './reply.js';
import type { ConnectionRecord } from './types.js';
import { connectionSuffix, readinessOf, verificationOf } from './verification.js';

/** How long after the peer's notification a VERIFIED connection counts as "in service" for delete-in-service-declined, in ms. */
export const IN_SERVICE_AFTER_MS = 700;

/** Guidance as the faults bend it: VLANs from 1000, overlapping MTU ranges, exclusions under the misspelt `excludeSubnet`. */
export function bentGuidance(engine: Engine, g: L3BaseGuidance): Record<string, unknown> {
  const out: Record<string, unknown> = { ...g };
  if (engine.faults.has('guidance-reserved-vlans')) out['vlanRanges'] = (g.vlanRanges ?? []).map((r, i) => (i === 0 ? { ...r, start: 1000 } : r));
  if (engine.faults.has('guidance-overlapping-ranges') && (g.mtuRanges ?? []).length > 0) {
    const first = g.mtuRanges![0]!;
    out['mtuRanges'] = [...g.mtuRanges!, { start: first.start, stop: Math.max(first.start, Math.floor((first.start + first.stop) / 2)) }];
  }
  if (engine.faults.has('guidance-exclude-misspelt')) {
    out['ipv4SubnetGuidance'] = (g.ipv4SubnetGuidance ?? []).map((s) => {
      const ex = s.excludeSubnets ?? [];
      return ex.length > 1 ? { ...s, excludeSubnets: ex.slice(0, 1), excludeSubnet: ex.slice(1) } : s;
    });
  }
  return out;
}

/** The refusal notify-refused-before-ready gives to the peer's notification of a connection not yet ready here. */
export function notifyRefusal(engine: Engine, rec: ConnectionRecord): Reply | undefined {
  if (!engine.faults.has('notify-refused-before-ready') || rec.origin !== 'remote' || readinessOf(engine, rec).ready) return undefined;
  return conflict('the connection is not ready on this side yet', 'FAILED_PRECONDITION');
}

/**
 * The refusal delete-in-service-declined gives to the first delete of a connection verified a while ago, as if
 * its routes were still preferred; a repeated delete is carried out (so nothing is left behind).
 */
export function deleteRefusal(engine: Engine, rec: ConnectionRecord): Reply | undefined {
  if (!engine.faults.has('delete-in-service-declined') || rec.origin !== 'remote' || rec.notify.receivedAt === undefined || rec.deleteDeclined === true) return undefined;
  const inService = verificationOf(engine, rec) === 'VERIFICATION_STATE_VERIFIED' && engine.clock.now() - rec.notify.receivedAt > IN_SERVICE_AFTER_MS;
  if (!inService) return undefined;
  rec.deleteDeclined = true;
  return conflict('the connection is in service: depreference its routes first', 'FAILED_PRECONDITION');
}

/** The answer repeat-delete-500 gives to deleting a connection that existed once and is gone. */
export function repeatDeleteCrash(engine: Engine, name: string): Reply | undefined {
  return engine.faults.has('repeat-delete-500') && engine.store.everExisted.has(name) ? apiError(500, 'internal error: the connection record is missing') : undefined;
}

/** A connection answer as the faults bend it (no adminState anywhere; no bandwidthMbps in UpdateConnection's answer). */
export function bentConnection(engine: Engine, rendered: Record<string, unknown>, update = false): Record<string, unknown> {
  const out = { ...rendered };
  if (engine.faults.has('connection-admin-state-missing')) delete out['adminState'];
  if (update && engine.faults.has('update-answer-without-bandwidth')) delete out['bandwidthMbps'];
  return out;
}

/**
 * Under responder-requests-guidance, a connection the peer placed here without deferring also gets a guidance
 * request sent back to the peer, as only the negotiator may do (CC-NEG-040); the answer is ignored.
 */
export function responderNegotiates(engine: Engine, rec: ConnectionRecord): void {
  if (!engine.faults.has('responder-requests-guidance') || rec.origin !== 'remote' || rec.deferProvisioning) return;
  emit(engine, () => { void callPeer(engine, rec.caller, 'POST', `${connectionSuffix(rec)}/GenerateFeatureGuidance`, {}); });
}

/**
 * Under unready-connection-dropped, a connection the peer reports ready while it is not ready here is deleted as
 * failed right after the notification is answered, instead of being kept for the 7 days (CC-LC-011).
 */
export function dropIfUnready(engine: Engine, rec: ConnectionRecord): void {
  if (!engine.faults.has('unready-connection-dropped') || readinessOf(engine, rec).ready) return;
  emit(engine, () => { if (engine.store.connections.get(connectionKey(rec)) === rec) removeConnection(engine, rec); });
}
