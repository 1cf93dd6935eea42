/**
 * Drift between the upstream Connection Coordinator spec and the kit's encoding: operations,
 * parameters, named schemas, properties, types and enums present or typed differently on one
 * side, plus upstream's own validation errors. spec/ERRATA.md lists the drift it explains.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { parse as parseYaml } from 'yaml';
import { CtkError } from '../errors/index.js';
import {
  arrayAt,
  componentNamer,
  errorLines,
  isObject,
  objectAt,
  operations,
  stringAt,
  type OpenApiDocument,
  type OperationInfo,
} from './openapi.js';
import { errataPath, specPath } from './spec-files.js';

/** The differences between upstream and the kit's encoding, as sorted, stable one-line items. */
export interface DriftReport {
  /** The upstream openapi.yaml compared. */
  upstreamFile: string;
  /** The kit's document compared. */
  oursFile: string;
  /** Structural differences, sorted. */
  items: string[];
  /** Upstream's own validation errors (swagger-parser), cascades removed, sorted. */
  upstreamErrors: string[];
  /** The kit document's validation errors; empty when it is valid. */
  oursErrors: string[];
}

interface PropertyShape {
  type: string;
  readOnly: boolean;
  deprecated: boolean;
  enum: string[];
}

interface SchemaShape {
  type: string;
  enum: string[];
  required: string[];
  properties: Map<string, PropertyShape>;
}

interface SpecModel {
  operations: Map<string, OperationInfo>;
  schemas: Map<string, SchemaShape>;
  parameters: Map<string, string>;
  securitySchemes: Set<string>;
}

/**
 * The upstream openapi.yaml inside `dir`, which may be the upstream root (holding
 * connection-coordinator/) or the connection-coordinator folder itself.
 * @throws CtkError CTK_ERR_UPSTREAM_DIR when neither layout is found.
 */
export function upstreamSpecFile(dir: string): string {
  for (const candidate of [join(dir, 'connection-coordinator', 'openapi.yaml'), join(dir, 'openapi.yaml')]) {
    if (existsSync(candidate)) return candidate;
  }
  throw new CtkError(
    'CTK_ERR_UPSTREAM_DIR',
    `No upstream spec in ${dir}: expected connection-coordinator/openapi.yaml or openapi.yaml there.`,
  );
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

function typeText(node: unknown): string {
  const type = stringAt(node, 'type');
  const format = stringAt(node, 'format');
  if (type === undefined) return format === undefined ? '(none)' : `(none)/${format}`;
  return format === undefined ? type : `${type}/${format}`;
}

/** A property's type as compared: a component name, `array<...>`, or `type/format`. */
function describe(node: unknown, names: ReadonlyMap<unknown, string>): string {
  const named = names.get(node);
  if (named !== undefined) return named;
  const allOf = arrayAt(node, 'allOf');
  if (allOf?.length === 1 && names.has(allOf[0])) return names.get(allOf[0]) ?? '';
  if (stringAt(node, 'type') === 'array') return `array<${describe(objectAt(node, 'items'), names)}>`;
  return typeText(node);
}

function schemaShape(schema: unknown, names: ReadonlyMap<unknown, string>): SchemaShape {
  const properties = new Map<string, PropertyShape>();
  for (const [name, prop] of Object.entries(objectAt(schema, 'properties') ?? {})) {
    properties.set(name, {
      type: describe(prop, names),
      readOnly: isObject(prop) && prop['readOnly'] === true,
      deprecated: isObject(prop) && prop['deprecated'] === true,
      enum: strings(isObject(prop) ? prop['enum'] : undefined),
    });
  }
  const own = isObject(schema) ? schema : {};
  return { type: typeText(schema), enum: strings(own['enum']), required: strings(own['required']).sort(), properties };
}

/** Named schemas: components.schemas, then every top-level entry of the files under a schemas/ folder. */
function namedSchemas(doc: OpenApiDocument, files: unknown): Map<string, unknown> {
  const named = new Map<string, unknown>(Object.entries(objectAt(doc, 'components', 'schemas') ?? {}));
  for (const file of Object.keys(isObject(files) ? files : {}).sort()) {
    if (!file.replace(/\\/g, '/').includes('/schemas/')) continue;
    for (const [name, schema] of Object.entries(objectAt(files, file) ?? {})) {
      if (!named.has(name) && isObject(schema)) named.set(name, schema);
    }
  }
  return named;
}

function parameterText(param: unknown): string {
  const required = isObject(param) && param['required'] === true;
  return `${stringAt(param, 'in') ?? '?'} ${stringAt(param, 'name') ?? '?'} required=${String(required)} ${typeText(objectAt(param, 'schema'))}`;
}

async function buildModel(file: string): Promise<SpecModel> {
  const parser = new SwaggerParser();
  const doc = (await parser.dereference(file)) as unknown as OpenApiDocument;
  const files: unknown = parser.$refs.values();
  const named = namedSchemas(doc, files);
  const names = new Map<unknown, string>();
  for (const [name, schema] of named) if (!names.has(schema)) names.set(schema, name);
  const schemas = new Map<string, SchemaShape>();
  for (const [name, schema] of named) schemas.set(name, schemaShape(schema, names));
  const ops = new Map<string, OperationInfo>();
  for (const op of operations(doc, componentNamer(doc, names))) {
    ops.set(`${op.method} ${op.pathTemplate} ${op.operationId}`, op);
  }
  const parameters = new Map<string, string>();
  for (const [name, param] of Object.entries(objectAt(doc, 'components', 'parameters') ?? {})) {
    parameters.set(name, parameterText(param));
  }
  return { operations: ops, schemas, parameters, securitySchemes: new Set(Object.keys(objectAt(doc, 'components', 'securitySchemes') ?? {})) };
}

/** Pushes `only in` lines for keys on one side, and returns the keys on both sides. */
function splitKeys(up: Iterable<string>, ours: Iterable<string>, label: (key: string, side: string) => string, out: string[]): string[] {
  const upSet = new Set(up);
  const ourSet = new Set(ours);
  for (const key of upSet) if (!ourSet.has(key)) out.push(label(key, 'upstream'));
  for (const key of ourSet) if (!upSet.has(key)) out.push(label(key, 'ours'));
  return [...upSet].filter((key) => ourSet.has(key));
}

/** Pushes `<prefix> <phrase> (upstream X, ours Y)` when the two values differ. */
function differs(prefix: string, phrase: string, up: string, ours: string, out: string[]): void {
  if (up !== ours) out.push(`${prefix} ${phrase} (upstream ${up}, ours ${ours})`);
}

function compareProperty(prefix: string, up: PropertyShape, ours: PropertyShape, out: string[]): void {
  differs(prefix, 'type differs', up.type, ours.type, out);
  differs(prefix, 'readOnly differs', String(up.readOnly), String(ours.readOnly), out);
  differs(prefix, 'deprecated differs', String(up.deprecated), String(ours.deprecated), out);
  splitKeys(up.enum, ours.enum, (v, side) => `${prefix} enum value ${v} only in ${side}`, out);
}

function compareSchema(name: string, up: SchemaShape, ours: SchemaShape, out: string[]): void {
  const prefix = `schema ${name}:`;
  differs(prefix, 'type differs', up.type, ours.type, out);
  differs(prefix, 'required differs', `[${up.required.join(',')}]`, `[${ours.required.join(',')}]`, out);
  splitKeys(up.enum, ours.enum, (v, side) => `${prefix} enum value ${v} only in ${side}`, out);
  const shared = splitKeys(up.properties.keys(), ours.properties.keys(), (p, side) => `${prefix} property ${p} only in ${side}`, out);
  for (const prop of shared) {
    const a = up.properties.get(prop);
    const b = ours.properties.get(prop);
    if (a !== undefined && b !== undefined) compareProperty(`${prefix} property ${prop}`, a, b, out);
  }
}

function compareOperation(up: OperationInfo, ours: OperationInfo, out: string[]): void {
  const prefix = `operation ${up.operationId}:`;
  const upParams = new Map(up.parameters.map((p) => [`${p.in} ${p.name}`, p]));
  const ourParams = new Map(ours.parameters.map((p) => [`${p.in} ${p.name}`, p]));
  const shared = splitKeys(upParams.keys(), ourParams.keys(), (k, side) => `${prefix} parameter ${k} only in ${side}`, out);
  for (const key of shared) {
    const a = upParams.get(key);
    const b = ourParams.get(key);
    if (a === undefined || b === undefined) continue;
    differs(`${prefix} parameter ${key}`, 'required differs', String(a.required), String(b.required), out);
    differs(`${prefix} parameter ${key}`, 'type differs', a.type || '(none)', b.type || '(none)', out);
  }
  differs(prefix, 'request schema differs', up.requestSchemaName ?? 'none', ours.requestSchemaName ?? 'none', out);
  differs(prefix, 'request body required differs', String(up.requestBodyRequired), String(ours.requestBodyRequired), out);
  differs(prefix, 'success response schema differs', up.responseSchemaName ?? 'none', ours.responseSchemaName ?? 'none', out);
  differs(prefix, 'response codes differ', up.responseCodes.join(' '), ours.responseCodes.join(' '), out);
  differs(prefix, 'security differs', up.security, ours.security, out);
}

function compareModels(up: SpecModel, ours: SpecModel): string[] {
  const out: string[] = [];
  for (const key of splitKeys(up.operations.keys(), ours.operations.keys(), (k, side) => `operation only in ${side}: ${k}`, out)) {
    const a = up.operations.get(key);
    const b = ours.operations.get(key);
    if (a !== undefined && b !== undefined) compareOperation(a, b, out);
  }
  for (const name of splitKeys(up.schemas.keys(), ours.schemas.keys(), (n, side) => `schema ${n}: only in ${side}`, out)) {
    const a = up.schemas.get(name);
    const b = ours.schemas.get(name);
    if (a !== undefined && b !== undefined) compareSchema(name, a, b, out);
  }
  for (const name of splitKeys(up.parameters.keys(), ours.parameters.keys(), (n, side) => `component parameter ${n}: only in ${side}`, out)) {
    differs(`component parameter ${name}:`, 'definition differs', up.parameters.get(name) ?? '', ours.parameters.get(name) ?? '', out);
  }
  splitKeys(up.securitySchemes, ours.securitySchemes, (n, side) => `security scheme ${n}: only in ${side}`, out);
  return [...new Set(out)].sort();
}

const CASCADE = [" must have required property '$ref'", ' must match exactly one schema in oneOf'];

/** Keeps the errors that name a problem, dropping the `$ref`/`oneOf` lines swagger-parser repeats above each one. */
export function leafErrors(lines: readonly string[]): string[] {
  const pointerLines = lines.filter((line) => line.startsWith('#/'));
  if (pointerLines.length === 0) return [...new Set(lines)].sort();
  const pointers = pointerLines.map((line) => line.split(' ')[0] ?? '');
  const leaves = pointerLines.filter((line) => {
    const suffix = CASCADE.find((c) => line.endsWith(c));
    if (suffix === undefined) return true;
    const pointer = line.slice(0, -suffix.length);
    return !pointers.some((p) => p.startsWith(`${pointer}/`));
  });
  return [...new Set(leaves)].sort();
}

async function validationErrors(file: string): Promise<string[]> {
  try {
    await SwaggerParser.validate(file);
    return [];
  } catch (err: unknown) {
    return leafErrors(errorLines(err));
  }
}

/**
 * Compares the upstream spec in `upstreamDir` (the upstream root or its connection-coordinator
 * folder) with the kit's document (default spec/openapi.yaml) after `$ref` resolution.
 * @throws CtkError CTK_ERR_UPSTREAM_DIR when `upstreamDir` holds no upstream spec.
 */
export async function computeDrift(upstreamDir: string, oursPath: string = specPath()): Promise<DriftReport> {
  const upstreamFile = upstreamSpecFile(upstreamDir);
  const [up, ours, upstreamErrors, oursErrors] = await Promise.all([
    buildModel(upstreamFile),
    buildModel(oursPath),
    validationErrors(upstreamFile),
    validationErrors(oursPath),
  ]);
  return { upstreamFile, oursFile: oursPath, items: compareModels(up, ours), upstreamErrors, oursErrors };
}

/** One drift line the errata explain, with the errata id that explains it. */
export interface ExpectedDriftItem {
  /** The exact drift line. */
  item: string;
  /** The errata id (Dnn or Enn). */
  errata: string;
}

/** The drift spec/ERRATA.md expects, from its "Expected drift" yaml block. */
export interface ExpectedDrift {
  /** Expected structural drift items. */
  items: ExpectedDriftItem[];
  /** Expected upstream validation errors. */
  upstreamErrors: ExpectedDriftItem[];
}

function expectedList(value: unknown, key: string, source: string): ExpectedDriftItem[] {
  const list = isObject(value) ? value[key] : undefined;
  if (!Array.isArray(list)) throw new Error(`${source}: the Expected drift block has no ${key} list`);
  return list.map((entry, i) => {
    const item = stringAt(entry, 'item');
    const errata = stringAt(entry, 'errata');
    if (item === undefined || errata === undefined) throw new Error(`${source}: ${key}[${i}] needs item and errata strings`);
    return { item, errata };
  });
}

/** Parses the fenced yaml block under the "Expected drift" heading of the errata (default spec/ERRATA.md). */
export function expectedDrift(path: string = errataPath()): ExpectedDrift {
  const text = readFileSync(path, 'utf8');
  const heading = /^#+\s+Expected drift\b.*$/m.exec(text);
  const block = heading === null ? null : /```yaml\n([\s\S]*?)\n```/.exec(text.slice(heading.index));
  if (block === null) throw new Error(`${path}: no \`\`\`yaml block under an "Expected drift" heading`);
  const parsed: unknown = parseYaml(block[1] ?? '');
  return { items: expectedList(parsed, 'drift', path), upstreamErrors: expectedList(parsed, 'upstreamErrors', path) };
}

/** Drift lines not explained by the errata, and errata lines no longer observed. */
export interface DriftComparison {
  /** Observed but not listed in the errata. */
  unexplained: string[];
  /** Listed in the errata but not observed. */
  missing: string[];
}

/** Compares observed drift (items and upstream errors together) with the errata's expectation. */
export function compareDrift(report: DriftReport, expected: ExpectedDrift): DriftComparison {
  const observed = new Set([...report.items, ...report.upstreamErrors]);
  const listed = new Set([...expected.items, ...expected.upstreamErrors].map((e) => e.item));
  return {
    unexplained: [...observed].filter((line) => !listed.has(line)).sort(),
    missing: [...listed].filter((line) => !observed.has(line)).sort(),
  };
}

/** Renders a drift report for the terminal; with `expected`, each line carries its errata id. */
export function formatDrift(report: DriftReport, expected?: ExpectedDrift): string {
  const ids = new Map([...(expected?.items ?? []), ...(expected?.upstreamErrors ?? [])].map((e) => [e.item, e.errata]));
  const tag = (line: string): string => (expected === undefined ? line : `${line}  [${ids.get(line) ?? 'NOT IN ERRATA'}]`);
  const lines = [
    `Upstream: ${report.upstreamFile}`,
    `Kit:      ${report.oursFile}`,
    `Drift: ${report.items.length} item(s)`,
    ...report.items.map((line) => `  - ${tag(line)}`),
    `Upstream validation errors: ${report.upstreamErrors.length}`,
    ...report.upstreamErrors.map((line) => `  - ${tag(line)}`),
  ];
  if (report.oursErrors.length > 0) {
    lines.push(`The kit's document is INVALID: ${report.oursErrors.length} error(s)`, ...report.oursErrors.map((l) => `  - ${l}`));
  }
  if (expected !== undefined) {
    const { missing } = compareDrift(report, expected);
    if (missing.length > 0) lines.push('Listed in ERRATA.md but not observed:', ...missing.map((l) => `  - ${l}`));
  }
  return lines.join('\n');
}
