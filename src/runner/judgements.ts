/**
 * The judgement book: what the scenarios decided about each requirement during a run.
 * Steps record judgements; the verdict is derived from them after the run.
 * @packageDocumentation
 */
import type { Evidence } from '../report/schema.js';

/** One decision about one requirement, made by one scenario. */
export interface Judgement {
  /** Requirement id, e.g. `CC-AK-003`. */
  readonly id: string;
  /** `pass`, `fail`, `blocked` (could not be judged because another requirement failed), `skip` (could not be judged for a stated reason), `na` (not applicable to this candidate). */
  readonly outcome: 'pass' | 'fail' | 'blocked' | 'skip' | 'na';
  /** Scenario that decided. */
  readonly scenario: string;
  /** Why (for fail: a one-line summary; for skip/na/blocked: the reason). */
  readonly reason?: string;
  /** The requirement whose failure blocked this one. */
  readonly blockedBy?: string;
  /** Which reading of an ambiguous rule the candidate chose. */
  readonly interpretation?: string;
  /** Evidence supporting the decision. */
  readonly evidence: readonly Evidence[];
}

/** Collects judgements in the order they are made. */
export class JudgementBook {
  readonly #items: Judgement[] = [];

  /** Records a judgement. */
  add(j: Judgement): void { this.#items.push(j); }

  /** All judgements for one requirement. */
  for(id: string): Judgement[] { return this.#items.filter((j) => j.id === id); }

  /** Every judgement so far. */
  all(): readonly Judgement[] { return this.#items; }
}
