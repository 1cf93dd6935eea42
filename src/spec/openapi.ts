/**
 * Loading the kit's encoded OpenAPI document and reading its operations: the list of operations
 * with their parameters and body schemas, and the mapping of a concrete request path to its
 * operation.
 */
import { readFileSync } from 'node:fs';
import SwaggerParser from '@apidevtools/swagger-parser';
import { parse as parseYaml } from 'yaml';
import { specPath } from './spec-files.js';

/** A JSON object as parsed from YAML or JSON. */
export type JsonObject = Record<string, unknown>;

/** The parts of an OpenAPI 3.0 document the kit navigates; everything else stays `unknown`. */
export interface OpenApiDocument extends JsonObject {
  /** The OpenAPI version, e.g. 3.0.3. */
  openapi: string;
  /** Path templates mapped to path items. */
  paths: JsonObject;
}

/** HTTP methods an OpenAPI path item may hold, in the order operations are listed. */
export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** One parameter of an operation, reduced to what conformance and drift compare. */
export interface ParameterInfo {
  /** Wire name. */
  name: string;
  /** Location: path, query, header or cookie. */
  in: string;
  /** Whether the parameter must be present. */
  required: boolean;
  /** `type` or `type/format` of its schema, e.g. `integer/int32`; empty when untyped. */
  type: string;
}

/** One operation of the document. */
export interface OperationInfo {
  /** The operationId, e.g. CreateConnection. */
  operationId: string;
  /** Upper-case HTTP method. */
  method: string;
  /** The path template, e.g. /providers/{provider}. */
  pathTemplate: string;
  /** Path-item and operation parameters, operation ones overriding. */
  parameters: ParameterInfo[];
  /** Component name of the JSON request body schema, when it has one. */
  requestSchemaName?: string;
  /** Component name of the JSON success response schema, when it has one. */
  responseSchemaName?: string;
  /** True when the body is required by `required: true` or the kit's `x-ctk-body-required`. */
  requestBodyRequired: boolean;
  /** Declared response codes, sorted (e.g. `200`, `default`). */
  responseCodes: string[];
  /** Effective security: `none`, or alternatives joined with ` | ` (schemes of one requirement joined with `+`). */
  security: string;
}

/** Maps a schema node to its component name, or undefined for an inline schema. */
export type SchemaNamer = (node: unknown) => string | undefined;

/** True for a non-null, non-array object. */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The object found by following `keys` from `value`, or undefined. */
export function objectAt(value: unknown, ...keys: string[]): JsonObject | undefined {
  let current: unknown = value;
  for (const key of keys) {
    if (!isObject(current)) return undefined;
    current = current[key];
  }
  return isObject(current) ? current : undefined;
}

/** The string under `key` of `value`, or undefined. */
export function stringAt(value: unknown, key: string): string | undefined {
  const found = isObject(value) ? value[key] : undefined;
  return typeof found === 'string' ? found : undefined;
}

/** The array under `key` of `value`, or undefined. */
export function arrayAt(value: unknown, key: string): unknown[] | undefined {
  const found = isObject(value) ? value[key] : undefined;
  return Array.isArray(found) ? found : undefined;
}

function asDocument(value: unknown, source: string): OpenApiDocument {
  if (!isObject(value) || typeof value['openapi'] !== 'string' || !isObject(value['paths'])) {
    throw new Error(`${source} is not an OpenAPI 3 document`);
  }
  return value as OpenApiDocument;
}

/**
 * Parses and dereferences an OpenAPI document (default: the kit's spec/openapi.yaml) without
 * validating it. Every `$ref` is replaced by the object it points to; equal refs share one object.
 */
export async function loadSpec(path: string = specPath()): Promise<OpenApiDocument> {
  const doc: unknown = await new SwaggerParser().dereference(path);
  return asDocument(doc, path);
}

/** Reads an OpenAPI document synchronously, `$ref`s left in place (default: the kit's own). */
export function readSpecDocument(path: string = specPath()): OpenApiDocument {
  const parsed: unknown = parseYaml(readFileSync(path, 'utf8'));
  return asDocument(parsed, path);
}

/** Splits a swagger-parser error into one line per problem, without blank lines. */
export function errorLines(err: unknown): string[] {
  const message = err instanceof Error ? err.message : String(err);
  return message
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** Validates an OpenAPI document with swagger-parser (default: the kit's own); never throws for an invalid document. */
export async function validateSpecFile(path: string = specPath()): Promise<{ valid: boolean; errors: string[] }> {
  try {
    await SwaggerParser.validate(path);
    return { valid: true, errors: [] };
  } catch (err: unknown) {
    return { valid: false, errors: errorLines(err) };
  }
}

/**
 * A namer for `doc`: a `$ref` to `#/components/schemas/X` names X (raw documents), and an object
 * that is one of the document's component schemas names itself (dereferenced documents).
 */
export function componentNamer(doc: OpenApiDocument, extra?: ReadonlyMap<unknown, string>): SchemaNamer {
  const byIdentity = new Map<unknown, string>(extra ?? []);
  for (const [name, schema] of Object.entries(objectAt(doc, 'components', 'schemas') ?? {})) {
    if (!byIdentity.has(schema)) byIdentity.set(schema, name);
  }
  return (node) => {
    const ref = stringAt(node, '$ref');
    if (ref !== undefined) return ref.slice(ref.lastIndexOf('/') + 1);
    return byIdentity.get(node);
  };
}

function typeOf(schema: unknown): string {
  const type = stringAt(schema, 'type') ?? '';
  const format = stringAt(schema, 'format');
  return format === undefined ? type : `${type}/${format}`;
}

/** Follows a local `$ref` (`#/...`) of a raw document; other nodes are returned unchanged. */
export function resolveLocal(doc: OpenApiDocument, node: unknown): unknown {
  let current = node;
  for (let hops = 0; hops < 16; hops += 1) {
    const ref = stringAt(current, '$ref');
    if (ref === undefined || !ref.startsWith('#/')) return current;
    const keys = ref.slice(2).split('/').map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
    let target: unknown = doc;
    for (const key of keys) target = isObject(target) ? target[key] : undefined;
    current = target;
  }
  return current;
}

function parameterInfo(param: unknown): ParameterInfo | undefined {
  const name = stringAt(param, 'name');
  const location = stringAt(param, 'in');
  if (name === undefined || location === undefined || !isObject(param)) return undefined;
  return { name, in: location, required: param['required'] === true, type: typeOf(param['schema']) };
}

function mergedParameters(doc: OpenApiDocument, pathItem: JsonObject, operation: JsonObject): ParameterInfo[] {
  const byKey = new Map<string, ParameterInfo>();
  for (const raw of [...(arrayAt(pathItem, 'parameters') ?? []), ...(arrayAt(operation, 'parameters') ?? [])]) {
    const info = parameterInfo(resolveLocal(doc, raw));
    if (info !== undefined) byKey.set(`${info.in} ${info.name}`, info);
  }
  return [...byKey.values()];
}

/** The code of the success response: `200`, else the lowest 2xx, else `default`. */
export function successCode(codes: readonly string[]): string | undefined {
  if (codes.includes('200')) return '200';
  const ok = codes.filter((c) => /^2\d\d$/.test(c)).sort();
  return ok[0] ?? (codes.includes('default') ? 'default' : undefined);
}

function jsonSchemaOf(holder: unknown): unknown {
  return objectAt(holder, 'content', 'application/json')?.['schema'];
}

function securityText(requirements: unknown): string {
  if (!Array.isArray(requirements)) return 'unspecified';
  if (requirements.length === 0) return 'none';
  return requirements.map((req) => (isObject(req) ? Object.keys(req).sort().join('+') || 'anonymous' : '?')).join(' | ');
}

function operationInfo(doc: OpenApiDocument, path: string, method: string, op: JsonObject, namer: SchemaNamer): OperationInfo {
  const pathItem = objectAt(doc.paths, path) ?? {};
  const responses = objectAt(op, 'responses') ?? {};
  const responseCodes = Object.keys(responses).sort();
  const code = successCode(responseCodes);
  const rawBody = resolveLocal(doc, op['requestBody']);
  const body = isObject(rawBody) ? rawBody : undefined;
  const requestSchemaName = body === undefined ? undefined : namer(jsonSchemaOf(body));
  const responseSchemaName = code === undefined ? undefined : namer(jsonSchemaOf(resolveLocal(doc, responses[code])));
  return {
    operationId: stringAt(op, 'operationId') ?? '',
    method: method.toUpperCase(),
    pathTemplate: path,
    parameters: mergedParameters(doc, pathItem, op),
    ...(requestSchemaName === undefined ? {} : { requestSchemaName }),
    ...(responseSchemaName === undefined ? {} : { responseSchemaName }),
    requestBodyRequired: body?.['required'] === true || body?.['x-ctk-body-required'] === true,
    responseCodes,
    security: securityText('security' in op ? op['security'] : doc['security']),
  };
}

/** Every operation of `doc`, ordered by path template then method. */
export function operations(doc: OpenApiDocument, namer: SchemaNamer = componentNamer(doc)): OperationInfo[] {
  const result: OperationInfo[] = [];
  for (const path of Object.keys(doc.paths).sort()) {
    const item = objectAt(doc.paths, path);
    for (const method of HTTP_METHODS) {
      const op = objectAt(item, method);
      if (op !== undefined) result.push(operationInfo(doc, path, method, op, namer));
    }
  }
  return result;
}

/** A concrete request matched to its operation. */
export interface OperationMatch {
  /** The operationId. */
  operationId: string;
  /** Upper-case HTTP method. */
  method: string;
  /** The matched path template. */
  pathTemplate: string;
  /** Path parameters, percent-decoded, by template name. */
  params: Record<string, string>;
}

/** Options for {@link matchOperation}. */
export interface MatchOptions {
  /** Prefix before /providers to strip, e.g. /cc/v1; default: everything before the first `providers` segment. */
  basePath?: string;
  /** Operations to match against; default: those of the kit's spec/openapi.yaml. */
  operations?: readonly OperationInfo[];
}

let kitOperations: readonly OperationInfo[] | undefined;

function defaultOperations(): readonly OperationInfo[] {
  kitOperations ??= operations(readSpecDocument());
  return kitOperations;
}

function relativeSegments(path: string, basePath: string | undefined): string[] | undefined {
  const pathOnly = (path.split(/[?#]/)[0] ?? '').replace(/\/+$/, '');
  if (basePath !== undefined) {
    const base = basePath.replace(/\/+$/, '');
    if (!pathOnly.startsWith(base)) return undefined;
    return pathOnly.slice(base.length).split('/').filter((s) => s !== '');
  }
  const segments = pathOnly.split('/').filter((s) => s !== '');
  const start = segments.indexOf('providers');
  return start < 0 ? undefined : segments.slice(start);
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function matchTemplate(template: string, segments: readonly string[]): Record<string, string> | undefined {
  const parts = template.split('/').filter((s) => s !== '');
  if (parts.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, part] of parts.entries()) {
    const segment = segments[i] ?? '';
    const name = /^\{(.+)\}$/.exec(part)?.[1];
    if (name === undefined) {
      if (part !== segment) return undefined;
    } else {
      const value = safeDecode(segment);
      if (value === undefined || value === '') return undefined;
      params[name] = value;
    }
  }
  return params;
}

/**
 * Maps a concrete request (method and path, with or without a base path prefix and query string)
 * to its operation and path parameters; undefined when no operation matches.
 */
export function matchOperation(method: string, path: string, options: MatchOptions = {}): OperationMatch | undefined {
  const segments = relativeSegments(path, options.basePath);
  if (segments === undefined) return undefined;
  const upper = method.toUpperCase();
  for (const op of options.operations ?? defaultOperations()) {
    if (op.method !== upper) continue;
    const params = matchTemplate(op.pathTemplate, segments);
    if (params !== undefined) {
      return { operationId: op.operationId, method: upper, pathTemplate: op.pathTemplate, params };
    }
  }
  return undefined;
}
