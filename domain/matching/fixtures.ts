/**
 * Test-only builders for matching inputs (imported by *.test.ts in this folder; production code never
 * imports this file). Coordinates are around Aurora, CO; the agency timezone is America/Denver.
 */
import { DateTime } from "luxon";
import type { Caregiver, CaregiverProfile, Client, ClientPreferences, GeoPoint, Shift } from "../types.js";
import type { RankInput } from "./rank.js";

export const TZ = "America/Denver";
export const AURORA: GeoPoint = { lat: 39.7294, lng: -104.8319 };

/** A point `miles` due east of `from` (good to ~0.01 mi at these distances). */
export function east(miles: number, from: GeoPoint = AURORA): GeoPoint {
  const milesPerDegLng = 69.172 * Math.cos((from.lat * Math.PI) / 180);
  return { lat: from.lat, lng: from.lng + miles / milesPerDegLng };
}

/** A Date for a local wall time in the agency timezone, e.g. local("2026-06-03T14:00"). */
export function local(iso: string, zone = TZ): Date {
  return DateTime.fromISO(iso, { zone }).toJSDate();
}

export function caregiver(id: string, over: Partial<Caregiver> = {}): Caregiver {
  return {
    id,
    firstName: `First${id}`,
    lastName: `Last${id}`,
    phone: "+13035550000",
    language: "en",
    otherLanguages: [],
    city: "Aurora",
    location: east(5),
    skills: ["HHA"],
    active: true,
    hired: true,
    gender: "female",
    ...over,
  };
}

export function profile(caregiverId: string, over: Partial<CaregiverProfile> = {}): CaregiverProfile {
  return { caregiverId, avgRating: null, hireDate: "2024-01-01", preferredShiftTypes: [], maxDistanceMiles: null, weeklyHoursTarget: null, ...over };
}

export const CLIENT: Client = {
  id: "cl1",
  firstName: "Margaret",
  lastName: "Johnson",
  phone: "+13035559999",
  address: { line: "123 Main St", city: "Aurora", state: "CO", postalCode: "80010" },
  location: AURORA,
  active: true,
};

export function prefs(over: Partial<ClientPreferences> = {}): ClientPreferences {
  return {
    clientId: "cl1",
    coordinatorId: "co1",
    requiredSkills: [],
    requiredLanguage: null,
    preferredCaregiverIds: [],
    doNotSendCaregiverIds: [],
    genderPreference: null,
    ...over,
  };
}

export function shift(startLocal: string, endLocal: string, over: Partial<Shift> = {}): Shift {
  const start = local(startLocal);
  return {
    key: `ap_${start.getTime()}`,
    appointmentId: "ap",
    clientId: "cl1",
    caregiverId: null,
    start,
    end: local(endLocal),
    status: "SCHEDULED",
    location: null,
    ...over,
  };
}

/** The open shift used by most tests: Wednesday 3 June 2026, 2–6pm in Aurora, called off by "orig". */
export const OPEN = shift("2026-06-03T14:00", "2026-06-03T18:00", { key: "open_1", appointmentId: "open", caregiverId: "orig", location: AURORA });

export function rankInput(caregivers: Caregiver[], over: Partial<RankInput> = {}): RankInput {
  return {
    shift: OPEN,
    client: CLIENT,
    preferences: prefs(),
    caregivers,
    profiles: new Map(),
    schedule: [],
    timeOff: [],
    optedOutIds: [],
    originalCaregiverId: "orig",
    openOfferConflictIds: [],
    offersSentToday: new Map(),
    policy: { timezone: TZ },
    priorAssignmentIds: [],
    lastAcceptedAt: new Map(),
    now: local("2026-06-03T10:00"),
    ...over,
  };
}
