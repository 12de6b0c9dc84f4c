import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Caregiver, ClientContact, Shift } from "../domain/types.js";
import { upsertDirectory } from "../db/repos/directory.js";
import { startToolWorld, type ToolWorld } from "../test/tool-context.js";
import { listOpenShifts, recentMessages, whoWorksWith } from "./coordinator-queries.js";
import { getSchedule } from "./get-schedule.js";
import { getShift } from "./get-shift.js";
import { identifySender } from "./identify-sender.js";
import { logClockIssue } from "./log-clock-issue.js";
import { notifyCoordinator } from "./notify-coordinator.js";
import { recordCallOff } from "./record-call-off.js";
import { recordRunningLate } from "./record-running-late.js";
import { TOOLS } from "./registry.js";
import { respondToOffer } from "./respond-to-offer.js";
import { sendMessage } from "./send-message.js";
import { runTool, ToolError } from "./types.js";
import { updateAvailability } from "./update-availability.js";

/**
 * Every tool with a happy path and its authority check, over the seeded WellSky stand-in (real client and
 * `wellskyAgency` adapter), a real database, and a recording Sender / fill starter. Authority comes from
 * `ctx.actor`, never from the input: a caregiver reads and acts only on their own shifts, coordinator tools
 * refuse everyone else, family reads only their client's shifts, and send_message reaches only the actor.
 */

const TZ = "America/Denver";
let w: ToolWorld;
/** A caregiver with an upcoming shift for a client whose primary contact has a phone. */
let a: { cg: Caregiver; shift: Shift; contact: ClientContact };
/** Another caregiver with an upcoming shift for a different client. */
let b: { cg: Caregiver; shift: Shift };

beforeAll(async () => {
  w = await startToolWorld();
  const seed = w.ws.agency;
  const now = w.clock.now().getTime();
  const upcoming = (cg: Caregiver) => w.shiftsOf(cg.id).find((s) => s.start.getTime() > now + 3600_000 && s.start.getTime() < now + 3 * 24 * 3600_000);
  const active = seed.caregivers.filter((c) => c.active && c.hired && c.language === "en");
  for (const cg of active) {
    const shift = upcoming(cg);
    const contact = shift && seed.contacts.find((c) => c.clientId === shift.clientId && c.primary && c.phone);
    if (shift && contact) {
      a = { cg, shift, contact };
      break;
    }
  }
  for (const cg of active) {
    const shift = upcoming(cg);
    if (cg.id !== a.cg.id && shift && shift.clientId !== a.shift.clientId) {
      b = { cg, shift };
      break;
    }
  }
  expect(a && b).toBeTruthy();
});
afterAll(async () => w?.close());

const forbidden = (p: Promise<unknown>) => expect(p).rejects.toMatchObject({ name: "ToolError", code: "forbidden" });
const dayOf = (d: Date) => DateTime.fromJSDate(d, { zone: TZ }).toISODate()!;
/** Admin tasks the stand-in holds for a shift (their description names the appointment). */
const adminTasksAbout = (s: Shift) => [...w.ws.fake.store.adminTasks.values()].filter((t) => t.description?.includes(`(appointment ${s.appointmentId})`));
function since<T>(list: T[], from: number): T[] {
  return list.slice(from);
}

it("the registry holds exactly the tools tested here, by their stable names", () => {
  expect(Object.keys(TOOLS).sort()).toEqual(
    ["get_schedule", "get_shift", "identify_sender", "list_open_shifts", "log_clock_issue", "notify_coordinator", "record_call_off", "record_running_late", "recent_messages", "respond_to_offer", "send_message", "update_availability", "who_works_with"].sort(),
  );
  for (const t of Object.values(TOOLS)) expect(t.name).toMatch(/^[a-z]+(_[a-z]+)+$/);
});

describe("identify_sender", () => {
  it("identifies caregivers, family contacts and coordinators (phone or Slack id), and unknown numbers", async () => {
    const seed = w.ws.agency;
    const unknownActor = (address: string) => w.ctx({ kind: "unknown", address });
    expect(await runTool(identifySender, unknownActor(a.cg.phone), { address: a.cg.phone, channel: "sms" })).toEqual({ kind: "caregiver", id: a.cg.id, firstName: a.cg.firstName, language: a.cg.language });
    expect(await runTool(identifySender, unknownActor(a.contact.phone!), { address: a.contact.phone!, channel: "sms" })).toMatchObject({ kind: "family", id: a.contact.id, clientId: a.contact.clientId });
    const coord = seed.coordinators[1]!;
    expect(await runTool(identifySender, unknownActor(coord.phone), { address: coord.phone, channel: "sms" })).toMatchObject({ kind: "coordinator", id: coord.id });
    expect(await runTool(identifySender, unknownActor(coord.slackUserId), { address: coord.slackUserId, channel: "slack" })).toMatchObject({ kind: "coordinator", id: coord.id });
    expect(await runTool(identifySender, unknownActor("+13125550142"), { address: "+13125550142", channel: "sms" })).toEqual({ kind: "unknown" });
    expect(await runTool(identifySender, unknownActor("U0NOBODY"), { address: "U0NOBODY", channel: "slack" })).toEqual({ kind: "unknown" });
  });

  it("answers coordinators from the cached directory, and sees a coordinator added through upsertDirectory at once", async () => {
    const newcomer = { id: "coord-new", name: "Nora Quinn", phone: "+13035550977", slackUserId: "U0NEWCOORD", backupId: null, supervisorId: null };
    const ask = (address: string, channel: "sms" | "slack") => runTool(identifySender, w.ctx({ kind: "unknown", address }), { address, channel });
    // Warm the cache with the number still unknown, then load the directory as an agency import would.
    expect(await ask(newcomer.phone, "sms")).toEqual({ kind: "unknown" });
    await upsertDirectory(w.db.pool, { coordinators: [newcomer], clientPreferences: [], caregiverProfiles: [] });
    expect(await ask(newcomer.phone, "sms")).toEqual({ kind: "coordinator", id: "coord-new", firstName: "Nora", language: "en" });
    expect(await ask(newcomer.slackUserId, "slack")).toMatchObject({ kind: "coordinator", id: "coord-new" });
    // Later turns read no coordinator row: the per-turn SELECT is gone.
    const query = vi.spyOn(w.db.pool, "query");
    try {
      await ask(a.cg.phone, "sms");
      await ask(newcomer.phone, "sms");
      expect(query.mock.calls.filter(([sql]) => typeof sql === "string" && sql.includes("coordinators"))).toEqual([]);
    } finally {
      query.mockRestore();
    }
  });

  it("lets no one but staff look up a number that is not their own", async () => {
    await forbidden(runTool(identifySender, w.ctx(w.caregiver(a.cg)), { address: b.cg.phone, channel: "sms" }));
    await forbidden(runTool(identifySender, w.ctx(w.family(a.contact)), { address: a.cg.phone, channel: "sms" }));
    await forbidden(runTool(identifySender, w.ctx({ kind: "unknown", address: "+13125550142" }), { address: a.cg.phone, channel: "sms" }));
    expect(await runTool(identifySender, w.ctx(w.caregiver(a.cg)), { address: a.cg.phone, channel: "sms" })).toMatchObject({ id: a.cg.id });
    expect(await runTool(identifySender, w.ctx(w.coordinator()), { address: b.cg.phone, channel: "sms" })).toMatchObject({ kind: "caregiver", id: b.cg.id });
  });
});

describe("get_schedule", () => {
  it("gives a caregiver their own shifts on the local day, with address, in the agency's offset", async () => {
    const day = dayOf(a.shift.start);
    const { shifts } = await runTool(getSchedule, w.ctx(w.caregiver(a.cg)), { date: day });
    expect(shifts.map((s) => s.shiftKey)).toContain(a.shift.key);
    const mine = shifts.find((s) => s.shiftKey === a.shift.key)!;
    expect(new Date(mine.start).getTime()).toBe(a.shift.start.getTime());
    expect(mine.start).toMatch(/-0[67]:00$/);
    expect(mine.address).toContain(w.ws.agency.clients.find((c) => c.id === a.shift.clientId)!.address.line);
    expect(mine.caregiverId).toBeNull();
  });

  it("never gives a caregiver someone else's schedule, and refuses family and unknown senders", async () => {
    const day = dayOf(b.shift.start);
    const { shifts } = await runTool(getSchedule, w.ctx(w.caregiver(a.cg)), { date: day, caregiverId: b.cg.id });
    expect(shifts.map((s) => s.shiftKey)).not.toContain(b.shift.key);
    expect(shifts.every((s) => w.shiftsOf(a.cg.id).some((x) => x.key === s.shiftKey))).toBe(true);
    await forbidden(runTool(getSchedule, w.ctx(w.family(a.contact)), { date: day, caregiverId: b.cg.id }));
    await forbidden(runTool(getSchedule, w.ctx({ kind: "unknown", address: "+13125550142" }), { date: day, caregiverId: b.cg.id }));
    const forCoordinator = await runTool(getSchedule, w.ctx(w.coordinator()), { date: day, caregiverId: b.cg.id });
    expect(forCoordinator.shifts.map((s) => s.shiftKey)).toContain(b.shift.key);
  });

  it("rejects malformed input before reaching WellSky", async () => {
    await expect(runTool(getSchedule, w.ctx(w.caregiver(a.cg)), { date: "tomorrow" })).rejects.toMatchObject({ code: "invalid" });
    await expect(runTool(getSchedule, w.ctx(w.caregiver(a.cg)), { date: "2026-11-24", days: 30 })).rejects.toMatchObject({ code: "invalid" });
  });
});

describe("get_shift", () => {
  it("reads a caregiver's own shift (with address) and a family member's client's shift (without)", async () => {
    const own = await runTool(getShift, w.ctx(w.caregiver(a.cg)), { shiftKey: a.shift.key });
    expect(own).toMatchObject({ shiftKey: a.shift.key, clientId: a.shift.clientId });
    expect(own.address).not.toBeNull();
    const fam = await runTool(getShift, w.ctx(w.family(a.contact)), { shiftKey: a.shift.key });
    expect(fam.shiftKey).toBe(a.shift.key);
    expect(fam.address).toBeNull();
  });

  it("refuses another caregiver's shift, another client's shift to family, and unknown senders", async () => {
    await forbidden(runTool(getShift, w.ctx(w.caregiver(a.cg)), { shiftKey: b.shift.key }));
    await forbidden(runTool(getShift, w.ctx(w.family(a.contact)), { shiftKey: b.shift.key }));
    await forbidden(runTool(getShift, w.ctx({ kind: "unknown", address: "+13125550142" }), { shiftKey: a.shift.key }));
    expect((await runTool(getShift, w.ctx(w.coordinator()), { shiftKey: b.shift.key })).shiftKey).toBe(b.shift.key);
    await expect(runTool(getShift, w.ctx(w.coordinator()), { shiftKey: "999999999_20301231" })).rejects.toMatchObject({ code: "not_found" });
    await expect(runTool(getShift, w.ctx(w.coordinator()), { shiftKey: "1; DROP TABLE" })).rejects.toMatchObject({ code: "invalid" });
  });
});

describe("record_call_off", () => {
  it("hands the caregiver's own shift to the fill workflow as their call-off", async () => {
    const n = w.fillStarts.length;
    const r = await runTool(recordCallOff, w.ctx(w.caregiver(a.cg)), { shiftKey: a.shift.key, reason: "sick" });
    expect(r).toMatchObject({ created: true, candidates: 4 });
    expect(since(w.fillStarts, n)).toEqual([expect.objectContaining({ shiftKey: a.shift.key, source: "call_off", actor: `caregiver:${a.cg.id}`, callerCaregiverId: a.cg.id })]);
    // The reason stays in Coverline and is not copied verbatim into the workflow.
    expect(JSON.stringify(since(w.fillStarts, n))).not.toContain("sick");
  });

  it("refuses another caregiver's shift, family and unknown senders; a coordinator may", async () => {
    const n = w.fillStarts.length;
    await forbidden(runTool(recordCallOff, w.ctx(w.caregiver(a.cg)), { shiftKey: b.shift.key }));
    await forbidden(runTool(recordCallOff, w.ctx(w.family(a.contact)), { shiftKey: a.shift.key }));
    await forbidden(runTool(recordCallOff, w.ctx({ kind: "unknown", address: b.cg.phone }), { shiftKey: b.shift.key }));
    expect(w.fillStarts.length).toBe(n);
    await runTool(recordCallOff, w.ctx(w.coordinator("coord-02")), { shiftKey: b.shift.key });
    expect(since(w.fillStarts, n)).toEqual([expect.objectContaining({ shiftKey: b.shift.key, source: "coordinator", actor: "coordinator:coord-02", callerCaregiverId: undefined })]);
  });

  it("refuses a shift that has already ended", async () => {
    const past = w.ws.agency.shifts.find((s) => s.caregiverId === a.cg.id && s.end < w.clock.now())!;
    await expect(runTool(recordCallOff, w.ctx(w.caregiver(a.cg)), { shiftKey: past.key })).rejects.toMatchObject({ code: "invalid" });
  });
});

describe("record_running_late", () => {
  it("over 15 min: notes it in WellSky, tells the client's coordinator and the client's primary contact", async () => {
    const n = w.sent.length;
    const r = await runTool(recordRunningLate, w.ctx(w.caregiver(a.cg)), { shiftKey: a.shift.key, etaMinutes: 25 });
    expect(r).toEqual({ notedInWellSky: true, coordinatorTold: true, clientContactTold: true });
    // The shift has not started, so no care log: the note is an admin task about the client.
    const tasks = adminTasksAbout(a.shift);
    expect(tasks.map((t) => t.description)).toEqual([expect.stringMatching(/^Running late: Caregiver reports running late \(~25 min\)\. Shift /)]);
    expect(tasks[0]!.requester).toEqual([{ resourceType: "Patient", id: Number(a.shift.clientId) }]);
    expect(tasks[0]!.description).not.toContain(a.cg.phone.slice(2));
    const out = since(w.sent, n);
    const slack = out.filter((m) => m.channel === "slack");
    expect(slack).toHaveLength(1);
    expect(w.ws.agency.coordinators.map((c) => c.slackUserId)).toContain(slack[0]!.to);
    const sms = out.filter((m) => m.channel === "sms");
    expect(sms.map((m) => m.to)).toEqual([a.contact.phone]);
    expect(sms[0]!.text).toContain(a.cg.firstName);
    expect(sms[0]!.text).not.toContain(a.cg.lastName);
  });

  it("5 min: the coordinator only; and never for another caregiver's shift", async () => {
    const n = w.sent.length;
    const r = await runTool(recordRunningLate, w.ctx(w.caregiver(b.cg)), { shiftKey: b.shift.key, etaMinutes: 5 });
    expect(r.clientContactTold).toBe(false);
    expect(since(w.sent, n).map((m) => m.channel)).toEqual(["slack"]);
    const m = w.sent.length;
    await forbidden(runTool(recordRunningLate, w.ctx(w.caregiver(a.cg)), { shiftKey: b.shift.key, etaMinutes: 40 }));
    await forbidden(runTool(recordRunningLate, w.ctx(w.family(a.contact)), { shiftKey: a.shift.key, etaMinutes: 40 }));
    expect(w.sent.length).toBe(m);
  });
});

describe("update_availability", () => {
  it("records a caregiver's time off and flags the shifts it touches to the coordinator", async () => {
    const n = w.sent.length;
    const day = dayOf(a.shift.start);
    const r = await runTool(updateAvailability, w.ctx(w.caregiver(a.cg)), { kind: "time_off", date: day });
    expect(r.recorded).toBe(true);
    expect(r.affectedShiftKeys).toContain(a.shift.key);
    const { rows } = await w.db.pool.query<{ caregiver_id: string; kind: string }>("SELECT caregiver_id, kind FROM caregiver_availability WHERE caregiver_id = $1", [a.cg.id]);
    expect(rows).toEqual([{ caregiver_id: a.cg.id, kind: "time_off" }]);
    const slack = since(w.sent, n);
    expect(slack).toHaveLength(1);
    expect(slack[0]!.text).toContain(a.shift.key);
    // Flagged, never cancelled.
    expect(w.ws.fake.store.appointmentOccurrence(a.shift.key)?.caregiver?.id).toBe(a.cg.id);
  });

  it("refuses anyone but a caregiver (their own availability only: the input names no one)", async () => {
    await forbidden(runTool(updateAvailability, w.ctx(w.coordinator()), { kind: "more_hours" }));
    await forbidden(runTool(updateAvailability, w.ctx(w.family(a.contact)), { kind: "time_off", date: dayOf(a.shift.start) }));
    await forbidden(runTool(updateAvailability, w.ctx({ kind: "unknown", address: a.cg.phone }), { kind: "more_hours" }));
    const { rows } = await w.db.pool.query("SELECT 1 FROM caregiver_availability WHERE caregiver_id = $1", [b.cg.id]);
    expect(rows).toHaveLength(0);
  });
});

describe("log_clock_issue", () => {
  it("notes the caregiver's own shift and tells the coordinator (also without a shift)", async () => {
    const n = w.sent.length;
    const r = await runTool(logClockIssue, w.ctx(w.caregiver(a.cg)), { shiftKey: a.shift.key, problem: "cannot_clock_in" });
    expect(r).toEqual({ notedInWellSky: true, coordinatorTold: true });
    expect(adminTasksAbout(a.shift).map((t) => t.description)).toContainEqual(expect.stringMatching(/^Clock issue: Caregiver reports: cannot clock in\. /));
    const r2 = await runTool(logClockIssue, w.ctx(w.caregiver(b.cg)), { problem: "forgot_clock_out" });
    expect(r2).toEqual({ notedInWellSky: false, coordinatorTold: true });
    const slack = since(w.sent, n);
    expect(slack).toHaveLength(2);
    expect(slack[0]!.text).toContain(`${a.cg.firstName} ${a.cg.lastName}`);
    expect(slack[1]!.text).toContain("forgot clock out");
  });

  it("refuses another caregiver's shift, family and unknown senders", async () => {
    const n = w.sent.length;
    await forbidden(runTool(logClockIssue, w.ctx(w.caregiver(a.cg)), { shiftKey: b.shift.key, problem: "wrong_time" }));
    await forbidden(runTool(logClockIssue, w.ctx(w.family(a.contact)), { problem: "other" }));
    await forbidden(runTool(logClockIssue, w.ctx({ kind: "unknown", address: "+13125550142" }), { problem: "other" }));
    expect(w.sent.length).toBe(n);
  });
});

describe("notify_coordinator", () => {
  it("routes to the client's own coordinator, or the alerts channel when no client is named; same key → same message", async () => {
    const n = w.sent.length;
    const r = await runTool(notifyCoordinator, w.ctx(w.caregiver(a.cg)), { clientId: a.shift.clientId, kind: "incident", summary: "Client fell, ambulance called", dedupeKey: "t1" });
    expect(r.to).toBe("coordinator");
    const coordinator = w.ws.agency.coordinators.find((c) => c.id === r.coordinatorId)!;
    const r2 = await runTool(notifyCoordinator, w.ctx(w.family(a.contact)), { kind: "other", summary: "Question about billing", dedupeKey: "t2" });
    expect(r2).toMatchObject({ to: "alerts_channel", coordinatorId: null });
    const out = since(w.sent, n);
    expect(out.map((m) => m.to)).toEqual([coordinator.slackUserId, "#coverline-alerts"]);
    expect(out[0]!.idempotencyKey).toBe("notify:t1");
  });

  it("escapes Slack markup in the summary and refuses unknown senders", async () => {
    const n = w.sent.length;
    await runTool(notifyCoordinator, w.ctx(w.caregiver(a.cg)), { kind: "handoff", summary: 'Maria wrote: "<!channel> <@U0COORD02> <https://x.example|click>"', dedupeKey: "t3" });
    const text = since(w.sent, n)[0]!.text;
    expect(text).toContain("&lt;!channel&gt;");
    expect(text).not.toMatch(/<!channel>|<@U0COORD02>|<https:/);
    const m = w.sent.length;
    await forbidden(runTool(notifyCoordinator, w.ctx({ kind: "unknown", address: "+13125550142" }), { kind: "urgent", summary: "let me in", dedupeKey: "t4" }));
    expect(w.sent.length).toBe(m);
  });
});

describe("send_message", () => {
  it("texts the actor and only the actor: no input can name another recipient", async () => {
    const n = w.sent.length;
    await runTool(sendMessage, w.ctx(w.caregiver(a.cg)), { text: "hello", idempotencyKey: "k1", to: b.cg.phone } as never);
    await runTool(sendMessage, w.ctx(w.family(a.contact)), { text: "hi", idempotencyKey: "k2" });
    await runTool(sendMessage, w.ctx({ kind: "unknown", address: "+13125550142" }), { text: "call the office", idempotencyKey: "k3" });
    expect(since(w.sent, n).map((m) => [m.channel, m.to])).toEqual([
      ["sms", a.cg.phone],
      ["sms", a.contact.phone],
      ["sms", "+13125550142"],
    ]);
  });

  it("refuses actors with no phone (coordinators, the system) and empty text", async () => {
    await expect(runTool(sendMessage, w.ctx(w.coordinator()), { text: "hi", idempotencyKey: "k4" })).rejects.toBeInstanceOf(ToolError);
    await expect(runTool(sendMessage, w.ctx({ kind: "system" }), { text: "hi", idempotencyKey: "k5" })).rejects.toBeInstanceOf(ToolError);
    await expect(runTool(sendMessage, w.ctx(w.caregiver(a.cg)), { text: "", idempotencyKey: "k6" })).rejects.toMatchObject({ code: "invalid" });
  });
});

describe("respond_to_offer", () => {
  const interpretation = { intent: "offer_accept" as const, language: "en" as const, confidence: 0.95, entities: {}, source: "rules" as const };

  it("passes the caregiver's own reply to the fill workflow with their id from the actor", async () => {
    const n = w.offerReplies.length;
    const r = await runTool(respondToOffer, w.ctx(w.caregiver(a.cg)), { offerMessageId: 41, interpretation, inboundId: 7 });
    expect(r.kind).toBe("answered");
    expect(since(w.offerReplies, n)).toEqual([{ caregiverId: a.cg.id, offerMessageId: 41, interpretation, inboundId: 7 }]);
  });

  it("refuses non-caregivers, and a caregiver answering an offer sent to someone else", async () => {
    const n = w.offerReplies.length;
    await forbidden(runTool(respondToOffer, w.ctx(w.coordinator()), { offerMessageId: 41, interpretation, inboundId: 8 }));
    await forbidden(runTool(respondToOffer, w.ctx(w.family(a.contact)), { offerMessageId: 41, interpretation, inboundId: 8 }));
    expect(w.offerReplies.length).toBe(n);
    // The workflow decides whose offer it is (respond-to-offer.int.test.ts runs the real one).
    const ctx = w.ctx(w.caregiver(b.cg), { fill: { ...w.ctx(w.caregiver(b.cg)).fill, handleReply: async () => ({ kind: "not_yours" }) } });
    await forbidden(runTool(respondToOffer, ctx, { offerMessageId: 41, interpretation, inboundId: 9 }));
  });
});

describe("coordinator tools: list_open_shifts, who_works_with, recent_messages", () => {
  it("list_open_shifts lists exactly the unassigned scheduled shifts starting on the local day", async () => {
    const open = w.ws.agency.shifts.filter((s) => !s.caregiverId && s.status === "SCHEDULED" && s.start > w.clock.now());
    expect(open.length).toBeGreaterThan(0);
    const day = dayOf(open[0]!.start);
    const expected = open.filter((s) => dayOf(s.start) === day).map((s) => s.key).sort();
    const { shifts } = await runTool(listOpenShifts, w.ctx(w.coordinator()), { date: day });
    expect(shifts.map((s) => s.shiftKey).sort()).toEqual(expected);
  });

  it("who_works_with finds the client's caregivers on a day", async () => {
    const client = w.ws.agency.clients.find((c) => c.id === a.shift.clientId)!;
    const r = await runTool(whoWorksWith, w.ctx(w.coordinator()), { clientName: `${client.firstName} ${client.lastName}`, date: dayOf(a.shift.start) });
    const row = r.clients.find((c) => c.clientId === client.id)!;
    expect(row.shifts.find((s) => s.shiftKey === a.shift.key)?.caregiverName).toBe(`${a.cg.firstName} ${a.cg.lastName}`);
  });

  it("recent_messages returns that caregiver's own conversation only", async () => {
    const at = w.clock.now();
    await w.db.pool.query("INSERT INTO memory_items (person_key, direction, channel, body, created_at) VALUES ($1,'in','sms','running late sorry',$3), ($2,'in','sms','b secret words',$3)", [`caregiver:${a.cg.id}`, `caregiver:${b.cg.id}`, at]);
    const r = await runTool(recentMessages, w.ctx(w.coordinator()), { personName: `${a.cg.firstName} ${a.cg.lastName}` });
    const person = r.people.find((p) => p.caregiverId === a.cg.id)!;
    expect(person.messages.map((m) => m.text)).toEqual(["running late sorry"]);
    expect(JSON.stringify(r)).not.toContain("b secret words");
  });

  it("refuse caregivers, family and unknown senders", async () => {
    const day = dayOf(a.shift.start);
    for (const actor of [w.caregiver(a.cg), w.family(a.contact), { kind: "unknown" as const, address: "+13125550142" }, { kind: "client" as const, id: a.shift.clientId, phone: "+13035550999" }]) {
      await forbidden(runTool(listOpenShifts, w.ctx(actor), { date: day }));
      await forbidden(runTool(whoWorksWith, w.ctx(actor), { clientName: "Smith", date: day }));
      await forbidden(runTool(recentMessages, w.ctx(actor), { personName: b.cg.firstName }));
    }
  });
});
