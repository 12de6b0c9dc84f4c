import cluster from "node:cluster";
import { serve } from "@hono/node-server";
import { ConfigError, loadConfig, WORKER_ENV, workerRole, type Config } from "../config/env.js";
import { DatabaseLockedError, openDatabase } from "../db/pool.js";
import { MigrationError, migrate, VectorUnavailableError } from "../db/migrate.js";
import { OffsetClock, systemClock, type Clock } from "../lib/clock.js";
import { createLogger } from "../lib/logger.js";
import { startCoverline, startStandIn, type StartOptions } from "./compose.js";

/**
 * `npm start`: the only place that reads configuration and builds the process. Prints what is running and
 * where; stops cleanly on SIGINT/SIGTERM (HTTP server, jobs, WellSky stand-in, then the database).
 *
 * With WORKERS > 1 (PostgreSQL only) this process becomes the cluster primary: it migrates the database, hosts
 * the WellSky stand-in when there are no WellSky credentials, and forks WORKERS server processes that share
 * PORT. Everything they share lives in Postgres (a sender's messages stay in order through the inbound claim,
 * jobs and sweeps use row locks), so the workers need no other coordination.
 */
async function main(): Promise<void> {
  // A local .env is optional; real deployments set the environment.
  try {
    process.loadEnvFile();
  } catch {
    /* no .env */
  }
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const clock: Clock = config.FAKE_NOW ? new OffsetClock(config.FAKE_NOW) : systemClock;
  if (config.WORKERS > 1 && cluster.isPrimary) return runPrimary(config, clock);
  return runServer(config, clock, cluster.isWorker ? workerRole() : undefined);
}

/** A worker that dies sooner than this after starting is failing to start, not crashing: don't loop on it. */
const MIN_WORKER_LIFETIME_MS = 10_000;

async function runServer(config: Config, clock: Clock, worker?: { index: number; sharedStandInUrl?: string }): Promise<void> {
  const logger = createLogger({ level: config.LOG_LEVEL });
  const opts: StartOptions = { logger, clock, ...(worker ? { unassignedScan: worker.index === 0, sharedStandInUrl: worker.sharedStandInUrl } : {}) };
  let coverline;
  try {
    coverline = await startCoverline(config, opts);
  } catch (err) {
    if (err instanceof DatabaseLockedError || err instanceof MigrationError || err instanceof VectorUnavailableError) {
      console.error(`Coverline could not start: ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
  const server = serve({ fetch: coverline.app.fetch, port: config.PORT, hostname: config.HOST });
  await new Promise<void>((resolve, reject) => {
    server.once("listening", () => resolve());
    server.once("error", reject);
  }).catch(async (err: Error) => {
    console.error(`Coverline could not listen on ${config.HOST}:${config.PORT}: ${err.message}`);
    await coverline.close();
    process.exit(1);
  });
  const url = `http://${config.HOST}:${config.PORT}`;
  if (worker) {
    // The primary prints one start-up summary for all workers.
    process.send?.({ kind: "ready", describe: coverline.describe });
  } else {
    console.log(runningBanner(url, coverline.describe));
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    if (!worker) console.log(`\n${signal}: stopping Coverline…`);
    await new Promise<void>((r) => server.close(() => r()));
    await coverline.close();
    if (!worker) console.log("Stopped cleanly.");
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

function runningBanner(url: string, describe: string[], workers?: number): string {
  return [
    `Coverline is running at ${url}${workers ? ` (${workers} worker processes)` : ""}`,
    ...describe.map((l) => `  ${l}`),
    `  Try: curl ${url}/health  ·  curl ${url}/dev/roster  ·  npm run sms -- --from <caregiver phone> "can't make it today, sick"`,
  ].join("\n");
}

async function runPrimary(config: Config, clock: Clock): Promise<void> {
  // Once, before any worker: the schema, and the stand-in every worker talks to (one WellSky, one truth).
  const db = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR, schema: config.DATABASE_SCHEMA, poolMax: 2, preparedStatements: config.DATABASE_PREPARED_STATEMENTS });
  let standIn: Awaited<ReturnType<typeof startStandIn>> | undefined;
  try {
    await migrate(db, { vectorMemory: config.VECTOR_MEMORY });
    if (!config.WELLSKY_BASE_URL) standIn = await startStandIn(config, clock, db);
  } catch (err) {
    console.error(`Coverline could not start: ${(err as Error).message}`);
    process.exit(1);
  } finally {
    await db.close();
  }

  const env = (index: number) => ({
    [WORKER_ENV.index]: String(index),
    ...(standIn ? { [WORKER_ENV.sharedStandInUrl]: standIn.fake.url } : {}),
    // Every worker's clock starts where the primary's is now.
    ...(config.FAKE_NOW ? { FAKE_NOW: clock.now().toISOString() } : {}),
  });
  let stopping = false;
  let ready = 0;
  const url = `http://${config.HOST}:${config.PORT}`;
  const fork = (index: number) => {
    const startedAt = Date.now();
    const w = cluster.fork(env(index));
    w.on("message", (m: { kind?: string; describe?: string[] }) => {
      if (m.kind !== "ready") return;
      ready++;
      if (ready === config.WORKERS) console.log(runningBanner(url, m.describe ?? [], config.WORKERS));
      startNext();
    });
    w.on("exit", (code, signal) => {
      if (stopping) return;
      const failedToStart = Date.now() - startedAt < MIN_WORKER_LIFETIME_MS;
      console.error(`Coverline worker ${index} exited (${signal ?? `code ${code}`})${failedToStart ? "; not restarting a worker that fails at start-up" : "; starting a new one"}`);
      if (failedToStart) return void stop("worker failure", 1);
      fork(index);
    });
  };
  const stop = async (reason: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${reason}: stopping Coverline…`);
    const workers = Object.values(cluster.workers ?? {}).filter((w) => w !== undefined);
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve) => {
            if (w.isDead()) return resolve();
            w.once("exit", () => resolve());
            w.process.kill("SIGTERM");
          }),
      ),
    );
    await standIn?.fake.close();
    console.log("Stopped cleanly.");
    process.exit(exitCode);
  };
  // One at a time at first start: workers creating the job queue's tables at once deadlock in PostgreSQL.
  let forked = 0;
  const startNext = () => {
    if (forked < config.WORKERS) fork(forked++);
  };
  startNext();
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

void main();
