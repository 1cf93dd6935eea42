/**
 * Pure checks of response shape used by the schema scenarios: validation issues sorted by the requirement
 * they bear on, and resource-name format.
 * @packageDocumentation
 */
import type { Exchange } from '../client/index.js';
import type { ResponseValidator } from './context.js';

/** Validation issues of one response, split by requirement: enums (CC-SCH-002), required fields (CC-SCH-003), the rest (CC-SCH-001). */
export interface ClassifiedIssues {
  /** Type, format and other structural problems. */
  readonly shape: string[];
  /** Enum violations. */
  readonly enums: string[];
  /** Missing required fields, including those upstream marks Required only in prose. */
  readonly required: string[];
}

/** Validates a success response and sorts the issues by requirement. */
export function classifyIssues(v: ResponseValidator, e: Exchange): ClassifiedIssues {
  const out: ClassifiedIssues = { shape: [], enums: [], required: [] };
  if (e.responseNotJson === true) { out.shape.push('the body is not JSON'); return out; }
  const body = e.responseBody ?? {};
  const issues = [...v.validateResponse(e.operation, body)];
  const schema = v.responseSchemaName(e.operation);
  if (schema !== undefined) issues.push(...v.strictRequiredIssues(schema, body));
  const seen = new Set<string>();
  for (const i of issues) {
    const line = `${i.path || '/'} ${i.message}`;
    if (seen.has(line)) continue;
    seen.add(line);
    if (i.keyword === 'enum') out.enums.push(line);
    else if (i.keyword === 'required') out.required.push(line);
    else out.shape.push(line);
  }
  return out;
}

/** The resource objects in a body: the body itself when it has a name, and every named object in its arrays. */
function resources(body: unknown): Record<string, unknown>[] {
  if (typeof body !== 'object' || body === null) return [];
  const rec = body as Record<string, unknown>;
  const out: Record<string, unknown>[] = [];
  if (typeof rec['name'] === 'string') out.push(rec);
  for (const v of Object.values(rec)) if (Array.isArray(v)) for (const x of v) if (typeof x === 'object' && x !== null && 'name' in x) out.push(x as Record<string, unknown>);
  return out;
}

const LIST_OPS = new Set(['ListEnvironments', 'ListInterconnects', 'ListChannels', 'ListConnections', 'ListFeatures', 'ListIssues', 'ListMacSecKeys', 'ListProviders']);

/** Checks that names equal the path they were read at (gets) or sit directly under it (lists). */
export function checkNames(e: Exchange, baseUrl: string): string[] {
  const base = new URL(baseUrl).pathname.replace(/\/+$/, '');
  const path = decodeURIComponent(new URL(e.url).pathname).slice(base.length).replace(/^\/+/, '');
  const problems: string[] = [];
  for (const r of resources(e.responseBody)) {
    const name = String(r['name']);
    if (LIST_OPS.has(e.operation)) {
      const rest = name.startsWith(`${path}/`) ? name.slice(path.length + 1) : undefined;
      if (e.operation === 'ListProviders') { if (!/^providers\/[^/]+$/.test(name)) problems.push(`name ${name} is not providers/{provider}`); continue; }
      if (rest === undefined || rest === '' || rest.includes('/')) problems.push(`listed name ${name} is not directly under ${path}`);
    } else if (!['GetMaintenanceEvents'].includes(e.operation) && name !== path) {
      problems.push(`name ${name} differs from the path it was read at (${path})`);
    }
  }
  return problems;
}
