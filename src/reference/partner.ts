/**
 * The bundled reference partner: a conformant Connection Coordinator implementation (the engine in
 * src/server) plus the customer-action hooks, on one loopback HTTP server; faults switched on by name.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCoordinatorServer, createOutbound, type CoordinatorServer, type OutboundFn } from '../server/index.js';
import { DEFAULT_RETRY, type PartnerContext, type PartnerEvent, type RetryPolicy } from './context.js';
import type { Credentials } from '../client/index.js';
import { requireCredentials, withPeerCredentials } from './auth.js';
import { ENDLESS_RETRY } from './faults-retry.js';
import { resolveFaults, type FaultName, type ReferenceFaults } from './faults.js';
import { handleHook, readHookBody, refuse, type HookReply } from './hooks.js';
import { withManagerFaults } from './faults-macsec.js';
import { withTopologyFaults } from './faults-resiliency.js';
import { loadFaultBehaviour, SLOW_PROVISIONING_MS, withSlowNotification } from './faults-sla.js';
import { negotiateFeatures, recreateFeature } from './negotiator.js';
import { createRotationQueue, type RotationQueue } from './rotation.js';
import { seedConnections } from './seed.js';
import { referenceTopology } from './topology.js';

/** Options of {@link createReferencePartner}. */
export interface ReferencePartnerOptions {
  /** The reference's provider id (default `refcloud`). */
  readonly providerId?: string;
  /** Faults to switch on (default none); an unknown name throws CtkError CTK_ERR_FAULT_UNKNOWN. */
  readonly faults?: readonly string[];
  /** Host to listen on (default 127.0.0.1). */
  readonly host?: string;
  /** Port (default 0: any free port). */
  readonly port?: number;
  /** Backoff for calls to the peer (default 500 ms doubling for up to 60 s). */
  readonly retry?: RetryPolicy;
  /** Feature provisioning delay, ms (default 20). */
  readonly provisioningDelayMs?: number;
  /** Outbound HTTP (default undici with 5 s timeouts). */
  readonly outbound?: OutboundFn;
  /** Called for each background event (never with key material). */
  readonly onEvent?: (event: PartnerEvent) => void;
  /**
   * Connections to hold from the start (default 0): VERIFIED, under the caller `aws`, spread over the interconnects of the environments that do not defer,
   * each with one FINAL L3 feature per channel, stored without capacity or overlap checks (for scale tests).
   */
  readonly seedConnections?: number;
  /**
   * How long one hour of deferralTimeoutHours lasts in this staging, ms (default {@link DEFAULT_DEFERRAL_HOUR_MS}):
   * the reference's deferring environment publishes 1 hour, so a deferral it hands to the peer is rolled back after
   * this long without success.
   */
  readonly deferralHourMs?: number;
  /** Credentials the reference requires on its own API (default none). */
  readonly apiAuth?: Credentials;
  /** Credentials the reference presents on every call to its peer (default none). */
  readonly peerAuth?: Credentials;
}

/** A running reference partner. */
export interface ReferencePartner {
  /** Root of its Connection Coordinator API, e.g. `http://127.0.0.1:PORT/cc/v1`. */
  readonly baseUrl: string;
  /** Root of its customer-action hooks, e.g. `http://127.0.0.1:PORT/ctk-hooks`. */
  readonly hooksUrl: string;
  /** Its provider id. */
  readonly providerId: string;
  /** The customer account the kit plays on its side (`ref-customer-1`). */
  readonly accountId: string;
  /** Faults switched on. */
  readonly faults: readonly FaultName[];
  /** Background events so far. */
  events(): readonly PartnerEvent[];
  /** Waits for background work (negotiations, rotations, propagation) to settle. */
  idle(): Promise<void>;
  /** Stops background work and the listener. */
  close(): Promise<void>;
}

const API_BASE = '/cc/v1';

/** One hour of deferralTimeoutHours in the reference's staging, ms: its deferring environment's 1-hour timeout lasts 3 s. */
export const DEFAULT_DEFERRAL_HOUR_MS = 3000;
const HOOKS_BASE = '/ctk-hooks';

function sendJson(res: ServerResponse, reply: HookReply): void {
  if (reply.body === undefined) {
    res.writeHead(reply.status);
    res.end();
    return;
  }
  const text = JSON.stringify(reply.body);
  res.writeHead(reply.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** Background work that close() waits for; nothing new starts once closing. */
interface TaskSet {
  start(flow: string, task: () => Promise<void>, onError: (flow: string, err: unknown) => void): void;
  idle(): Promise<void>;
  close(): void;
  readonly closing: boolean;
}

function createTaskSet(): TaskSet {
  const tasks = new Set<Promise<void>>();
  let closing = false;
  return {
    start(flow, task, onError) {
      if (closing) return;
      const p = task().catch((err: unknown) => onError(flow, err));
      tasks.add(p);
      void p.finally(() => tasks.delete(p));
    },
    async idle() {
      while (tasks.size > 0) await Promise.allSettled([...tasks]);
    },
    close() {
      closing = true;
    },
    get closing() {
      return closing;
    },
  };
}

interface Assembly {
  readonly engine: CoordinatorServer;
  readonly ctx: PartnerContext;
  readonly rotations: RotationQueue;
}

function assemble(opts: ReferencePartnerOptions, faults: ReferenceFaults, tasks: TaskSet, events: PartnerEvent[]): Assembly {
  const outbound = withPeerCredentials(withSlowNotification(opts.outbound ?? createOutbound(), faults.hook('slow-notification')), opts.peerAuth ?? { type: 'none' }, faults.hook('unsigned-notifications'));
  const behaviour = loadFaultBehaviour((name) => faults.hook(name));
  const provisioningDelayMs = faults.hook('slow-provisioning') ? SLOW_PROVISIONING_MS : opts.provisioningDelayMs;
  const late: { ctx?: PartnerContext; rotations?: RotationQueue } = {};
  const engine = createCoordinatorServer({
    selfId: opts.providerId ?? 'refcloud',
    topology: withTopologyFaults(withManagerFaults(referenceTopology(), (name) => faults.hook(name)), (name) => faults.hook(name)),
    knownProviders: ['aws'],
    faults,
    outbound,
    authorize: requireCredentials(opts.apiAuth ?? { type: 'none' }, (name) => faults.hook(name)),
    ...(provisioningDelayMs === undefined ? {} : { provisioningDelayMs }),
    ...(behaviour === undefined ? {} : { behaviour }),
    listeners: {
      deferral: (ref) => late.ctx?.background('deferral', async () => void (late.ctx && (await negotiateFeatures(late.ctx, ref)))),
      macSecRotationRequested: (ref) => late.ctx?.background('rotation', async () => late.rotations?.rotate(ref)),
      featureDeleted: (ref, channel) => late.ctx?.background('features', async () => void (late.ctx && (await recreateFeature(late.ctx, ref, channel)))),
    },
  });
  const record = (event: PartnerEvent): void => {
    events.push(event);
    opts.onEvent?.(event);
  };
  const ctx: PartnerContext = {
    local: engine.local,
    faults,
    outbound,
    retry: faults.hook('retries-forever') ? ENDLESS_RETRY : opts.retry ?? DEFAULT_RETRY,
    deferralHourMs: opts.deferralHourMs ?? DEFAULT_DEFERRAL_HOUR_MS,
    peerId: 'aws',
    registerPeer: (peer) => engine.setPeer(peer),
    record,
    background: (flow, task) => tasks.start(flow, task, (f, err) => record({ flow: f, detail: `failed: ${err instanceof Error ? err.message : String(err)}` })),
    closing: () => tasks.closing,
  };
  const rotations = createRotationQueue(ctx);
  late.ctx = ctx;
  late.rotations = rotations;
  return { engine, ctx, rotations };
}

function route({ engine, ctx, rotations }: Assembly): (req: IncomingMessage, res: ServerResponse) => void {
  const hooks = async (req: IncomingMessage, res: ServerResponse, path: string): Promise<void> => {
    const body = await readHookBody(req);
    const method = (req.method ?? 'GET').toUpperCase();
    const reply = body.ok ? await handleHook(ctx, rotations, method, path, body.value) : refuse(400, 'the body is not JSON or is larger than 64 KiB');
    sendJson(res, reply);
  };
  return (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === API_BASE || path.startsWith(`${API_BASE}/`)) return engine.handle(req, res);
    if (path.startsWith(`${HOOKS_BASE}/`)) {
      hooks(req, res, path.slice(HOOKS_BASE.length)).catch(() => sendJson(res, refuse(500, 'internal error in the reference hooks')));
      return;
    }
    req.resume();
    sendJson(res, refuse(404, `nothing at ${path}`));
  };
}

async function listenOn(server: Server, host: string, port: number): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  return `http://${host.includes(':') ? `[${host}]` : host}:${bound}`;
}

/** Starts the reference partner on loopback; an unknown fault name throws CtkError CTK_ERR_FAULT_UNKNOWN. */
export async function createReferencePartner(opts: ReferencePartnerOptions = {}): Promise<ReferencePartner> {
  const faults = resolveFaults(opts.faults ?? []);
  const events: PartnerEvent[] = [];
  const tasks = createTaskSet();
  const parts = assemble(opts, faults, tasks, events);
  if (opts.seedConnections !== undefined && opts.seedConnections > 0) seedConnections(parts.engine.local, parts.ctx.peerId, opts.seedConnections);
  const server = createServer(route(parts));
  let origin: string;
  try {
    origin = await listenOn(server, opts.host ?? '127.0.0.1', opts.port ?? 0);
  } catch (err) {
    await parts.engine.close();
    throw err;
  }
  return {
    baseUrl: `${origin}${API_BASE}`,
    hooksUrl: `${origin}${HOOKS_BASE}`,
    providerId: parts.engine.selfId,
    accountId: 'ref-customer-1',
    faults: faults.names,
    events: () => [...events],
    idle: () => tasks.idle(),
    async close() {
      tasks.close();
      await parts.engine.close();
      await tasks.idle();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Starts the reference for `ictk serve-reference`; prints nothing. */
export function serveReference(options: { readonly port?: number; readonly faults?: readonly string[]; readonly host?: string } = {}): Promise<ReferencePartner> {
  return createReferencePartner({
    ...(options.port === undefined ? {} : { port: options.port }),
    ...(options.faults === undefined ? {} : { faults: options.faults }),
    ...(options.host === undefined ? {} : { host: options.host }),
  });
}
