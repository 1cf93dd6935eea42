/**
 * Options of {@link createCoordinatorServer}: identity, topology, timing, and the seams the kit's peer API
 * and the reference partner plug into (observer, behaviour, outbound, authorize, listeners).
 */
import type { Clock } from './clock.js';
import type { FaultSet } from './faults.js';
import type { ChannelRef } from './names.js';
import type { OutboundFn, OutboundRequest } from './outbound.js';
import type { PathParams } from './routes.js';
import type { ConnectionRef, Topology } from './types.js';

/** One request as the observer sees it, after it was answered. */
export interface ObservedRequest {
  /** operationId, or `unknown` when no route matched. */
  readonly operation: string;
  /** HTTP method. */
  readonly method: string;
  /** Path including the base path and the query string, as received. */
  readonly path: string;
  /** Path parameters of the matched operation (`provider`, `environment`, ...); empty when none matched. */
  readonly params: PathParams;
  /** Request headers (lower-case names) as received; the observer must redact what it stores. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** Parsed JSON body, raw text when not JSON, undefined when empty. */
  readonly body: unknown;
  /** HTTP status answered. */
  readonly status: number;
  /** JSON body answered. */
  readonly responseBody: unknown;
  /** ISO time the request arrived. */
  readonly startedAt: string;
  /** Milliseconds from arrival to the answer. */
  readonly durationMs: number;
}

/** What the behaviour hook sees before the engine handles a request. */
export interface BehaviourContext {
  /** operationId. */
  readonly operation: string;
  /** HTTP method. */
  readonly method: string;
  /** Path relative to the base path. */
  readonly path: string;
  /** Path parameters. */
  readonly params: PathParams;
  /** Query parameters. */
  readonly query: URLSearchParams;
  /** Parsed JSON body (undefined when empty or malformed). */
  readonly body: unknown;
  /** The caller's provider id from the path (undefined for ListProviders). */
  readonly provider: string | undefined;
}

/** An override: wait `delayMs`, then answer `status`/`body` instead of the engine (or let it answer when no status). */
export interface BehaviourOverride {
  /** Milliseconds to wait before answering. */
  readonly delayMs?: number;
  /** Status to answer instead of handling. */
  readonly status?: number;
  /** Body to answer with `status`. */
  readonly body?: unknown;
}

/** Decides, per request, whether to misbehave. */
export type BehaviourHook = (ctx: BehaviourContext) => BehaviourOverride | undefined | Promise<BehaviourOverride | undefined>;

/** Authorisation decision: undefined lets the request through; otherwise the status and message to answer. */
export type AuthorizeHook = (ctx: {
  readonly method: string;
  /** Path relative to the base path. */
  readonly path: string;
  /** Path with base path and query string exactly as received (what a SigV4 signature covers). */
  readonly url: string;
  readonly provider: string | undefined;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}) => { readonly status: number; readonly message: string } | undefined | Promise<{ readonly status: number; readonly message: string } | undefined>;

/** How to reach a peer provider. */
export interface PeerTarget {
  /** The peer's provider id (also the caller partition it uses here). */
  readonly providerId: string;
  /** Root of the peer's API (before `/providers`). */
  readonly baseUrl: string;
  /** Headers to add to each outbound request (e.g. signing); never logged. */
  readonly authHeaders?: (req: OutboundRequest) => Readonly<Record<string, string>> | Promise<Readonly<Record<string, string>>>;
}

/** Events the engine raises for the layer above it. */
export interface EngineListeners {
  /** A CreateConnection with deferProvisioning=true was accepted: the layer above now drives features. */
  readonly deferral?: (conn: ConnectionRef) => void;
  /** The non-manager asked for a MACsec rotation on a channel this server manages. */
  readonly macSecRotationRequested?: (channel: ChannelRef, reason: string | undefined) => void;
  /** The peer's NotifyMaintenance arrived (and, unless impossible, its events were re-read). */
  readonly maintenanceNotified?: (channel: ChannelRef) => void;
  /** A connection reached VERIFIED. */
  readonly connectionVerified?: (conn: ConnectionRef) => void;
  /** The peer deleted one of a connection's features with DeleteFeature (the channel's owner re-creates it). */
  readonly featureDeleted?: (conn: ConnectionRef, channelId: string) => void;
}

/** Options of the coordinator engine. */
export interface CoordinatorServerOptions {
  /** This server's provider id. */
  readonly selfId: string;
  /** Static resources and guidance. */
  readonly topology: Topology;
  /** Provider ids allowed to call (besides those added later); default none. */
  readonly knownProviders?: Iterable<string>;
  /** Path prefix before `/providers` (default `/cc/v1`; `''` for none). */
  readonly basePath?: string;
  /** Time source (default the system clock). */
  readonly clock?: Clock;
  /** Delay before an accepted feature becomes FINAL, in ms (default 20). */
  readonly provisioningDelayMs?: number;
  /** Delay before a new MACsec key becomes active, in ms (default 20). */
  readonly macSecActivationDelayMs?: number;
  /** Whether a CreateConnection with deferProvisioning=true is accepted (default true) or refused with 400. */
  readonly acceptDeferral?: boolean;
  /** Deliberate deviations (default none). */
  readonly faults?: FaultSet;
  /** Called after every request is answered. Must not throw (errors are swallowed). */
  readonly observer?: (record: ObservedRequest) => void;
  /** Consulted before handling each request. */
  readonly behaviour?: BehaviourHook;
  /** Consulted before handling each request; answers 401/403 when it says so. */
  readonly authorize?: AuthorizeHook;
  /** Outbound HTTP (default undici with 5 s timeouts). */
  readonly outbound?: OutboundFn;
  /** Events for the layer above. */
  readonly listeners?: EngineListeners;
  /** Largest request body accepted, in bytes (default 1 MiB). */
  readonly maxBodyBytes?: number;
}
