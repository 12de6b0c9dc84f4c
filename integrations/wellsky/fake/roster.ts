import { DateTime } from "luxon";
import { toShift } from "../mappers.js";
import type { SeedAgency } from "./seed.js";
import type { FakeStore } from "./store.js";

/**
 * The seeded agency behind the stand-in, for Coverline's `GET /dev/roster`: caregivers (E.164 phones,
 * language), clients, coordinators and the next 7 days of shifts as the stand-in holds them now (so fills show
 * up). The stand-in also serves it at `GET /_dev/roster` (not a WellSky path) for Coverline workers that share
 * a stand-in hosted by another process.
 */
export function buildRoster(store: FakeStore, seed: SeedAgency, now: Date, timezone: string) {
  const until = new Date(now.getTime() + 7 * 24 * 3600_000);
  const iso = (d: Date) => DateTime.fromJSDate(d, { zone: timezone }).toISO();
  const shifts = store
    .allOccurrences()
    .map((a) => toShift(a, timezone))
    .filter((s) => s.end > now && s.start < until)
    .sort((a, b) => a.start.getTime() - b.start.getTime())
    .map((s) => ({ id: s.key, appointmentId: s.appointmentId, start: iso(s.start), end: iso(s.end), clientId: s.clientId, caregiverId: s.caregiverId, status: s.status }));
  return {
    agency: { name: seed.name, officePhone: seed.officePhone, timezone },
    caregivers: seed.caregivers
      .filter((c) => c.active && c.hired)
      .map((c) => ({ id: c.id, name: `${c.firstName} ${c.lastName}`, phone: c.phone, language: c.language, city: c.city, skills: c.skills })),
    clients: seed.clients.map((c) => ({ id: c.id, name: `${c.firstName} ${c.lastName}`, city: c.address.city })),
    coordinators: seed.coordinators.map((c) => ({ id: c.id, name: c.name, slackUserId: c.slackUserId, backupId: c.backupId, supervisorId: c.supervisorId })),
    shifts,
  };
}
