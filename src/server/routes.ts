/**
 * The 33 operations of the Connection Coordinator API (upstream openapi.yaml paths), matched by method
 * and path segments relative to the base path.
 */

/** The operationIds of the API. */
export const OPERATIONS = [
  'ListProviders', 'GetProvider',
  'ListEnvironments', 'GetEnvironment', 'ConfirmActivationKey',
  'ListInterconnects', 'GetInterconnect',
  'ListChannels', 'GetChannel', 'NotifyMaintenance', 'RequestMacSecKeyRotation', 'GetMaintenanceEvents',
  'CreateMacSecKey', 'ListMacSecKeys', 'GetMacSecKey', 'DeleteMacSecKey',
  'ListConnections', 'CreateConnection', 'GetConnection', 'UpdateConnection', 'DeleteConnection',
  'GenerateFeatureGuidance', 'NotifyConnectionStatus',
  'ListFeatures', 'CreateFeature', 'GetFeature', 'DeleteFeature',
  'ListIssues', 'CreateIssue', 'GetIssue', 'CloseIssue', 'ListComments', 'AddComment',
] as const;

/** One operationId. */
export type Operation = (typeof OPERATIONS)[number];

interface Route {
  readonly operation: Operation;
  readonly method: string;
  readonly segments: readonly string[];
}

const P = 'providers/:provider';
const E = `${P}/environments/:environment`;
const I = `${E}/interconnects/:interconnect`;
const CH = `${I}/channels/:channel`;
const CO = `${I}/connections/:connection`;
const IS = `${P}/issues/:issue`;

const TABLE: readonly [Operation, string, string][] = [
  ['ListProviders', 'GET', 'providers'],
  ['GetProvider', 'GET', P],
  ['ListEnvironments', 'GET', `${P}/environments`],
  ['GetEnvironment', 'GET', E],
  ['ConfirmActivationKey', 'POST', `${E}/ConfirmActivationKey`],
  ['ListInterconnects', 'GET', `${E}/interconnects`],
  ['GetInterconnect', 'GET', I],
  ['ListChannels', 'GET', `${I}/channels`],
  ['GetChannel', 'GET', CH],
  ['NotifyMaintenance', 'POST', `${CH}/NotifyMaintenance`],
  ['RequestMacSecKeyRotation', 'POST', `${CH}/RequestMacSecKeyRotation`],
  ['GetMaintenanceEvents', 'GET', `${CH}/maintenanceEvents`],
  ['CreateMacSecKey', 'POST', `${CH}/macSecKeys`],
  ['ListMacSecKeys', 'GET', `${CH}/macSecKeys`],
  ['GetMacSecKey', 'GET', `${CH}/macSecKeys/:macSecKey`],
  ['DeleteMacSecKey', 'DELETE', `${CH}/macSecKeys/:macSecKey`],
  ['ListConnections', 'GET', `${I}/connections`],
  ['CreateConnection', 'POST', `${I}/connections`],
  ['GetConnection', 'GET', CO],
  ['UpdateConnection', 'PATCH', CO],
  ['DeleteConnection', 'DELETE', CO],
  ['GenerateFeatureGuidance', 'POST', `${CO}/GenerateFeatureGuidance`],
  ['NotifyConnectionStatus', 'POST', `${CO}/NotifyConnectionStatus`],
  ['ListFeatures', 'GET', `${CO}/features`],
  ['CreateFeature', 'POST', `${CO}/features`],
  ['GetFeature', 'GET', `${CO}/features/:feature`],
  ['DeleteFeature', 'DELETE', `${CO}/features/:feature`],
  ['ListIssues', 'GET', `${P}/issues`],
  ['CreateIssue', 'POST', `${P}/issues`],
  ['GetIssue', 'GET', IS],
  ['CloseIssue', 'POST', `${IS}/Close`],
  ['ListComments', 'GET', `${IS}/comments`],
  ['AddComment', 'POST', `${IS}/AddComment`],
];

const ROUTES: readonly Route[] = TABLE.map(([operation, method, path]) => ({ operation, method, segments: path.split('/') }));

/** Path parameters by name (`provider`, `environment`, ...), URL-decoded. */
export type PathParams = Readonly<Record<string, string>>;

/** Result of matching a request. */
export type RouteMatch =
  | { readonly kind: 'found'; readonly operation: Operation; readonly params: PathParams }
  | { readonly kind: 'method-not-allowed'; readonly allowed: readonly string[] }
  | { readonly kind: 'not-found' };

function matchSegments(pattern: readonly string[], actual: readonly string[]): Record<string, string> | undefined {
  if (pattern.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i += 1) {
    const p = pattern[i] ?? '';
    const a = actual[i] ?? '';
    if (p.startsWith(':')) {
      if (a.length === 0) return undefined;
      params[p.slice(1)] = a;
    } else if (p !== a) return undefined;
  }
  return params;
}

function decodeSegments(path: string): string[] | undefined {
  try {
    return path.split('/').filter((s, i, all) => s.length > 0 || (i > 0 && i < all.length - 1)).map((s) => decodeURIComponent(s));
  } catch {
    return undefined;
  }
}

/** Matches `method` and `path` (relative to the base path, e.g. `/providers/aws`) to an operation. */
export function matchRoute(method: string, path: string): RouteMatch {
  const actual = decodeSegments(path);
  if (actual === undefined) return { kind: 'not-found' };
  const allowed: string[] = [];
  for (const route of ROUTES) {
    const params = matchSegments(route.segments, actual);
    if (params === undefined) continue;
    if (route.method === method) return { kind: 'found', operation: route.operation, params };
    allowed.push(route.method);
  }
  return allowed.length > 0 ? { kind: 'method-not-allowed', allowed } : { kind: 'not-found' };
}
