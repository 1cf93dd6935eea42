import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsonErrorOffset, lineColumn } from './json-error.js';

test('valid JSON has no error offset', () => {
  for (const ok of ['{}', ' [1, -2.5e3, "a\\"b\\u00e9", true, false, null, {"k": []}] ', '"x"', '0']) assert.equal(jsonErrorOffset(ok), undefined, ok);
});

test('the offset points at the first character that cannot continue valid JSON', () => {
  assert.equal(jsonErrorOffset('[,]'), 1);
  assert.equal(jsonErrorOffset('{"a": 1,}'), 8);
  assert.equal(jsonErrorOffset('{"a" 1}'), 5);
  assert.equal(jsonErrorOffset('[1 2]'), 3);
  assert.equal(jsonErrorOffset('{"a": 01}'), 7);
  assert.equal(jsonErrorOffset('[1] x'), 4);
  assert.equal(jsonErrorOffset('{"a": [1, 2'), 11);
  assert.equal(lineColumn('{\n  "a": [,]\n}', jsonErrorOffset('{\n  "a": [,]\n}') ?? 0), 'line 2, column 9');
});
