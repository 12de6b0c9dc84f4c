import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { LANGUAGES, type Caregiver, type Shift } from "../../../domain/types.js";
import { toE164 } from "../wire-format.js";
import { generateAgency, type SeedAgency } from "./seed.js";

const TODAY = new Date("2026-11-23T16:00:00Z"); // Monday 09:00 in Denver
const ZONE = "America/Denver";

const cache = new Map<string, SeedAgency>();
function agency(seed: number, today = TODAY): SeedAgency {
  const k = `${seed}|${today.toISOString()}`;
  if (!cache.has(k)) cache.set(k, generateAgency({ seed, today }));
  return cache.get(k)!;
}

const localDay = (d: Date) => DateTime.fromJSDate(d, { zone: ZONE }).toISODate();
const hours = (s: Shift) => (s.end.getTime() - s.start.getTime()) / 3_600_000;

describe("generateAgency determinism", () => {
  it("gives the same agency for the same seed and today", () => {
    expect(JSON.stringify(generateAgency({ seed: 7, today: TODAY }))).toBe(JSON.stringify(generateAgency({ seed: 7, today: TODAY })));
  });

  it("gives a different agency for another seed", () => {
    expect(agency(7).caregivers.map((c) => c.lastName)).not.toEqual(agency(8).caregivers.map((c) => c.lastName));
  });

  it("lays the schedule out relative to today", () => {
    const later = new Date(TODAY.getTime() + 7 * 86_400_000);
    const a = agency(7);
    const b = agency(7, later);
    expect(b.shifts[0]!.start.getTime() - a.shifts[0]!.start.getTime()).toBeGreaterThanOrEqual(6 * 86_400_000);
  });
});

describe.each([
  [42, TODAY],
  [7, TODAY],
  [2024, new Date("2026-11-24T06:30:00Z")], // 23:30 the evening before, local
  [99, new Date("2027-03-14T18:00:00Z")], // the day clocks spring forward
])("seeded agency (seed %i, today %s)", (seed, today) => {
  const a = agency(seed, today);
  const hired = a.caregivers.filter((c) => c.hired && c.active);
  const byId = new Map(a.caregivers.map((c) => [c.id, c]));

  it("has the promised head-counts", () => {
    expect(hired.length).toBeGreaterThanOrEqual(60);
    expect(a.caregivers.some((c) => !c.hired)).toBe(true);
    expect(a.caregivers.some((c) => !c.active)).toBe(true);
    expect(a.clients.length).toBeGreaterThanOrEqual(80);
    expect(a.clients.every((c) => c.active)).toBe(true);
    expect(a.clientPreferences.map((p) => p.clientId)).toEqual(a.clients.map((c) => c.id));
    expect(a.caregiverProfiles.map((p) => p.caregiverId)).toEqual(a.caregivers.map((c) => c.id));
    expect(a.coordinators.length).toBeGreaterThanOrEqual(4);
    expect(new Set(a.contacts.map((c) => c.clientId)).size).toBe(a.clients.length);
  });

  it("speaks the agency's languages in realistic proportions", () => {
    const speakers = (lang: string) => hired.filter((c) => c.language === lang || c.otherLanguages.includes(lang as Caregiver["language"])).length;
    for (const lang of LANGUAGES) expect(speakers(lang), lang).toBeGreaterThanOrEqual(2);
    expect(speakers("es") / hired.length).toBeGreaterThan(0.18);
    expect(speakers("es") / hired.length).toBeLessThan(0.32);
    expect(hired.filter((c) => c.language === "en").length / hired.length).toBeGreaterThan(0.5);
  });

  it("places everyone in the Denver metro with coordinates", () => {
    for (const c of [...a.caregivers, ...a.clients]) {
      expect(c.location!.lat).toBeGreaterThan(39.4);
      expect(c.location!.lat).toBeLessThan(40.0);
      expect(c.location!.lng).toBeGreaterThan(-105.3);
      expect(c.location!.lng).toBeLessThan(-104.6);
    }
    expect(new Set(a.caregivers.map((c) => c.city)).size).toBeGreaterThanOrEqual(8);
  });

  it("uses unique fictional 555-01xx numbers across several area codes", () => {
    const wirePhones = [...a.wire.practitioners, ...a.wire.patients, ...a.wire.relatedPersons].flatMap((r) => r.telecom.filter((t) => t.system === "phone").map((t) => toE164(t.value)!));
    const all = [a.officePhone, ...wirePhones, ...a.coordinators.map((c) => c.phone)];
    expect(new Set(all).size).toBe(all.length);
    for (const p of all) expect(p).toMatch(/^\+1\d{3}55501\d\d$/);
    expect(new Set(all.map((p) => p.slice(2, 5))).size).toBeGreaterThanOrEqual(3);
    expect(a.caregivers.every((c) => c.phone.startsWith("+1"))).toBe(true);
  });

  it("chains coordinators to a supervisor with backups and Slack ids", () => {
    const ids = new Set(a.coordinators.map((c) => c.id));
    expect(a.coordinators.filter((c) => c.supervisorId === null)).toHaveLength(1);
    for (const c of a.coordinators) {
      expect(c.slackUserId).toMatch(/^U0COORD\d{2}$/);
      expect(ids.has(c.backupId!)).toBe(true);
      expect(c.backupId).not.toBe(c.id);
      if (c.supervisorId) expect(ids.has(c.supervisorId)).toBe(true);
    }
  });

  it("gives clients coordinators and preferences that enough caregivers satisfy", () => {
    const coordinatorIds = new Set(a.coordinators.map((c) => c.id));
    for (const p of a.clientPreferences) {
      expect(coordinatorIds.has(p.coordinatorId)).toBe(true);
      expect(p.preferredCaregiverIds.filter((id) => p.doNotSendCaregiverIds.includes(id))).toEqual([]);
      const eligible = hired.filter((c) => isEligible(c, p));
      expect(eligible.length, p.clientId).toBeGreaterThanOrEqual(5);
      for (const id of p.preferredCaregiverIds) expect(eligible.map((c) => c.id)).toContain(id);
    }
    expect(a.clientPreferences.some((p) => p.doNotSendCaregiverIds.length > 0)).toBe(true);
    expect(a.clientPreferences.some((p) => p.requiredSkills.length > 0)).toBe(true);
    expect(a.clientPreferences.some((p) => p.requiredLanguage === "es")).toBe(true);
    expect(a.contacts.some((c) => c.language !== "en")).toBe(true);
  });

  it("schedules four weeks around today, with recurring ids, overnight and 24-hour shifts", () => {
    const first = DateTime.fromJSDate(today, { zone: ZONE }).startOf("day").minus({ days: 14 });
    for (const s of a.shifts) {
      expect(s.start.getTime()).toBeGreaterThanOrEqual(first.toMillis());
      expect(s.start.getTime()).toBeLessThan(first.plus({ days: 28 }).toMillis());
    }
    const perId = new Map<string, Shift[]>();
    for (const s of a.shifts) perId.set(s.appointmentId, [...(perId.get(s.appointmentId) ?? []), s]);
    const recurring = [...perId.values()].filter((list) => list.length > 1);
    expect(recurring.length).toBeGreaterThan(50);
    expect(new Set(a.shifts.map((s) => s.key)).size).toBe(a.shifts.length);
    expect(a.shifts.some((s) => hours(s) >= 23)).toBe(true);
    expect(a.shifts.some((s) => hours(s) < 12 && localDay(s.start) !== localDay(new Date(s.end.getTime() - 1)))).toBe(true);
    expect(a.shifts.some((s) => s.end <= today)).toBe(true);
    expect(a.shifts.some((s) => s.start > today)).toBe(true);
  });

  it("has shifts today and tomorrow (agency time) and a few open ones to fill", () => {
    const todayLocal = DateTime.fromJSDate(today, { zone: ZONE });
    const onDay = (d: DateTime) => a.shifts.filter((s) => localDay(s.start) === d.toISODate());
    expect(onDay(todayLocal).length).toBeGreaterThan(0);
    expect(onDay(todayLocal.plus({ days: 1 })).length).toBeGreaterThan(0);
    const openUpcoming = a.shifts.filter((s) => s.caregiverId === null && s.status === "SCHEDULED" && s.start > today);
    expect(openUpcoming.length).toBeGreaterThanOrEqual(3);
    expect(onDay(todayLocal.plus({ days: 1 })).some((s) => s.caregiverId === null)).toBe(true);
  });

  it("never double-books a caregiver and only sends eligible ones", () => {
    const prefs = new Map(a.clientPreferences.map((p) => [p.clientId, p]));
    const byCaregiver = new Map<string, Shift[]>();
    for (const s of a.shifts.filter((x) => x.caregiverId)) byCaregiver.set(s.caregiverId!, [...(byCaregiver.get(s.caregiverId!) ?? []), s]);
    for (const [cgId, list] of byCaregiver) {
      const sorted = [...list].sort((x, y) => x.start.getTime() - y.start.getTime());
      for (let i = 1; i < sorted.length; i++) expect(sorted[i]!.start.getTime(), cgId).toBeGreaterThanOrEqual(sorted[i - 1]!.end.getTime());
      for (const s of list) expect(isEligible(byId.get(cgId)!, prefs.get(s.clientId)!), s.key).toBe(true);
    }
  });

  it("records past visits as care logs by the assigned caregiver", () => {
    const shiftsByKey = new Map(a.shifts.map((s) => [s.key, s]));
    const completed = a.shifts.filter((s) => s.status === "COMPLETED");
    expect(completed.length).toBeGreaterThan(100);
    const logged = new Set(a.wire.encounters.map((e) => e.occurrenceKey));
    for (const s of completed) expect(logged.has(s.key), s.key).toBe(true);
    for (const e of a.wire.encounters) {
      const s = shiftsByKey.get(e.occurrenceKey)!;
      expect(s.start.getTime()).toBeLessThanOrEqual(today.getTime());
      const who = !Array.isArray(e.resource.participant) ? e.resource.participant?.Individual?.[0]?.reference : undefined;
      expect(who).toBe(`Practitioner/${s.caregiverId}`);
    }
    expect(a.shifts.filter((s) => s.start > today).every((s) => s.status !== "COMPLETED")).toBe(true);
  });

  it("keeps the wire and domain views in step", () => {
    expect(a.wire.practitioners.map((p) => p.id)).toEqual(a.caregivers.map((c) => c.id));
    expect(a.wire.appointments).toHaveLength(a.shifts.length);
    expect(a.wire.patients.length).toBeGreaterThan(a.clients.length); // prospects stay WellSky-side
    expect(a.wire.appointments.every((w) => w.start.endsWith("+00:00"))).toBe(true);
  });
});

describe("roster size option", () => {
  it("builds a larger roster for paging tests", () => {
    const big = generateAgency({ seed: 3, today: TODAY, caregiverCount: 150 });
    expect(big.caregivers.filter((c) => c.hired && c.active)).toHaveLength(150);
    expect(new Set(big.caregivers.map((c) => c.phone)).size).toBe(big.caregivers.length);
  });
});

function isEligible(c: Caregiver, p: SeedAgency["clientPreferences"][number]): boolean {
  const langs = [c.language, ...c.otherLanguages];
  return (
    c.active &&
    c.hired &&
    p.requiredSkills.every((s) => c.skills.includes(s)) &&
    (p.requiredLanguage === null || langs.includes(p.requiredLanguage)) &&
    (p.genderPreference === null || c.gender === p.genderPreference) &&
    !p.doNotSendCaregiverIds.includes(c.id)
  );
}
