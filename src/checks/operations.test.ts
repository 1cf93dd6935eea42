import { test } from 'node:test';
import assert from 'node:assert/strict';
import { uncalledOperations, unimplementedAnswers } from './operations.js';

test('405 and 501 always mean "not implemented"; 404 only on resources that exist; refusals do not', () => {
  const calls = [
    { operation: 'ListComments', status: 501, targetExists: true },
    { operation: 'CloseIssue', status: 405, targetExists: false },
    { operation: 'GetMacSecKey', status: 404, targetExists: true },
    { operation: 'DeleteMacSecKey', status: 404, targetExists: false },
    { operation: 'CreateConnection', status: 409, targetExists: true },
    { operation: 'CreateMacSecKey', status: 403, targetExists: true },
    { operation: 'ListIssues', status: 200, targetExists: true },
  ];
  assert.deepEqual(unimplementedAnswers(calls).map((c) => c.operation), ['ListComments', 'CloseIssue', 'GetMacSecKey']);
});

test('documented operations that were never called are listed in their documented order', () => {
  const calls = [{ operation: 'GetProvider', status: 200, targetExists: true }];
  assert.deepEqual(uncalledOperations(calls, ['ListProviders', 'GetProvider', 'ListEnvironments']), ['ListProviders', 'ListEnvironments']);
});
