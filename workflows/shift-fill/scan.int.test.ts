import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../lib/logger.js";
import { startTestCoverline, type TestCoverline } from "../../test/harness.js";
import { scanUnassigned } from "./scan.js";

describe("shifts found without a caregiver", () => {
  let t: TestCoverline;
  beforeAll(async () => {
    t = await startTestCoverline();
  });
  afterAll(async () => t?.stop());

  it("start a fill for every open shift in the horizon, once", async () => {
    const now = t.clock.now();
    const horizon = 72;
    const expected = t.seed!.shifts.filter((s) => s.caregiverId === null && s.status === "SCHEDULED" && s.start > now && s.start.getTime() < now.getTime() + horizon * 3600_000);
    expect(expected.length).toBeGreaterThan(0);
    const deps = { engine: t.fill, agency: t.agency, clock: t.clock, logger: silentLogger };
    expect(await scanUnassigned(deps, horizon)).toBe(expected.length);
    const { rows } = await t.db.pool.query("SELECT shift_key, source, original_caregiver_id FROM fill_campaigns ORDER BY shift_key");
    expect(rows.map((r) => r.shift_key).sort()).toEqual(expected.map((s) => s.key).sort());
    expect(rows.every((r) => r.source === "unassigned_scan" && r.original_caregiver_id === null)).toBe(true);
    expect(await scanUnassigned(deps, horizon)).toBe(0); // idempotent: live campaigns are left alone
  }, 60_000);
});
