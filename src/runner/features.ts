/**
 * Reading the kit's Gherkin features: every scenario with its tags and requirement ids, and which of them a
 * tag expression selects. Used for coverage in reports and by the catalog coverage test.
 * @packageDocumentation
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateMessages } from '@cucumber/gherkin';
import { IdGenerator, SourceMediaType } from '@cucumber/messages';
import parseTagExpression from '@cucumber/tag-expressions';
import { CtkError } from '../errors/index.js';

/** One scenario (one pickle: outlines give one per example row). */
export interface ScenarioInfo {
  /** Scenario name. */
  readonly name: string;
  /** Feature file name. */
  readonly feature: string;
  /** All tags, with `@`. */
  readonly tags: readonly string[];
  /** Requirement ids among the tags. */
  readonly requirements: readonly string[];
}

const REQ = /^@(CC-[A-Z]{2,3}-\d{3})$/;

/** Parses every `.feature` file in `dir` into scenarios. */
export function readScenarios(dir: string): ScenarioInfo[] {
  const out: ScenarioInfo[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.feature')).sort()) {
    const envelopes = generateMessages(readFileSync(join(dir, file), 'utf8'), file, SourceMediaType.TEXT_X_CUCUMBER_GHERKIN_PLAIN, {
      includeSource: false, includeGherkinDocument: false, includePickles: true, newId: IdGenerator.incrementing(),
    });
    for (const env of envelopes) {
      if (env.parseError !== undefined) throw new Error(`internal: ${file} does not parse: ${env.parseError.message}`);
      const p = env.pickle;
      if (p === undefined) continue;
      const tags = p.tags.map((t) => t.name);
      out.push({ name: p.name, feature: file, tags, requirements: tags.map((t) => REQ.exec(t)?.[1]).filter((x): x is string => x !== undefined) });
    }
  }
  return out;
}

/** A predicate for a Cucumber tag expression; an invalid expression is a user error. */
export function tagFilter(expression: string | null | undefined): (tags: readonly string[]) => boolean {
  if (expression === null || expression === undefined || expression.trim() === '') return () => true;
  try {
    const node = parseTagExpression(expression);
    return (tags) => node.evaluate([...tags]);
  } catch (err) {
    throw new CtkError('CTK_ERR_TAGS_INVALID', `--tags "${expression}" is not a valid tag expression: ${err instanceof Error ? err.message : String(err)}`);
  }
}
