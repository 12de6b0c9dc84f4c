import { describe, expect, it } from "vitest";
import { jobQueueFixture, waitFor } from "../test/job-queue.js";

describe("durable jobs (pg-boss on this run's database)", () => {
  const fx = jobQueueFixture();

  it("runs a job scheduled for later, and dedupes by key", async () => {
    const jobs = await fx.queue();
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
    const first = await fx.queue();
    await first.send("t.restart", { v: "survives" }, { runAt: new Date(Date.now() + 1000) });
    await first.stop();
    const jobs = await fx.queue();
    const seen: string[] = [];
    await jobs.work<{ v: string }>("t.restart", async (d) => {
      seen.push(d.v);
    });
    await waitFor(() => seen.length === 1, 10_000);
    expect(seen).toEqual(["survives"]);
  });

  it("a job that fails in a batch fails alone: the others run once, it is retried", async () => {
    const jobs = await fx.queue();
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
    const db = await fx.database();
    const { rows } = await db.pool.query(`SELECT data->>'v' AS v, state, retry_count FROM ${fx.bossSchema()}.job WHERE name = 't.batch' ORDER BY data->>'v'`);
    expect(rows.map((r) => [r.v, r.state, Number(r.retry_count)])).toEqual([
      ["a", "completed", 1],
      ["b", "completed", 0],
      ["c", "completed", 0],
    ]);
  });
});
