import { describe, expect, it } from "vitest";
import { openDatabase, withTransaction } from "./pool.js";

/**
 * PGlite's node-postgres adapter shares one connection; pg-pool ends a client whose query failed. Without
 * care that desynchronised the connection: the queries after an error failed or got an earlier query's rows.
 */
describe("embedded PGlite after a failed query", () => {
  it("keeps answering every later query with its own result", async () => {
    const db = await openDatabase({ dataDir: "memory://" });
    try {
      await expect(db.pool.query("SELECT $1::int AS v, * FROM no_such_table", [1])).rejects.toThrow(/no_such_table/);
      await expect(db.pool.query("SELECT $1::int / 0 AS v", [7])).rejects.toThrow(/division by zero/);
      for (let i = 0; i < 8; i++) {
        const { rows } = await db.pool.query("SELECT $1::int AS v", [i]);
        expect(rows).toEqual([{ v: i }]);
      }
      // Concurrent queries, some failing, each get their own answer.
      const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => db.pool.query(i % 5 === 0 ? "SELECT 1/0 AS v" : "SELECT $1::int AS v", i % 5 === 0 ? [] : [i])));
      results.forEach((r, i) => {
        if (i % 5 === 0) expect(r.status).toBe("rejected");
        else expect(r.status === "fulfilled" && r.value.rows[0].v).toBe(i);
      });
      await expect(withTransaction(db.pool, (tx) => tx.query("SELECT 1/0"))).rejects.toThrow();
      expect((await db.pool.query("SELECT 42 AS v")).rows).toEqual([{ v: 42 }]);
    } finally {
      await db.close();
    }
  });
});
