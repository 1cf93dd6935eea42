/**
 * JSON Schema validators compiled once per process from the kit's encoded OpenAPI document: a
 * base set with upstream's validation surface, and a strict overlay that also applies the
 * `x-ctk-*` rules upstream states only in prose (ERRATA D06, D17, D21, D52, E07).
 */
import AjvModule from 'ajv';
import type { ErrorObject, FuncKeywordDefinition, SchemaValidateFunction, ValidateFunction } from 'ajv';
import formatsModule from 'ajv-formats';
import { isObject, objectAt, operations, readSpecDocument, type JsonObject, type OperationInfo } from './openapi.js';
import { specPath } from './spec-files.js';

type AjvInstance = InstanceType<typeof AjvModule.default>;

/** One schema violation: where (JSON pointer into the value), what, and the JSON Schema keyword. */
export interface ValidationIssue {
  /** JSON pointer to the offending value; for a missing property, the pointer it would have. */
  path: string;
  /** What is wrong, in plain words; never echoes the value (it may be a secret). */
  message: string;
  /** The failing keyword: `enum`, `type`, `required`, `format`, `minimum`, `x-ctk-wrong-name`, ... */
  keyword: string;
}

/** Validators for every component schema and operation body of the kit's document. */
export interface Validators {
  /** Component schema names, sorted. */
  schemaNames(): string[];
  /** Validates `value` against component schema `name` (base surface). */
  validateSchema(name: string, value: unknown): ValidationIssue[];
  /** Validates a success response body of `operationId`; [] when the operation declares none. */
  validateResponse(operationId: string, body: unknown): ValidationIssue[];
  /** Validates a request body of `operationId`; [] when the operation declares none. */
  validateRequest(operationId: string, body: unknown): ValidationIssue[];
  /** Missing fields that upstream calls Required only in prose (`x-ctk-required`), keyword `required`. */
  strictRequiredIssues(name: string, value: unknown): ValidationIssue[];
  /** Every issue the strict overlay adds to the base surface (required, bounds, wrong property names). */
  strictIssues(name: string, value: unknown): ValidationIssue[];
  /** The component name of the request body schema of `operationId`, if any. */
  requestSchemaName(operationId: string): string | undefined;
  /** The component name of the success response schema of `operationId`, if any. */
  responseSchemaName(operationId: string): string | undefined;
}

const ROOT_ID = 'ctk:openapi';
const COMPONENT_REF = '#/components/schemas/';

/** Rewrites one component schema for ajv: refs into `$defs`, examples and `x-` annotations handled per mode. */
function rewrite(node: unknown, strict: boolean): unknown {
  if (Array.isArray(node)) return node.map((n) => rewrite(n, strict));
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string' && value.startsWith(COMPONENT_REF)) {
      out[key] = `#/$defs/${value.slice(COMPONENT_REF.length)}`;
    } else if (key === 'example' || (key.startsWith('x-') && !(strict && key === 'x-ctk-wrong-names'))) {
      continue;
    } else {
      out[key] = rewrite(value, strict);
    }
  }
  if (strict) applyOverlay(node, out);
  return out;
}

/** Turns the `x-ctk-*` annotations of `source` into standard keywords on `target`. */
function applyOverlay(source: JsonObject, target: JsonObject): void {
  const extra = source['x-ctk-required'];
  if (Array.isArray(extra)) {
    const base = Array.isArray(target['required']) ? target['required'] : [];
    target['required'] = [...new Set([...base, ...extra])];
  }
  if (typeof source['x-ctk-minimum'] === 'number') target['minimum'] = source['x-ctk-minimum'];
  if (typeof source['x-ctk-maximum'] === 'number') target['maximum'] = source['x-ctk-maximum'];
}

const INT32 = 2 ** 31;
const INT64 = 2 ** 63;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}(?:==)?|[A-Za-z0-9+/]{3}=?)?$/;

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The strict overlay's check for known misspelt property names (keyword `x-ctk-wrong-name`). */
const checkWrongNames: SchemaValidateFunction = (
  schema: Record<string, string>,
  data: JsonObject,
  _parent?: unknown,
  cxt?: { instancePath: string },
): boolean => {
  const errors: Partial<ErrorObject>[] = Object.entries(schema)
    .filter(([wrong]) => wrong in data)
    .map(([wrong, right]) => ({
      keyword: 'x-ctk-wrong-name',
      instancePath: `${cxt?.instancePath ?? ''}/${escapePointer(wrong)}`,
      message: `property '${wrong}' is not part of the API; the wire name is '${right}'`,
      params: { property: wrong, expected: right },
    }));
  checkWrongNames.errors = errors;
  return errors.length === 0;
};

const wrongNames: FuncKeywordDefinition = {
  keyword: 'x-ctk-wrong-names',
  type: 'object',
  schemaType: 'object',
  errors: true,
  validate: checkWrongNames,
};

function newAjv(strict: boolean): AjvInstance {
  const ajv = new AjvModule.default({ allErrors: true, strict: true, strictTypes: false });
  formatsModule.default(ajv, ['date-time', 'date', 'time', 'email', 'uri', 'uuid', 'ipv4', 'ipv6', 'hostname']);
  // Range checks only: whether the number is an integer is the `type` keyword's business.
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => n >= -INT32 && n < INT32 });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => n >= -INT64 && n < INT64 });
  ajv.addFormat('byte', { type: 'string', validate: (s: string) => s.length % 4 !== 1 && BASE64.test(s) });
  ajv.addFormat('fieldmask', { type: 'string', validate: () => true });
  ajv.addKeyword(strict ? wrongNames : { keyword: 'x-ctk-wrong-names' });
  return ajv;
}

function messageOf(error: ErrorObject): string {
  const params: Record<string, unknown> = error.params;
  if (error.keyword === 'enum' && Array.isArray(params['allowedValues'])) {
    return `must be one of ${params['allowedValues'].map(String).join(', ')}`;
  }
  if (error.keyword === 'required') return `missing required property '${String(params['missingProperty'])}'`;
  return error.message ?? `fails ${error.keyword}`;
}

/** Converts ajv errors to issues; a missing property's path points at the property itself. */
export function toIssues(errors: readonly ErrorObject[] | null | undefined): ValidationIssue[] {
  return (errors ?? []).map((e) => {
    const missing = e.keyword === 'required' ? e.params['missingProperty'] : undefined;
    const path = typeof missing === 'string' ? `${e.instancePath}/${escapePointer(missing)}` : e.instancePath;
    return { path, message: messageOf(e), keyword: e.keyword };
  });
}

function compileAll(ajv: AjvInstance, schemas: JsonObject, strict: boolean): Map<string, ValidateFunction> {
  const defs: JsonObject = {};
  for (const [name, schema] of Object.entries(schemas)) defs[name] = rewrite(schema, strict);
  ajv.addSchema({ $id: ROOT_ID, $defs: defs });
  const compiled = new Map<string, ValidateFunction>();
  for (const name of Object.keys(schemas)) {
    const validate = ajv.getSchema(`${ROOT_ID}#/$defs/${name}`);
    if (validate === undefined) throw new Error(`schema ${name} did not compile`);
    compiled.set(name, validate);
  }
  return compiled;
}

function issueKey(issue: ValidationIssue): string {
  return `${issue.keyword}\u0000${issue.path}\u0000${issue.message}`;
}

function build(path: string): Validators {
  const doc = readSpecDocument(path);
  const schemas = objectAt(doc, 'components', 'schemas') ?? {};
  const base = compileAll(newAjv(false), schemas, false);
  const strict = compileAll(newAjv(true), schemas, true);
  const ops = new Map<string, OperationInfo>(operations(doc).map((op) => [op.operationId, op]));
  const run = (set: Map<string, ValidateFunction>, name: string, value: unknown): ValidationIssue[] => {
    const validate = set.get(name);
    if (validate === undefined) throw new Error(`no component schema named ${name} in ${path}`);
    validate(value);
    return toIssues(validate.errors);
  };
  const op = (operationId: string): OperationInfo => {
    const found = ops.get(operationId);
    if (found === undefined) throw new Error(`no operation ${operationId} in ${path}`);
    return found;
  };
  const strictIssues = (name: string, value: unknown): ValidationIssue[] => {
    const known = new Set(run(base, name, value).map(issueKey));
    return run(strict, name, value).filter((issue) => !known.has(issueKey(issue)));
  };
  return {
    schemaNames: () => [...base.keys()].sort(),
    validateSchema: (name, value) => run(base, name, value),
    validateResponse: (id, body) => {
      const name = op(id).responseSchemaName;
      return name === undefined ? [] : run(base, name, body);
    },
    validateRequest: (id, body) => {
      const name = op(id).requestSchemaName;
      return name === undefined ? [] : run(base, name, body);
    },
    strictIssues,
    strictRequiredIssues: (name, value) => strictIssues(name, value).filter((i) => i.keyword === 'required'),
    requestSchemaName: (id) => op(id).requestSchemaName,
    responseSchemaName: (id) => op(id).responseSchemaName,
  };
}

const cache = new Map<string, Validators>();

/**
 * The validators of an OpenAPI document (default: the kit's spec/openapi.yaml), compiled on the
 * first call and shared by every later call in the process.
 */
export function createValidators(path: string = specPath()): Validators {
  let validators = cache.get(path);
  if (validators === undefined) {
    validators = build(path);
    cache.set(path, validators);
  }
  return validators;
}
