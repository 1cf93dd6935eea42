import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluatePageWalk } from './pagination.js';

const full = ['a', 'b', 'c', 'd', 'e'];

test('a clean walk yields no findings', () => {
  const pages = [{ items: ['a', 'b'], nextPageToken: 't1' }, { items: ['c', 'd'], nextPageToken: 't2' }, { items: ['e'] }];
  assert.deepEqual(evaluatePageWalk({ pages, pageSize: 2, fullList: full }), []);
  assert.deepEqual(evaluatePageWalk({ pages: [{ items: ['a'], nextPageToken: '' }], pageSize: 2 }), []);
});

test('a page larger than pageSize is a CC-SCH-004 finding', () => {
  const found = evaluatePageWalk({ pages: [{ items: full }], pageSize: 2, fullList: full });
  assert.deepEqual(found.map((f) => [f.kind, f.requirementId]), [['too-many-items', 'CC-SCH-004']]);
});

test('repeated and missing items are CC-SCH-005 findings', () => {
  const pages = [{ items: ['a', 'b'], nextPageToken: 't1' }, { items: ['b', 'c'], nextPageToken: 't2' }, { items: ['c', 'd'] }];
  const found = evaluatePageWalk({ pages, pageSize: 2, fullList: full });
  assert.deepEqual(found.map((f) => f.kind).sort(), ['duplicate-item', 'duplicate-item', 'missing-item']);
  assert.ok(found.every((f) => f.requirementId === 'CC-SCH-005'));
});

test('a token that only leads to an empty last page is a CC-SCH-006 finding', () => {
  const pages = [{ items: ['a', 'b'], nextPageToken: 't1' }, { items: ['c'], nextPageToken: 't2' }, { items: [] }];
  const found = evaluatePageWalk({ pages, pageSize: 2, fullList: ['a', 'b', 'c'] });
  assert.deepEqual(found.map((f) => [f.kind, f.requirementId, f.page]), [['token-on-last-page', 'CC-SCH-006', 1]]);
});

test('a walk that stopped while tokens kept coming is reported as unfinished', () => {
  const found = evaluatePageWalk({ pages: [{ items: ['a'], nextPageToken: 'again' }], pageSize: 1 });
  assert.deepEqual(found.map((f) => f.kind), ['walk-unfinished']);
});
