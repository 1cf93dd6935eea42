/**
 * A reusable, in-memory Connection Coordinator API server: all 33 operations of the upstream openapi.yaml,
 * the responder's rules (activation keys, placement, guidance, features, notification and verification,
 * updates and deletes, MACsec, maintenance, issues), an observer and a behaviour hook for evidence and
 * controlled misbehaviour, and a local API for the provider that owns it. Used by the bundled reference
 * partner and by the kit's peer API.
 * @packageDocumentation
 */
export { createCoordinatorServer, type CoordinatorServer, type ListenOptions } from './server.js';
export type {
  AuthorizeHook,
  BehaviourContext,
  BehaviourHook,
  BehaviourOverride,
  CoordinatorServerOptions,
  EngineListeners,
  ObservedRequest,
  PeerTarget,
} from './options.js';
export { createManualClock, systemClock, type Clock, type ManualClock } from './clock.js';
export { createOutbound, type OutboundFn, type OutboundOptions, type OutboundRequest, type OutboundResponse } from './outbound.js';
export { faultSet, NO_FAULTS, SERVER_FAULT_NAMES, type FaultSet, type ServerFaultName } from './faults.js';
export type { KeyOrder, LocalApi } from './local.js';
export type { SeedConnection, SeedFeature } from './seed.js';
export type { Admission } from './connections.js';
export type { Reply } from './reply.js';
export type { Readiness } from './verification.js';
export { OPERATIONS, matchRoute, type Operation, type PathParams, type RouteMatch } from './routes.js';
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './paginate.js';
export { BAKE_TIME_MS } from './handlers/macsec.js';
export { MAX_KEY_LENGTH } from './handlers/activation.js';
export { parseChannelName, type ChannelRef } from './names.js';
export type * from './types.js';
