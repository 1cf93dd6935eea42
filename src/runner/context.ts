/**
 * What a run's scenarios share: clients, the kit's peer, the discovered topology, validators and the judgement book.
 * Cucumber clones world parameters, so the context is handed over through a registry keyed by run id.
 * @packageDocumentation
 */
import type { CoordinatorApi, Credentials, ExchangeLog, HooksApi } from '../client/index.js';
import type { RunConfig } from '../config/index.js';
import type { Peer } from '../peer/index.js';
import type { JudgementBook } from './judgements.js';
import type { Topology } from './topology.js';

/** Which customer-action hooks the candidate exposes (from the preflight). */
export type HookName = 'peer' | 'activation-keys' | 'accepted-keys' | 'update-connection' | 'delete-connection' | 'macsec-rotations' | 'maintenance-events';

/** Response validation as the steps need it (implemented by src/spec validators). */
export interface ResponseValidator {
  /** Issues found validating `body` as the success response of `operationId`. */
  validateResponse(operationId: string, body: unknown): ReadonlyArray<{ readonly path: string; readonly message: string; readonly keyword: string }>;
  /** Issues from the stricter "Required in the description" overlay for schema `name`. */
  strictRequiredIssues(schemaName: string, body: unknown): ReadonlyArray<{ readonly path: string; readonly message: string; readonly keyword: string }>;
  /** The component name of the success response schema of `operationId`, if any. */
  responseSchemaName(operationId: string): string | undefined;
}

/** Everything scenarios of one run share. */
export interface RunContext {
  /** The validated configuration. */
  readonly config: RunConfig;
  /** The candidate's API, called as the kit's provider. */
  readonly api: CoordinatorApi;
  /** The candidate's hooks, when configured. */
  readonly hooks: HooksApi | null;
  /** Hooks found present in the preflight. */
  readonly hooksPresent: ReadonlySet<HookName>;
  /** The kit's own peer API. */
  readonly peer: Peer;
  /** Discovered static resources. */
  readonly topology: Topology;
  /** Every exchange of the run. */
  readonly log: ExchangeLog;
  /** Response validators compiled once for the run. */
  readonly validator: ResponseValidator;
  /** Decisions about requirements. */
  readonly judgements: JudgementBook;
  /** Auth scheme used, for reproduce lines. */
  readonly authScheme: 'none' | 'bearer' | 'sigv4';
  /** The kit's resolved credentials for the candidate (in memory only: for probes that send wrong or stale ones on purpose). */
  readonly credentials: Credentials;
  /** How long to wait for asynchronous outcomes, milliseconds. */
  readonly settleMs: number;
  /** How long to watch for a call that must not come, milliseconds. */
  readonly quietMs: number;
  /** Progress lines for the user. */
  readonly progress: (line: string) => void;
  /** True once the run was interrupted: remaining scenarios are skipped. */
  readonly aborted: () => boolean;
}

const registry = new Map<string, RunContext>();

/** Makes a context reachable by the step definitions of a run. */
export function registerRun(runId: string, ctx: RunContext): void { registry.set(runId, ctx); }

/** Forgets a finished run. */
export function unregisterRun(runId: string): void { registry.delete(runId); }

/** The context of a run; a missing one is a bug in the kit. */
export function contextFor(runId: string): RunContext {
  const ctx = registry.get(runId);
  if (ctx === undefined) throw new Error(`internal: no run context registered for run ${runId}`);
  return ctx;
}
