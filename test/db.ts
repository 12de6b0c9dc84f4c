import fs from "node:fs";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { loadConfig } from "../config/env.js";
import { openDatabase, quoteIdent, type Database } from "../db/pool.js";
import { migrate } from "../db/migrate.js";

/**
 * A migrated, isolated database for one test file. With DATABASE_URL set (CI's second pass) it is a fresh
 * schema on that server, dropped on close; otherwise an in-memory PGlite loaded from the run's template.
 * `engine: "pglite"` forces PGlite (vector features: the CI server has no pgvector).
 */
export async function testDatabase(opts: { engine?: "pglite" | "auto" } = {}): Promise<Database> {
  const url = loadConfig().DATABASE_URL;
  if (url && opts.engine !== "pglite") return serverDatabase(url);
  const template = fs.readFileSync(inject("pgliteTemplate"));
  const db = await openDatabase({ dataDir: "memory://", loadDataDir: new Blob([template]) });
  await migrate(db);
  return db;
}

/** A fresh schema on the PostgreSQL server; several pools may share it (multi-instance tests). */
export async function serverDatabase(url: string, schema = `t_${randomBytes(6).toString("hex")}`): Promise<Database> {
  const db = await openDatabase({ url, schema, poolMax: 10 });
  await migrate(db);
  const close = db.close;
  db.close = async () => {
    await close();
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    // pg-boss keeps its tables in a sibling schema (db/jobs.ts); drop both so runs leave nothing behind.
    await admin
      .query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE; DROP SCHEMA IF EXISTS ${quoteIdent(`${schema}_pgboss`)} CASCADE`)
      .finally(() => admin.end());
  };
  return db;
}

/** The PostgreSQL server URL tests may use for multi-process cases, or undefined when not configured. */
export function serverUrl(): string | undefined {
  return loadConfig().DATABASE_URL;
}
