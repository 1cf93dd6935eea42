/**
 * The scenario World: the run context plus the few facts one scenario accumulates, and the judging API steps use.
 * @packageDocumentation
 */
import { World, setDefaultTimeout, setWorldConstructor, defineParameterType, type IWorldOptions } from '@cucumber/cucumber';
import type { Exchange, IxRef } from '../../src/client/index.js';
import type { Evidence } from '../../src/report/schema.js';
import { contextFor, type HookName, type RunContext } from '../../src/runner/context.js';
import { exchangeEvidence } from '../../src/runner/evidence.js';
import type { InterconnectInfo } from '../../src/runner/topology.js';
import type { IssuedKey, NegotiatedConnection, ProposedFeature } from '../../src/peer/negotiator.js';

/** Parameters Cucumber hands to each World (cloned, so only the run id). */
export interface WorldParams {
  /** Id under which the run context is registered. */
  readonly runId: string;
}

/** Thrown by a step that cannot go on because an earlier requirement failed or a hook is absent. */
export class ScenarioStop extends Error {
  /** Creates a stop with the reason shown for every requirement the scenario could not judge. */
  constructor(message: string) {
    super(message);
    this.name = 'ScenarioStop';
  }
}

/** Options of {@link CtkWorld.judge}. */
export interface JudgeOptions {
  /** Which reading of an ambiguous rule the candidate chose. */
  readonly interpretation?: string;
  /** Later steps depend on this outcome: a failure stops the scenario and blocks the rest. */
  readonly hard?: boolean;
  /** Requirements whose earlier failure in this run explains a failure here: it is then recorded as blocked by them. */
  readonly rootCauses?: readonly string[];
}

/** One scenario's world. */
export class CtkWorld extends World<WorldParams> {
  /** The run's shared context. */
  readonly ctx: RunContext;
  /** Scenario name, set by the Before hook. */
  scenario = '';
  /** Requirement ids tagged on the scenario. */
  tagged: string[] = [];
  /** Activation key the candidate issued in this scenario. */
  key: IssuedKey | undefined;
  /** Activation key the kit issued to the candidate's customer in this scenario. */
  issued: { readonly encodedKey: string; readonly uuid: string; readonly env: string; readonly bandwidthMbps: number } | undefined;
  /** Facts captured while the candidate called the kit (e.g. the candidate's state when a call arrived). */
  readonly seen = new Map<string, Exchange>();
  /** Connection the kit negotiated in this scenario. */
  connection: NegotiatedConnection | undefined;
  /** Features the kit proposed in this scenario. */
  features: ProposedFeature[] = [];
  /** Exchanges the last When step made, for the Then steps to judge. */
  observed: Exchange[] = [];
  /** Interconnect a scenario singled out (e.g. the one it filled). */
  target: InterconnectInfo | undefined;
  /** Exchange-log position before the scenario's protocol moves, to find the candidate's calls after it. */
  mark = 0;
  /** A value a later Then step compares with (e.g. the bandwidth asked for). */
  expected: number | undefined;
  /** The second connection of a migration, with the ids of its features. */
  migrated: { readonly conn: NegotiatedConnection; readonly features: readonly string[] } | undefined;
  /** Connections to delete after the scenario. */
  readonly cleanup: Array<{ ref: IxRef; id: string }> = [];
  /** Requirement ids this scenario judged, and those that failed. */
  readonly judged = new Set<string>();
  /** Requirement ids this scenario judged as failed. */
  readonly failed = new Set<string>();
  /** Why the scenario stopped early (blocked or hook absent). */
  stop: { reason: string; blockedBy?: string; skip?: boolean } | undefined;

  /** Builds the world from Cucumber's options. */
  constructor(options: IWorldOptions<WorldParams>) {
    super(options);
    this.ctx = contextFor(options.parameters.runId);
  }

  /** Evidence for an exchange, with a reproduce line. */
  ev(e: Exchange): Evidence { return exchangeEvidence(e, this.ctx.authScheme); }

  /** Records a decision about a requirement. A hard failure stops the scenario; later tagged ids show as blocked by it. */
  judge(id: string, ok: boolean, summary: string, evidence: readonly Evidence[], opts: JudgeOptions = {}): void {
    const cause = ok ? undefined : this.failedEarlier(opts.rootCauses ?? []);
    if (cause !== undefined) {
      this.judged.add(id);
      this.ctx.judgements.add({ id, outcome: 'blocked', scenario: this.scenario, blockedBy: cause, reason: summary, evidence });
      if (opts.hard === true) {
        this.stop = { reason: summary, blockedBy: cause };
        throw new ScenarioStop(`${id} could not be judged: ${cause} failed earlier`);
      }
      return;
    }
    this.judged.add(id);
    if (!ok) this.failed.add(id);
    this.ctx.judgements.add({
      id, outcome: ok ? 'pass' : 'fail', scenario: this.scenario, ...(ok ? {} : { reason: summary }),
      ...(opts.interpretation !== undefined ? { interpretation: opts.interpretation } : {}), evidence,
    });
    if (!ok && opts.hard === true) {
      this.stop = { reason: summary, blockedBy: id };
      throw new ScenarioStop(`${id} failed: ${summary}`);
    }
  }

  /** Waits the quiet period during which a call that must not come would have arrived. */
  async quietPeriod(): Promise<void> {
    await new Promise((r) => setTimeout(r, this.ctx.quietMs));
  }

  /** The first of `ids` that has failed so far in this run, if any. */
  failedEarlier(ids: readonly string[]): string | undefined {
    return ids.find((id) => this.ctx.judgements.for(id).some((j) => j.outcome === 'fail'));
  }

  /** Records that a requirement does not apply to this candidate, with the reason. */
  notApplicable(id: string, reason: string, evidence: readonly Evidence[] = []): void {
    this.judged.add(id);
    this.ctx.judgements.add({ id, outcome: 'na', scenario: this.scenario, reason, evidence });
  }

  /** Marks every requirement of the scenario not applicable and returns Cucumber's 'skipped' so the remaining steps do not run. */
  notApplicableAll(reason: string): 'skipped' {
    for (const id of this.tagged) this.notApplicable(id, reason);
    return 'skipped';
  }

  /** Stops the scenario because requirement `by` failed (recording that failure with its evidence). */
  blockedBy(by: string, summary: string, evidence: readonly Evidence[], rootCauses: readonly string[] = []): never {
    const cause = this.failedEarlier(rootCauses);
    if (cause === undefined) {
      this.judged.add(by);
      this.failed.add(by);
      this.ctx.judgements.add({ id: by, outcome: 'fail', scenario: this.scenario, reason: summary, evidence });
    }
    this.stop = { reason: summary, blockedBy: cause ?? by };
    throw new ScenarioStop(`${by} failed: ${summary}`);
  }

  /** Stops the scenario (its requirements skipped) unless the candidate exposes the hook. */
  requireHook(name: HookName): void {
    if (this.ctx.hooks === null || !this.ctx.hooksPresent.has(name)) {
      const reason = this.ctx.hooks === null ? 'candidate.hooksUrl is not configured' : `the candidate does not expose the ${name} hook`;
      this.stop = { reason, skip: true };
      throw new ScenarioStop(reason);
    }
  }

  /** The connection negotiated earlier in the scenario; a missing one is a bug in the feature file. */
  get conn(): NegotiatedConnection {
    if (this.connection === undefined) throw new Error('internal: no connection was negotiated earlier in this scenario');
    return this.connection;
  }
}

setWorldConstructor(CtkWorld);

// Steps bound their own waits by timeouts.settleSeconds (default 20 s) or an SLA window; Cucumber's 5 s default
// would cut a slow but conformant candidate short. This outer bound only stops a step that hangs.
setDefaultTimeout(15 * 60 * 1000);

defineParameterType({ name: 'requirement', regexp: /CC-[A-Z]{2,3}-\d{3}/, transformer: (s: string) => s });
