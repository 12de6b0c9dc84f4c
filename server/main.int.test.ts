import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { openDatabase, quoteIdent } from "../db/pool.js";
import { serverUrl } from "../test/db.js";

/** `npm start` as a newcomer runs it: the real process on embedded defaults, /health, then a clean stop. */
describe("server/main.ts (npm start)", () => {
  it("prints what runs where, serves /health healthy, stops cleanly on SIGTERM and releases the data dir", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "coverline-main-"));
    const port = 30000 + Math.floor(Math.random() * 20000);
    const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
      env: { ...process.env, DATABASE_URL: "", PORT: String(port), WELLSKY_FAKE_PORT: "0", DATA_DIR: dataDir, LOG_LEVEL: "silent", FILL_SCAN_UNASSIGNED_HOURS: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += String(d)));
    child.stderr.on("data", (d) => (out += String(d)));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    try {
      const deadline = Date.now() + 60_000;
      while (!out.includes("Coverline is running")) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`did not start:\n${out}`);
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(out).toContain(`http://127.0.0.1:${port}`);
      expect(out).toMatch(/Database: PGlite \(embedded\)/);
      expect(out).toMatch(/WellSky: local stand-in/);
      const health = await fetch(`http://127.0.0.1:${port}/health`);
      expect(health.status).toBe(200);
      expect(((await health.json()) as { status: string }).status).toBe("healthy");
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
    expect(out).toContain("Stopped cleanly.");
    const again = await openDatabase({ dataDir });
    await again.close();
  }, 90_000);

  it.runIf(serverUrl())("WORKERS=2 on PostgreSQL: one banner, one shared stand-in, a sender's texts answered in order, a clean stop", async () => {
    const url = serverUrl()!;
    const schema = `t_main_${Math.random().toString(16).slice(2, 10)}`;
    const port = 30000 + Math.floor(Math.random() * 20000);
    const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
      env: { ...process.env, DATABASE_URL: url, DATABASE_SCHEMA: schema, WORKERS: "2", PORT: String(port), WELLSKY_FAKE_PORT: "0", LOG_LEVEL: "silent", FILL_SCAN_UNASSIGNED_HOURS: "0", FAKE_NOW: "2026-11-24T17:00:00Z" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += String(d)));
    child.stderr.on("data", (d) => (out += String(d)));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const base = `http://127.0.0.1:${port}`;
    try {
      const deadline = Date.now() + 80_000;
      while (!out.includes("Coverline is running")) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`did not start:\n${out}`);
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(out.match(/Coverline is running/g)).toHaveLength(1);
      expect(out).toContain("(2 worker processes)");
      expect(out).toMatch(/WellSky: http:\/\/127\.0\.0\.1:\d+ \(local stand-in hosted by the primary process\)/);
      expect(out).toMatch(/now Tue Nov 24, 10:0\d MST/);

      // The roster comes from the stand-in the primary hosts.
      const roster = (await (await fetch(`${base}/dev/roster`)).json()) as { caregivers: { phone: string; language: string }[] };
      const cg = roster.caregivers.find((c) => c.language === "en")!;
      // Two texts from one caregiver, posted back to back: whichever worker takes each, they are handled in order.
      const sent: number[] = [];
      for (const text of ["do I work tomorrow?", "thanks!"]) {
        const r = await fetch(`${base}/dev/sms`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ from: cg.phone, text }) });
        expect(r.status).toBe(202);
        sent.push(((await r.json()) as { id: number }).id);
      }
      const db = new pg.Client({ connectionString: url });
      await db.connect();
      try {
        let rows: { id: string; status: string; processed_at: Date | null }[] = [];
        while (Date.now() < deadline) {
          rows = (await db.query(`SELECT id, status, processed_at FROM ${quoteIdent(schema)}.inbound_messages WHERE id = ANY($1) ORDER BY id`, [sent])).rows;
          if (rows.length === 2 && rows.every((r) => r.status === "processed")) break;
          await new Promise((r) => setTimeout(r, 200));
        }
        expect(rows.map((r) => r.status)).toEqual(["processed", "processed"]);
        expect(rows[0]!.processed_at!.getTime()).toBeLessThanOrEqual(rows[1]!.processed_at!.getTime());
        const replies = (await db.query(`SELECT body FROM ${quoteIdent(schema)}.outbound_messages WHERE to_address = $1 ORDER BY id`, [cg.phone])).rows;
        expect(replies.length).toBeGreaterThanOrEqual(1);
      } finally {
        await db.end();
      }
    } finally {
      child.kill("SIGTERM");
      const exitCode = await exited;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)}, ${quoteIdent(`${schema}_pgboss`)} CASCADE`).finally(() => admin.end());
      expect(exitCode).toBe(0);
    }
    expect(out).toContain("Stopped cleanly.");
  }, 120_000);
});
