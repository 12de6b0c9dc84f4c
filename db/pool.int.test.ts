import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { migrate, VectorUnavailableError } from "./migrate.js";
import { openDatabase, withTransaction } from "./pool.js";
import { serverUrl, testDatabase } from "../test/db.js";

const opener = path.resolve("test/fixtures/open-embedded-db.ts");

function openInChild(dataDir: string): string {
  return execFileSync(process.execPath, ["--import", "tsx", opener, dataDir], { encoding: "utf8", timeout: 60_000 }).trim();
}

describe("embedded PGlite data directory", () => {
  it("persists across reopen and refuses a second process while open", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "coverline-data-"));
    const db = await openDatabase({ dataDir: dir });
    await migrate(db);
    await db.pool.query("INSERT INTO sms_consent (phone, opted_out, source) VALUES ('+13035550101', true, 'keyword')");

    const second = openInChild(dir);
    expect(second).toMatch(/^REFUSED DatabaseLockedError: .*already open in another Coverline process/);

    await db.close();
    // Closed cleanly: the lock is released, another process may open it, and the data is still there.
    expect(openInChild(dir)).toBe("OPENED");
    const again = await openDatabase({ dataDir: dir });
    const { rows } = await again.pool.query("SELECT opted_out FROM sms_consent WHERE phone = '+13035550101'");
    expect(rows[0].opted_out).toBe(true);
    await again.close();
  }, 120_000);
});

describe("transactions", () => {
  it("commit on success and roll back on error", async () => {
    const db = await testDatabase();
    try {
      await withTransaction(db.pool, (tx) => tx.query("INSERT INTO sms_consent (phone, opted_out, source) VALUES ('+1', false, 'api')"));
      await expect(
        withTransaction(db.pool, async (tx) => {
          await tx.query("INSERT INTO sms_consent (phone, opted_out, source) VALUES ('+2', false, 'api')");
          throw new Error("boom");
        }),
      ).rejects.toThrow("boom");
      const { rows } = await db.pool.query("SELECT phone FROM sms_consent ORDER BY phone");
      expect(rows.map((r) => r.phone)).toEqual(["+1"]);
    } finally {
      await db.close();
    }
  });
});

describe.runIf(serverUrl())("PostgreSQL server without pgvector", () => {
  it("runs with vector memory off under auto, and VECTOR_MEMORY=on is fatal", async () => {
    const db = await testDatabase();
    try {
      const hasVector = (await db.pool.query("SELECT 1 FROM pg_available_extensions WHERE name = 'vector'")).rowCount! > 0;
      expect(db.vector).toBe(hasVector);
      if (!hasVector) await expect(migrate(db, { vectorMemory: "on" })).rejects.toBeInstanceOf(VectorUnavailableError);
    } finally {
      await db.close();
    }
  });
});

describe.runIf(serverUrl())("PostgreSQL server: prepared statements", () => {
  const preparedOn = async (client: { query(text: string): Promise<{ rows: { name: string; statement: string }[] }> }) =>
    (await client.query("SELECT name, statement FROM pg_prepared_statements")).rows;

  it("prepares a parameterised statement once per connection and reuses it; plain text stays unnamed", async () => {
    const db = await testDatabase();
    const client = await db.pool.connect();
    try {
      const sql = "SELECT $1::int + 1 AS n";
      for (const v of [1, 2, 3]) expect((await client.query(sql, [v])).rows[0].n).toBe(v + 1);
      await client.query("SELECT 41 + 1 AS n");
      const prepared = await preparedOn(client);
      expect(prepared.filter((p) => p.statement === sql)).toEqual([{ name: expect.stringMatching(/^cl_[0-9a-f]{20}$/), statement: sql }]);
      expect(prepared.some((p) => p.statement.includes("41 + 1"))).toBe(false);
    } finally {
      client.release();
      await db.close();
    }
  });

  it("prepares nothing when turned off (a pooler that cannot keep named statements)", async () => {
    const db = await openDatabase({ url: serverUrl()!, schema: "public", poolMax: 1, preparedStatements: false });
    const client = await db.pool.connect();
    try {
      await client.query("SELECT $1::int AS n", [1]);
      expect(await preparedOn(client)).toEqual([]);
    } finally {
      client.release();
      await db.close();
    }
  });
});
