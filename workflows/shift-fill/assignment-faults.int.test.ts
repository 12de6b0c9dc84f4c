import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { escalationChain } from "../../db/repos/directory.js";
import type { Shift } from "../../domain/types.js";
import { startTestCoverline, type TestCoverline } from "../../test/harness.js";
import { auditOf, campaign, offersWhere, previewRanking, sent, startFill, upcomingShifts, waitUntil } from "../../test/fill-helpers.js";

const APPOINTMENT = /^\/v1\/appointment\//;

/**
 * The WellSky write after a YES is a durable job: 500s (with the HTML body the live API sends) and 429s are
 * retried by the client and then by the job queue until the assignment is written, and the winner hears once.
 * A refusal (the occurrence is gone: 404) re-opens the campaign, tells the coordinator in Slack, and the
 * outstanding offers still stand, so a later YES wins.
 */
describe("WellSky failures while assigning the winner", () => {
  let t: TestCoverline;
  const shifts: Shift[] = [];

  beforeAll(async () => {
    t = await startTestCoverline();
    for (const s of upcomingShifts(t.seed!, t.clock.now(), 4, 40)) {
      if (shifts.length === 2) break;
      if (shifts.some((p) => p.start < s.end && s.start < p.end)) continue;
      if ((await previewRanking(t, s)).ranked.length >= 3) shifts.push(s);
    }
    expect(shifts).toHaveLength(2);
  });
  afterAll(async () => t?.stop());

  it("500s and 429s on the appointment GET/PUT: retried (client, then the durable job) until written; winner confirmed once", async () => {
    const shift = shifts[0]!;
    const id = await startFill(t, shift.key);
    const [offer] = await offersWhere(t.db.pool, { campaignId: id });
    const winner = t.seed!.caregivers.find((c) => c.id === offer!.caregiverId)!;
    const before = t.fake!.store.requests.length;
    // More failures in a row than the client's 4 tries: the first job run fails and the queue runs it again.
    t.fake!.faults.add({ kind: "http500", times: 3, match: APPOINTMENT });
    t.fake!.faults.add({ kind: "http429", times: 3, match: APPOINTMENT, retryAfterSeconds: 1 });

    await t.sms(winner.phone, "YES");
    await t.waitFor(async () => t.fake!.store.appointmentOccurrence(shift.key)?.caregiver?.id === winner.id, 30_000);
    await waitUntil(async () => (await auditOf(t.db.pool, id)).some((e) => e.action === "fill.announced"), 10_000, "fill announced");

    const seen = t.fake!.store.requests.slice(before).filter((r) => APPOINTMENT.test(r.path));
    expect(seen.filter((r) => r.fault === "http500")).toHaveLength(3);
    expect(seen.filter((r) => r.fault === "http429")).toHaveLength(3);
    expect(t.fake!.faults.pending).toBe(0);
    const trail = (await auditOf(t.db.pool, id)).map((e) => e.action);
    expect(trail.filter((a) => a === "assignment.retry").length).toBeGreaterThanOrEqual(1);
    expect(trail.filter((a) => a === "assignment.written")).toHaveLength(1);
    expect(trail.filter((a) => a === "fill.announced")).toHaveLength(1);
    expect(trail).not.toContain("assignment.refused");

    const c = await campaign(t.db.pool, id);
    expect(c.status).toBe("filled");
    expect(c.assignmentStatus).toBe("written");
    expect((await sent(t.db.pool, { to: winner.phone, channel: "sms" })).map((m) => m.key)).toEqual([`offer:${offer!.offerMessageId}`, `fill:${id}:confirmed`]);
    expect(await sent(t.db.pool, { key: `fill:${id}:result` })).toHaveLength(1);
    // One PUT got through (the GETs before it took the faults).
    expect(seen.filter((r) => r.method === "PUT" && r.status === 200)).toHaveLength(1);
  }, 40_000);

  it("a refusal (the occurrence is gone: 404) re-opens the campaign, tells the coordinator, and a later YES wins", async () => {
    const shift = shifts[1]!;
    const id = await startFill(t, shift.key);
    const offers = await offersWhere(t.db.pool, { campaignId: id });
    expect(offers.length).toBeGreaterThanOrEqual(2);
    const [first, second] = offers.map((o) => t.seed!.caregivers.find((c) => c.id === o.caregiverId)!);
    const chain = await escalationChain(t.db.pool, shift.clientId);

    // The office deletes the occurrence in WellSky between the offer and the YES.
    const list = t.fake!.store.appointments.get(shift.appointmentId)!;
    const gone = list.find((a) => t.fake!.store.occurrenceKey(a) === shift.key)!;
    t.fake!.store.appointments.set(shift.appointmentId, list.filter((a) => a !== gone));

    await t.sms(first!.phone, "yes");
    const refused = await waitUntil(async () => {
      const rows = await sent(t.db.pool, { key: `fill:${id}:assignment-refused:%` });
      return rows.length ? rows : undefined;
    }, 15_000, "refusal told to the coordinator");
    expect(refused).toHaveLength(1);
    expect(refused[0]!.channel).toBe("slack");
    expect(refused[0]!.to).toBe(chain[0]?.slackUserId ?? t.config.SLACK_ALERTS_CHANNEL);
    expect(refused[0]!.text).toContain(`${first!.firstName} ${first!.lastName}`);
    expect(refused[0]!.text).toMatch(/open again/);

    const reopened = await campaign(t.db.pool, id);
    expect(reopened.status).toBe("open");
    expect(reopened.winnerCaregiverId).toBeNull();
    expect(reopened.assignmentStatus).toBe("failed");
    expect((await auditOf(t.db.pool, id)).map((e) => e.action)).toContain("assignment.refused");
    expect(await sent(t.db.pool, { key: `fill:${id}:confirmed` })).toEqual([]);
    expect((await offersWhere(t.db.pool, { campaignId: id })).filter((o) => o.status === "accepted")).toEqual([]);

    // WellSky has the occurrence again; the next YES still wins and is written — nothing was lost.
    t.fake!.store.appointments.get(shift.appointmentId)!.push(gone);
    await t.sms(second!.phone, "YES I can");
    await t.waitFor(async () => t.fake!.store.appointmentOccurrence(shift.key)?.caregiver?.id === second!.id, 20_000);
    await t.waitFor(async () => (await sent(t.db.pool, { key: `fill:${id}:confirmed` })).length === 1);
    expect((await sent(t.db.pool, { key: `fill:${id}:confirmed` }))[0]!.to).toBe(second!.phone);
    const final = await campaign(t.db.pool, id);
    expect(final.winnerCaregiverId).toBe(second!.id);
    expect((await offersWhere(t.db.pool, { campaignId: id })).filter((o) => o.status === "accepted").map((o) => o.caregiverId)).toEqual([second!.id]);
    // The refused caregiver's repeated YES is not a win and does not re-open anything.
    await t.sms(first!.phone, "yes!!");
    await t.waitFor(async () => true);
    expect((await campaign(t.db.pool, id)).winnerCaregiverId).toBe(second!.id);
    expect(await sent(t.db.pool, { key: `fill:${id}:confirmed` })).toHaveLength(1);
  }, 40_000);
});
