import PgBoss from "pg-boss";
import type { Database } from "./pool.js";
import type { Logger } from "../lib/logger.js";

/**
 * Durable jobs and timers on Postgres, through pg-boss (v10: the last line that runs on Node 20). It talks
 * to the same pg.Pool as everything else (PGlite adapter or server), so a restart loses no timer: a job
 * scheduled for later is a row, and whichever process is running when it comes due works it.
 */
/** What a handler may need to know about the run: `retryCount` is 0 on the first attempt. */
export interface JobMeta {
  retryCount: number;
}

export interface JobQueue {
  /** Registers a queue and its handler. Call before start() or after; both are fine. */
  work<T extends object>(name: string, handler: (data: T, meta: JobMeta) => Promise<void>, opts?: { pollingIntervalSeconds?: number; batchSize?: number }): Promise<void>;
  /** Schedules a job to run at `runAt` (or now). `key` dedupes: a second send with the same key is dropped. */
  send<T extends object>(name: string, data: T, opts?: { runAt?: Date; key?: string; retryLimit?: number }): Promise<string | null>;
  stop(): Promise<void>;
}

export interface JobQueueOptions {
  logger: Logger;
  /** Seconds between polls for due jobs; pg-boss's floor is 0.5 s. */
  pollingIntervalSeconds?: number;
}

/** Starts pg-boss on the database's pool (creating its schema on first run). */
export async function startJobQueue(db: Database, opts: JobQueueOptions): Promise<JobQueue> {
  const boss = new PgBoss({
    db: { executeSql: (text, values) => db.pool.query(text, values?.length ? values : undefined) },
    schema: db.schema === "public" ? "pgboss" : `${db.schema}_pgboss`,
    // Archive and maintenance timers would keep the event loop busy in tests; defaults are fine in prod.
    supervise: true,
    schedule: false,
  });
  boss.on("error", (err: Error) => opts.logger.error({ err }, "job queue error"));
  await boss.start();
  const created = new Set<string>();
  const ensureQueue = async (name: string) => {
    if (created.has(name)) return;
    // pg-boss v10 silently drops sends to a queue that was never created.
    await boss.createQueue(name);
    created.add(name);
  };
  const polling = opts.pollingIntervalSeconds ?? 1;

  return {
    async work(name, handler, wopts) {
      await ensureQueue(name);
      const options = { pollingIntervalSeconds: wopts?.pollingIntervalSeconds ?? polling, batchSize: wopts?.batchSize ?? 1, includeMetadata: true as const };
      await boss.work(name, options, async (jobs) => {
        // pg-boss fails the whole batch when its handler throws: the jobs after the failing one would not run
        // and every job of the batch would wait for a retry. Each job fails on its own instead; pg-boss then
        // completes the batch, which only touches the jobs still active.
        for (const job of jobs) {
          try {
            await handler(job.data as never, { retryCount: job.retryCount });
          } catch (err) {
            await boss.fail(name, job.id, err as object); // stored as pg-boss stores a thrown error
          }
        }
      });
    },
    async send(name, data, sopts = {}) {
      await ensureQueue(name);
      const options: PgBoss.SendOptions = { retryLimit: sopts.retryLimit ?? 5, retryDelay: 5, retryBackoff: true };
      if (sopts.runAt) options.startAfter = sopts.runAt;
      if (sopts.key) {
        options.singletonKey = sopts.key;
        // A standard queue only dedupes a singletonKey within a throttle slot; a long slot makes it "once".
        options.singletonSeconds = 12 * 3600; // pg-boss caps the slot at its archive interval (12 h)
      }
      return boss.send(name, data, options);
    },
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 5_000 });
    },
  };
}
