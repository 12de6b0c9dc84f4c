import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import lockfile from "proper-lockfile";
import { PGlite } from "@electric-sql/pglite";
import { vector } from "@electric-sql/pglite-pgvector";
import { createPgConfig } from "@electric-sql/pglite/node-postgres";

/** Anything that runs a parameterized query: a Pool or a client inside a transaction. */
export interface Queryable {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
}

/** An open database: one `pg.Pool` whichever engine is behind it, so there is one code path. */
export interface Database {
  pool: pg.Pool;
  kind: "pglite" | "postgres";
  /** Schema holding Coverline's tables (search_path is set to it). */
  schema: string;
  /** Human description for start-up output, without credentials. */
  describe: string;
  /** Set by migrate(): whether vector memory is in use. */
  vector: boolean;
  close(): Promise<void>;
  /** PGlite only: a tarball of the data directory (tests load a migrated template from it). */
  dump?(): Promise<Blob>;
}

export class DatabaseLockedError extends Error {
  constructor(dir: string) {
    super(
      `The embedded database at ${dir} is already open in another Coverline process. ` +
        `PGlite allows one process per data directory (a second one corrupts it). ` +
        `Stop the other process, use a different DATA_DIR, or set DATABASE_URL to a PostgreSQL server.`,
    );
    this.name = "DatabaseLockedError";
  }
}

export interface OpenDatabaseOptions {
  /** postgres:// URL; when absent the embedded PGlite is used. */
  url?: string;
  /** PGlite data directory (".data" → ".data/pg"), or "memory://" for a throwaway in-memory database. */
  dataDir?: string;
  /** Preloaded data directory tarball (tests: a migrated template). Only for in-memory PGlite. */
  loadDataDir?: Blob;
  schema?: string;
  poolMax?: number;
  /** PostgreSQL server: name parameterised statements so each connection prepares them once (default on). */
  preparedStatements?: boolean;
}

/** Opens PGlite (embedded default) or a PostgreSQL server, returning a pg.Pool either way. */
export async function openDatabase(opts: OpenDatabaseOptions): Promise<Database> {
  const schema = opts.schema ?? "public";
  if (opts.url) return openServer(opts.url, schema, opts.poolMax ?? 10, opts.preparedStatements ?? true);
  return openPglite(opts.dataDir ?? ".data", schema, opts.loadDataDir);
}

/**
 * A client that names every parameterised statement after a hash of its text. node-postgres otherwise sends
 * each query as an unnamed statement, which PostgreSQL parses and plans on every call; named, it is parsed once
 * per connection and executed by name after. Measured with `bench:messages` (PostgreSQL on the same 2 cores,
 * interleaved runs): PostgreSQL's CPU fell from 35–40% to 24–30% of a core at the same or higher throughput, i.e.
 * about 30% less per message; the throughput change itself was within this machine's run-to-run noise. Text
 * without parameters (migrations, several statements at once) stays unnamed. The statement texts are fixed
 * strings in db/ and pg-boss, so the set per connection stays small.
 */
class PreparingClient extends pg.Client {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- pg's query() overloads, passed through untouched
  override query(config: any, values?: any, callback?: any): any {
    if (typeof config === "string" && Array.isArray(values) && values.length > 0) {
      return super.query({ name: statementName(config), text: config, values }, callback);
    }
    return super.query(config, values, callback);
  }
}

const statementNames = new Map<string, string>();
function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    name = `cl_${createHash("sha1").update(text).digest("hex").slice(0, 20)}`;
    statementNames.set(text, name);
  }
  return name;
}

async function openServer(url: string, schema: string, max: number, preparedStatements: boolean): Promise<Database> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
  } finally {
    await admin.end();
  }
  // `public` stays on the path so extensions installed there (e.g. vector) resolve from any schema.
  const searchPath = schema === "public" ? "public" : `${quoteIdent(schema)},public`;
  const pool = new pg.Pool({ connectionString: url, max, options: `-c search_path=${searchPath}`, ...(preparedStatements ? { Client: PreparingClient } : {}) });
  pool.on("error", () => {
    // An idle client died (server restart); the pool replaces it on next use. Nothing to do here.
  });
  const u = new URL(url);
  return {
    pool,
    kind: "postgres",
    schema,
    describe: `PostgreSQL ${u.hostname}:${u.port || 5432}${u.pathname} (schema ${schema})`,
    vector: false,
    close: () => pool.end(),
  };
}

async function openPglite(dataDir: string, schema: string, loadDataDir?: Blob): Promise<Database> {
  const inMemory = dataDir.startsWith("memory://");
  const dir = inMemory ? dataDir : path.resolve(dataDir, "pg");
  let release: (() => Promise<void>) | undefined;
  if (!inMemory) {
    fs.mkdirSync(dir, { recursive: true });
    try {
      // A lock directory beside the data; stale after 10 s without a heartbeat so a crash doesn't wedge us.
      release = await lockfile.lock(dir, { stale: 10_000, update: 2_000, retries: 0, lockfilePath: `${dir}.lock` });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ELOCKED") throw new DatabaseLockedError(dir);
      throw err;
    }
  }
  let db: PGlite;
  try {
    db = await PGlite.create({ dataDir: inMemory ? undefined : dir, extensions: { vector }, loadDataDir });
  } catch (err) {
    await release?.();
    throw err;
  }
  if (schema !== "public") {
    await db.exec(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}; SET search_path = ${quoteIdent(schema)}, public;`);
  }
  // The adapter gives a Pool of size 1: PGlite is single-connection. Fine for one process.
  const pool = new pg.Pool(createPgConfig(db) as pg.PoolConfig);
  // pg-pool's own query() releases a client with the query's error, which ends it; PGlite's adapter shares one
  // connection, so the next queries then failed or read an earlier query's rows. Release it cleanly instead:
  // a failed statement leaves PGlite's single session usable (transactions roll back in withTransaction).
  pool.query = (async (text: string, values?: unknown[]) => {
    const client = await pool.connect();
    try {
      return await client.query(text, values);
    } finally {
      client.release();
    }
  }) as typeof pool.query;
  return {
    pool,
    kind: "pglite",
    schema,
    describe: inMemory ? "PGlite (in memory)" : `PGlite (embedded) at ${dir}`,
    vector: false,
    dump: () => db.dumpDataDir("none") as Promise<Blob>,
    close: async () => {
      await pool.end();
      await db.close();
      await release?.();
    },
  };
}

/** Runs `fn` inside one transaction on a dedicated client; commits on success, rolls back on error. */
export async function withTransaction<T>(pool: pg.Pool, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await fn(client);
    await client.query("COMMIT");
    return result;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** The pool type, re-exported so layers above db/ never import `pg` themselves. */
export type Pool = pg.Pool;
