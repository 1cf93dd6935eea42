import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSpec, matchOperation, operations, readSpecDocument, successCode, validateSpecFile } from './openapi.js';

const CONNECTION = '/providers/{provider}/environments/{environment}/interconnects/{interconnect}/connections/{connection}';

test("the kit's spec/openapi.yaml passes swagger-parser validation", async () => {
  const result = await validateSpecFile();
  assert.deepEqual(result, { valid: true, errors: [] });
});

test('an invalid document is reported with its errors, not thrown', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ctk-bad-spec-'));
  const file = join(dir, 'openapi.yaml');
  writeFileSync(file, 'openapi: 3.0.3\ninfo: {title: t, version: v1}\npaths:\n  /x:\n    get:\n      responses: {}\n      parameters: [{name: a, in: nowhere}]\n');
  const result = await validateSpecFile(file);
  assert.equal(result.valid, false);
  assert.ok(result.errors.length > 0);
});

test('the document declares the 33 upstream operations, each operationId once', () => {
  const ops = operations(readSpecDocument());
  assert.equal(ops.length, 33);
  assert.equal(new Set(ops.map((op) => op.operationId)).size, 33);
});

test('operations name their request and success response schemas and parameters', () => {
  const byId = new Map(operations(readSpecDocument()).map((op) => [op.operationId, op]));
  const create = byId.get('CreateConnection');
  assert.equal(create?.method, 'POST');
  assert.equal(create?.requestSchemaName, 'Connection');
  assert.equal(create?.responseSchemaName, 'Connection');
  assert.equal(create?.requestBodyRequired, true);
  assert.deepEqual(
    create?.parameters.map((p) => `${p.in} ${p.name} ${String(p.required)} ${p.type}`),
    ['path provider true string', 'path environment true string', 'path interconnect true string', 'query connectionId true string'],
  );
  assert.equal(byId.get('DeleteConnection')?.responseSchemaName, 'Empty');
  assert.equal(byId.get('GetConnection')?.requestSchemaName, undefined);
  assert.equal(byId.get('ListChannels')?.parameters.find((p) => p.name === 'pageSize')?.type, 'integer/int32');
  assert.deepEqual(byId.get('GetProvider')?.responseCodes, ['200', 'default']);
});

test('loadSpec dereferences every $ref, and names still resolve by identity', async () => {
  const doc = await loadSpec();
  assert.equal(JSON.stringify(doc.paths).includes('"$ref"'), false);
  const create = operations(doc).find((op) => op.operationId === 'CreateFeature');
  assert.equal(create?.requestSchemaName, 'Feature');
  assert.equal(create?.parameters.length, 5);
});

test('successCode prefers 200, then the lowest 2xx, then default', () => {
  assert.equal(successCode(['200', 'default']), '200');
  assert.equal(successCode(['204', '201', '404']), '201');
  assert.equal(successCode(['default']), 'default');
  assert.equal(successCode(['404']), undefined);
});

test('matchOperation maps a concrete path to its operation and decoded path parameters', () => {
  const match = matchOperation('get', '/providers/aws/environments/e1/interconnects/ix1/connections/abc');
  assert.deepEqual(match, {
    operationId: 'GetConnection',
    method: 'GET',
    pathTemplate: CONNECTION,
    params: { provider: 'aws', environment: 'e1', interconnect: 'ix1', connection: 'abc' },
  });
  assert.deepEqual(matchOperation('POST', '/providers/aws/issues/issue%201/Close')?.params, { provider: 'aws', issue: 'issue 1' });
});

test('matchOperation strips a base path, a query string and a trailing slash', () => {
  const path = '/cc/v1/providers/aws/environments/e1/interconnects/ix1/connections/?pageSize=2';
  assert.equal(matchOperation('GET', path)?.operationId, 'ListConnections');
  assert.equal(matchOperation('POST', path, { basePath: '/cc/v1' })?.operationId, 'CreateConnection');
  assert.equal(matchOperation('POST', path, { basePath: '/other' }), undefined);
  assert.equal(matchOperation('PATCH', '/cc/v1/providers/aws/environments/e1/interconnects/ix1/connections/c1', { basePath: '/cc/v1/' })?.operationId, 'UpdateConnection');
});

test('matchOperation tells literal action segments from resource ids', () => {
  const base = '/providers/gcp/environments/e1/interconnects/ix1';
  assert.equal(matchOperation('POST', '/providers/gcp/environments/e1/ConfirmActivationKey')?.operationId, 'ConfirmActivationKey');
  assert.equal(matchOperation('POST', `${base}/channels/ch1/NotifyMaintenance`)?.operationId, 'NotifyMaintenance');
  assert.equal(matchOperation('GET', `${base}/channels/ch1/maintenanceEvents`)?.operationId, 'GetMaintenanceEvents');
  assert.equal(matchOperation('DELETE', `${base}/channels/ch1/macSecKeys/k2`)?.params['macSecKey'], 'k2');
  assert.equal(matchOperation('POST', `${base}/connections/c1/features?featureId=ch1`)?.operationId, 'CreateFeature');
  assert.equal(matchOperation('GET', '/providers')?.operationId, 'ListProviders');
});

test('matchOperation answers undefined for unknown paths, wrong methods and malformed escapes', () => {
  assert.equal(matchOperation('GET', '/health'), undefined);
  assert.equal(matchOperation('PUT', '/providers/aws'), undefined);
  assert.equal(matchOperation('GET', '/providers/aws/environments/e1/unknown'), undefined);
  assert.equal(matchOperation('GET', '/providers/%E0%A4%A'), undefined);
});
