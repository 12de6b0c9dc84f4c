import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Shift } from "../../domain/types.js";
import { startTestCoverline, type TestCoverline } from "../../test/harness.js";
import { auditOf, campaign, offersWhere, previewRanking, startFill, upcomingShifts, waitUntil } from "../../test/fill-helpers.js";

/**
 * A YES wins, so the campaign stands filled while WellSky is written; a wave timer firing then does nothing.
 * If WellSky then refuses the assignment, the campaign re-opens — and the wave that came due meanwhile must go
 * out, not be lost (the next caregivers would otherwise never hear about the shift).
 */
describe("a refusal after a wave came due", () => {
  let t: TestCoverline;
  let shift: Shift;

  beforeAll(async () => {
    // Wave 2 two seconds after the start; escalation far away.
    t = await startTestCoverline({ FILL_WAVE_DELAYS: "0,2", FILL_ESCALATE_AFTER: "600" });
    for (const s of upcomingShifts(t.seed!, t.clock.now(), 4, 72)) {
      const { ranked } = await previewRanking(t, s);
      // Someone in tier 1 (wave 1) and someone only wave 2 reaches.
      if (ranked.some((c) => c.tier === 1) && ranked.some((c) => c.tier === 2)) {
        shift = s;
        break;
      }
    }
    expect(shift).toBeDefined();
  });
  afterAll(async () => t?.stop());

  it("sends the wave that came due while the campaign stood filled, once the refusal re-opens it", async () => {
    const id = await startFill(t, shift.key);
    const wave1 = await offersWhere(t.db.pool, { campaignId: id });
    expect(wave1.length).toBeGreaterThan(0);
    const first = t.seed!.caregivers.find((c) => c.id === wave1[0]!.caregiverId)!;

    // The office deletes the occurrence in WellSky, and WellSky is slow: the refusal lands after wave 2 is due.
    const list = t.fake!.store.appointments.get(shift.appointmentId)!;
    const gone = list.find((a) => t.fake!.store.occurrenceKey(a) === shift.key)!;
    t.fake!.store.appointments.set(shift.appointmentId, list.filter((a) => a !== gone));
    t.fake!.faults.add({ kind: "latency", ms: 2_500, times: 3, match: /^\/v1\/appointment\// });

    await t.sms(first.phone, "yes");
    await waitUntil(async () => ((await auditOf(t.db.pool, id)).some((e) => e.action === "assignment.refused") ? true : undefined), 20_000, "the refusal");
    const later = await waitUntil(async () => {
      const offers = await offersWhere(t.db.pool, { campaignId: id });
      return offers.length > wave1.length ? offers : undefined;
    }, 10_000, "wave 2 after the refusal");
    expect(later.some((o) => o.wave === 2)).toBe(true);
    expect((await campaign(t.db.pool, id)).wave).toBe(2);
    expect((await campaign(t.db.pool, id)).status).toBe("open");
  }, 40_000);
});
