import { DateTime } from "luxon";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Shift } from "../../domain/types.js";
import { wellskyAgency, type WellSkyAgency } from "./agency.js";
import { startWellSkyHarness, TEST_TODAY, type WellSkyHarness } from "./fake/harness.js";

/**
 * `noteOnShift` over real HTTP to the stand-in: a TaskLog once the visit has a care log, an AdminTask about
 * the client (in the agency's local date and time) before it has one.
 */

const TZ = "America/Denver";
let h: WellSkyHarness;
let agency: WellSkyAgency;
beforeAll(async () => {
  h = await startWellSkyHarness();
  agency = wellskyAgency(h.client, { timezone: TZ });
});
afterAll(async () => h?.close());
afterEach(() => h.fake.faults.clear());

const future = () => h.agency.shifts.filter((s) => s.start > TEST_TODAY && s.caregiverId && s.status === "SCHEDULED");
const tasksAbout = (s: Shift) => [...h.fake.store.adminTasks.values()].filter((t) => t.description?.includes(`(appointment ${s.appointmentId})`));
const used = new Set<string>();
/** A future shift no other test has noted, optionally one that starts on a different day in Denver than in UTC. */
function pick(match: (s: Shift) => boolean = () => true): Shift {
  const s = future().find((x) => !used.has(x.appointmentId) && match(x));
  if (!s) throw new Error("no suitable shift in the seed");
  used.add(s.appointmentId);
  return s;
}

describe("noteOnShift", () => {
  it("writes a TaskLog on the care log of a visit that has started, and no admin task", async () => {
    const shift = pick();
    const visit = await h.client.clockIn(shift.appointmentId, { start: shift.start });
    const tasks = h.fake.store.adminTasks.size;
    await agency.noteOnShift(shift.key, { title: "Clock issue", description: "Caregiver reports: cannot clock out." });
    expect(h.fake.store.taskLogs.get(visit.carelogId)).toEqual([expect.objectContaining({ title: "Clock issue", description: "Caregiver reports: cannot clock out." })]);
    expect(h.fake.store.adminTasks.size).toBe(tasks);
  });

  it("creates an admin task for a shift that has not started: the client as an integer requester, the Denver date", async () => {
    // An evening start: its Denver date is the day before its UTC date, so a UTC date would be visibly wrong.
    const shift = pick((s) => DateTime.fromJSDate(s.start, { zone: TZ }).day !== s.start.getUTCDate());
    const start = DateTime.fromJSDate(shift.start, { zone: TZ });
    const end = DateTime.fromJSDate(shift.end, { zone: TZ });
    await agency.noteOnShift(shift.key, { title: "Running late", description: "Caregiver reports running late (~20 min)." });

    const [task, ...more] = tasksAbout(shift);
    expect(more).toHaveLength(0);
    expect(task).toMatchObject({
      status: "received",
      executionDate: start.toISODate(),
      // The start instant in UTC with an explicit offset: an offset-less datetime would be read as UTC (§3).
      dueDate: `${shift.start.toISOString().slice(0, 19)}+00:00`,
      requester: [{ resourceType: "Patient", id: Number(shift.clientId) }],
      meta: { tag: [{ code: "agencyId", display: h.agency.agencyId }] },
    });
    expect(task!.executionDate).not.toBe(shift.start.toISOString().slice(0, 10));
    const endText = end.hasSame(start, "day") ? end.toFormat("HH:mm") : end.toFormat("yyyy-LL-dd HH:mm");
    expect(task!.description).toBe(
      `Running late: Caregiver reports running late (~20 min). Shift ${start.toFormat("yyyy-LL-dd HH:mm")}–${endText} (appointment ${shift.appointmentId}).`,
    );
    expect(task).not.toHaveProperty("owner");
    // Nothing that identifies the caregiver's or client's phone.
    const phones = [h.agency.caregivers.find((c) => c.id === shift.caregiverId)!.phone, ...h.agency.contacts.filter((c) => c.clientId === shift.clientId).map((c) => c.phone)];
    for (const p of phones.filter(Boolean)) expect(task!.description).not.toContain(p!.slice(2));
    expect(task!.description).not.toMatch(/\d{3}\D?\d{3}\D?\d{4}/);
  });

  it("writes the same note once when the caller retries, and a different note again", async () => {
    const shift = pick();
    const note = { title: "Call-off", description: "Caregiver 1 called off; Coverline is finding coverage." };
    await Promise.all([agency.noteOnShift(shift.key, note), agency.noteOnShift(shift.key, note)]);
    await agency.noteOnShift(shift.key, note);
    expect(tasksAbout(shift)).toHaveLength(1);
    await agency.noteOnShift(shift.key, { ...note, title: "Shift covered by Coverline" });
    expect(tasksAbout(shift)).toHaveLength(2);
  });

  it("writes no admin task for an informational note before the visit, and still the TaskLog once it started", async () => {
    const before = pick();
    const note = { title: "Shift covered by Coverline", description: "Covered by Ana Diaz after a call-off.", beforeStart: "skip" as const };
    await agency.noteOnShift(before.key, note);
    expect(tasksAbout(before)).toHaveLength(0);
    const started = pick();
    const visit = await h.client.clockIn(started.appointmentId, { start: started.start });
    await agency.noteOnShift(started.key, note);
    expect(h.fake.store.taskLogs.get(visit.carelogId)).toEqual([expect.objectContaining({ title: "Shift covered by Coverline" })]);
  });

  it("falls back to an admin task when the care log refuses the TaskLog", async () => {
    const shift = pick();
    await h.client.clockIn(shift.appointmentId, { start: shift.start });
    h.fake.faults.add({ kind: "http500", match: /\/tasklog\/$/, method: "POST" });
    await agency.noteOnShift(shift.key, { title: "Clock issue", description: "Caregiver reports: wrong time." });
    expect(h.fake.faults.pending).toBe(0); // the TaskLog was tried
    expect(tasksAbout(shift)).toHaveLength(1);
  });

  it("a TaskLog that landed although WellSky answered 500 is not written again, nor as an admin task", async () => {
    const shift = pick();
    const visit = await h.client.clockIn(shift.appointmentId, { start: shift.start });
    const note = { title: "Running late", description: "Caregiver reports running late (~15 min)." };
    h.fake.faults.add({ kind: "http500AfterWrite", match: /\/tasklog\/$/, method: "POST" });
    const before = h.fake.store.requests.length;
    await agency.noteOnShift(shift.key, note);
    expect(h.fake.faults.pending).toBe(0);
    // The first attempt reads the TaskLogs only after its write failed, not before.
    const taskLogCalls = h.fake.store.requests.slice(before).filter((r) => r.path.endsWith("/tasklog/")).map((r) => r.method);
    expect(taskLogCalls).toEqual(["POST", "GET"]);
    // A retry (the note job's next attempt, in any process) looks first and finds it.
    await wellskyAgency(h.client, { timezone: TZ }).noteOnShift(shift.key, { ...note, mayExist: true });
    expect(h.fake.store.taskLogs.get(visit.carelogId)).toEqual([expect.objectContaining(note)]);
    expect(tasksAbout(shift)).toHaveLength(0);
  });

  it("throws when the note reached WellSky neither way, and a retry then writes it", async () => {
    const shift = pick();
    const note = { title: "Running late", description: "Caregiver reports running late." };
    h.fake.faults.add({ kind: "http500", match: /^\/v1\/adminTasks\/$/ });
    await expect(agency.noteOnShift(shift.key, note)).rejects.toThrow(/500/);
    expect(tasksAbout(shift)).toHaveLength(0);
    await agency.noteOnShift(shift.key, note);
    expect(tasksAbout(shift)).toHaveLength(1);
  });
});
