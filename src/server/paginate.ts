/**
 * Server-side pagination: pageSize (default 50, values above 1000 coerced to 1000, per paths/issues.yaml)
 * and opaque page tokens bound to the list they came from. The pagination faults live here.
 */
import type { FaultSet } from './faults.js';
import { badRequest, type Reply } from './reply.js';

/** Default page size when none is asked for. */
export const DEFAULT_PAGE_SIZE = 50;
/** Largest page size honoured. */
export const MAX_PAGE_SIZE = 1000;

/** One page of a list. */
export interface Page<T> {
  /** Items on this page. */
  readonly items: readonly T[];
  /** Token of the next page; absent on the last page. */
  readonly nextPageToken?: string;
}

function encodeToken(listKey: string, offset: number): string {
  return Buffer.from(JSON.stringify({ l: listKey, o: offset }), 'utf8').toString('base64url');
}

function decodeToken(token: string, listKey: string): number | undefined {
  try {
    const value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { l?: unknown; o?: unknown };
    return value.l === listKey && typeof value.o === 'number' && Number.isInteger(value.o) && value.o >= 0 ? value.o : undefined;
  } catch {
    return undefined;
  }
}

function readPageSize(query: URLSearchParams): number | Reply {
  const raw = query.get('pageSize');
  if (raw === null || raw === '') return DEFAULT_PAGE_SIZE;
  if (!/^-?\d+$/.test(raw)) return badRequest(`pageSize must be an integer, got "${raw}"`);
  const n = Number(raw);
  if (n <= 0) return DEFAULT_PAGE_SIZE;
  return Math.min(n, MAX_PAGE_SIZE);
}

function isReply(value: unknown): value is Reply {
  return typeof value === 'object' && value !== null && 'status' in value;
}

/**
 * Cuts `items` into the page the query asks for. `listKey` binds tokens to one list (a token from another
 * list is refused with 400). Faults: page-size-ignored, page-duplicates, token-on-last-page.
 */
export function paginate<T>(items: readonly T[], query: URLSearchParams, listKey: string, faults: FaultSet): Page<T> | Reply {
  const size = readPageSize(query);
  if (isReply(size)) return size;
  const token = query.get('pageToken');
  let offset = 0;
  if (token !== null && token !== '') {
    const decoded = decodeToken(token, listKey);
    if (decoded === undefined) return badRequest('pageToken is not valid for this list');
    offset = decoded;
  }
  if (faults.has('page-size-ignored')) return { items: items.slice(offset) };
  const start = faults.has('page-duplicates') && offset > 0 && size > 1 ? offset - 1 : offset;
  const end = start + size;
  const page = items.slice(start, end);
  if (end < items.length) return { items: page, nextPageToken: encodeToken(listKey, end) };
  if (faults.has('token-on-last-page') && offset < items.length) return { items: page, nextPageToken: encodeToken(listKey, items.length) };
  return { items: page };
}

/** Builds the list response body `{[field]: items, nextPageToken?}`. */
export function listBody<T>(field: string, page: Page<T>, render: (item: T) => unknown): Record<string, unknown> {
  const body: Record<string, unknown> = { [field]: page.items.map(render) };
  if (page.nextPageToken !== undefined) body['nextPageToken'] = page.nextPageToken;
  return body;
}

/** Type guard distinguishing a page from an error reply. */
export function isPage<T>(value: Page<T> | Reply): value is Page<T> {
  return 'items' in value;
}
