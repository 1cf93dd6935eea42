/**
 * The kit's peer API: a Connection Coordinator server under the kit's provider id that the candidate calls.
 * It records every call as evidence, mirrors the candidate's static resources once they are discovered, and
 * holds the kit's own side of the connections it negotiates.
 * @packageDocumentation
 */
import { createServer, type Server } from 'node:http';
import { verifyRequest, type AuthCheck, type Credentials, type Exchange, type ExchangeLog } from '../client/index.js';
import { CtkError } from '../errors/index.js';
import type { L3BaseGuidance } from '../checks/index.js';
import { createCoordinatorServer, createOutbound, type AuthorizeHook, type BehaviourHook, type OutboundFn, type CoordinatorServer, type ObservedRequest, type PeerTarget } from '../server/index.js';
import type { Topology } from '../runner/topology.js';
import { matchOperation } from '../spec/openapi.js';
import { mirrorTopology } from './mirror.js';
import type { ArrivalProbe, KitLocalState, Misbehaviour, Peer, PeerCall, SentKeyMaterial } from './types.js';

/** Options of {@link startPeer}. */
export interface PeerOptions {
  /** The kit's provider id. */
  readonly providerId: string;
  /** The candidate's provider id (the only caller admitted). */
  readonly candidateProviderId: string;
  /** `host:port` to listen on (port 0: any free port). */
  readonly listen: string;
  /** URL announced to the candidate instead of the listening address, if set. */
  readonly publicBaseUrl: string | null;
  /** The run's exchange log: candidate calls are recorded there too. */
  readonly log: ExchangeLog;
  /** Credentials the candidate must present on every call (default none: every call is admitted). */
  readonly auth?: Credentials;
}

const BASE_PATH = '/cc/v1';
/** How long the kit takes to report a received MACsec key active, ms: long enough to catch a manager that deletes the old key early. */
const KEY_ACTIVATION_MS = 250;
const HEADER_KEEP = ['content-type', 'user-agent'];

/** The running peer, with the operations the runner needs beyond {@link Peer}. */
export interface RunningPeer extends Peer {
  /** Replaces the static resources with a mirror of the candidate's. */
  mirror(found: Topology): void;
  /** Tells the peer how to reach the candidate (for its own notifications and refreshes). */
  connectCandidate(target: PeerTarget): void;
}

function parseListen(listen: string): { host: string; port: number } {
  const m = /^\[?([^\]]+)\]?:(\d+)$/.exec(listen);
  if (m === null) throw new CtkError('CTK_ERR_PEER_LISTEN', `kit.peerListen "${listen}" is not host:port`);
  return { host: m[1] ?? '127.0.0.1', port: Number(m[2]) };
}

/** What the peer records about a call's credentials: checked and accepted, refused with the reason, or not checked (refused earlier). */
function authOutcome(required: Credentials, outcome: AuthCheck | undefined): PeerCall['auth'] {
  if (outcome === undefined) return { checked: false, ok: required.type === 'none', detail: 'not checked (the call was refused before its credentials were read)' };
  if (outcome.ok) return { checked: true, ok: true, detail: required.type === 'none' ? 'no credentials required (kit.peerAuth none)' : `valid ${outcome.scheme} credentials` };
  return { checked: true, ok: false, detail: `${outcome.status} ${outcome.problem}: ${outcome.reason}` };
}

/** Starts the peer API; the candidate reaches it at `baseUrl`. */
export async function startPeer(o: PeerOptions): Promise<RunningPeer> {
  const calls: PeerCall[] = [];
  const material: SentKeyMaterial[] = [];
  const waiters = new Set<() => void>();
  const required: Credentials = o.auth ?? { type: 'none' };
  const checked = new WeakMap<object, AuthCheck>();
  const authorize: AuthorizeHook = async (ctx) => {
    const outcome = await verifyRequest(required, { method: ctx.method, url: ctx.url, headers: ctx.headers, body: ctx.body });
    checked.set(ctx.headers, outcome);
    return outcome.ok ? undefined : { status: outcome.status, message: `interconnect-ctk peer: ${outcome.reason}` };
  };
  const observer = (r: ObservedRequest): void => {
    const url = new URL(r.path, 'http://peer');
    const match = matchOperation(r.method, url.pathname, { basePath: BASE_PATH });
    const exchange: Exchange = {
      seq: 0, direction: 'candidate', operation: r.operation, method: r.method, url: url.pathname + url.search,
      requestHeaders: Object.fromEntries(HEADER_KEEP.flatMap((h) => (typeof r.headers[h] === 'string' ? [[h, r.headers[h] as string]] : []))),
      ...(r.body !== undefined ? { requestBody: r.body } : {}), status: r.status,
      responseHeaders: {}, ...(r.responseBody !== undefined ? { responseBody: r.responseBody } : {}),
      startedAt: r.startedAt, durationMs: Math.round(r.durationMs * 100) / 100,
    };
    const kept = o.log.record(exchange);
    if (r.operation === 'CreateMacSecKey') {
      const raw = typeof r.body === 'object' && r.body !== null ? (r.body as Record<string, unknown>) : {};
      const p = match?.params ?? {};
      material.push({ seq: kept.seq, env: p['environment'] ?? '', ix: p['interconnect'] ?? '', channel: p['channel'] ?? '', keyId: url.searchParams.get('macSecKeyId') ?? '', cak: raw['cak'], ckn: raw['ckn'], status: r.status });
    }
    calls.push({
      seq: kept.seq, at: Date.parse(r.startedAt), operation: r.operation, method: r.method, path: url.pathname,
      params: match?.params ?? {}, query: Object.fromEntries(url.searchParams), body: kept.requestBody, status: r.status, responseBody: kept.responseBody,
      auth: authOutcome(required, checked.get(r.headers)),
    });
    for (const w of [...waiters]) w();
  };
  const rules: Array<Misbehaviour & { left: number }> = [];
  const probes = new Map<string, ArrivalProbe[]>();
  const guidanceOverrides = new Map<string, L3BaseGuidance>();
  const behaviour: BehaviourHook = async (ctx) => {
    const due = probes.get(ctx.operation);
    if (due !== undefined && due.length > 0) {
      probes.delete(ctx.operation);
      for (const p of due) await p({ operation: ctx.operation, params: { ...ctx.params }, query: Object.fromEntries(ctx.query), body: ctx.body }).catch(() => undefined);
    }
    const rule = rules.find((r) => r.operation === ctx.operation && r.left > 0);
    if (rule === undefined) return undefined;
    rule.left -= 1;
    return { ...(rule.delayMs !== undefined ? { delayMs: rule.delayMs } : {}), ...(rule.status !== undefined ? { status: rule.status, body: rule.body ?? { error: { code: rule.status, message: 'misbehaving on purpose (interconnect-ctk peer)', status: 'UNAVAILABLE' } } } : {}) };
  };
  let held: Array<() => void> | undefined;
  const send = createOutbound({ timeoutMs: 5000 });
  const outbound: OutboundFn = async (req) => {
    if (held !== undefined && req.url.endsWith('/NotifyConnectionStatus')) await new Promise<void>((release) => { held?.push(release); });
    return send(req);
  };
  const holdNotifications = (hold: boolean): void => {
    if (hold) { held ??= []; return; }
    const waiting = held ?? [];
    held = undefined;
    for (const release of waiting) release();
  };
  const make = (found: Topology | undefined): CoordinatorServer => createCoordinatorServer({
    behaviour,
    authorize,
    outbound,
    selfId: o.providerId,
    topology: found === undefined ? { displayName: 'interconnect-ctk', environments: [], guidance: {} } : mirrorTopology(found, o.providerId),
    knownProviders: [o.candidateProviderId],
    basePath: BASE_PATH,
    macSecActivationDelayMs: KEY_ACTIVATION_MS,
    observer,
  });
  let engine = make(undefined);
  let candidate: PeerTarget | undefined;
  const http: Server = createServer((req, res) => engine.handle(req, res));
  const { host, port } = parseListen(o.listen);
  await new Promise<void>((resolve, reject) => {
    http.once('error', (err) => reject(new CtkError('CTK_ERR_PEER_LISTEN', `the kit cannot listen on ${o.listen} for the candidate's calls: ${err.message}`)));
    http.listen(port, host, () => resolve());
  });
  const addr = http.address();
  const actualPort = typeof addr === 'object' && addr !== null ? addr.port : port;
  const baseUrl = o.publicBaseUrl ?? `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}${BASE_PATH}`;
  const features = new Map<string, Record<string, unknown>>();
  const ref = (env: string, ix: string, id: string): { caller: string; env: string; ix: string; id: string } => ({ caller: o.candidateProviderId, env, ix, id });
  const local: KitLocalState = {
    putConnection: (env, ix, id, bw) => { engine.local.createConnection(ref(env, ix, id), bw); },
    putFeature: (env, ix, conn, featureId, feature) => { features.set(`${env}/${ix}/${conn}/${featureId}`, { ...feature }); },
    deleteConnection: (env, ix, id) => {
      engine.local.deleteConnection(ref(env, ix, id));
      for (const k of [...features.keys()]) if (k.startsWith(`${env}/${ix}/${id}/`)) features.delete(k);
    },
    getConnection: (env, ix, id) => {
      const c = engine.local.connection(ref(env, ix, id));
      return c === undefined ? undefined : { id: c.id, bandwidthMbps: c.bandwidthMbps };
    },
  };
  return {
    baseUrl,
    providerId: o.providerId,
    authScheme: required.type,
    local,
    calls: (since = 0) => calls.filter((c) => c.seq > since),
    waitForCall: (pred, timeoutMs, since = 0) => new Promise((resolve) => {
      const check = (): boolean => {
        const hit = calls.find((c) => c.seq > since && pred(c));
        if (hit === undefined) return false;
        clearTimeout(timer);
        waiters.delete(onCall);
        resolve(hit);
        return true;
      };
      const onCall = (): void => { check(); };
      const timer = setTimeout(() => { waiters.delete(onCall); resolve(undefined); }, timeoutMs);
      if (!check()) waiters.add(onCall);
    }),
    misbehave(rule) { rules.push({ ...rule, left: rule.times }); },
    onArrival(operation, probe) { probes.set(operation, [...(probes.get(operation) ?? []), probe]); },
    holdNotifications,
    reset() {
      holdNotifications(false);
      rules.splice(0);
      probes.clear();
      for (const [k, g] of guidanceOverrides) { const [env = '', ix = ''] = k.split('/'); engine.setGuidance(env, ix, g); }
      guidanceOverrides.clear();
    },
    issueKey(order) {
      return engine.local.issueKey({ caller: o.candidateProviderId, env: order.env, bandwidthMbps: order.bandwidthMbps, accountId: order.accountId, uuid: order.uuid }).encoded;
    },
    setGuidance(env, ix, guidance) {
      if (!guidanceOverrides.has(`${env}/${ix}`)) guidanceOverrides.set(`${env}/${ix}`, engine.local.guidance(env, ix));
      engine.setGuidance(env, ix, guidance as L3BaseGuidance);
    },
    kitConnection(env, ix, id) {
      const r = ref(env, ix, id);
      const c = engine.local.connection(r);
      if (c === undefined) return undefined;
      return {
        bandwidthMbps: c.bandwidthMbps,
        verificationState: engine.local.verification(r) ?? 'VERIFICATION_STATE_UNVERIFIED',
        features: engine.local.features(r).map((f) => ({ id: f.id, channelId: f.channelId, provisioningState: f.provisioningState, config: f.config })),
      };
    },
    macSecKeys(env, ix, channel) {
      return engine.local.macSecKeys({ caller: o.candidateProviderId, env, ix, channel }).map((k) => ({ ...k }));
    },
    sentKeyMaterial: (since = 0) => material.filter((m) => m.seq > since),
    scheduleMaintenance(env, ix, channel, startTime, endTime) {
      const made = engine.local.scheduleMaintenance({ caller: o.candidateProviderId, env, ix, channel }, startTime, endTime);
      if (made.ok) return { ok: true, event: { ...made.event } };
      const error = (made.reply.body as { error?: { message?: unknown } } | undefined)?.error;
      return { ok: false, status: made.reply.status, reason: typeof error?.message === 'string' ? error.message : `refused with ${made.reply.status}` };
    },
    maintenanceEvents: (env, ix, channel) => engine.local.maintenanceEvents({ caller: o.candidateProviderId, env, ix, channel }).map((e) => ({ ...e })),
    mirror(found) {
      const next = make(found);
      if (candidate !== undefined) next.setPeer(candidate);
      const old = engine;
      engine = next;
      void old.close();
    },
    connectCandidate(target) {
      candidate = target;
      engine.setPeer(target);
    },
    async close() {
      await engine.close();
      await new Promise<void>((resolve) => { http.close(() => resolve()); http.closeAllConnections(); });
    },
  };
}
