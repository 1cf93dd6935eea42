/**
 * The engine's per-instance state: identity, topology lookups, the in-memory store, peers, clock and
 * faults. Created once per server by {@link createEngine}; there is no module-level mutable state.
 */
import type { L3BaseGuidance } from '../checks/index.js';
import { createTimerSet, systemClock, type Clock, type TimerSet } from './clock.js';
import { NO_FAULTS, type FaultSet } from './faults.js';
import { interconnectKey } from './names.js';
import type { CoordinatorServerOptions, EngineListeners, PeerTarget } from './options.js';
import { createOutbound, guardOutbound, type OutboundFn } from './outbound.js';
import type {
  ChannelSpec,
  ConnectionRecord,
  EnvironmentSpec,
  FeatureRecord,
  InterconnectSpec,
  IssuedKey,
  IssueRecord,
  MacSecKeyRecord,
  MaintenanceEvent,
  Topology,
} from './types.js';

/** The dynamic state, keyed by the helpers in names.ts. */
export interface Store {
  /** Connections by connection key. */
  readonly connections: Map<string, ConnectionRecord>;
  /** Connections by interconnect key, then connection key (see indexes.ts). */
  readonly connectionsByIx: Map<string, Map<string, ConnectionRecord>>;
  /** Features by connection key, then feature id (kept apart so a fault can leave them behind). */
  readonly features: Map<string, Map<string, FeatureRecord>>;
  /** Features by interconnect key (see indexes.ts). */
  readonly featuresByIx: Map<string, Set<FeatureRecord>>;
  /** Activation keys issued here, by their exact text. */
  readonly keys: Map<string, IssuedKey>;
  /** MACsec keys by channel key, oldest first. */
  readonly macsec: Map<string, MacSecKeyRecord[]>;
  /** This side's maintenance events by channel key. */
  readonly maintenance: Map<string, MaintenanceEvent[]>;
  /** The peer's maintenance events as last fetched, by channel key. */
  readonly peerMaintenance: Map<string, MaintenanceEvent[]>;
  /** Issues by `caller|id`. */
  readonly issues: Map<string, IssueRecord>;
  /** Names of every dynamic resource that ever existed (so "unknown" faults spare deleted ones). */
  readonly everExisted: Set<string>;
}

/** Resolved timing and policy settings. */
export interface Settings {
  /** Base path prefix. */
  readonly basePath: string;
  /** Feature provisioning delay, ms. */
  readonly provisioningDelayMs: number;
  /** MACsec activation delay, ms. */
  readonly macSecActivationDelayMs: number;
  /** Whether deferral is accepted. */
  readonly acceptDeferral: boolean;
  /** Body size limit, bytes. */
  readonly maxBodyBytes: number;
}

/** Everything a handler needs. */
export interface Engine {
  /** This server's provider id. */
  readonly selfId: string;
  /** Static resources. */
  readonly topology: Topology;
  /** Dynamic resources. */
  readonly store: Store;
  /** Time source. */
  readonly clock: Clock;
  /** Timers cancelled on close. */
  readonly timers: TimerSet;
  /** Switched-on faults. */
  readonly faults: FaultSet;
  /** Settings. */
  readonly settings: Settings;
  /** Peers by provider id. */
  readonly peers: Map<string, PeerTarget>;
  /** Provider ids allowed to call. */
  readonly known: Set<string>;
  /** Outbound HTTP, guarded so it never throws. */
  readonly outbound: OutboundFn;
  /** Events for the layer above. */
  readonly listeners: EngineListeners;
  /** Guidance set at run time, by interconnect key (`|env|ix` with an empty caller). */
  readonly guidanceOverrides: Map<string, L3BaseGuidance>;
}

/** Creates an engine from options. */
export function createEngine(options: CoordinatorServerOptions): Engine {
  const clock = options.clock ?? systemClock;
  return {
    selfId: options.selfId,
    topology: options.topology,
    store: {
      connections: new Map(),
      connectionsByIx: new Map(),
      features: new Map(),
      featuresByIx: new Map(),
      keys: new Map(),
      macsec: new Map(),
      maintenance: new Map(),
      peerMaintenance: new Map(),
      issues: new Map(),
      everExisted: new Set(),
    },
    clock,
    timers: createTimerSet(clock),
    faults: options.faults ?? NO_FAULTS,
    settings: {
      basePath: (options.basePath ?? '/cc/v1').replace(/\/+$/, ''),
      provisioningDelayMs: options.provisioningDelayMs ?? 20,
      macSecActivationDelayMs: options.macSecActivationDelayMs ?? 20,
      acceptDeferral: options.acceptDeferral ?? true,
      maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024,
    },
    peers: new Map(),
    known: new Set(options.knownProviders ?? []),
    outbound: guardOutbound(options.outbound ?? createOutbound()),
    listeners: options.listeners ?? {},
    guidanceOverrides: new Map(),
  };
}

/** The environment with id `env`. */
export function findEnvironment(engine: Engine, env: string): EnvironmentSpec | undefined {
  return engine.topology.environments.find((e) => e.id === env);
}

/** The interconnect `ix` of environment `env`. */
export function findInterconnect(engine: Engine, env: string, ix: string): InterconnectSpec | undefined {
  return findEnvironment(engine, env)?.interconnects.find((i) => i.id === ix);
}

/** The channel `channel` of interconnect `ix` in `env`. */
export function findChannel(engine: Engine, env: string, ix: string, channel: string): ChannelSpec | undefined {
  return findInterconnect(engine, env, ix)?.channels.find((c) => c.id === channel);
}

/** The guidance this server gives for interconnect `ix`: run-time override, interconnect, environment, topology default. */
export function guidanceFor(engine: Engine, env: string, ix: string): L3BaseGuidance {
  return (
    engine.guidanceOverrides.get(interconnectKey('', env, ix)) ??
    findInterconnect(engine, env, ix)?.guidance ??
    findEnvironment(engine, env)?.guidance ??
    engine.topology.guidance
  );
}

/** The provider id of `side` on a channel, seen from a caller. */
export function sideProvider(engine: Engine, side: 'self' | 'caller', caller: string): string {
  return side === 'self' ? engine.selfId : caller;
}

/** Runs a listener soon, outside the current request, swallowing its errors (a listener must not break the engine). */
export function emit(engine: Engine, fn: () => void): void {
  engine.timers.after(0, () => {
    try {
      fn();
    } catch {
      // deliberately ignored: listeners belong to the layer above
    }
  });
}
