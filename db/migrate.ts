import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { withTransaction, type Database, type Queryable } from "./pool.js";

export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MigrationError";
  }
}

/** Reads `NNNN_name.sql` files in order. Numbers must be unique and contiguous from 1. */
export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(".sql")).sort();
  const migrations = files.map((file) => {
    const m = /^(\d{4})_([a-z0-9_]+)\.sql$/.exec(file);
    if (!m) throw new MigrationError(`Migration file name must look like 0001_name.sql: ${file}`);
    const sql = fs.readFileSync(path.join(dir, file), "utf8");
    return { version: Number(m[1]), name: m[2]!, sql, checksum: sha256(sql) };
  });
  migrations.forEach((mig, i) => {
    if (mig.version !== i + 1) throw new MigrationError(`Migrations must be numbered 0001, 0002, … without gaps; found ${mig.version} at position ${i + 1}`);
  });
  return migrations;
}

export interface MigrateResult {
  applied: string[];
  vector: boolean;
}

/**
 * Applies pending migrations in one transaction, recording each with a checksum. An applied migration whose
 * file changed is an error (migrations are append-only). Then decides whether vector memory is on.
 */
export async function migrate(
  db: Database,
  opts: { vectorMemory?: "auto" | "on" | "off"; dir?: string } = {},
): Promise<MigrateResult> {
  const migrations = readMigrations(opts.dir);
  const applied = await withTransaction(db.pool, async (tx) => {
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version int PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    // Two processes starting at once against one server: the second waits, then sees everything applied.
    if (db.kind === "postgres") await tx.query("SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':coverline_migrations'))");
    const { rows } = await tx.query<{ version: number; name: string; checksum: string }>("SELECT version, name, checksum FROM schema_migrations ORDER BY version");
    const done = new Map(rows.map((r) => [r.version, r]));
    for (const row of rows) {
      const file = migrations.find((m) => m.version === row.version);
      if (!file) throw new MigrationError(`Database has migration ${pad(row.version)}_${row.name} but no such file exists (was it deleted?)`);
      if (file.checksum !== row.checksum) {
        throw new MigrationError(`Migration ${pad(row.version)}_${row.name} was edited after it was applied (checksum differs). Migrations are append-only: revert the edit and add a new migration.`);
      }
    }
    const newly: string[] = [];
    for (const mig of migrations) {
      if (done.has(mig.version)) continue;
      try {
        await tx.query(mig.sql);
      } catch (err) {
        throw new MigrationError(`Migration ${pad(mig.version)}_${mig.name} failed: ${(err as Error).message}`);
      }
      await tx.query("INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)", [mig.version, mig.name, mig.checksum]);
      newly.push(`${pad(mig.version)}_${mig.name}`);
    }
    return newly;
  });
  db.vector = await decideVector(db.pool, opts.vectorMemory ?? "auto");
  return { applied, vector: db.vector };
}

export class VectorUnavailableError extends Error {
  constructor() {
    super("VECTOR_MEMORY=on but the pgvector extension is not installed on this PostgreSQL server. Install pgvector, or set VECTOR_MEMORY=auto to run with vector memory off.");
    this.name = "VectorUnavailableError";
  }
}

async function decideVector(q: Queryable, mode: "auto" | "on" | "off"): Promise<boolean> {
  if (mode === "off") return false;
  const { rows } = await q.query<{ has: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'memory_items' AND column_name = 'embedding') AS has`,
  );
  const has = rows[0]?.has === true;
  if (!has && mode === "on") throw new VectorUnavailableError();
  return has;
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

function pad(n: number): string {
  return String(n).padStart(4, "0");
}
