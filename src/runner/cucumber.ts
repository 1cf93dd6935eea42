/**
 * Running the kit's features with Cucumber in-process. Step definitions are loaded once per process and
 * reused (ES modules are only evaluated once), and the run context reaches them through the registry.
 * @packageDocumentation
 */
import { Writable } from 'node:stream';
import { loadSupport, runCucumber, type ISupportCodeLibrary } from '@cucumber/cucumber/api';
import type { Envelope } from '@cucumber/messages';

/** One finished scenario, as Cucumber reported it. */
export interface ScenarioOutcome {
  /** Scenario name. */
  readonly name: string;
  /** Feature file. */
  readonly feature: string;
  /** Cucumber's verdict. */
  readonly status: 'passed' | 'failed' | 'skipped';
  /** First line of the failure message, if any. */
  readonly message?: string;
  /** Tags. */
  readonly tags: readonly string[];
}

/** Options of {@link runFeatures}. */
export interface RunFeaturesOptions {
  /** Folder of `.feature` files. */
  readonly featuresDir: string;
  /** Folder of compiled step definitions. */
  readonly stepsDir: string;
  /** Run id registered in the context registry. */
  readonly runId: string;
  /** Tag expression, or empty for all. */
  readonly tags: string;
  /** Called for each finished scenario. */
  readonly onScenario: (s: ScenarioOutcome) => void;
  /** Stops starting new scenarios when aborted. */
  readonly signal?: AbortSignal;
}

let support: ISupportCodeLibrary | undefined;

const sink = (): Writable => new Writable({ write(_c, _e, cb) { cb(); } });

/** Runs the features; resolves with every scenario outcome. */
export async function runFeatures(o: RunFeaturesOptions): Promise<ScenarioOutcome[]> {
  const environment = { cwd: o.stepsDir, stdout: sink(), stderr: sink(), env: process.env };
  const sources = { paths: [`${o.featuresDir}/**/*.feature`], defaultDialect: 'en', names: [], tagExpression: o.tags, order: 'defined' as const };
  support ??= await loadSupport({ sources, support: { requireModules: [], requirePaths: [], importPaths: [`${o.stepsDir}/**/*.js`] } }, environment);
  const pickles = new Map<string, { name: string; uri: string; tags: string[] }>();
  const cases = new Map<string, string>();
  const started = new Map<string, string>();
  const worst = new Map<string, { status: ScenarioOutcome['status']; message?: string }>();
  const outcomes: ScenarioOutcome[] = [];
  const onMessage = (m: Envelope): void => {
    if (m.pickle !== undefined) pickles.set(m.pickle.id, { name: m.pickle.name, uri: m.pickle.uri, tags: m.pickle.tags.map((t) => t.name) });
    else if (m.testCase !== undefined) cases.set(m.testCase.id, m.testCase.pickleId);
    else if (m.testCaseStarted !== undefined) started.set(m.testCaseStarted.id, m.testCaseStarted.testCaseId);
    else if (m.testStepFinished !== undefined) {
      const r = m.testStepFinished.testStepResult;
      const key = m.testStepFinished.testCaseStartedId;
      const prev = worst.get(key);
      if (r.status === 'FAILED' || r.status === 'UNDEFINED' || r.status === 'AMBIGUOUS') {
        if (prev?.status !== 'failed') worst.set(key, { status: 'failed', message: (r.message ?? r.status).split('\n')[0] ?? r.status });
      } else if (r.status === 'SKIPPED' && prev === undefined) worst.set(key, { status: 'skipped' });
    } else if (m.testCaseFinished !== undefined) {
      const id = m.testCaseFinished.testCaseStartedId;
      const p = pickles.get(cases.get(started.get(id) ?? '') ?? '');
      const w = worst.get(id) ?? { status: 'passed' as const };
      const outcome: ScenarioOutcome = { name: p?.name ?? '?', feature: (p?.uri ?? '?').split('/').pop() ?? '?', status: w.status, tags: p?.tags ?? [], ...(w.message !== undefined ? { message: w.message } : {}) };
      outcomes.push(outcome);
      o.onScenario(outcome);
    }
  };
  await runCucumber({
    sources,
    support,
    runtime: { dryRun: false, failFast: false, filterStacktraces: true, parallel: 0, retry: 0, retryTagFilter: '', strict: true, worldParameters: { runId: o.runId } },
    formats: { stdout: 'summary', files: {}, publish: false, options: {} },
  }, environment, onMessage);
  return outcomes;
}
