/**
 * Calls from this server to a registered peer, under the peer's `/providers/{this server's id}/...` prefix.
 */
import type { Engine } from './engine.js';
import type { OutboundResponse } from './outbound.js';

/**
 * Sends `method` to `{peer base}/providers/{selfId}/{suffix}` for the peer registered as `caller`.
 * Answers status 0 with an error when no such peer is registered; never throws.
 */
export async function callPeer(engine: Engine, caller: string, method: string, suffix: string, body?: unknown): Promise<OutboundResponse> {
  const peer = engine.peers.get(caller);
  if (peer === undefined) return { status: 0, body: undefined, error: `no peer registered for provider ${caller}` };
  const url = `${peer.baseUrl.replace(/\/+$/, '')}/providers/${encodeURIComponent(engine.selfId)}/${suffix}`;
  const base = { method, url, ...(body === undefined ? {} : { body }) };
  let headers: Readonly<Record<string, string>> = {};
  try {
    headers = peer.authHeaders ? await peer.authHeaders(base) : {};
  } catch (err) {
    return { status: 0, body: undefined, error: `auth headers failed: ${err instanceof Error ? err.message : String(err)}` };
  }
  return engine.outbound({ ...base, headers });
}

/** True for a 2xx status. */
export function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}
