/**
 * Turning judgements and the catalog into requirement results and the overall verdict (kit-contracts.md section 4).
 * @packageDocumentation
 */
import type { Evidence, RequirementResult, Report } from '../report/schema.js';
import type { Level, Category, Actor } from '../spec/categories.js';
import type { Judgement } from './judgements.js';

/** The catalog fields the verdict needs. */
export interface CatalogEntry {
  readonly id: string;
  readonly level: Level;
  readonly category: Category;
  readonly actor: Actor;
  readonly title: string;
  readonly source: string;
  readonly testable: 'yes' | 'partly' | 'no';
  readonly reason?: string | undefined;
  readonly severity?: 'blocker' | 'advisory' | undefined;
}

/** Reason text for requirements the kit does not check yet. */
export const NOT_YET_COVERED = 'not yet covered: no scenario of this kit version checks it';

/** How each catalog requirement relates to the scenarios of this run. */
export interface Coverage {
  /** Ids tagged on scenarios that were selected for this run. */
  readonly selected: ReadonlySet<string>;
  /** Ids tagged on any scenario of the kit. */
  readonly covered: ReadonlySet<string>;
  /** Scenario names per id. */
  readonly scenariosById: ReadonlyMap<string, readonly string[]>;
}

function mergeEvidence(js: readonly Judgement[], limit = 12): Evidence[] {
  const out: Evidence[] = [];
  for (const j of js) for (const e of j.evidence) if (out.length < limit) out.push(e);
  return out;
}

/** Decides one requirement's result from its judgements and coverage. */
export function resolveRequirement(entry: CatalogEntry, js: readonly Judgement[], cov: Coverage): RequirementResult {
  const base = {
    id: entry.id, level: entry.level, category: entry.category, actor: entry.actor, title: entry.title, source: entry.source,
    scenarios: [...(cov.scenariosById.get(entry.id) ?? [])],
    ...(entry.severity !== undefined ? { severity: entry.severity } : {}),
  };
  const interpretation = js.map((j) => j.interpretation).filter((x): x is string => x !== undefined);
  const interp = interpretation.length > 0 ? { interpretation: [...new Set(interpretation)].join('; ') } : {};
  const fails = js.filter((j) => j.outcome === 'fail');
  if (fails.length > 0) {
    return { ...base, ...interp, status: 'failed', reason: fails.map((f) => f.reason ?? 'failed').filter((v, i, a) => a.indexOf(v) === i).join('; '), evidence: mergeEvidence(fails) };
  }
  const passes = js.filter((j) => j.outcome === 'pass');
  const blocked = js.find((j) => j.outcome === 'blocked');
  const skipped = js.find((j) => j.outcome === 'skip');
  const na = js.find((j) => j.outcome === 'na');
  if (passes.length > 0 && blocked === undefined && skipped === undefined) {
    return { ...base, ...interp, status: 'passed', evidence: mergeEvidence(passes, 6) };
  }
  if (blocked !== undefined) {
    return { ...base, ...interp, status: 'skipped', reason: `blocked by ${blocked.blockedBy ?? 'an earlier failure'}${blocked.reason !== undefined ? `: ${blocked.reason}` : ''}`, ...(blocked.blockedBy !== undefined ? { blockedBy: blocked.blockedBy } : {}), evidence: mergeEvidence([blocked]) };
  }
  if (skipped !== undefined) return { ...base, ...interp, status: 'skipped', reason: skipped.reason ?? 'skipped', evidence: mergeEvidence([skipped]) };
  if (na !== undefined && passes.length === 0) return { ...base, ...interp, status: 'not-applicable', reason: na.reason ?? 'not applicable', evidence: mergeEvidence([na]) };
  if (passes.length > 0) return { ...base, ...interp, status: 'passed', evidence: mergeEvidence(passes, 6) };
  if (entry.testable === 'no') {
    return { ...base, status: 'not-applicable', reason: `not testable from outside the candidate: ${entry.reason ?? 'see catalog'}`, evidence: [] };
  }
  if (!cov.covered.has(entry.id)) return { ...base, status: 'skipped', reason: NOT_YET_COVERED, evidence: [] };
  if (!cov.selected.has(entry.id)) return { ...base, status: 'skipped', reason: 'not selected by --tags in this run', evidence: [] };
  return { ...base, status: 'skipped', reason: 'its scenarios ran but did not reach a decision', evidence: [] };
}

/** The verdict and its one-line reason. */
export function decideVerdict(results: readonly RequirementResult[], interrupted: boolean): { verdict: Report['verdict']; reason: string } {
  if (interrupted) return { verdict: 'INCOMPLETE', reason: 'the run was interrupted before every scenario finished' };
  const mustFailed = results.filter((r) => r.level === 'MUST' && r.status === 'failed');
  const mustSkipped = results.filter((r) => r.level === 'MUST' && r.status === 'skipped' && r.reason !== NOT_YET_COVERED);
  if (mustFailed.length > 0) {
    return { verdict: 'NOT_CERTIFIED', reason: `${mustFailed.length} MUST requirement(s) failed: ${mustFailed.slice(0, 5).map((r) => r.id).join(', ')}${mustFailed.length > 5 ? ', …' : ''}` };
  }
  if (mustSkipped.length > 0) {
    return { verdict: 'NOT_CERTIFIED', reason: `${mustSkipped.length} MUST requirement(s) could not be judged: ${mustSkipped.slice(0, 5).map((r) => `${r.id} (${r.reason ?? 'skipped'})`).join(', ')}${mustSkipped.length > 5 ? ', …' : ''}` };
  }
  const uncovered = results.filter((r) => r.level === 'MUST' && r.reason === NOT_YET_COVERED).length;
  return {
    verdict: 'CERTIFIED',
    reason: uncovered === 0
      ? 'every MUST requirement the kit checks passed'
      : `every MUST requirement this kit version checks passed; ${uncovered} MUST requirement(s) are not yet covered by the kit and are listed as skipped`,
  };
}

/** Counts for the report summary. */
export function summarize(results: readonly RequirementResult[]): Report['summary'] {
  const count = (s: RequirementResult['status']): number => results.filter((r) => r.status === s).length;
  return {
    passed: count('passed'),
    failed: count('failed'),
    skipped: count('skipped'),
    notApplicable: count('not-applicable'),
    mustFailed: results.filter((r) => r.level === 'MUST' && r.status === 'failed').length,
    mustSkipped: results.filter((r) => r.level === 'MUST' && r.status === 'skipped' && r.reason !== NOT_YET_COVERED).length,
    notYetCovered: results.filter((r) => r.reason === NOT_YET_COVERED).length,
  };
}
