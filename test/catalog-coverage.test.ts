import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readScenarios } from '../src/runner/features.js';
import { loadCatalog } from '../src/spec/catalog.js';
import { packageRoot } from '../src/spec/spec-files.js';

const root = packageRoot();
const catalog = loadCatalog();
const scenarios = readScenarios(join(root, 'features'));
const gapsFile = join(root, 'test', 'coverage-gaps.json');
const gaps: string[] = (JSON.parse(readFileSync(gapsFile, 'utf8')) as { notYetCovered: string[] }).notYetCovered;

test('every scenario names at least one catalog requirement, and only ids the catalog has', () => {
  for (const s of scenarios) {
    assert.ok(s.requirements.length > 0, `${s.feature}: "${s.name}" carries no @CC-… requirement tag`);
    for (const id of s.requirements) assert.ok(catalog.byId(id) !== undefined, `${s.feature}: "${s.name}" tags ${id}, which is not in spec/requirements.yaml`);
  }
});

test('every testable requirement is checked by a scenario or listed as a known gap, and the gap list has not drifted', () => {
  const covered = new Set(scenarios.flatMap((s) => s.requirements));
  const testable = catalog.entries.filter((e) => e.testable !== 'no').map((e) => e.id);
  const expectedGaps = testable.filter((id) => !covered.has(id)).sort();
  const nowCovered = gaps.filter((id) => covered.has(id));
  const unlisted = expectedGaps.filter((id) => !gaps.includes(id));
  const unknown = gaps.filter((id) => catalog.byId(id) === undefined || catalog.byId(id)?.testable === 'no');
  assert.deepEqual(
    { nowCovered, unlisted, unknown }, { nowCovered: [], unlisted: [], unknown: [] },
    `test/coverage-gaps.json is out of date: remove ids a scenario now covers, add new uncovered ones. Expected list:\n${JSON.stringify(expectedGaps)}`,
  );
});

test('a requirement that cannot be tested from outside carries the reason', () => {
  for (const e of catalog.entries.filter((x) => x.testable !== 'yes')) assert.ok((e.reason ?? '').length > 10, `${e.id} is testable:${e.testable} without a reason`);
});
