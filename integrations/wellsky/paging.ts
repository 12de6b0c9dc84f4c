import { WellSkyValidationError } from "./errors.js";
import type { Bundle } from "./schemas.js";

/** The API caps `_count` at 100 (reference §4). */
export const MAX_PAGE_SIZE = 100;
/**
 * Safety cap for `paginate()`: 1,000 pages × 100 rows is far beyond any agency's roster, so hitting it
 * means the server keeps answering full pages (a paging bug), and we stop rather than loop forever.
 */
export const MAX_PAGES = 1000;

/** Caller's paging wish. `page` is 0-based, as on the wire. */
export interface PageRequest {
  count?: number;
  page?: number;
}

/** One page of a search, with the paging that produced it. */
export interface Page<T> extends Bundle<T> {
  page: number;
  count: number;
}

/**
 * Resolves `_count`/`_page`: counts above 100 are clamped (asking for more can only fail or be cut short
 * by the server, and a cut-short page would end `paginate()` early); a count below 1 or a negative page is
 * a caller bug and throws.
 */
export function resolvePaging(req: PageRequest | undefined, defaultCount: number): { count: number; page: number } {
  const count = req?.count ?? defaultCount;
  const page = req?.page ?? 0;
  const problems: string[] = [];
  if (!Number.isInteger(count) || count < 1) problems.push(`'_count' must be an integer from 1 to ${MAX_PAGE_SIZE}, got ${count}.`);
  if (!Number.isInteger(page) || page < 0) problems.push(`'_page' is 0-based and must be a non-negative integer, got ${page}.`);
  if (problems.length) throw new WellSkyValidationError(problems);
  return { count: Math.min(count, MAX_PAGE_SIZE), page };
}

/**
 * True when `page` was the last one: it came back short, or the server's total says nothing follows.
 * A missing total leaves only the short-page signal (one extra empty request at worst).
 */
export function isLastPage(page: { page: number; count: number; entries: readonly unknown[]; total: number | null }): boolean {
  if (page.entries.length < page.count) return true;
  return page.total !== null && (page.page + 1) * page.count >= page.total;
}

/**
 * Walks every page of a search from page 0 and yields its rows. Stops when a page is short, when
 * `(page+1)*count >= totalRecords`, or after `maxPages`.
 */
export async function* paginate<T>(
  fetchPage: (paging: { count: number; page: number }) => Promise<Page<T>>,
  opts: { count?: number; maxPages?: number } = {},
): AsyncGenerator<T, void, undefined> {
  const { count } = resolvePaging({ count: opts.count ?? MAX_PAGE_SIZE }, MAX_PAGE_SIZE);
  const maxPages = opts.maxPages ?? MAX_PAGES;
  for (let page = 0; page < maxPages; page++) {
    const result = await fetchPage({ count, page });
    yield* result.entries;
    if (isLastPage({ ...result, count, page })) return;
  }
}

/** Collects an async iterable into an array (for callers that want the whole roster at once). */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
