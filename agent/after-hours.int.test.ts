import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nextTuesdayMorning, startTestCoverline, TZ, type TestCoverline } from "../test/harness.js";
import { caregiversWithOneShiftOn, localDay } from "../test/seed-picks.js";

/**
 * After business hours (Mon–Fri 08:00–18:00 Denver): a call-off for a shift that is not imminent gets the
 * seed's auto-reply (reply URGENT) and waits in the coordinators' morning queue; URGENT starts the fill at
 * once; a call-off for a shift within the urgent window (4 h) is filled at once without asking.
 */

/** Deferred outbound messages (pg-boss jobs of the "outbound.later" queue): the morning queue. */
async function morningQueue(t: TestCoverline): Promise<{ data: { channel: string; to: string; text: string }; startAfter: Date }[]> {
  const schema = t.db.schema === "public" ? "pgboss" : `${t.db.schema}_pgboss`;
  const { rows } = await t.db.pool.query<{ data: { channel: string; to: string; text: string }; start_after: Date }>(`SELECT data, start_after FROM "${schema}".job WHERE name = 'outbound.later' ORDER BY created_on`);
  return rows.map((r) => ({ data: r.data, startAfter: new Date(r.start_after) }));
}

async function fills(t: TestCoverline) {
  return ((await (await t.app.request("/api/fills")).json()) as { fills: { id: number; shiftKey: string; status: string }[] }).fills;
}

describe("after hours: Tuesday 22:00", () => {
  let t: TestCoverline;
  beforeAll(async () => {
    t = await startTestCoverline({}, { at: nextTuesdayMorning(22) });
  });
  afterAll(async () => t?.stop());

  it("queues a call-off for tomorrow morning with the URGENT auto-reply; URGENT then starts the fill", async () => {
    expect(DateTime.fromJSDate(t.clock.now(), { zone: TZ }).hour).toBe(22);
    const picks = caregiversWithOneShiftOn(t, localDay(t, 1), (s, cg) => cg.language === "en" && DateTime.fromJSDate(s.start, { zone: TZ }).hour < 12);
    expect(picks.length).toBeGreaterThan(0);
    const { cg, shift } = picks[0]!;
    const slackBefore = await t.outbox(undefined, "slack");

    await t.sms(cg.phone, "I can't make it tomorrow morning, I'm sick");
    await t.inbound.idle();
    const replies = await t.outbox(cg.phone, "sms");
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).toMatch(/office is closed/);
    expect(replies[0]!.text).toMatch(/reply URGENT/);
    expect(replies[0]!.text).toMatch(/next 4 hours/);
    // Morning queue: nobody is pinged at night; the client's coordinator's Slack notice is a durable job
    // due when the office opens (08:00 tomorrow, ~10 h from now).
    expect((await t.outbox(undefined, "slack")).slice(slackBefore.length)).toHaveLength(0);
    const queued = await morningQueue(t);
    expect(queued).toHaveLength(1);
    const notice = queued[0]!.data;
    expect(notice.channel).toBe("slack");
    expect(notice.text).toMatch(/For the morning/);
    expect(notice.text).toContain(shift.key);
    expect(new Set(t.seed!.coordinators.map((c) => c.slackUserId)).has(notice.to)).toBe(true);
    const opens = DateTime.fromJSDate(t.clock.now(), { zone: TZ }).plus({ days: 1 }).set({ hour: 8, minute: 0, second: 0, millisecond: 0 });
    const dueInMs = queued[0]!.startAfter.getTime() - Date.now();
    expect(Math.abs(dueInMs - (opens.toMillis() - t.clock.now().getTime()))).toBeLessThan(60_000);
    // Nothing moved yet.
    expect(await fills(t)).toHaveLength(0);
    expect(t.fake!.store.appointmentOccurrence(shift.key)?.caregiver?.id).toBe(cg.id);

    await t.sms(cg.phone, "URGENT");
    await t.inbound.idle();
    const campaign = (await fills(t)).find((f) => f.shiftKey === shift.key);
    expect(campaign?.status).toBe("open");
    expect(t.fake!.store.appointmentOccurrence(shift.key)?.caregiver ?? null).toBeNull();
    const after = await t.outbox(cg.phone, "sms");
    expect(after).toHaveLength(2);
    expect(after[1]!.text).toMatch(/looking for coverage now/);

    // A repeated URGENT does not start a second campaign.
    await t.sms(cg.phone, "URGENT");
    await t.inbound.idle();
    expect((await fills(t)).filter((f) => f.shiftKey === shift.key)).toHaveLength(1);
  });
});

describe("after hours: the shift changed before URGENT", () => {
  let t: TestCoverline;
  beforeAll(async () => {
    t = await startTestCoverline({}, { at: nextTuesdayMorning(22) });
  });
  afterAll(async () => t?.stop());

  it("URGENT for a shift reassigned in WellSky since the call-off pages a coordinator instead of failing", async () => {
    const picks = caregiversWithOneShiftOn(t, localDay(t, 1), (s, cg) => cg.language === "en" && DateTime.fromJSDate(s.start, { zone: TZ }).hour < 12);
    const { cg, shift } = picks[0]!;
    const other = t.seed!.caregivers.find((c) => c.active && c.hired && c.id !== cg.id)!;
    await t.sms(cg.phone, "I can't make it tomorrow morning, I'm sick");
    await t.inbound.idle();
    await t.wellsky.assignCaregiver(shift.key, other.id); // the office reassigned it in WellSky meanwhile
    const slackBefore = (await t.outbox(undefined, "slack")).length;

    await t.sms(cg.phone, "URGENT");
    await t.inbound.idle();
    const { rows } = await t.db.pool.query<{ status: string }>("SELECT status FROM inbound_messages WHERE from_address = $1 ORDER BY id", [cg.phone]);
    expect(rows.map((r) => r.status)).toEqual(["processed", "processed"]);
    expect(await fills(t)).toHaveLength(0);
    expect(t.fake!.store.appointmentOccurrence(shift.key)?.caregiver?.id).toBe(other.id);
    expect(await t.outbox(cg.phone, "sms")).toHaveLength(2); // the auto-reply, then an answer to URGENT
    expect((await t.outbox(undefined, "slack")).length).toBe(slackBefore + 1);
  });
});

describe("after hours: a shift within the urgent window", () => {
  let t: TestCoverline;
  beforeAll(async () => {
    t = await startTestCoverline({}, { at: nextTuesdayMorning(21) });
  });
  afterAll(async () => t?.stop());

  it("starts the fill at once for a call-off of a shift starting within 4 hours, without the URGENT step", async () => {
    const now = t.clock.now();
    const soon = caregiversWithOneShiftOn(t, localDay(t, 0), (s, cg) => cg.language === "en" && s.start > now && s.start.getTime() - now.getTime() < 4 * 3600_000);
    expect(soon.length).toBeGreaterThan(0);
    const { cg, shift } = soon[0]!;

    await t.sms(cg.phone, "I can't make my shift tonight, so sorry");
    await t.inbound.idle();
    const campaign = (await fills(t)).find((f) => f.shiftKey === shift.key);
    expect(campaign?.status).toBe("open");
    expect(t.fake!.store.appointmentOccurrence(shift.key)?.caregiver ?? null).toBeNull();
    const replies = await t.outbox(cg.phone, "sms");
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).toMatch(/finding coverage/);
    expect(replies[0]!.text).not.toMatch(/URGENT/);
    expect(await morningQueue(t)).toHaveLength(0);
  });
});
