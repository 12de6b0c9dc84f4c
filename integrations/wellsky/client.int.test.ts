import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collect } from "./paging.js";
import { WellSkyNotFoundError, WellSkyUnsupportedError, WellSkyValidationError } from "./errors.js";
import { toCaregiver, toClientContact, toShift, indexProfileTags } from "./mappers.js";
import { startWellSkyHarness, TEST_TODAY, type WellSkyHarness } from "./fake/harness.js";
import type { Shift } from "../../domain/types.js";

let h: WellSkyHarness;
beforeAll(async () => {
  h = await startWellSkyHarness();
});
afterAll(async () => {
  await h.close();
});

/** Requests the stand-in has seen since `mark`. */
const since = (mark: number) => h.fake.store.requests.slice(mark);
const mark = () => h.fake.store.requests.length;

describe("patients", () => {
  it("gets one patient and finds clients by name fragment and phone", async () => {
    const client = h.agency.clients[5]!;
    const p = await h.client.getPatient(client.id);
    expect(p.name[0]!.family).toBe(client.lastName);

    const page = await h.client.searchPatients({ "last_name:contains": client.lastName.slice(1, 4) }, { count: 100 });
    expect(page.entries.map((x) => x.id)).toContain(client.id);

    const home = h.agency.wire.patients.find((x) => x.id === client.id)!.telecom.find((t) => t.use === "home")!.value!;
    const byPhone = await h.client.searchPatients({ home_phone: `+1${home}` });
    expect(byPhone.entries.map((x) => x.id)).toEqual([client.id]);
    const withMobile = h.agency.wire.patients.find((x) => x.telecom.some((t) => t.use === "mobile"))!;
    const mobile = withMobile.telecom.find((t) => t.use === "mobile")!.value!;
    expect((await h.client.searchPatients({ mobile_phone: mobile })).entries.map((x) => x.id)).toEqual([withMobile.id]);
  });

  it("lists every patient (clients and prospects) across pages", async () => {
    const all = await collect(h.client.listPatients());
    expect(all).toHaveLength(h.agency.wire.patients.length);
  });

  it("sends _search filters as a flat string body", async () => {
    const m = mark();
    await h.client.searchPatients({ active: true, city: "Denver" }, { count: 5, page: 1 });
    const [req] = since(m);
    expect(req).toMatchObject({ method: "POST", path: "/v1/patients/_search/", query: { _count: "5", _page: "1" }, status: 200 });
  });
});

describe("practitioners", () => {
  it("filters hired caregivers from applicants", async () => {
    const hired = await collect(h.client.listPractitioners({ is_hired: true }));
    expect(hired).toHaveLength(h.agency.caregivers.filter((c) => c.hired).length);
    const applicants = (await h.client.searchPractitioners({ is_hired: false }, { count: 100 })).entries;
    expect(applicants.length).toBeGreaterThan(0);
  });

  it("finds who is texting by E.164 mobile number", async () => {
    const cg = h.agency.caregivers[10]!;
    const found = await h.client.findPractitionersByPhone(cg.phone);
    expect(found.map((p) => p.id)).toEqual([cg.id]);
    expect(await h.client.findPractitionersByPhone("+13035550100")).toEqual([]);
  });

  it("maps a caregiver with skills resolved through profile tags, as the seed's domain view says", async () => {
    const expected = h.agency.caregivers.find((c) => c.skills.length >= 2)!;
    expect(await h.client.getCaregiver(expected.id)).toEqual(expected);
  });

  it("refuses phones that are not NANP numbers before sending", async () => {
    await expect(h.client.searchPractitioners({ mobile_phone: "555-0101" })).rejects.toBeInstanceOf(WellSkyValidationError);
  });
});

describe("paging past 100", () => {
  it("walks 157 practitioners with _count=100 in two requests", async () => {
    const big = await startWellSkyHarness({ seed: 5, caregiverCount: 150, clientCount: 80 });
    try {
      const m = big.fake.store.requests.length;
      const all = await collect(big.client.listPractitioners());
      expect(all).toHaveLength(157);
      expect(new Set(all.map((p) => p.id)).size).toBe(157);
      const pages = big.fake.store.requests.slice(m).filter((r) => r.path === "/v1/practitioners/_search/");
      expect(pages.map((r) => [r.query._count, r.query._page])).toEqual([
        ["100", "0"],
        ["100", "1"],
      ]);
      // Asking for more than 100 is clamped client-side (the stand-in would answer 400).
      const clamped = await big.client.searchPractitioners({}, { count: 150 });
      expect(clamped.entries).toHaveLength(100);
      expect(clamped.total).toBe(157);
    } finally {
      await big.close();
    }
  });
});

describe("profile tags", () => {
  it("lists tags and resolves ids one by one with a cache", async () => {
    const client = h.makeClient(); // its own, cold cache
    const listed = await client.listProfileTags();
    expect(listed.map((t) => t.name)).toContain("Hoyer Lift");
    const m = mark();
    const first = await client.resolveProfileTags(["45", "47", "99999"]);
    expect([...first.keys()]).toEqual(["45", "47"]); // 99999 is a 404, skipped
    await client.resolveProfileTags(["45", "47"]);
    expect(since(m).filter((r) => r.path.startsWith("/v1/profileTags/")).map((r) => r.status)).toEqual([200, 200, 404]);
  });
});

/** A recurring series with several upcoming assigned occurrences. */
function recurringSeries(): Shift[] {
  const byId = new Map<string, Shift[]>();
  for (const s of h.agency.shifts) byId.set(s.appointmentId, [...(byId.get(s.appointmentId) ?? []), s]);
  return [...byId.values()].find((list) => list.filter((s) => s.start > TEST_TODAY && s.caregiverId && s.status === "SCHEDULED").length >= 3)!;
}

describe("appointments", () => {
  it("validates the search's required parameters before sending", async () => {
    const m = mark();
    await expect(h.client.searchAppointments({ startDate: "20261123" })).rejects.toThrow("'caregiverId' or 'clientId' is required.");
    await expect(h.client.searchAppointments({ clientId: "1", startDate: "20261123", additionalDays: 7 })).rejects.toBeInstanceOf(WellSkyValidationError);
    expect(() => h.client.listAppointments({ clientId: "1" })).toThrow(WellSkyValidationError);
    expect(since(m)).toHaveLength(0);
  });

  it("returns every occurrence of a recurring shift in the window, sharing one id", async () => {
    const series = recurringSeries();
    const id = series[0]!.appointmentId;
    const month = await collect(h.client.listAppointments({ clientId: series[0]!.clientId, startDate: TEST_TODAY, additionalDays: 6 }));
    const mine = month.filter((a) => a.id === id);
    expect(mine.length).toBeGreaterThan(1);
    expect(new Set(mine.map((a) => a.start.slice(0, 10))).size).toBe(mine.length);
    expect(mine.map((a) => toShift(a, h.agency.timezone).key)).toEqual(series.filter((s) => s.start >= new Date("2026-11-23T00:00:00Z") && s.start < new Date("2026-11-30T00:00:00Z")).map((s) => s.key));
  });

  it("searches a caregiver's week by ISO week number", async () => {
    const cgId = recurringSeries().find((s) => s.caregiverId)!.caregiverId!;
    const week = await collect(h.client.listAppointments({ caregiverId: cgId, weekNo: "202648" }));
    const expected = h.agency.shifts.filter((s) => s.caregiverId === cgId && s.start >= new Date("2026-11-23T00:00:00Z") && s.start < new Date("2026-11-30T00:00:00Z"));
    expect(week.map((a) => toShift(a, h.agency.timezone).key).sort()).toEqual(expected.map((s) => s.key).sort());
  });

  it("GET by id gives the occurrence nearest the server's now; getShiftOccurrence finds any date", async () => {
    const series = recurringSeries();
    const nearest = await h.client.getAppointment(series[0]!.appointmentId);
    const distances = series.map((s) => Math.abs(s.start.getTime() - TEST_TODAY.getTime()));
    expect(toShift(nearest, h.agency.timezone).key).toBe(series[distances.indexOf(Math.min(...distances))]!.key);

    const target = series[series.length - 1]!;
    const occ = await h.client.getShiftOccurrence(target.key);
    expect(toShift(occ, h.agency.timezone)).toEqual(target);
    expect(await h.client.getShift(target.key)).toEqual(target);
    await expect(h.client.getShiftOccurrence(`${target.appointmentId}_20300101`)).rejects.toBeInstanceOf(WellSkyNotFoundError);
    await expect(h.client.getShiftOccurrence("1")).rejects.toBeInstanceOf(WellSkyNotFoundError);
  });

  it("assigns and unassigns one occurrence by GET → PUT, leaving the other dates alone", async () => {
    const series = recurringSeries();
    const target = series.filter((s) => s.start > TEST_TODAY && s.caregiverId)[1]!;
    const others = () => h.fake.store.occurrences(target.appointmentId).filter((a) => toShift(a, h.agency.timezone).key !== target.key);
    const othersBefore = structuredClone(others());
    const newCaregiver = h.agency.caregivers.find((c) => c.hired && c.active && c.id !== target.caregiverId)!;

    const m = mark();
    const assigned = await h.client.assignCaregiver(target.key, newCaregiver.id);
    expect(assigned.changed).toBe(true);
    expect(assigned.appointment.caregiver).toEqual({ id: newCaregiver.id });
    const stored = h.fake.store.appointmentOccurrence(target.key)!;
    expect(stored.caregiver).toEqual({ id: newCaregiver.id });
    expect(stored.tasks?.length).toBeGreaterThan(0); // full replacement kept what we sent back
    expect(others()).toEqual(othersBefore);
    const puts = since(m).filter((r) => r.method === "PUT");
    expect(puts).toEqual([expect.objectContaining({ path: `/v1/appointment/${target.appointmentId}/`, status: 200 })]);

    // Idempotent: same caregiver again sends no PUT.
    const m2 = mark();
    expect((await h.client.assignCaregiver(target.key, newCaregiver.id)).changed).toBe(false);
    expect(since(m2).filter((r) => r.method === "PUT")).toHaveLength(0);

    const unassigned = await h.client.assignCaregiver(target.key, null);
    expect(unassigned.changed).toBe(true);
    expect(h.fake.store.appointmentOccurrence(target.key)!.caregiver).toBeNull();
    expect(others()).toEqual(othersBefore);
    await expect(h.client.assignCaregiver(target.key, "not-an-id")).rejects.toBeInstanceOf(WellSkyValidationError);
  });

  it("tells apart the two occurrences of a daily 5:30pm shift that share a UTC date on the spring DST change", async () => {
    // Sat 13 Mar 2027 17:30 MST = 00:30Z on the 14th; Sun 14 Mar 17:30 MDT = 23:30Z on the 14th.
    const base = h.fake.store.occurrences(recurringSeries()[0]!.appointmentId)[0]!;
    const id = "109999001";
    const sat = { ...structuredClone(base), id, caregiver: null, start: "2027-03-14T00:30:00+00:00", end: "2027-03-14T04:30:00+00:00" };
    const sun = { ...structuredClone(base), id, caregiver: null, start: "2027-03-14T23:30:00+00:00", end: "2027-03-15T03:30:00+00:00" };
    h.fake.store.addOccurrence(sat);
    h.fake.store.addOccurrence(sun);
    expect(toShift(sat, h.agency.timezone).key).toBe(`${id}_20270313`);
    expect(toShift(sun, h.agency.timezone).key).toBe(`${id}_20270314`);

    expect((await h.client.getShift(`${id}_20270313`)).start).toEqual(new Date("2027-03-14T00:30:00Z"));
    expect((await h.client.getShift(`${id}_20270314`)).start).toEqual(new Date("2027-03-14T23:30:00Z"));
    const caregiver = h.agency.caregivers.find((c) => c.hired && c.active)!;
    await h.client.assignCaregiver(`${id}_20270314`, caregiver.id);
    expect(h.fake.store.appointmentOccurrence(`${id}_20270314`)!.caregiver).toEqual({ id: caregiver.id });
    expect(h.fake.store.appointmentOccurrence(`${id}_20270313`)!.caregiver).toBeNull();
  });

  it("creates an open appointment that then reads back as a shift", async () => {
    const client = h.agency.clients[0]!;
    const start = new Date("2026-12-01T15:00:00Z");
    const { id } = await h.client.createAppointment({ clientId: client.id, caregiverId: null, start, end: new Date("2026-12-01T19:00:00Z"), position: client.location! });
    const shift = await h.client.getShift(`${id}_20261201`);
    expect(shift).toMatchObject({ appointmentId: id, clientId: client.id, caregiverId: null, status: "SCHEDULED", start, location: client.location });
    expect(h.fake.store.appointmentOccurrence(`${id}_20261201`)!.meta?.tag).toEqual([{ code: "agencyId", display: h.agency.agencyId }]);
  });
});

describe("EVV and shift notes", () => {
  it("clocks in idempotently, refuses clock-out on an appointment id, and clocks out on the care log", async () => {
    const shift = h.agency.shifts.find((s) => s.start > TEST_TODAY && s.caregiverId && s.status === "SCHEDULED")!;
    const first = await h.client.clockIn(shift.appointmentId, { start: shift.start, position: shift.location! });
    expect(first).toMatchObject({ status: "IN_PROGRESS", clockedOut: false, start: shift.start });
    const again = await h.client.clockIn(shift.appointmentId, { start: new Date(shift.start.getTime() + 60_000) });
    expect(again.carelogId).toBe(first.carelogId);

    await expect(h.client.clockOut(shift.appointmentId)).rejects.toBeInstanceOf(WellSkyNotFoundError);

    const { taskLogId } = await h.client.addTaskLog(first.carelogId, { title: "Arrived", description: "Client in good spirits", recorded: shift.start });
    expect((await h.client.listTaskLogs(first.carelogId)).map((t) => t.id)).toContain(taskLogId);
    await expect(h.client.addTaskLog(shift.appointmentId, { title: "wrong id" })).rejects.toBeInstanceOf(WellSkyNotFoundError);

    await h.client.clockOut(first.carelogId, { end: shift.end, generalComment: "All tasks done", mileage: 4.2 });
    const enc = await h.client.getEncounter(first.carelogId);
    expect(enc.status).toBe("COMPLETE");
    expect(enc.period?.end).toBe(shift.end.toISOString().slice(0, 19) + "+00:00");
    expect(h.fake.store.appointmentOccurrence(shift.key)!.status).toBe("COMPLETED");
    expect(await h.client.clockIn(shift.appointmentId, { start: shift.start })).toMatchObject({ carelogId: first.carelogId, clockedOut: true });
  });

  it("searches a caregiver's care-log history, newest first", async () => {
    const past = h.agency.shifts.find((s) => s.status === "COMPLETED" && s.caregiverId)!;
    const page = await h.client.searchEncounters({ caregiverId: past.caregiverId!, startDate: "20261109", endDate: TEST_TODAY }, { count: 100 });
    const expected = h.agency.wire.encounters.filter((e) => !Array.isArray(e.resource.participant) && e.resource.participant?.Individual?.[0]?.reference === `Practitioner/${past.caregiverId}`);
    expect(page.total).toBe(expected.length);
    const starts = page.entries.map((e) => Date.parse(e.period!.start!));
    expect([...starts].sort((a, b) => b - a)).toEqual(starts);
  });
});

describe("admin tasks", () => {
  it("creates a task with integer requester ids and the agency tag, reads it back, and fires admintask.created", async () => {
    const client = h.agency.clients[2]!;
    // Deliveries are recorded even when nothing listens, so an unreachable endpoint is enough here.
    const hook = await h.client.createSubscription({ criteria: "admintask.created", endpoint: "http://127.0.0.1:9/hooks" });
    try {
      const { id } = await h.client.createAdminTask({
        description: "Call-off: Caregiver called off.",
        executionDate: "2026-11-24",
        dueDate: new Date("2026-11-24T16:00:00Z"),
        requester: { resourceType: "Patient", id: client.id },
      });
      expect(h.fake.store.adminTasks.get(id)).toMatchObject({
        status: "received",
        requester: [{ resourceType: "Patient", id: Number(client.id) }],
        meta: { tag: [{ code: "agencyId", display: h.agency.agencyId }] },
      });
      expect(h.fake.store.adminTasks.get(id)).not.toHaveProperty("owner");
      expect(await h.client.getAdminTask(id)).toMatchObject({ id, status: "received", dueDate: "2026-11-24T16:00:00+00:00", requester: [{ resourceType: "Patient", id: client.id }] });
      await h.fake.flushWebhooks();
      expect(h.fake.store.deliveries.filter((d) => d.criteria === "admintask.created").map((d) => d.payload)).toEqual([{ resourceType: "AdminTask", id: Number(id) }]);
    } finally {
      await h.client.deleteSubscription(hook.id);
    }
    await expect(h.client.getAdminTask("1")).rejects.toBeInstanceOf(WellSkyNotFoundError);
  });

  it("refuses a task the API would 422 before sending it", async () => {
    const m = mark();
    const task = { description: "x", executionDate: "2026-11-24", dueDate: new Date("2026-11-24T16:00:00Z"), requester: { resourceType: "Patient" as const, id: "2870130" } };
    await expect(h.client.createAdminTask({ ...task, requester: { resourceType: "Patient", id: "abc" } })).rejects.toBeInstanceOf(WellSkyValidationError);
    await expect(h.client.createAdminTask({ ...task, executionDate: "24/11/2026" })).rejects.toThrow(/executionDate/);
    await expect(h.client.createAdminTask({ ...task, dueDate: new Date("not a date") })).rejects.toThrow(/dueDate/);
    await expect(h.client.createAdminTask({ ...task, description: " " })).rejects.toThrow(/description/);
    expect(since(m)).toHaveLength(0);
  });
});

describe("related persons", () => {
  it("lists a client's family contacts", async () => {
    const client = h.agency.clients[3]!;
    const contacts = (await h.client.listRelatedPersons(client.id)).map(toClientContact);
    expect(contacts).toEqual(h.agency.contacts.filter((c) => c.clientId === client.id));
    await expect(h.client.listRelatedPersons("1")).rejects.toBeInstanceOf(WellSkyNotFoundError);
  });
});

describe("subscriptions and webhooks", () => {
  it("registers a hook and receives a clock-out notification with the registered headers", async () => {
    const received: { headers: IncomingHttpHeaders; body: unknown }[] = [];
    const receiver = createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        received.push({ headers: req.headers, body: JSON.parse(body) });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
    const endpoint = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/wellsky`;
    try {
      const { id } = await h.client.createSubscription({ criteria: "encounter.clockout.changed", endpoint, headers: ["Authorization: Bearer hook-s3cret", "X-Coverline-Agency: 1669"] });
      expect((await h.client.listSubscriptions({ criteria: "encounter.clockout.changed" })).map((s) => s.id)).toContain(id);
      expect((await h.client.getSubscription(id)).channel.header).toEqual(["Authorization: Bearer hook-s3cret", "X-Coverline-Agency: 1669"]);

      const shift = h.agency.shifts.filter((s) => s.start > TEST_TODAY && s.caregiverId && s.status === "SCHEDULED")[5]!;
      const visit = await h.client.clockIn(shift.appointmentId, { start: shift.start });
      await h.client.clockOut(visit.carelogId, { end: shift.end });
      await h.fake.flushWebhooks();

      expect(received).toHaveLength(1);
      expect(received[0]!.body).toEqual({ resourceType: "Encounter", id: Number(visit.carelogId) });
      expect(received[0]!.headers.authorization).toBe("Bearer hook-s3cret");
      expect(received[0]!.headers["x-coverline-agency"]).toBe("1669");
      expect(received[0]!.headers["content-type"]).toBe("application/fhir+json");

      // A manual emit reaches only subscriptions for that criteria.
      expect(await h.fake.emit("patient.created", { resourceType: "Patient", id: "2870130" })).toEqual([]);

      await h.client.deleteSubscription(id);
      await expect(h.client.getSubscription(id)).rejects.toBeInstanceOf(WellSkyNotFoundError);
      expect(await h.fake.emit("encounter.clockout.changed", { resourceType: "Encounter", id: 1 })).toEqual([]);
    } finally {
      await new Promise((r) => receiver.close(r));
    }
  });
});

describe("unsupported operations", () => {
  it("say so explicitly instead of inventing endpoints", async () => {
    const m = mark();
    await expect(h.client.getCaregiverAvailability("3306118")).rejects.toThrow(WellSkyUnsupportedError);
    await expect(h.client.searchAgencyShifts({ from: TEST_TODAY, to: TEST_TODAY })).rejects.toThrow(/requires a caregiverId or clientId/);
    await expect(h.client.listInvoices()).rejects.toThrow(/invoice/);
    expect(since(m)).toHaveLength(0);
  });
});

describe("domain mapping over the wire", () => {
  it("maps every hired caregiver read over HTTP exactly as the seed's domain view", async () => {
    const tags = indexProfileTags(await h.client.listProfileTags());
    const caregivers = (await collect(h.client.listPractitioners())).map((p) => toCaregiver(p, tags));
    expect(caregivers).toEqual(h.agency.caregivers);
  });
});
