import { serve } from "@hono/node-server";
import { ConfigError, loadConfig } from "../config/env.js";
import { DatabaseLockedError } from "../db/pool.js";
import { MigrationError, VectorUnavailableError } from "../db/migrate.js";
import { systemClock } from "../lib/clock.js";
import { createLogger } from "../lib/logger.js";
import { startCoverline } from "./compose.js";

/**
 * `npm start`: the only place that reads configuration and builds the process. Prints what is running and
 * where; stops cleanly on SIGINT/SIGTERM (HTTP server, jobs, WellSky stand-in, then the database).
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
  const logger = createLogger({ level: config.LOG_LEVEL });
  let coverline;
  try {
    coverline = await startCoverline(config, { logger, clock: systemClock });
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
  console.log(
    [
      `Coverline is running at ${url}`,
      ...coverline.describe.map((l) => `  ${l}`),
      `  Try: curl ${url}/health  ·  curl ${url}/dev/roster  ·  npm run sms -- --from <caregiver phone> "can't make it today, sick"`,
    ].join("\n"),
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping Coverline…`);
    await new Promise<void>((r) => server.close(() => r()));
    await coverline.close();
    console.log("Stopped cleanly.");
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

void main();
