import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../db/pool.js";

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
});
