/**
 * The run's record of the keys the candidate issued and of the candidate's calls to the kit, in the shapes the
 * issuer-role checks take (src/checks/issuer-role.ts).
 * @packageDocumentation
 */
import type { Exchange } from '../../src/client/index.js';
import { decodeActivationKey, type KeyWindow, type PeerMove } from '../../src/checks/index.js';
import type { PeerCall } from '../../src/peer/index.js';
import { fieldOf } from './body.js';

/** The connection a candidate's call names: its path's connection, or CreateConnection's `connectionId`. */
export function peerMove(c: PeerCall): PeerMove {
  return { seq: c.seq, at: c.at, operation: c.operation, connection: c.params['connection'] ?? c.query['connectionId'] };
}

/** True when a call of the kit (other than ordering keys) names connection `uuid` in its URL. */
function namesConnection(e: Exchange, uuid: string): boolean {
  if (e.direction !== 'kit' || e.operation === 'hook:activation-keys') return false;
  let url = e.url;
  try { url = decodeURIComponent(e.url); } catch { /* keep the URL as recorded */ }
  return url.includes(`/${uuid}`) || url.includes(`=${uuid}`);
}

/**
 * Every key the candidate issued in the run that the kit can read (ERRATA D36), with the time it was ordered and
 * the time the kit first acted on its connection (placing, changing, deleting or reading it), if it has.
 */
export function issuedKeyWindows(log: readonly Exchange[]): KeyWindow[] {
  const out: KeyWindow[] = [];
  for (const e of log.filter((x) => x.operation === 'hook:activation-keys' && x.status >= 200 && x.status <= 299)) {
    const text = fieldOf(e.responseBody, 'activationKey');
    const d = typeof text === 'string' ? decodeActivationKey(text) : undefined;
    if (d === undefined || !d.ok) continue;
    const uuid = d.key.sharedConnectionUuid;
    const first = log.find((x) => x.seq > e.seq && namesConnection(x, uuid));
    out.push({ uuid, issuedAt: Date.parse(e.startedAt), ...(first !== undefined ? { receiverMovedAt: Date.parse(first.startedAt) } : {}) });
  }
  return out;
}
