import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Coordinator } from "../../domain/types.js";
import { testDatabase } from "../../test/db.js";
import type { Database, Queryable } from "../pool.js";
import { COORDINATOR_CACHE_TTL_MS, coordinatorIndex, invalidateCoordinatorCache, upsertDirectory } from "./directory.js";

const coordinator = (id: string, phone: string, over: Partial<Coordinator> = {}): Coordinator => ({
  id,
  name: `Coordinator ${id}`,
  phone,
  slackUserId: `U${id.toUpperCase()}`,
  backupId: null,
  supervisorId: null,
  ...over,
});
const upsert = (db: Database, coordinators: Coordinator[]) => upsertDirectory(db.pool, { coordinators, clientPreferences: [], caregiverProfiles: [] });

/** Counts the statements sent through `q` that read the coordinators table. */
function countingReads(q: Queryable) {
  let reads = 0;
  const counted: Queryable = {
    query: (text, values) => {
      if (/FROM coordinators/.test(text)) reads++;
      return q.query(text, values);
    },
  };
  return { q: counted, reads: () => reads };
}

describe("coordinator cache (identify_sender's directory lookups)", () => {
  let db: Database;
  let other: Database;
  beforeAll(async () => {
    db = await testDatabase();
    other = await testDatabase();
  });
  afterAll(async () => {
    await db?.close();
    await other?.close();
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("reads the table once and answers by phone and Slack id from memory, one load for concurrent callers", async () => {
    await upsert(db, [coordinator("c1", "+13035550901"), coordinator("c2", "+13035550902")]);
    const { q, reads } = countingReads(db.pool);
    const [a, b] = await Promise.all([coordinatorIndex(q), coordinatorIndex(q)]);
    expect(a).toBe(b);
    for (let i = 0; i < 5; i++) await coordinatorIndex(q);
    expect(reads()).toBe(1);
    expect(a.byPhone.get("+13035550902")).toMatchObject({ id: "c2", slackUserId: "UC2" });
    expect(a.bySlackUser.get("UC1")?.phone).toBe("+13035550901");
    expect(a.byPhone.get("+13035550999")).toBeUndefined();
  });

  it("upsertDirectory in this process invalidates at once: a new or changed coordinator is seen by the next lookup", async () => {
    await upsert(db, [coordinator("c1", "+13035550901")]);
    expect((await coordinatorIndex(db.pool)).byPhone.get("+13035550911")).toBeUndefined();
    await upsert(db, [coordinator("c3", "+13035550911"), coordinator("c1", "+13035550921")]);
    const index = await coordinatorIndex(db.pool);
    expect(index.byPhone.get("+13035550911")?.id).toBe("c3");
    expect(index.byPhone.get("+13035550921")?.id).toBe("c1");
    expect(index.byPhone.has("+13035550901")).toBe(false);
  });

  it("a write this process did not make is seen after the TTL (or an explicit invalidation)", async () => {
    await upsert(db, [coordinator("c3", "+13035550911")]);
    await coordinatorIndex(db.pool);
    await db.pool.query("UPDATE coordinators SET phone = '+13035550931' WHERE id = 'c3'");
    expect((await coordinatorIndex(db.pool)).byPhone.get("+13035550911")?.id).toBe("c3");
    const realNow = performance.now.bind(performance);
    vi.spyOn(performance, "now").mockImplementation(() => realNow() + COORDINATOR_CACHE_TTL_MS + 1);
    expect((await coordinatorIndex(db.pool)).byPhone.get("+13035550931")?.id).toBe("c3");
    vi.restoreAllMocks();

    await db.pool.query("UPDATE coordinators SET phone = '+13035550941' WHERE id = 'c3'");
    invalidateCoordinatorCache();
    expect((await coordinatorIndex(db.pool)).byPhone.get("+13035550941")?.id).toBe("c3");
  });

  it("keeps one copy per database: another database's coordinators never answer here", async () => {
    await upsert(other, [coordinator("x1", "+13035550951")]);
    const here = await coordinatorIndex(db.pool);
    const there = await coordinatorIndex(other.pool);
    expect(there.byPhone.get("+13035550951")?.id).toBe("x1");
    expect(here.byPhone.has("+13035550951")).toBe(false);
    expect(there.bySlackUser.has("UC1")).toBe(false);
  });

  it("does not keep a failed load", async () => {
    await upsert(db, [coordinator("c1", "+13035550901")]);
    let fail = true;
    const flaky: Queryable = {
      query: (text, values) => (fail ? Promise.reject(new Error("connection terminated")) : db.pool.query(text, values)),
    };
    await expect(coordinatorIndex(flaky)).rejects.toThrow(/connection terminated/);
    fail = false;
    expect((await coordinatorIndex(flaky)).bySlackUser.get("UC1")?.id).toBe("c1");
  });
});
