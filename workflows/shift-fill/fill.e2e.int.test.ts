import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCoverline, TZ, type TestCoverline } from "../../test/harness.js";
import type { Shift } from "../../domain/types.js";

/**
 * The P0 path as a caregiver and the office meet it: an SMS call-off through the RingCentral webhook →
 * ranked offers in each caregiver's language → a NO and a YES by SMS → WellSky (the stand-in) shows the new
 * caregiver → confirmation with address to the winner, "filled" only to responders, the client's contact told,
 * the coordinator told in Slack, and GET /api/fills explains it all.
 */
describe("shift fill end to end (SMS webhook → WellSky stand-in)", () => {
  let t: TestCoverline;
  beforeAll(async () => {
    t = await startTestCoverline();
  });
  afterAll(async () => t?.stop());

  /** A caregiver with exactly one shift tomorrow (local), for a client with a primary contact. */
  function pickCallOff(): { shift: Shift; phone: string; caregiverId: string } {
    const seed = t.seed!;
    const tomorrow = DateTime.fromJSDate(t.clock.now(), { zone: TZ }).plus({ days: 1 }).toISODate();
    const onDay = (s: Shift) => DateTime.fromJSDate(s.start, { zone: TZ }).toISODate() === tomorrow;
    for (const cg of seed.caregivers.filter((c) => c.active && c.hired)) {
      const mine = seed.shifts.filter((s) => s.caregiverId === cg.id && onDay(s) && s.status === "SCHEDULED");
      if (mine.length !== 1) continue;
      const hasContact = seed.contacts.some((c) => c.clientId === mine[0]!.clientId && c.primary && c.phone);
      if (hasContact) return { shift: mine[0]!, phone: cg.phone, caregiverId: cg.id };
    }
    throw new Error("seed has no suitable call-off");
  }

  it("fills a called-off shift: offers, one winner written to WellSky, the right people told", async () => {
    const { shift, phone, caregiverId } = pickCallOff();
    const res = await t.sms(phone, "so sorry I can't make it tomorrow, I'm sick 🤒");
    expect(res.status).toBe(200);

    const campaign = await t.waitFor(async () => {
      const r = await t.app.request("/api/fills");
      const { fills } = (await r.json()) as { fills: { id: number; shiftKey: string; status: string }[] };
      return fills.find((f) => f.shiftKey === shift.key);
    });
    // The caller is unassigned in WellSky and told it's handled.
    expect(t.fake!.store.appointmentOccurrence(shift.key)?.caregiver ?? null).toBeNull();
    const toCaller = await t.outbox(phone, "sms");
    expect(toCaller).toHaveLength(1);

    const view = await t.waitFor(async () => {
      const v = (await (await t.app.request(`/api/fills/${campaign.id}`)).json()) as FillView;
      return v.offers.length > 0 ? v : undefined;
    });
    expect(view.candidates.length).toBeGreaterThan(0);
    expect(view.candidates[0]!.breakdown.lines.length).toBeGreaterThan(0);
    expect(view.candidates.map((c) => c.caregiverId)).not.toContain(caregiverId);
    const offered = view.offers.map((o) => o.caregiverId);
    expect(offered.length).toBeGreaterThanOrEqual(2);

    const byId = new Map(t.seed!.caregivers.map((c) => [c.id, c]));
    const [decliner, winner] = [byId.get(offered[0]!)!, byId.get(offered[1]!)!];
    // Each offer went out in the caregiver's language, with client first name and city only.
    const client = t.seed!.clients.find((c) => c.id === shift.clientId)!;
    for (const id of offered) {
      const msgs = await t.outbox(byId.get(id)!.phone, "sms");
      expect(msgs).toHaveLength(1);
      expect(msgs[0]!.text).not.toContain(client.lastName);
      expect(msgs[0]!.text).not.toContain(client.address.line);
    }

    await t.sms(decliner.phone, "no sorry");
    await t.sms(winner.phone, "YES 👍");
    await t.waitFor(async () => t.fake!.store.appointmentOccurrence(shift.key)?.caregiver?.id === winner.id);

    await t.waitFor(async () => (await t.outbox(winner.phone, "sms")).length >= 2);
    const winnerMsgs = await t.outbox(winner.phone, "sms");
    expect(winnerMsgs.at(-1)!.text).toContain(client.address.line); // address only now, after acceptance

    await t.waitFor(async () => (await t.outbox(decliner.phone, "sms")).length >= 3);
    // Decliner: offer, "no problem" ack, then "filled, thanks" — responders hear it was filled.
    expect((await t.outbox(decliner.phone, "sms")).length).toBe(3);
    for (const id of offered.slice(2)) expect(await t.outbox(byId.get(id)!.phone, "sms")).toHaveLength(1); // non-responders: nothing more

    const contact = t.seed!.contacts.find((c) => c.clientId === shift.clientId && c.primary && c.phone)!;
    await t.waitFor(async () => (await t.outbox(contact.phone!, "sms")).length === 1);
    expect((await t.outbox(contact.phone!, "sms"))[0]!.text).toContain(winner.firstName);

    // The coordinator's result goes out with the other announcements, in parallel: wait for it too.
    await t.waitFor(async () => (await t.outbox(undefined, "slack")).some((m) => m.text.includes(`${winner.firstName} ${winner.lastName}`)));

    // The announcement's audit row lands after the WellSky note (the last step): wait for it, not for a text.
    const final = await t.waitFor(async () => {
      const v = (await (await t.app.request(`/api/fills/${campaign.id}`)).json()) as FillView;
      return v.timeline.some((e) => e.action === "fill.announced") ? v : undefined;
    });
    expect(final.status).toBe("filled");
    expect(final.winner?.caregiverId).toBe(winner.id);
    expect(final.winner?.assignment).toBe("written");
    const actions = final.timeline.map((e) => e.action);
    for (const a of ["campaign.started", "shift.unassigned", "candidates.ranked", "wave.sent", "offer.declined", "offer.accepted", "assignment.written", "fill.announced"]) {
      expect(actions).toContain(a);
    }
    // The office sees the call-off in WellSky (the visit has not started: an admin task naming the caller and
    // the shift); the informational "covered" note makes no second to-do.
    const caller = t.seed!.caregivers.find((c) => c.id === caregiverId)!;
    // The note is a durable job: wait for it to land.
    const tasksOfShift = () => [...t.fake!.store.adminTasks.values()].filter((task) => task.description?.includes(`(appointment ${shift.appointmentId})`));
    await t.waitFor(async () => tasksOfShift().length > 0);
    const tasks = tasksOfShift();
    expect(tasks.map((task) => task.description)).toEqual([expect.stringMatching(new RegExp(`^Call-off: ${caller.firstName} ${caller.lastName} called off; Coverline is finding coverage\\. Shift `))]);

    // A late YES gets "already filled", never an error or a second assignment.
    const late = byId.get(offered[2] ?? offered[0]!)!;
    if (offered[2]) {
      await t.sms(late.phone, "yes I can");
      await t.waitFor(async () => (await t.outbox(late.phone, "sms")).length === 2);
      expect(t.fake!.store.appointmentOccurrence(shift.key)?.caregiver?.id).toBe(winner.id);
    }
  }, 60_000);

  it("POST /api/fills validates input and 404s an unknown shift", async () => {
    const bad = await t.app.request("/api/fills", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ shiftId: "" }) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe("invalid_request");
    const missing = await t.app.request("/api/fills", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ shiftId: "999999999_20300101" }) });
    expect(missing.status).toBe(404);
    expect((await t.app.request("/api/fills/99999")).status).toBe(404);
  });
});

interface FillView {
  id: number;
  status: string;
  winner: { caregiverId: string; assignment: string } | null;
  candidates: { caregiverId: string; tier: number; score: number; breakdown: { lines: unknown[] } }[];
  offers: { caregiverId: string; status: string }[];
  timeline: { action: string }[];
}
