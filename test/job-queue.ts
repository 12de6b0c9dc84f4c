import { afterEach } from "vitest";
import { startJobQueue, type JobQueue } from "../db/jobs.js";
import type { Database } from "../db/pool.js";
import { silentLogger } from "../lib/logger.js";
import { testDatabase } from "./db.js";

/**
 * A fresh database and pg-boss queues on it for each test of a file, stopped and closed after each test.
 * `queue()` may be called more than once (a restart: stop the first, start another on the same database).
 */
export function jobQueueFixture() {
  let db: Database | undefined;
  const queues: JobQueue[] = [];
  afterEach(async () => {
    for (const q of queues.splice(0)) await q.stop();
    await db?.close();
    db = undefined;
  });
  return {
    async database(): Promise<Database> {
      db ??= await testDatabase();
      return db;
    },
    async queue(): Promise<JobQueue> {
      const q = await startJobQueue(await this.database(), { logger: silentLogger, pollingIntervalSeconds: 0.5 });
      queues.push(q);
      return q;
    },
    /** The pg-boss schema of this test's database (for reading job rows). */
    bossSchema(): string {
      return db!.schema === "public" ? "pgboss" : `${db!.schema}_pgboss`;
    },
  };
}

/** Polls a synchronous condition every 50 ms until it holds; throws after `ms`. */
export async function waitFor(cond: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 50));
  }
}
