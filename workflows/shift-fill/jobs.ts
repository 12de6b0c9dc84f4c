import type { JobQueue } from "../../db/jobs.js";
import type { Clock } from "../../lib/clock.js";
import type { FillEngine } from "./engine.js";
import type { FillJob, FillJobData, Scheduler } from "./ports.js";

export const FILL_JOBS: FillJob[] = ["fill.wave", "fill.escalate", "fill.assign", "fill.expire"];

/** Durable timers on the Postgres job queue: a restart loses none, and any process may run them. */
export function jobScheduler(jobs: JobQueue, clock: Clock): Scheduler {
  return {
    async schedule(job, data, runAt, key) {
      // The queue runs on real time; the workflow on its clock. Keep the delay, not the instant.
      const delayMs = Math.max(0, runAt.getTime() - clock.now().getTime());
      // WellSky writes retry for a long outage (backoff); timers only need a few retries.
      await jobs.send(job, data, { runAt: new Date(Date.now() + delayMs), key, retryLimit: job === "fill.assign" ? 30 : 5 });
    },
  };
}

/** Registers the workers that run the fill engine's timers and assignment writes. */
export async function registerFillJobs(jobs: JobQueue, engine: FillEngine, pollingIntervalSeconds?: number): Promise<void> {
  for (const job of FILL_JOBS) {
    await jobs.work<FillJobData>(job, (data) => engine.runJob(job, data), { pollingIntervalSeconds, batchSize: 5 });
  }
}
