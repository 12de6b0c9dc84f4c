import { describe, expect, it } from "vitest";
import { WellSkyValidationError } from "./errors.js";
import { collect, isLastPage, paginate, resolvePaging, type Page } from "./paging.js";

/** A server-side list of `n` rows served 0-based, reporting `total` (or not). */
function source(n: number, opts: { reportTotal?: boolean } = {}) {
  const rows = Array.from({ length: n }, (_, i) => i);
  const requests: { count: number; page: number }[] = [];
  const fetchPage = async ({ count, page }: { count: number; page: number }): Promise<Page<number>> => {
    requests.push({ count, page });
    return { entries: rows.slice(page * count, (page + 1) * count), total: opts.reportTotal === false ? null : n, count, page };
  };
  return { fetchPage, requests };
}

describe("resolvePaging", () => {
  it("defaults and clamps _count to 100 with a 0-based page", () => {
    expect(resolvePaging(undefined, 20)).toEqual({ count: 20, page: 0 });
    expect(resolvePaging({ count: 150, page: 2 }, 20)).toEqual({ count: 100, page: 2 });
  });

  it("rejects a count below 1 and negative or fractional pages", () => {
    expect(() => resolvePaging({ count: 0 }, 20)).toThrow(WellSkyValidationError);
    expect(() => resolvePaging({ page: -1 }, 20)).toThrow(/0-based/);
    expect(() => resolvePaging({ page: 1.5 }, 20)).toThrow(WellSkyValidationError);
  });
});

describe("isLastPage", () => {
  it("stops on a short page", () => {
    expect(isLastPage({ page: 0, count: 100, entries: new Array(99), total: null })).toBe(true);
  });
  it("stops when (page+1)*count reaches totalRecords even if the page is full", () => {
    expect(isLastPage({ page: 1, count: 100, entries: new Array(100), total: 200 })).toBe(true);
    expect(isLastPage({ page: 0, count: 100, entries: new Array(100), total: 200 })).toBe(false);
  });
  it("continues on a full page when the total is unknown", () => {
    expect(isLastPage({ page: 3, count: 100, entries: new Array(100), total: null })).toBe(false);
  });
});

describe("paginate", () => {
  it("walks 0-based pages of 100 and yields every row once", async () => {
    const src = source(250);
    const rows = await collect(paginate(src.fetchPage));
    expect(rows).toEqual(Array.from({ length: 250 }, (_, i) => i));
    expect(src.requests).toEqual([
      { count: 100, page: 0 },
      { count: 100, page: 1 },
      { count: 100, page: 2 },
    ]);
  });

  it("does not ask for a page past totalRecords when the last page is exactly full", async () => {
    const src = source(200);
    expect(await collect(paginate(src.fetchPage))).toHaveLength(200);
    expect(src.requests).toHaveLength(2);
  });

  it("without totalRecords, ends at the first short (here: empty) page", async () => {
    const src = source(200, { reportTotal: false });
    expect(await collect(paginate(src.fetchPage))).toHaveLength(200);
    expect(src.requests.map((r) => r.page)).toEqual([0, 1, 2]);
  });

  it("honours a smaller page size and a page cap", async () => {
    const src = source(1000, { reportTotal: false });
    const rows = await collect(paginate(src.fetchPage, { count: 10, maxPages: 3 }));
    expect(rows).toHaveLength(30);
    expect(src.requests.every((r) => r.count === 10)).toBe(true);
  });
});
