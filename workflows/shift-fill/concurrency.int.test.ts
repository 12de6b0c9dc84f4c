import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/pool.js";
import { nextTuesdayMorning, startTestCoverline, type TestCoverline } from "../../test/harness.js";
import { serverDatabase, serverUrl } from "../../test/db.js";
import { attachToSchema, campaign, offersWhere, previewRanking, sent, startFill, upcomingShifts, waitUntil } from "../../test/fill-helpers.js";

const url = serverUrl();
/** At least this many YES replies arrive at once (the number). */
const REPLIES = 50;

/**
 * Exactly one winner under a storm of YES replies, across processes: two app instances (each its own pool,
 * job workers and inbound queue) on one PostgreSQL schema and one WellSky stand-in. Every offered caregiver
 * answers YES at the same moment, through the real RingCentral webhook, alternating instances; duplicate
 * texts (new message ids) and provider replays (same id) top it up to ≥ 50 concurrent replies.
 * PGlite is one connection in one process, so this runs only with DATABASE_URL (CI's second pass).
 */
describe.runIf(url)("50 simultaneous YES from two app instances (PostgreSQL server)", () => {
  let a: TestCoverline;
  let b: TestCoverline;
  let dbA: Database;
  let dbB: Database;

  beforeAll(async () => {
    const at = nextTuesdayMorning();
    dbA = await serverDatabase(url!);
    dbB = await attachToSchema(url!, dbA.schema);
    a = await startTestCoverline({}, { at, db: dbA });
    // The second instance reads and writes the first one's WellSky: one agency, two Coverline processes.
    b = await startTestCoverline({ WELLSKY_BASE_URL: a.fake!.url }, { at, db: dbB });
  });
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
    await dbB?.close();
    await dbA?.close(); // drops the schema
  });

  it("exactly one assignment, one confirmation, one 'already filled' per other replier, no duplicate texts", async () => {
    const seed = a.seed!;
    const byId = new Map(seed.caregivers.map((c) => [c.id, c]));
    // The shift (3–30 h out) with the most qualified caregivers, so the storm is as wide as the agency allows.
    let best: { key: string; ranked: number } | undefined;
    for (const s of upcomingShifts(seed, a.clock.now(), 3, 30).slice(0, 40)) {
      const r = await previewRanking(a, s);
      if (!best || r.ranked.length > best.ranked) best = { key: s.key, ranked: r.ranked.length };
    }
    expect(best!.ranked).toBeGreaterThanOrEqual(10);
    const shiftKey = best!.key;
    const id = await startFill(a, shiftKey);
    // Extend outreach (either instance may; the coordinator's "Keep searching") until every tier is texted.
    for (let i = 0; i < 6; i++) {
      const n = await (i % 2 ? b : a).fill.extendOutreach(id, "coordinator:test");
      if (n === 0 && (await campaign(dbA.pool, id)).wave >= 3) break;
    }
    const offers = await offersWhere(dbA.pool, { campaignId: id });
    expect(offers.length).toBe(best!.ranked);
    const phones = offers.map((o) => byId.get(o.caregiverId)!.phone);

    // Every offered caregiver says YES on one instance and, at the same moment, "yes I can" (a new message id)
    // on the other — so the winner's own second YES races their first; provider replays (same message id,
    // other instance) bring it to ≥ 50 concurrent replies.
    const burst: { t: TestCoverline; phone: string; text: string; id: string }[] = [];
    phones.forEach((phone, i) => {
      burst.push({ t: i % 2 ? b : a, phone, text: "YES", id: `yes-${id}-${i}` });
      burst.push({ t: i % 2 ? a : b, phone, text: "yes I can", id: `dup-${id}-${i}` });
    });
    const replayCount = Math.max(REPLIES - burst.length, 10);
    for (let k = 0; k < replayCount; k++) {
      const i = k % phones.length;
      burst.push({ t: i % 2 ? a : b, phone: phones[i]!, text: "YES", id: `yes-${id}-${i}` });
    }
    expect(burst.length).toBeGreaterThanOrEqual(REPLIES);
    const putsBefore = a.fake!.store.requests.filter((r) => r.method === "PUT" && r.path.startsWith("/v1/appointment/")).length;

    const answers = await Promise.all(burst.map((m) => m.t.sms(m.phone, m.text, m.id).then(async (r) => ({ status: r.status, body: (await r.json()) as { status: string } }))));
    expect(answers.every((r) => r.status === 200)).toBe(true);
    const replays = burst.filter((m, i) => burst.findIndex((x) => x.id === m.id) !== i).length;
    expect(answers.filter((r) => r.body.status === "duplicate")).toHaveLength(replays);

    await Promise.all([a.inbound.idle(), b.inbound.idle()]);
    const done = await waitUntil(async () => {
      const c = await campaign(dbA.pool, id);
      return c.assignmentStatus === "written" && (await sent(dbA.pool, { key: `fill:${id}:result` })).length === 1 ? c : undefined;
    }, 25_000, "assignment written and announced");

    // One winner, everywhere it is recorded.
    const winner = done.winnerCaregiverId!;
    expect(offers.map((o) => o.caregiverId)).toContain(winner);
    expect(a.fake!.store.appointmentOccurrence(shiftKey)?.caregiver?.id).toBe(winner);
    const after = await offersWhere(dbA.pool, { campaignId: id });
    const accepted = after.filter((o) => o.status === "accepted");
    expect(accepted).toHaveLength(1);
    expect(accepted[0]!.caregiverId).toBe(winner);
    expect(done.status).toBe("filled");
    expect(done.winnerOfferId).toBe(accepted[0]!.id);
    expect(after.filter((o) => o.caregiverId !== winner).every((o) => o.status === "lost")).toBe(true);
    const puts = a.fake!.store.requests.filter((r) => r.method === "PUT" && r.path.startsWith("/v1/appointment/")).length - putsBefore;
    expect(puts).toBe(1);

    // Every message processed (none failed under contention), on both instances.
    const { rows: inbound } = await dbA.pool.query("SELECT status, count(*)::int AS n FROM inbound_messages GROUP BY status");
    expect(inbound).toEqual([{ status: "processed", n: burst.length - replays }]);

    // Texts: the winner one confirmation; everyone else exactly one "already filled"; nobody anything twice.
    const winnerPhone = byId.get(winner)!.phone;
    expect(await sent(dbA.pool, { key: `fill:${id}:confirmed` })).toHaveLength(1);
    expect((await sent(dbA.pool, { key: `fill:${id}:confirmed` }))[0]!.to).toBe(winnerPhone);
    for (const o of after) {
      const phone = byId.get(o.caregiverId)!.phone;
      const toThem = await sent(dbA.pool, { to: phone, channel: "sms" });
      const alreadyFilled = toThem.filter((m) => m.key.endsWith(":already-filled"));
      if (o.caregiverId === winner) {
        expect(alreadyFilled, "winner must not hear 'already filled'").toHaveLength(0);
        expect(toThem.map((m) => m.key)).toEqual([`offer:${o.offerMessageId}`, `fill:${id}:confirmed`]);
      } else {
        expect(alreadyFilled, `${o.caregiverId} gets one 'already filled'`).toHaveLength(1);
        expect(toThem).toHaveLength(2); // the offer and the "already filled"
      }
    }
    const { rows: dupKeys } = await dbA.pool.query("SELECT idempotency_key FROM outbound_messages GROUP BY idempotency_key HAVING count(*) > 1");
    expect(dupKeys).toEqual([]);
    const { rows: dupBodies } = await dbA.pool.query("SELECT to_address, body FROM outbound_messages WHERE channel = 'sms' GROUP BY to_address, body HAVING count(*) > 1");
    expect(dupBodies).toEqual([]);
    const { rows: campaigns } = await dbA.pool.query("SELECT count(*)::int AS n FROM fill_campaigns WHERE shift_key = $1", [shiftKey]);
    expect(campaigns[0].n).toBe(1);
  }, 40_000);
});
