import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { isCtkError } from '../errors/index.js';
import { compareDrift, computeDrift, expectedDrift, formatDrift, leafErrors, upstreamSpecFile, type DriftReport } from './drift.js';
import { loadSpec, operations, readSpecDocument } from './openapi.js';
import { defaultUpstreamDir, errataPath, specPath } from './spec-files.js';

const upstreamDir = defaultUpstreamDir(process.env);
const upstreamPresent = existsSync(join(upstreamDir, 'connection-coordinator', 'openapi.yaml')) || existsSync(join(upstreamDir, 'openapi.yaml'));
const skipMessage = `upstream spec not found at ${upstreamDir}: drift test skipped`;

test('the drift between upstream and spec/openapi.yaml is exactly what ERRATA.md explains', async (t) => {
  if (!upstreamPresent) {
    t.skip(skipMessage);
    return;
  }
  const report = await computeDrift(upstreamDir);
  assert.deepEqual(report.oursErrors, [], 'spec/openapi.yaml must be valid');
  const { unexplained, missing } = compareDrift(report, expectedDrift());
  const help = [
    'Drift differs from the "Expected drift" block of spec/ERRATA.md.',
    unexplained.length > 0 ? `Observed but not explained (re-encode, or explain and list):\n  ${unexplained.join('\n  ')}` : '',
    missing.length > 0 ? `Listed but no longer observed (remove from the list):\n  ${missing.join('\n  ')}` : '',
  ].join('\n');
  assert.deepEqual({ unexplained, missing }, { unexplained: [], missing: [] }, help);
});

test('every upstream operationId is present in spec/openapi.yaml with the same method and path', async (t) => {
  if (!upstreamPresent) {
    t.skip(skipMessage);
    return;
  }
  const upstreamOps = operations(await loadSpec(upstreamSpecFile(upstreamDir)));
  assert.equal(upstreamOps.length, 33);
  const ours = new Set(operations(readSpecDocument()).map((op) => `${op.method} ${op.pathTemplate} ${op.operationId}`));
  for (const op of upstreamOps) {
    const key = `${op.method} ${op.pathTemplate} ${op.operationId}`;
    assert.ok(ours.has(key), `${key} missing from spec/openapi.yaml`);
  }
});

test('ERRATA.md has an entry for every review defect D01-D72, and the drift list cites only existing entries', () => {
  const text = readFileSync(errataPath(), 'utf8');
  const headings = new Set([...text.matchAll(/^### ([DE]\d\d) /gm)].map((m) => m[1]));
  for (let i = 1; i <= 72; i += 1) assert.ok(headings.has(`D${String(i).padStart(2, '0')}`), `D${i} has no entry`);
  const expected = expectedDrift();
  const all = [...expected.items, ...expected.upstreamErrors];
  assert.ok(all.length > 0);
  for (const { item, errata } of all) assert.ok(headings.has(errata), `${errata} (for "${item}") has no entry`);
  assert.equal(new Set(all.map((e) => e.item)).size, all.length, 'duplicate drift lines');
  const cited = new Set([...readFileSync(specPath(), 'utf8').matchAll(/\b([DE]\d\d)\b/g)].map((m) => m[1]));
  for (const id of cited) assert.ok(id !== undefined && headings.has(id), `spec/openapi.yaml cites ${String(id)}, which ERRATA.md lacks`);
});

function write(root: string, rel: string, text: string): void {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  writeFileSync(join(root, rel), text);
}

function fixture(): { upstream: string; ours: string } {
  const root = mkdtempSync(join(tmpdir(), 'ctk-drift-'));
  const cc = 'upstream/connection-coordinator';
  write(root, `${cc}/openapi.yaml`, `openapi: 3.0.3
info: {title: up, version: v1}
paths:
  /things/{thing}:
    $ref: paths/things.yaml#/OneThing
  /gone:
    get: {operationId: Gone, responses: {default: {description: ok}}, security: []}
components:
  schemas:
    Thing: {$ref: schemas/thing.yaml#/Thing}
  parameters:
    thing: {$ref: parameters/_index.yaml#/parameters/thing}
    old: {name: $old, in: query, schema: {type: string}}
`);
  write(root, `${cc}/paths/things.yaml`, `OneThing:
  get:
    operationId: GetThing
    parameters:
      - $ref: "../parameters/_index.yaml#/parameters/thing"
      - {name: pageSize, in: query, required: false, schema: {type: integer, format: int32}}
      - {name: filter, in: query, schema: {type: string}}
    responses:
      default:
        description: ok
        content: {application/json: {schema: {$ref: "../schemas/thing.yaml#/Thing"}}}
    security: []
  post:
    operationId: PostThing
    requestBody: {content: {application/json: {schema: {$ref: "../schemas/thing.yaml#/Thing"}}}}
    responses: {default: {description: ok}}
    security: []
`);
  write(root, `${cc}/parameters/_index.yaml`, `parameters:
  thing: {name: thing, in: path, required: true, schema: {type: string}}
`);
  write(root, `${cc}/schemas/thing.yaml`, `Thing:
  type: object
  required: [name]
  properties:
    name: {type: string}
    size: {type: uint32}
    state: {allOf: [{$ref: "#/State"}], readOnly: true}
    tags: {type: array, items: {$ref: "#/Tag"}}
    legacy: {type: string}
State: {type: string, enum: [ON, OFF, UNKNOWN]}
Tag: {type: object, properties: {label: {type: string}}}
Orphan: {type: object}
`);
  write(root, 'ours.yaml', `openapi: 3.0.3
info: {title: ours, version: v1}
security: [{bearer: []}]
paths:
  /things/{thing}:
    get:
      operationId: GetThing
      parameters:
        - $ref: '#/components/parameters/thing'
        - {name: pageSize, in: query, required: true, schema: {type: integer, format: int64}}
        - {name: extra, in: query, schema: {type: string}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}
        default: {description: error}
    post:
      operationId: PostThing
      parameters: [{$ref: '#/components/parameters/thing'}]
      requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Tag'}}}}
      responses: {default: {description: ok}}
      security: []
  /new:
    get: {operationId: New, responses: {default: {description: ok}}}
components:
  securitySchemes: {bearer: {type: http, scheme: bearer}}
  parameters:
    thing: {name: thing, in: path, required: true, schema: {type: string}}
  schemas:
    Thing:
      type: object
      required: [name, size]
      properties:
        name: {type: string}
        size: {type: integer, format: int64}
        state: {allOf: [{$ref: '#/components/schemas/State'}]}
        tags: {type: array, items: {$ref: '#/components/schemas/Tag'}}
        added: {type: boolean}
    State: {type: string, enum: [ON, OFF, PAUSED]}
    Tag: {type: object, properties: {label: {type: string}}}
    Fresh: {type: object}
`);
  return { upstream: join(root, 'upstream'), ours: join(root, 'ours.yaml') };
}

test('computeDrift reports each kind of difference, resolving names across upstream files', async () => {
  const { upstream, ours } = fixture();
  const report = await computeDrift(upstream, ours);
  const expected = [
    'component parameter old: only in upstream',
    'operation GetThing: parameter query extra only in ours',
    'operation GetThing: parameter query filter only in upstream',
    'operation GetThing: parameter query pageSize required differs (upstream false, ours true)',
    'operation GetThing: parameter query pageSize type differs (upstream integer/int32, ours integer/int64)',
    'operation GetThing: response codes differ (upstream default, ours 200 default)',
    'operation GetThing: security differs (upstream none, ours bearer)',
    'operation PostThing: parameter path thing only in ours',
    'operation PostThing: request schema differs (upstream Thing, ours Tag)',
    'operation only in ours: GET /new New',
    'operation only in upstream: GET /gone Gone',
    'schema Fresh: only in ours',
    'schema Orphan: only in upstream',
    'schema State: enum value PAUSED only in ours',
    'schema State: enum value UNKNOWN only in upstream',
    'schema Thing: property added only in ours',
    'schema Thing: property legacy only in upstream',
    'schema Thing: property size type differs (upstream uint32, ours integer/int64)',
    'schema Thing: property state readOnly differs (upstream true, ours false)',
    'schema Thing: required differs (upstream [name], ours [name,size])',
    'security scheme bearer: only in ours',
  ].sort();
  assert.deepEqual(report.items, expected);
  assert.ok(report.upstreamErrors.some((line) => line.includes('/properties/size/type must be equal to one of the allowed values')), report.upstreamErrors.join('\n'));
  assert.deepEqual(report.oursErrors, []);
  const again = await computeDrift(join(upstream, 'connection-coordinator'), ours);
  assert.deepEqual(again.items, report.items, 'the connection-coordinator folder itself is accepted too');
});

test('a directory without an upstream spec is a coded user error', async () => {
  const empty = mkdtempSync(join(tmpdir(), 'ctk-no-upstream-'));
  assert.throws(() => upstreamSpecFile(empty), (err: unknown) => isCtkError(err) && err.code === 'CTK_ERR_UPSTREAM_DIR' && err.message.includes(empty));
  await assert.rejects(computeDrift(empty), (err: unknown) => isCtkError(err) && err.code === 'CTK_ERR_UPSTREAM_DIR');
});

test('leafErrors drops the $ref/oneOf lines that only repeat a deeper error', () => {
  const lines = [
    'Swagger schema validation failed.',
    "#/a/b/type must be equal to one of the allowed values",
    "#/a/b must have required property '$ref'",
    '#/a/b must match exactly one schema in oneOf',
    "#/c must have required property '$ref'",
  ];
  assert.deepEqual(leafErrors(lines), ["#/a/b/type must be equal to one of the allowed values", "#/c must have required property '$ref'"]);
  assert.deepEqual(leafErrors(['Error parsing x.yaml', 'bad indentation']), ['Error parsing x.yaml', 'bad indentation']);
});

test('formatDrift tags each line with its errata id and names what the errata do not explain', () => {
  const report: DriftReport = { upstreamFile: '/u/openapi.yaml', oursFile: '/k/spec/openapi.yaml', items: ['a', 'b'], upstreamErrors: ['e'], oursErrors: [] };
  const expected = { items: [{ item: 'a', errata: 'D15' }, { item: 'gone', errata: 'D01' }], upstreamErrors: [{ item: 'e', errata: 'D01' }] };
  const text = formatDrift(report, expected);
  assert.match(text, /- a {2}\[D15\]/);
  assert.match(text, /- b {2}\[NOT IN ERRATA\]/);
  assert.match(text, /Listed in ERRATA.md but not observed:\n {2}- gone/);
  assert.deepEqual(compareDrift(report, expected), { unexplained: ['b'], missing: ['gone'] });
  assert.doesNotMatch(formatDrift(report), /\[/);
});

test('expectedDrift refuses errata without the Expected drift yaml block', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ctk-errata-'));
  const file = join(dir, 'ERRATA.md');
  writeFileSync(file, '# Errata\n\n## Expected drift\n\nnothing here\n');
  assert.throws(() => expectedDrift(file), /no ```yaml block/);
  writeFileSync(file, '## Expected drift\n\n```yaml\ndrift:\n  - { item: x }\nupstreamErrors: []\n```\n');
  assert.throws(() => expectedDrift(file), /drift\[0\] needs item and errata/);
});
