/**
 * Walking a paginated list operation by following `nextPageToken`.
 * @packageDocumentation
 */
import type { Exchange } from './exchange.js';
import type { PageQuery } from './coordinator.js';

/** One page as observed. */
export interface Page {
  /** The exchange that fetched it. */
  readonly exchange: Exchange;
  /** Items on the page (objects under the collection key). */
  readonly items: readonly Record<string, unknown>[];
  /** `nextPageToken` as returned (undefined when absent). */
  readonly nextPageToken: string | undefined;
}

/** The outcome of a walk. */
export interface Walk {
  /** Pages in order. */
  readonly pages: readonly Page[];
  /** Items of all pages, in order. */
  readonly items: readonly Record<string, unknown>[];
  /** Why the walk stopped early, if it did (non-2xx, not JSON, loop guard). */
  readonly problem?: string;
}

/** Follows page tokens until a page has none, a page fails, or `maxPages` is reached. */
export async function walkPages(fetchPage: (q: PageQuery) => Promise<Exchange>, key: string, pageSize?: number, maxPages = 200): Promise<Walk> {
  const pages: Page[] = [];
  let token: string | undefined;
  const seenTokens = new Set<string>();
  for (let i = 0; i < maxPages; i++) {
    const q: PageQuery = { ...(pageSize !== undefined ? { pageSize } : {}), ...(token !== undefined ? { pageToken: token } : {}) };
    const exchange = await fetchPage(q);
    if (exchange.status < 200 || exchange.status > 299) return { pages, items: pages.flatMap((p) => p.items), problem: `page ${i + 1} answered HTTP ${exchange.status}` };
    const body = exchange.responseBody;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return { pages, items: pages.flatMap((p) => p.items), problem: `page ${i + 1} is not a JSON object` };
    const raw = (body as Record<string, unknown>)[key];
    const items = Array.isArray(raw) ? raw.filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null) : [];
    const next = (body as Record<string, unknown>)['nextPageToken'];
    const nextPageToken = typeof next === 'string' ? next : undefined;
    pages.push({ exchange, items, nextPageToken });
    if (nextPageToken === undefined || nextPageToken === '') return { pages, items: pages.flatMap((p) => p.items) };
    if (seenTokens.has(nextPageToken)) return { pages, items: pages.flatMap((p) => p.items), problem: `page token ${nextPageToken} repeated: the walk would loop` };
    seenTokens.add(nextPageToken);
    token = nextPageToken;
  }
  return { pages, items: pages.flatMap((p) => p.items), problem: `more than ${maxPages} pages` };
}
