import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { testDatabase } from "../test/db.js";
import { migrate, MigrationError, readMigrations, MIGRATIONS_DIR } from "./migrate.js";
import type { Database } from "./pool.js";

describe("migrations (on the database this run targets: PGlite, or the server when DATABASE_URL is set)", () => {
  let db: Database | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
  });

  it("applies every migration once, with checksums, and is a no-op the second time", async () => {
    db = await testDatabase();
    const { rows } = await db.pool.query("SELECT version, name, checksum FROM schema_migrations ORDER BY version");
    const files = readMigrations();
    expect(rows.map((r) => r.version)).toEqual(files.map((f) => f.version));
    expect(rows.map((r) => r.checksum)).toEqual(files.map((f) => f.checksum));
    const again = await migrate(db);
    expect(again.applied).toEqual([]);
  });

  it("refuses to start when an applied migration was edited", async () => {
    db = await testDatabase();
    const dir = copyMigrations();
    const first = fs.readdirSync(dir).sort()[0]!;
    fs.appendFileSync(path.join(dir, first), "\n-- edited after landing\n");
    await expect(migrate(db, { dir })).rejects.toThrow(/was edited after it was applied/);
  });

  it("applies a new migration and records it; a failing migration rolls back entirely", async () => {
    db = await testDatabase();
    const dir = copyMigrations();
    const next = String(readMigrations().length + 1).padStart(4, "0");
    fs.writeFileSync(path.join(dir, `${next}_extra.sql`), "CREATE TABLE extra_table (id int);");
    expect((await migrate(db, { dir })).applied).toEqual([`${next}_extra`]);

    const bad = String(readMigrations().length + 2).padStart(4, "0");
    fs.writeFileSync(path.join(dir, `${bad}_bad.sql`), "CREATE TABLE half_done (id int); SELECT * FROM no_such_table;");
    await expect(migrate(db, { dir })).rejects.toBeInstanceOf(MigrationError);
    const { rows } = await db.pool.query("SELECT to_regclass('half_done') AS t");
    expect(rows[0].t).toBeNull();
  });

  it("rejects badly named or non-contiguous migration files", () => {
    const dir = copyMigrations();
    fs.writeFileSync(path.join(dir, "0099_gap.sql"), "select 1;");
    expect(() => readMigrations(dir)).toThrow(/without gaps/);
  });
});

describe("vector memory", () => {
  it("is on for PGlite (pgvector bundled) and stores/searches embeddings", async () => {
    const db = await testDatabase({ engine: "pglite" });
    try {
      expect(db.vector).toBe(true);
      const vec = `[${Array.from({ length: 256 }, (_, i) => (i === 3 ? 1 : 0)).join(",")}]`;
      await db.pool.query(
        "INSERT INTO memory_items (person_key, direction, channel, body, created_at, embedding) VALUES ('caregiver:1','in','sms','hello',now(),$1)",
        [vec],
      );
      const { rows } = await db.pool.query("SELECT body, embedding <=> $1 AS d FROM memory_items ORDER BY d LIMIT 1", [vec]);
      expect(rows[0].body).toBe("hello");
      expect(Number(rows[0].d)).toBeCloseTo(0);
      expect((await migrate(db, { vectorMemory: "off" })).vector).toBe(false);
    } finally {
      await db.close();
    }
  });
});

function copyMigrations(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mig-"));
  for (const f of fs.readdirSync(MIGRATIONS_DIR)) fs.copyFileSync(path.join(MIGRATIONS_DIR, f), path.join(dir, f));
  return dir;
}
