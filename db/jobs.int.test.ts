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
});

async function waitFor(cond: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 50));
  }
}
