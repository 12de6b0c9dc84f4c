import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/pool.js";
import type { Shift } from "../../domain/types.js";
import type { SeedAgency, WellSkyFake } from "../../integrations/wellsky/fake/index.js";
import { testDatabase } from "../../test/db.js";
import { nextTuesdayMorning, startTestCoverline, type TestCoverline } from "../../test/harness.js";
import { auditOf, campaign, offersWhere, previewRanking, sent, standaloneWellSky, startFill, upcomingShifts, waitUntil } from "../../test/fill-helpers.js";

/** Wave 2 and the escalation come due this long after the start: after the first instance is gone. */
const ENV = { FILL_WAVE_DELAYS: "0,5", FILL_ESCALATE_AFTER: "7" };

/**
 * Timers are rows, not setTimeouts: a campaign started by one process and continued by another (deploy,
 * crash) still sends wave 2 and escalates on time, and a YES that arrives after the restart still wins and is
 * written. The database (PGlite: the same in-memory database; server: the same schema) and WellSky (a
 * stand-in started outside both instances) survive; the app instance does not.
 */
describe("restart mid-campaign", () => {
  let db: Database;
  let agency: SeedAgency;
  let fake: WellSkyFake;
  let env: Record<string, string>;
  const at = nextTuesdayMorning();
  const realStart = Date.now();
  /** The agency's "now" continues across instances: each new process starts where the last one left off. */
  const continued = () => new Date(at.getTime() + (Date.now() - realStart));
  let second: TestCoverline | undefined;

  beforeAll(async () => {
    db = await testDatabase();
    ({ agency, fake, env } = await standaloneWellSky(at, db));
  });
  afterAll(async () => {
    await second?.stop();
    await fake?.close();
    await db?.close();
  });

  it("wave 2 and the escalation fire after the restart, and a YES after it wins and is written", async () => {
    const first = await startTestCoverline({ ...env, ...ENV }, { at, db });
    // A shift with someone in tier 1 (wave 1) and someone more in tier 2 (wave 2), so wave 2 has texts to send.
    let shift: Shift | undefined;
    let tier2: string[] = [];
    for (const s of upcomingShifts(agency, first.clock.now(), 4, 60)) {
      const r = await previewRanking(first, s);
      if (r.ranked.some((c) => c.tier === 1) && r.ranked.some((c) => c.tier === 2)) {
        shift = s;
        tier2 = r.ranked.filter((c) => c.tier === 2).map((c) => c.caregiver.id);
        break;
      }
    }
    expect(shift, "a shift with tier-1 and tier-2 candidates").toBeDefined();
    const id = await startFill(first, shift!.key);
    const wave1 = await offersWhere(db.pool, { campaignId: id });
    expect(wave1.length).toBeGreaterThan(0);
    expect(wave1.every((o) => o.wave === 1)).toBe(true);

    await first.close(); // the process goes away; its database and WellSky stay
    const stoppedAt = first.clock.now();
    const mid = await campaign(db.pool, id);
    expect(mid.wave).toBe(1); // nothing fired before the stop…
    expect(mid.escalationLevel).toBe(0);

    second = await startTestCoverline({ ...env, ...ENV }, { at: stoppedAt, db });
    const t = second;
    // …and the new process fires both timers.
    const trail = await waitUntil(async () => {
      const rows = await auditOf(db.pool, id);
      return rows.some((e) => e.action === "campaign.escalated") ? rows : undefined;
    }, 15_000, "escalation after restart");
    const wave2 = trail.find((e) => e.action === "wave.sent" && e.data.wave === 2);
    const escalated = trail.find((e) => e.action === "campaign.escalated" && e.data.level === 1);
    expect(wave2, "wave 2 sent").toBeDefined();
    expect(escalated, "escalation level 1").toBeDefined();
    expect(wave2!.at.getTime()).toBeGreaterThan(stoppedAt.getTime());
    expect(escalated!.at.getTime()).toBeGreaterThan(stoppedAt.getTime());
    const offers = await offersWhere(db.pool, { campaignId: id });
    const wave2Offers = offers.filter((o) => o.wave === 2);
    expect(wave2Offers.length).toBeGreaterThan(0);
    expect(wave2Offers.every((o) => tier2.includes(o.caregiverId))).toBe(true);
    expect(await sent(db.pool, { key: `fill:${id}:escalate:1` })).toHaveLength(1);

    // A YES after the restart (to a wave-2 offer, sent by the new process) wins and is written to WellSky.
    const yes = agency.caregivers.find((c) => c.id === wave2Offers[0]!.caregiverId)!;
    await t.sms(yes.phone, "Yes please");
    await t.waitFor(async () => fake.store.appointmentOccurrence(shift!.key)?.caregiver?.id === yes.id, 20_000);
    await t.waitFor(async () => (await sent(db.pool, { key: `fill:${id}:confirmed`, to: yes.phone })).length === 1);
    const done = await campaign(db.pool, id);
    expect(done.status).toBe("filled");
    expect(done.assignmentStatus).toBe("written");
    expect(done.winnerCaregiverId).toBe(yes.id);
    // Each timer ran once across both processes.
    const final = await auditOf(db.pool, id);
    expect(final.filter((e) => e.action === "wave.sent").map((e) => e.data.wave)).toEqual([1, 2]);
    expect(final.filter((e) => e.action === "campaign.escalated")).toHaveLength(1);
    await t.stop();
    second = undefined;
  }, 40_000);

  it("a YES accepted while WellSky is down is written by the next process after a crash", async () => {
    const first = await startTestCoverline({ ...env, ...ENV }, { at: continued(), db });
    const busy = new Set((await offersWhere(db.pool)).map((o) => o.caregiverId));
    let shift: Shift | undefined;
    for (const s of upcomingShifts(agency, first.clock.now(), 30, 80)) {
      if ((await previewRanking(first, s)).ranked.some((c) => !busy.has(c.caregiver.id))) {
        shift = s;
        break;
      }
    }
    const id = await startFill(first, shift!.key);
    const [offer] = await offersWhere(db.pool, { campaignId: id });
    const yes = agency.caregivers.find((c) => c.id === offer!.caregiverId)!;
    fake.faults.add({ kind: "http500", times: 100, match: /^\/v1\/appointment\// });
    await first.sms(yes.phone, "YES");
    // The job ran, failed after the client's retries, and is waiting in the queue for its next try…
    await waitUntil(async () => (await auditOf(db.pool, id)).some((e) => e.action === "assignment.retry"), 15_000, "a failed assignment attempt");
    await first.close();
    expect((await campaign(db.pool, id)).assignmentStatus).toBe("pending");
    fake.faults.clear();

    // …which the next process runs: written once, confirmed once.
    second = await startTestCoverline({ ...env, ...ENV }, { at: first.clock.now(), db });
    await waitUntil(async () => fake.store.appointmentOccurrence(shift!.key)?.caregiver?.id === yes.id, 30_000, "assignment written after restart");
    await waitUntil(async () => (await sent(db.pool, { key: `fill:${id}:confirmed`, to: yes.phone })).length === 1, 10_000, "confirmation");
    expect((await campaign(db.pool, id)).assignmentStatus).toBe("written");
    expect((await auditOf(db.pool, id)).filter((e) => e.action === "assignment.written")).toHaveLength(1);
  }, 40_000);
});
