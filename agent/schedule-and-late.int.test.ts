import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Caregiver, Shift } from "../domain/types.js";
import { startTestCoverline, TZ, type TestCoverline } from "../test/harness.js";
import { activeCaregivers, caregiversFreeOn, caregiversWithOneShiftOn, localDay, primaryContactOf, shiftsOf } from "../test/seed-picks.js";

/**
 * "Do I work tomorrow?" answered from WellSky (the stand-in) in the agency's timezone, and "running late"
 * turned into a WellSky note (an admin task, as the shift has not started), a coordinator notice, and — only past 15 minutes — a text to the
 * client's primary contact. Through the RingCentral webhook on the whole app.
 */

/** How an English SMS shows a local time range: "8-11am", "9:30am-1pm", "10pm-6am". Written out here as the spec. */
function enRange(start: Date, end: Date): string {
  const a = DateTime.fromJSDate(start, { zone: TZ });
  const b = DateTime.fromJSDate(end, { zone: TZ });
  const t = (d: DateTime) => `${d.hour % 12 || 12}${d.minute ? `:${String(d.minute).padStart(2, "0")}` : ""}`;
  const half = (d: DateTime) => (d.hour < 12 ? "am" : "pm");
  const sameHalf = half(a) === half(b) && b.diff(a, "hours").hours < 12;
  return sameHalf ? `${t(a)}-${t(b)}${half(b)}` : `${t(a)}${half(a)}-${t(b)}${half(b)}`;
}
/** "(303) 555-0100", as texts show the office number. */
const formatOffice = (e164: string) => `(${e164.slice(2, 5)}) ${e164.slice(5, 8)}-${e164.slice(8)}`;
const enTime = (d: Date) => {
  const x = DateTime.fromJSDate(d, { zone: TZ });
  return `${x.hour % 12 || 12}${x.minute ? `:${String(x.minute).padStart(2, "0")}` : ""}${x.hour < 12 ? "am" : "pm"}`;
};

describe("schedule questions and running late", () => {
  let t: TestCoverline;
  beforeAll(async () => {
    // A fixed Tuesday: the seeded schedule is laid out around the clock, and the multi-shift case needs a day
    // on which some caregiver works twice (this one has several).
    t = await startTestCoverline({}, { at: DateTime.fromISO("2026-11-24T10:00", { zone: TZ }).toJSDate() });
  });
  afterAll(async () => t?.stop());

  const used = new Set<string>();
  /** The WellSky admin tasks naming this shift's appointment. */
  const tasksAbout = (shift: Shift) => [...t.fake!.store.adminTasks.values()].filter((x) => x.description?.includes(`(appointment ${shift.appointmentId})`));
  async function say(phone: string, text: string) {
    expect((await t.sms(phone, text)).status).toBe(200);
    await t.inbound.idle();
  }

  it("answers 'Do I work tomorrow?' with the WellSky shift's local times, client first name and address", async () => {
    const tomorrow = localDay(t, 1);
    // A shift whose Denver and UTC renderings differ visibly (every daytime shift does: UTC−7).
    const { cg, shift } = caregiversWithOneShiftOn(t, tomorrow, (_s, c) => c.language === "en")[0]!;
    used.add(cg.id);
    const client = t.seed!.clients.find((c) => c.id === shift.clientId)!;
    await say(cg.phone, "Do I work tomorrow?");
    const out = await t.outbox(cg.phone, "sms");
    expect(out).toHaveLength(1);
    const weekday = DateTime.fromISO(tomorrow, { zone: TZ }).toFormat("ccc");
    expect(out[0]!.text).toContain(`📅 Tomorrow (${weekday}) ${enRange(shift.start, shift.end)} with ${client.firstName}`);
    expect(out[0]!.text).toContain(client.address.line);
    expect(out[0]!.text).not.toContain(client.lastName);
    // Not the UTC clock: 8am Denver would read 3pm (or 2pm in summer) if the zone were lost.
    const utc = DateTime.fromJSDate(shift.start, { zone: "UTC" });
    expect(out[0]!.text).not.toContain(`${utc.hour % 12 || 12}${utc.minute ? `:${String(utc.minute).padStart(2, "0")}` : ""}${utc.hour < 12 ? "am" : "pm"}-`);
  });

  it("lists every shift on the day when there are several, in order", async () => {
    const today = localDay(t, 0);
    const tomorrow = localDay(t, 1);
    const cg = activeCaregivers(t).find((c) => c.language === "en" && !used.has(c.id) && shiftsOf(t, c.id).filter((s) => DateTime.fromJSDate(s.start, { zone: TZ }).toISODate() === tomorrow).length >= 2);
    if (!cg) throw new Error("the seed has no English caregiver with two shifts tomorrow: pick another fixed day");
    used.add(cg.id);
    const mine = shiftsOf(t, cg.id).filter((s) => DateTime.fromJSDate(s.start, { zone: TZ }).toISODate() === tomorrow);
    expect(today).not.toBe(tomorrow);
    await say(cg.phone, "do i work tomorrow?");
    const text = (await t.outbox(cg.phone, "sms"))[0]!.text;
    const positions = mine.map((s) => text.indexOf(enRange(s.start, s.end)));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it("says 'not scheduled' for a caregiver with no shift tomorrow, and asks nothing back", async () => {
    const tomorrow = localDay(t, 1);
    const cg = caregiversFreeOn(t, tomorrow).find((c) => c.language === "en" && !used.has(c.id))!;
    used.add(cg.id);
    await say(cg.phone, "Do I work tomorrow?");
    const out = await t.outbox(cg.phone, "sms");
    expect(out).toHaveLength(1);
    const weekday = DateTime.fromISO(tomorrow, { zone: TZ }).toFormat("ccc");
    expect(out[0]!.text).toContain(`You're not scheduled tomorrow (${weekday})`);
    // No confirm_request was opened, so a "yes" now means nothing.
    await say(cg.phone, "yes");
    expect(await t.outbox(cg.phone, "sms")).toHaveLength(1);
  });

  it("a call-off for a day with no shift says there is nothing to cancel, and starts nothing", async () => {
    const tomorrow = localDay(t, 1);
    const cg = caregiversFreeOn(t, tomorrow).find((c) => c.language === "en" && !used.has(c.id))!;
    used.add(cg.id);
    await say(cg.phone, "so sorry, I can't come in tomorrow, I'm sick");
    const out = await t.outbox(cg.phone, "sms");
    expect(out).toHaveLength(1);
    const weekday = DateTime.fromISO(tomorrow, { zone: TZ }).toFormat("ccc");
    expect(out[0]!.text).toBe(`Let me check... You're not on the schedule tomorrow (${weekday}), so there's nothing to cancel. Thanks for letting us know! If you meant another day, tell us which one.`);
    const { rows } = await t.db.pool.query("SELECT id FROM fill_campaigns WHERE original_caregiver_id = $1", [cg.id]);
    expect(rows).toEqual([]);
  });

  it("'running late' with no shift starting soon asks them to call the office, in their language", async () => {
    const now = t.clock.now().getTime();
    const soon = (c: Caregiver) => shiftsOf(t, c.id).some((s) => s.end.getTime() > now && s.start.getTime() < now + 6 * 3600_000);
    const cg = activeCaregivers(t).find((c) => c.language === "es" && !used.has(c.id) && !soon(c))!;
    used.add(cg.id);
    await say(cg.phone, "voy tarde, llego en 15 min");
    const out = await t.outbox(cg.phone, "sms");
    expect(out).toHaveLength(1);
    expect(out[0]!.text).toBe(`Gracias por avisar. No veo ningún turno tuyo que empiece pronto. Si vas camino a una visita, llama a la oficina: ${formatOffice(t.config.AGENCY_OFFICE_PHONE)}`);
  });

  /** An English caregiver whose next shift starts in the future, for a client whose primary contact has a phone. */
  function lateCandidate(): { cg: Caregiver; shift: Shift } {
    const now = t.clock.now();
    const clientsTaken = new Set([...used].flatMap((id) => shiftsOf(t, id).map((s) => s.clientId)));
    for (const cg of activeCaregivers(t)) {
      if (cg.language !== "en" || used.has(cg.id)) continue;
      const next = shiftsOf(t, cg.id).find((s) => s.end > now);
      // "Running late" is about a shift starting soon (within 4 h) — and not yet started, so the ETA is exact.
      if (!next || next.start.getTime() < now.getTime() + 30 * 60_000) continue;
      if (next.start.getTime() > now.getTime() + 4 * 3600_000) continue;
      if (clientsTaken.has(next.clientId) || !primaryContactOf(t, next.clientId)) continue;
      used.add(cg.id);
      return { cg, shift: next };
    }
    throw new Error("no suitable caregiver for the running-late case");
  }

  it("'running 20 min late': WellSky admin task on the shift, the client's coordinator told in Slack, the client's contact texted the ETA", async () => {
    const { cg, shift } = lateCandidate();
    const contact = primaryContactOf(t, shift.clientId)!;
    const client = t.seed!.clients.find((c) => c.id === shift.clientId)!;
    const slackBefore = (await t.outbox(undefined, "slack")).length;

    await say(cg.phone, "running 20 min late");

    // The WellSky note is a durable job, off the turn's path: wait for it to land.
    const tasksOfShift = () => tasksAbout(shift);
    await t.waitFor(async () => tasksOfShift().length > 0);
    const tasks = tasksOfShift();
    expect(tasks).toHaveLength(1);
    expect(tasks[0]!.executionDate).toBe(DateTime.fromJSDate(shift.start, { zone: TZ }).toISODate());
    expect(tasks[0]!.description).toMatch(/^Running late: Caregiver reports running late \(~20 min\)\./);
    expect(tasks[0]!.description).not.toContain(cg.phone.slice(2));
    const slack = (await t.outbox(undefined, "slack")).slice(slackBefore);
    expect(slack).toHaveLength(1);
    expect(slack[0]!.text).toMatch(/Running late/);
    expect(slack[0]!.text).toContain(`${cg.firstName} ${cg.lastName}`);
    expect(slack[0]!.text).toContain("~20 min");
    expect(t.seed!.coordinators.map((c) => c.slackUserId)).toContain(slack[0]!.to);

    const eta = enTime(new Date(shift.start.getTime() + 20 * 60_000));
    const toContact = await t.outbox(contact.phone!, "sms");
    expect(toContact).toHaveLength(1);
    expect(toContact[0]!.text).toContain(cg.firstName);
    expect(toContact[0]!.text).toContain(eta);
    expect(toContact[0]!.text).not.toContain(cg.lastName);
    expect(toContact[0]!.text).not.toContain(cg.phone);

    const ack = await t.outbox(cg.phone, "sms");
    expect(ack).toHaveLength(1);
    expect(ack[0]!.text).toContain(eta);
    expect(ack[0]!.text).not.toContain(client.lastName);
    // Running late does not call anybody off.
    expect(t.fake!.store.appointmentOccurrence(shift.key)?.caregiver?.id).toBe(cg.id);
  });

  it("'5 min late': coordinator told, no text to the client's contact", async () => {
    const { cg, shift } = lateCandidate();
    const contact = primaryContactOf(t, shift.clientId)!;
    const slackBefore = (await t.outbox(undefined, "slack")).length;
    await say(cg.phone, "5 min late sorry");
    const slack = (await t.outbox(undefined, "slack")).slice(slackBefore);
    expect(slack).toHaveLength(1);
    expect(slack[0]!.text).toContain("~5 min");
    expect(await t.outbox(contact.phone!, "sms")).toHaveLength(0);
    expect(await t.outbox(cg.phone, "sms")).toHaveLength(1);
    await t.waitFor(async () => tasksAbout(shift).some((x) => /^Running late: Caregiver reports running late \(~5 min\)\./.test(x.description ?? "")));
  });

  it("'running late' while WellSky fails: answered without waiting, and the note lands on the job's retry", async () => {
    const { cg, shift } = lateCandidate();
    const tasksOfShift = () => tasksAbout(shift);
    const before = t.fake!.store.requests.length;
    // A create is not retried by the client (a 500 may have landed), so one 500 fails the note job's first run;
    // pg-boss runs it again about 5 s later.
    t.fake!.faults.add({ kind: "http500", times: 1, match: /^\/v1\/adminTasks\// });
    const slackBefore = (await t.outbox(undefined, "slack")).length;

    await say(cg.phone, "running 10 min late");
    expect(await t.outbox(cg.phone, "sms")).toHaveLength(1);
    expect((await t.outbox(undefined, "slack")).slice(slackBefore)).toHaveLength(1);
    expect(tasksOfShift(), "the turn did not wait for the note").toHaveLength(0);

    await t.waitFor(async () => tasksOfShift().length > 0, 40_000);
    expect(tasksOfShift()).toHaveLength(1);
    expect(tasksOfShift()[0]!.description).toMatch(/^Running late: Caregiver reports running late \(~10 min\)\./);
    // Every earlier note has landed (the tests above wait for theirs), so the 500 was this note's. The create
    // that landed came from pg-boss's retry (5–10 s later), not from a retry inside the client.
    const creates = t.fake!.store.requests.slice(before).filter((r) => r.method === "POST" && r.path.startsWith("/v1/adminTasks/"));
    expect(creates.map((r) => r.status)).toEqual([500, 201]);
    expect(creates[1]!.at.getTime() - creates[0]!.at.getTime()).toBeGreaterThanOrEqual(4_000);
    expect(t.fake!.faults.pending).toBe(0);
  }, 60_000);
});
