import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RequirementResult } from '../report/schema.js';
import { decideVerdict, NOT_YET_COVERED, resolveRequirement, summarize, type CatalogEntry, type Coverage } from './verdict.js';

const entry = (id: string, level: CatalogEntry['level'] = 'MUST', testable: CatalogEntry['testable'] = 'yes'): CatalogEntry => ({
  id, level, category: 'schema', actor: 'server', title: `title ${id}`, source: 'x.md#y', testable, ...(testable !== 'yes' ? { reason: 'needs seven days' } : {}),
});
const cov = (covered: string[], selected = covered): Coverage => ({ covered: new Set(covered), selected: new Set(selected), scenariosById: new Map() });

test('one failing judgement fails the requirement even when others pass', () => {
  const r = resolveRequirement(entry('CC-SCH-001'), [
    { id: 'CC-SCH-001', outcome: 'pass', scenario: 'a', evidence: [] },
    { id: 'CC-SCH-001', outcome: 'fail', scenario: 'b', reason: 'enum', evidence: [] },
  ], cov(['CC-SCH-001']));
  assert.equal(r.status, 'failed');
  assert.equal(r.reason, 'enum');
});

test('a requirement blocked by another says which one', () => {
  const r = resolveRequirement(entry('CC-NEG-013'), [{ id: 'CC-NEG-013', outcome: 'blocked', scenario: 's', blockedBy: 'CC-NEG-012', reason: 'not final', evidence: [] }], cov(['CC-NEG-013']));
  assert.equal(r.status, 'skipped');
  assert.equal(r.blockedBy, 'CC-NEG-012');
  assert.match(r.reason ?? '', /^blocked by CC-NEG-012/);
});

test('uncovered, deselected and untestable requirements are skipped or not applicable with their reasons, never passed', () => {
  assert.equal(resolveRequirement(entry('CC-X-1'), [], cov([])).reason, NOT_YET_COVERED);
  assert.match(resolveRequirement(entry('CC-X-2'), [], cov(['CC-X-2'], [])).reason ?? '', /--tags/);
  const na = resolveRequirement(entry('CC-X-3', 'MUST', 'no'), [], cov([]));
  assert.equal(na.status, 'not-applicable');
  assert.match(na.reason ?? '', /needs seven days/);
});

const result = (id: string, level: RequirementResult['level'], status: RequirementResult['status'], reason?: string): RequirementResult => ({
  id, level, status, category: 'schema', title: id, source: 's', scenarios: [], evidence: [], ...(reason !== undefined ? { reason } : {}),
});

test('the verdict: MUST failed or MUST not judged blocks; SHOULD failures and kit coverage gaps do not', () => {
  assert.equal(decideVerdict([result('a', 'MUST', 'passed'), result('b', 'SHOULD', 'failed')], false).verdict, 'CERTIFIED');
  assert.equal(decideVerdict([result('a', 'MUST', 'failed')], false).verdict, 'NOT_CERTIFIED');
  assert.equal(decideVerdict([result('a', 'MUST', 'skipped', 'the candidate does not expose the accepted-keys hook')], false).verdict, 'NOT_CERTIFIED');
  const gap = decideVerdict([result('a', 'MUST', 'passed'), result('b', 'MUST', 'skipped', NOT_YET_COVERED)], false);
  assert.equal(gap.verdict, 'CERTIFIED');
  assert.match(gap.reason, /1 MUST requirement\(s\) are not yet covered/);
  assert.equal(decideVerdict([result('a', 'MUST', 'passed')], true).verdict, 'INCOMPLETE');
});

test('the summary counts MUST failures, MUST not judged and coverage gaps separately', () => {
  const s = summarize([result('a', 'MUST', 'failed'), result('b', 'MUST', 'skipped', 'blocked by a'), result('c', 'MUST', 'skipped', NOT_YET_COVERED), result('d', 'SHOULD', 'not-applicable')]);
  assert.deepEqual(s, { passed: 0, failed: 1, skipped: 2, notApplicable: 1, mustFailed: 1, mustSkipped: 1, notYetCovered: 1 });
});
