/**
 * {@link createCoordinatorServer}: a reusable, in-memory Connection Coordinator API server (all 33
 * operations) as a node:http request handler with an optional listener of its own.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { L3BaseGuidance } from '../checks/index.js';
import { dispatch, type Dispatched } from './dispatch.js';
import { createEngine, type Engine } from './engine.js';
import { createLocalApi, type LocalApi } from './local.js';
import { interconnectKey } from './names.js';
import type { CoordinatorServerOptions, PeerTarget } from './options.js';
import { apiError, sendReply, type Reply } from './reply.js';
import { evaluatePartition } from './verification.js';

/** Where to listen. */
export interface ListenOptions {
  /** Host (default 127.0.0.1). */
  readonly host?: string;
  /** Port (default 0: any free port). */
  readonly port?: number;
}

/** A coordinator server instance. */
export interface CoordinatorServer {
  /** This server's provider id. */
  readonly selfId: string;
  /** The node:http request handler (serves paths under the base path; 404 elsewhere). */
  readonly handle: (req: IncomingMessage, res: ServerResponse) => void;
  /** The local side, for customer hooks and the kit's peer API. */
  readonly local: LocalApi;
  /** Starts a listener of its own; resolves to the API base URL (`http://host:port{basePath}`). */
  listen(options?: ListenOptions): Promise<string>;
  /** The API base URL once listening. */
  readonly url: string | undefined;
  /** Registers (or replaces) the peer for a provider id and allows that provider to call. */
  setPeer(peer: PeerTarget): void;
  /** Allows a provider id to call. */
  addKnownProvider(id: string): void;
  /** Provider ids allowed to call. */
  knownProviders(): string[];
  /** Replaces the feature guidance this server gives (and enforces) for one interconnect. */
  setGuidance(env: string, ix: string, guidance: L3BaseGuidance): void;
  /** Cancels timers and closes the listener (if any); idempotent. */
  close(): Promise<void>;
}

function startedIso(engine: Engine): string {
  return new Date(engine.clock.now()).toISOString();
}

function makeHandler(engine: Engine, options: CoordinatorServerOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const hooks = {
    ...(options.authorize ? { authorize: options.authorize } : {}),
    ...(options.behaviour ? { behaviour: options.behaviour } : {}),
  };
  return (req, res) => {
    const startedAt = startedIso(engine);
    const t0 = performance.now();
    const url = new URL(req.url ?? '/', 'http://localhost');
    const seen: Dispatched = { operation: 'unknown', params: {}, body: undefined };
    const finish = (reply: Reply): void => {
      sendReply(res, reply);
      try {
        options.observer?.({
          operation: seen.operation,
          method: (req.method ?? 'GET').toUpperCase(),
          path: req.url ?? '/',
          params: seen.params,
          headers: req.headers,
          body: seen.body,
          status: reply.status,
          responseBody: reply.body,
          startedAt,
          durationMs: performance.now() - t0,
        });
      } catch {
        // an observer's failure must not break the server
      }
    };
    dispatch(engine, hooks, req, url, seen).then(finish, (err: unknown) => {
      finish(apiError(500, `internal error in the coordinator engine: ${err instanceof Error ? err.message : String(err)}`));
    });
  };
}

/** Creates a coordinator server; nothing listens until {@link CoordinatorServer.listen}. */
export function createCoordinatorServer(options: CoordinatorServerOptions): CoordinatorServer {
  const engine = createEngine(options);
  const handle = makeHandler(engine, options);
  let server: Server | undefined;
  let url: string | undefined;
  return {
    selfId: engine.selfId,
    handle,
    local: createLocalApi(engine),
    async listen(listenOptions = {}) {
      const host = listenOptions.host ?? '127.0.0.1';
      server = createServer(handle);
      await new Promise<void>((resolve, reject) => {
        server?.once('error', reject);
        server?.listen(listenOptions.port ?? 0, host, () => resolve());
      });
      const port = (server.address() as AddressInfo).port;
      url = `http://${host.includes(':') ? `[${host}]` : host}:${port}${engine.settings.basePath}`;
      return url;
    },
    get url() {
      return url;
    },
    setPeer(peer) {
      engine.peers.set(peer.providerId, peer);
      engine.known.add(peer.providerId);
      evaluatePartition(engine, peer.providerId);
    },
    addKnownProvider: (id) => {
      engine.known.add(id);
    },
    knownProviders: () => [...engine.known],
    setGuidance(env, ix, guidance) {
      engine.guidanceOverrides.set(interconnectKey('', env, ix), guidance);
    },
    async close() {
      engine.timers.close();
      const s = server;
      server = undefined;
      if (!s) return;
      s.closeAllConnections();
      await new Promise<void>((resolve) => s.close(() => resolve()));
    },
  };
}
