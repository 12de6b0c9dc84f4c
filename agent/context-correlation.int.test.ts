import { DateTime } from "luxon";
import { renderSms } from "../prompts/sms/index.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCoverline, TZ, type TestCoverline } from "../test/harness.js";
import { activeCaregivers, caregiversFreeOn, caregiversWithOneShiftOn, fillView, localDay, openShifts, shiftsOf, startFillViaApi } from "../test/seed-picks.js";

/**
 * What a bare "yes" / 👍 means depends on what was last asked — multi-turn, through the RingCentral webhook
 * on the whole app: an offer acceptance after an offer, a confirmation after a schedule answer, nothing with
 * no open question. Low confidence asks once, then hands to a coordinator, and never moves a shift.
 */
describe("context correlation across turns", () => {
  let t: TestCoverline;
  beforeAll(async () => {
    t = await startTestCoverline();
  });
  afterAll(async () => t?.stop());

  const texts = async (phone: string) => (await t.outbox(phone, "sms")).map((m) => m.text);
  async function say(phone: string, text: string): Promise<void> {
    expect((await t.sms(phone, text)).status).toBe(200);
    await t.inbound.idle();
  }
  const used = new Set<string>();

  it("offer → 'what time?' is answered from the shift's facts → 'yes' wins the shift → 'thanks' gets no reply", async () => {
    const shift = openShifts(t)[0]!;
    let view = await startFillViaApi(t, shift.key);
    // Reach a second caregiver too (the next wave, as a coordinator's "text more" would).
    for (let i = 0; i < 3 && view.offers.length < 2; i++) {
      await t.fill.extendOutreach(view.id, "coordinator:coord-01");
      view = await fillView(t, view.id);
    }
    expect(view.offers.length).toBeGreaterThan(1);
    const cg = t.seed!.caregivers.find((c) => c.id === view.offers[0]!.caregiverId)!;
    used.add(cg.id);
    const client = t.seed!.clients.find((c) => c.id === shift.clientId)!;
    expect(await texts(cg.phone)).toHaveLength(1);

    await say(cg.phone, "what time?");
    const afterQ = await texts(cg.phone);
    expect(afterQ).toHaveLength(2);
    const start = DateTime.fromJSDate(shift.start, { zone: TZ });
    const end = DateTime.fromJSDate(shift.end, { zone: TZ });
    const h = (d: DateTime) => `${d.hour % 12 || 12}${d.minute ? `:${String(d.minute).padStart(2, "0")}` : ""}`;
    expect(afterQ[1]).toContain(h(start));
    expect(afterQ[1]).toContain(h(end));
    expect(afterQ[1]).toContain(client.address.city);
    expect(afterQ[1]).not.toContain(client.address.line);
    expect(afterQ[1]).not.toContain(client.lastName);
    // The question also goes to the client's coordinator, quoted, and the caregiver is told so.
    const smsCtx = { agencyName: t.config.AGENCY_NAME, officePhone: t.config.AGENCY_OFFICE_PHONE, timezone: TZ, now: t.clock.now() };
    expect(afterQ[1]).toContain(renderSms("offer_question_forwarded", cg.language, {}, smsCtx));
    const slack = (await t.outbox(undefined, "slack")).filter((m) => m.text.includes("asked about") && m.text.includes(`${cg.firstName} ${cg.lastName}`));
    expect(slack).toHaveLength(1);
    expect(slack[0]!.text).toContain("> what time?");
    expect(slack[0]!.text).toContain(client.lastName);
    // Still open: a question is not an answer.
    expect(t.fake!.store.appointmentOccurrence(shift.key)?.caregiver ?? null).toBeNull();

    await say(cg.phone, "yes");
    await t.waitFor(async () => t.fake!.store.appointmentOccurrence(shift.key)?.caregiver?.id === cg.id);
    const v = await t.waitFor(async () => {
      const x = await fillView(t, view.id);
      return x.winner?.assignment === "written" ? x : undefined;
    });
    expect(v.status).toBe("filled");
    expect(v.winner!.caregiverId).toBe(cg.id);
    await t.waitFor(async () => (await texts(cg.phone)).some((m) => m.includes(client.address.line)));
    const settled = (await texts(cg.phone)).length;

    await say(cg.phone, "thanks!");
    await say(cg.phone, "👍");
    expect(await texts(cg.phone)).toHaveLength(settled);
    expect(t.fake!.store.appointmentOccurrence(shift.key)?.caregiver?.id).toBe(cg.id);

    // Another offered caregiver's 👍 is read as accepting *their* offer: too late, told so, nothing moves.
    const other = view.offers.map((o) => t.seed!.caregivers.find((c) => c.id === o.caregiverId)!).find((c) => c.id !== cg.id);
    {
      if (!other) throw new Error("a second offered caregiver is expected");
      used.add(other.id);
      const before = (await texts(other.phone)).length;
      await say(other.phone, "👍");
      const after = await texts(other.phone);
      expect(after).toHaveLength(before + 1);
      // Exactly the "already filled" text, in that caregiver's own language (whichever the seed picked).
      const ctx = { agencyName: t.config.AGENCY_NAME, officePhone: t.config.AGENCY_OFFICE_PHONE, timezone: TZ, now: t.clock.now() };
      expect(after.at(-1)).toBe(renderSms("offer_already_filled", other.language, { firstName: other.firstName, start: shift.start, end: shift.end, city: client.address.city }, ctx));
      const final = await fillView(t, view.id);
      expect(final.offers.find((o) => o.caregiverId === other.id)?.status).toBe("lost");
      expect(t.fake!.store.appointmentOccurrence(shift.key)?.caregiver?.id).toBe(cg.id);
    }
  });

  it("'yes' after 'Do I work tomorrow?' confirms those shifts (confirm_request), and a second 'yes' gets nothing", async () => {
    const tomorrow = localDay(t, 1);
    const { cg, shift } = caregiversWithOneShiftOn(t, tomorrow, (_s, c) => c.language === "en", [...used])[0]!;
    used.add(cg.id);
    await say(cg.phone, "Do I work tomorrow?");
    const answer = await texts(cg.phone);
    expect(answer).toHaveLength(1);
    expect(answer[0]).toMatch(/Reply CONFIRM/);

    await say(cg.phone, "yes");
    const after = await texts(cg.phone);
    expect(after).toHaveLength(2);
    expect(after[1]).toMatch(/You're confirmed for tomorrow/);
    const { rows } = await t.db.pool.query<{ data: { shiftKeys: string[] } }>("SELECT data FROM audit_events WHERE action = 'shifts.confirmed' AND subject_id = $1", [cg.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.data.shiftKeys).toEqual([shift.key]);
    // The offer machinery was not involved, and the shift did not move.
    expect(t.fake!.store.appointmentOccurrence(shift.key)?.caregiver?.id).toBe(cg.id);

    await say(cg.phone, "yes");
    expect(await texts(cg.phone)).toHaveLength(2);
  });

  it("'yes' and 👍 with no open question are not actionable: no reply, nothing recorded but the message", async () => {
    const cg = caregiversFreeOn(t, localDay(t, 1)).find((c) => !used.has(c.id))!;
    used.add(cg.id);
    await say(cg.phone, "yes");
    await say(cg.phone, "👍");
    await say(cg.phone, "ok thanks");
    expect(await texts(cg.phone)).toHaveLength(0);
    const { rows } = await t.db.pool.query<{ status: string; intent: string }>("SELECT status, intent FROM inbound_messages WHERE from_address = $1", [cg.phone]);
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.status === "processed" && r.intent === "other")).toBe(true);
    expect((await (await t.app.request("/api/fills")).json() as { fills: unknown[] }).fills).toHaveLength(1);
  });

  it("unclear text: one clarifying question, then a coordinator in Slack — and no shift moves", async () => {
    const cg = activeCaregivers(t).find((c) => c.language === "en" && !used.has(c.id) && shiftsOf(t, c.id).some((s) => s.start > t.clock.now()))!;
    used.add(cg.id);
    const mine = shiftsOf(t, cg.id).filter((s) => s.start > t.clock.now());
    const slackBefore = (await t.outbox(undefined, "slack")).length;

    await say(cg.phone, "blorf zzq the thing");
    const first = await texts(cg.phone);
    expect(first).toHaveLength(1);
    expect(first[0]).toMatch(/didn't quite get that/);
    expect((await t.outbox(undefined, "slack")).length).toBe(slackBefore);

    await say(cg.phone, "purple banana");
    const second = await texts(cg.phone);
    expect(second).toHaveLength(2);
    expect(second[1]).toMatch(/passed this to a coordinator/);
    const slack = (await t.outbox(undefined, "slack")).slice(slackBefore);
    expect(slack).toHaveLength(1);
    expect(slack[0]!.text).toContain("purple banana");
    expect(slack[0]!.text).toMatch(/Needs a coordinator/);

    // Back to normal afterwards: the next unclear message is clarified again, not handed off straight away.
    await say(cg.phone, "zzz qqq");
    expect((await texts(cg.phone)).at(-1)).toMatch(/didn't quite get that/);

    for (const s of mine) expect(t.fake!.store.appointmentOccurrence(s.key)?.caregiver?.id).toBe(cg.id);
    const { fills } = (await (await t.app.request("/api/fills")).json()) as { fills: { shiftKey: string }[] };
    expect(fills.map((f) => f.shiftKey).filter((k) => mine.some((s) => s.key === k))).toEqual([]);
  });
});
