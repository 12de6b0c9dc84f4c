import { afterEach, describe, expect, it } from "vitest";
import { silentLogger } from "../lib/logger.js";
import { testDatabase } from "../test/db.js";
import { startJobQueue, type JobQueue } from "./jobs.js";
import type { Database } from "./pool.js";

describe("durable jobs (pg-boss on this run's database)", () => {
  let db: Database | undefined;
  let jobs: JobQueue | undefined;
  afterEach(async () => {
    await jobs?.stop();
    await db?.close();
    jobs = undefined;
    db = undefined;
  });

  it("runs a job scheduled for later, and dedupes by key", async () => {
    db = await testDatabase();
    jobs = await startJobQueue(db, { logger: silentLogger, pollingIntervalSeconds: 0.5 });
    const seen: string[] = [];
    await jobs.work<{ v: string }>("t.later", async (d) => {
      seen.push(d.v);
    });
    const t0 = Date.now();
    expect(await jobs.send("t.later", { v: "a" }, { runAt: new Date(Date.now() + 1500), key: "k1" })).toBeTruthy();
    expect(await jobs.send("t.later", { v: "dup" }, { runAt: new Date(Date.now() + 1500), key: "k1" })).toBeNull();
    await waitFor(() => seen.length === 1, 10_000);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1200);
    expect(seen).toEqual(["a"]);
  });

  it("a job scheduled before a restart still fires after it", async () => {
    db = await testDatabase();
    const first = await startJobQueue(db, { logger: silentLogger, pollingIntervalSeconds: 0.5 });
    await first.send("t.restart", { v: "survives" }, { runAt: new Date(Date.now() + 1000) });
    await first.stop();
    jobs = await startJobQueue(db, { logger: silentLogger, pollingIntervalSeconds: 0.5 });
    const seen: string[] = [];
    await jobs.work<{ v: string }>("t.restart", async (d) => {
      seen.push(d.v);
    });
    await waitFor(() => seen.length === 1, 10_000);
    expect(seen).toEqual(["survives"]);
  });

  it("a job that fails in a batch fails alone: the others run once, it is retried", async () => {
    db = await testDatabase();
    jobs = await startJobQueue(db, { logger: silentLogger, pollingIntervalSeconds: 0.5 });
    const runs: string[] = [];
    let failuresLeft = 1;
    // Sent before the worker starts, so one fetch takes all three as one batch.
    for (const v of ["a", "b", "c"]) await jobs.send("t.batch", { v });
    await jobs.work<{ v: string }>(
      "t.batch",
      async (d) => {
        runs.push(d.v);
        if (d.v === "a" && failuresLeft-- > 0) throw new Error("WellSky answered 500");
      },
      { batchSize: 5 },
    );
    await waitFor(() => runs.length === 4, 20_000);
    // "b" and "c" ran right after "a" failed, not after its retry; only "a" ran twice.
    expect(runs.slice(0, 3).sort()).toEqual(["a", "b", "c"]);
    expect(runs.filter((v) => v === "a")).toHaveLength(2);
    const { rows } = await db.pool.query(`SELECT data->>'v' AS v, state, retry_count FROM ${db.schema === "public" ? "pgboss" : `${db.schema}_pgboss`}.job WHERE name = 't.batch' ORDER BY data->>'v'`);
    expect(rows.map((r) => [r.v, r.state, Number(r.retry_count)])).toEqual([
      ["a", "completed", 1],
      ["b", "completed", 0],
      ["c", "completed", 0],
    ]);
  });
});

async function waitFor(cond: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 50));
  }
}
