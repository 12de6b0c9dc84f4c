import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Caregiver, Shift } from "../../domain/types.js";
import { startTestCoverline, type TestCoverline } from "../../test/harness.js";
import { auditOf, offersWhere, previewRanking, sent, startFill, upcomingShifts, waitUntil } from "../../test/fill-helpers.js";

/**
 * What rankForShift gathers really reaches the matcher, and what changes during a campaign is re-checked
 * before each wave: a caregiver who texted STOP, reported time off over the shift, or already had today's
 * offer texts never gets an offer — whether that was true when the campaign started or became true before a
 * later wave. And every offer can be explained: each one has a stored candidate row with its score breakdown.
 */
describe("ranking inputs: opt-out, time off, daily cap; explainable offers", () => {
  let t: TestCoverline;
  let shift: Shift;
  let ranked: Caregiver[];

  beforeAll(async () => {
    t = await startTestCoverline({ FILL_DAILY_OFFER_CAP: "1" });
    // The shift with the most qualified caregivers and at least four beyond tier 1, so both checks have people.
    let best = -1;
    for (const s of upcomingShifts(t.seed!, t.clock.now(), 4, 30).slice(0, 30)) {
      const r = await previewRanking(t, s);
      if (r.ranked.length > best && r.ranked.filter((c) => c.tier === 3).length >= 4) {
        best = r.ranked.length;
        shift = s;
        ranked = r.ranked.map((c) => c.caregiver);
      }
    }
    expect(best).toBeGreaterThanOrEqual(10);
  });
  afterAll(async () => t?.stop());

  async function stop(cg: Caregiver) {
    await t.sms(cg.phone, "STOP");
    await t.waitFor(async () => (await t.db.pool.query("SELECT 1 FROM sms_consent WHERE phone = $1 AND opted_out", [cg.phone])).rowCount === 1);
  }
  async function timeOff(cg: Caregiver) {
    await t.db.pool.query("INSERT INTO caregiver_availability (caregiver_id, kind, starts_at, ends_at, note) VALUES ($1, 'time_off', $2, $3, 'test')", [
      cg.id,
      new Date(shift.start.getTime() - 3600_000),
      new Date(shift.end.getTime() + 3600_000),
    ]);
  }
  /** One offer text already went out to them today (another campaign): with FILL_DAILY_OFFER_CAP=1 that's the cap. */
  async function capped(cg: Caregiver) {
    await t.db.pool.query("INSERT INTO offer_messages (caregiver_id, phone, language, sent_at) VALUES ($1, $2, $3, $4)", [cg.id, cg.phone, cg.language, new Date(t.clock.now().getTime() - 60_000)]);
  }

  it("never offers opted-out, on-leave or capped caregivers, at ranking or at a later wave; every offer has its breakdown", async () => {
    // Known before the campaign starts: excluded by the ranking itself.
    const [optedOut, onLeave, atCap] = [ranked[0]!, ranked[1]!, ranked[2]!];
    await stop(optedOut);
    await timeOff(onLeave);
    await capped(atCap);
    const id = await startFill(t, shift.key);
    const { rows: cands } = await t.db.pool.query("SELECT caregiver_id, tier, breakdown FROM fill_candidates WHERE campaign_id = $1", [id]);
    const candIds = cands.map((c) => c.caregiver_id as string);
    for (const cg of [optedOut, onLeave, atCap]) expect(candIds).not.toContain(cg.id);
    const ranking = (await auditOf(t.db.pool, id)).find((e) => e.action === "candidates.ranked")!;
    const excludedBy = ranking.data.excludedBy as Record<string, number>;
    for (const reason of ["opted_out", "time_off", "daily_offer_cap"]) expect(excludedBy[reason]).toBeGreaterThanOrEqual(1);

    // Becomes true mid-campaign, before the wave that would reach them: re-checked at send time.
    const offeredNow = new Set((await offersWhere(t.db.pool, { campaignId: id })).map((o) => o.caregiverId));
    const later = cands.filter((c) => c.tier === 3 && !offeredNow.has(c.caregiver_id)).map((c) => t.seed!.caregivers.find((g) => g.id === c.caregiver_id)!);
    expect(later.length).toBeGreaterThanOrEqual(3);
    const [stopsLater, leaveLater, capLater] = later;
    await stop(stopsLater!);
    await timeOff(leaveLater!);
    await capped(capLater!);
    for (let i = 0; i < 4; i++) await t.fill.extendOutreach(id, "coordinator:test");
    await waitUntil(async () => (await auditOf(t.db.pool, id)).filter((e) => e.action === "wave.sent").length >= 5, 5_000, "waves");

    const offers = await offersWhere(t.db.pool, { campaignId: id });
    const offered = new Set(offers.map((o) => o.caregiverId));
    const never = [optedOut, onLeave, atCap, stopsLater!, leaveLater!, capLater!];
    for (const cg of never) {
      expect(offered.has(cg.id), `${cg.id} must not be offered`).toBe(false);
      expect(await sent(t.db.pool, { to: cg.phone, key: "offer:%" })).toEqual([]);
    }
    // Everyone else who qualified was reached by the last wave.
    expect([...offered].sort()).toEqual(candIds.filter((c) => !never.some((n) => n.id === c)).sort());

    // Explainable: every offer has its candidate row with the seed score, learned part and per-rule lines.
    const { rows } = await t.db.pool.query(
      `SELECT o.id, c.breakdown, c.score, c.rank FROM offers o LEFT JOIN fill_candidates c ON c.campaign_id = o.campaign_id AND c.caregiver_id = o.caregiver_id WHERE o.campaign_id = $1`,
      [id],
    );
    expect(rows.length).toBe(offers.length);
    for (const r of rows) {
      expect(r.breakdown, `offer ${r.id} has a stored breakdown`).not.toBeNull();
      expect(typeof r.breakdown.seedScore).toBe("number");
      expect(typeof r.breakdown.learned).toBe("number");
      expect(r.breakdown.lines.length).toBeGreaterThan(0);
      expect(Number(r.score)).toBeGreaterThanOrEqual(0);
    }
  }, 40_000);
});
