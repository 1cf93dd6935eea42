/**
 * Judges a walk through the pages of a List operation (pageSize / pageToken / nextPageToken,
 * e.g. paths/connections.yaml ListConnections): page sizes, duplicates, gaps and a token on the last page.
 */

/** One page as observed: the resource names it held and the token it carried. */
export interface ObservedPage {
  /** Resource names (or other stable identities) of the items on the page, in order. */
  readonly items: readonly string[];
  /** The page's nextPageToken; absent or `""` means "last page". */
  readonly nextPageToken?: string | undefined;
}

/** A walk of pages to judge. */
export interface PageWalk {
  /** Pages in the order they were fetched, starting with the first (no pageToken). */
  readonly pages: readonly ObservedPage[];
  /** The pageSize sent with every request. */
  readonly pageSize: number;
  /** The complete list, e.g. from an unpaged call or the resources the kit created; enables gap checks. */
  readonly fullList?: readonly string[];
}

/** What went wrong in a walk. */
export type PaginationFindingKind =
  | 'too-many-items'
  | 'duplicate-item'
  | 'missing-item'
  | 'unexpected-item'
  | 'token-on-last-page'
  | 'walk-unfinished';

/** One finding, tied to the requirement it bears on (FIXED-IDS CC-SCH-004..006). */
export interface PaginationFinding {
  /** The kind of problem. */
  readonly kind: PaginationFindingKind;
  /** The requirement it is evidence against. */
  readonly requirementId: 'CC-SCH-004' | 'CC-SCH-005' | 'CC-SCH-006';
  /** Zero-based index of the page concerned (the last page for list-wide findings). */
  readonly page: number;
  /** One line saying what was seen. */
  readonly detail: string;
}

function hasToken(page: ObservedPage | undefined): boolean {
  return page?.nextPageToken !== undefined && page.nextPageToken !== '';
}

function sizeFindings(walk: PageWalk): PaginationFinding[] {
  return walk.pages.flatMap((page, index) =>
    page.items.length > walk.pageSize
      ? [{ kind: 'too-many-items' as const, requirementId: 'CC-SCH-004' as const, page: index, detail: `page ${index + 1} holds ${page.items.length} items for pageSize ${walk.pageSize}` }]
      : [],
  );
}

function duplicateFindings(walk: PageWalk): PaginationFinding[] {
  const seen = new Map<string, number>();
  const out: PaginationFinding[] = [];
  walk.pages.forEach((page, index) => {
    for (const item of page.items) {
      const first = seen.get(item);
      if (first === undefined) seen.set(item, index);
      else out.push({ kind: 'duplicate-item', requirementId: 'CC-SCH-005', page: index, detail: `${item} appears on page ${first + 1} and again on page ${index + 1}` });
    }
  });
  return out;
}

function coverageFindings(walk: PageWalk): PaginationFinding[] {
  if (walk.fullList === undefined) return [];
  const walked = new Set(walk.pages.flatMap((p) => p.items));
  const full = new Set(walk.fullList);
  const last = Math.max(walk.pages.length - 1, 0);
  const missing = [...full].filter((n) => !walked.has(n));
  const unexpected = [...walked].filter((n) => !full.has(n));
  return [
    ...missing.map((n) => ({ kind: 'missing-item' as const, requirementId: 'CC-SCH-005' as const, page: last, detail: `${n} was never returned by the walk` })),
    ...unexpected.map((n) => ({ kind: 'unexpected-item' as const, requirementId: 'CC-SCH-005' as const, page: last, detail: `${n} was returned but is not in the full list` })),
  ];
}

function tokenFindings(walk: PageWalk): PaginationFinding[] {
  const out: PaginationFinding[] = [];
  const pages = walk.pages;
  const lastIndex = pages.length - 1;
  const last = pages[lastIndex];
  if (hasToken(last)) {
    out.push({ kind: 'walk-unfinished', requirementId: 'CC-SCH-005', page: lastIndex, detail: `the walk stopped after ${pages.length} pages and the last one still carries a nextPageToken` });
  }
  const beforeLast = pages[lastIndex - 1];
  if (lastIndex >= 1 && last !== undefined && last.items.length === 0 && !hasToken(last) && hasToken(beforeLast)) {
    out.push({ kind: 'token-on-last-page', requirementId: 'CC-SCH-006', page: lastIndex - 1, detail: `page ${lastIndex} carries a nextPageToken that leads only to an empty page` });
  }
  return out;
}

/** Returns every finding about a page walk; an empty list means the walk was clean. */
export function evaluatePageWalk(walk: PageWalk): PaginationFinding[] {
  return [...sizeFindings(walk), ...duplicateFindings(walk), ...coverageFindings(walk), ...tokenFindings(walk)];
}
