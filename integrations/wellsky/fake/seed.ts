import { DateTime } from "luxon";
import type { Caregiver, CaregiverProfile, Client, ClientContact, ClientPreferences, Coordinator, Shift } from "../../../domain/types.js";
import { indexProfileTags, toCaregiver, toClient, toClientContact, toShift } from "../mappers.js";
import type { WsAppointment, WsPatient, WsPractitioner, WsProfileTag, WsRelatedPerson, WsTaskLog } from "../schemas.js";
import { Rng } from "./prng.js";
import { OFFICE_PHONE_WIRE } from "./seed-data.js";
import { buildCaregivers, buildClients, buildContacts, buildCoordinators, buildProfileTags, PhoneBook } from "./seed-people.js";
import { buildSchedule, type SeedEncounter } from "./seed-schedule.js";

export type { SeedEncounter } from "./seed-schedule.js";

/**
 * A realistic home-care agency for dev and tests: the WellSky side as wire resources (what the stand-in
 * server serves) and the same agency in Coverline's domain types (what Coverline keeps in its own tables).
 * The domain view is produced by running the real mappers over the wire view, so the two cannot drift.
 */
export interface SeedAgency {
  agencyId: string;
  name: string;
  /** E.164. */
  officePhone: string;
  timezone: string;
  seed: number;
  /** The instant the schedule was built around. */
  today: Date;

  /** What WellSky holds. Appointments are occurrences: recurring ones repeat an id on several dates. */
  wire: {
    practitioners: WsPractitioner[];
    patients: WsPatient[];
    profileTags: WsProfileTag[];
    relatedPersons: WsRelatedPerson[];
    appointments: WsAppointment[];
    encounters: SeedEncounter[];
    /** Shift notes by encounter id. */
    taskLogs: Record<string, WsTaskLog[]>;
  };

  /** Every practitioner (hired, applicants, deactivated) as a Caregiver. */
  caregivers: Caregiver[];
  caregiverProfiles: CaregiverProfile[];
  /** Clients only (prospects stay WellSky-side). */
  clients: Client[];
  clientPreferences: ClientPreferences[];
  contacts: ClientContact[];
  coordinators: Coordinator[];
  /** Every occurrence, ordered by start. */
  shifts: Shift[];
}

export interface GenerateAgencyOptions {
  seed: number;
  /** Shifts are laid out two weeks either side of this instant; past/future status is decided against it. */
  today: Date;
  timezone?: string;
  /** Hired, active caregivers (default 64; applicants and deactivated ones come on top). */
  caregiverCount?: number;
  /** Active clients (default 84; six prospects come on top). */
  clientCount?: number;
  agencyId?: string;
  name?: string;
}

/** Builds the seeded agency; the same options always give the same agency. */
export function generateAgency(opts: GenerateAgencyOptions): SeedAgency {
  const timezone = opts.timezone ?? "America/Denver";
  const agencyId = opts.agencyId ?? "1669";
  const root = new Rng(opts.seed);
  const today = DateTime.fromJSDate(opts.today, { zone: timezone });
  if (!today.isValid) throw new RangeError(`Invalid today/timezone: ${today.invalidExplanation ?? ""}`);

  const phones = new PhoneBook(root.fork("phones"));
  const coordinators = buildCoordinators(phones);
  const caregivers = buildCaregivers(root.fork("caregivers"), phones, today, agencyId, opts.caregiverCount ?? 64);
  const { clients, prospects } = buildClients(
    root.fork("clients"),
    phones,
    today,
    agencyId,
    opts.clientCount ?? 84,
    caregivers,
    coordinators.filter((c) => c.supervisorId !== null).map((c) => c.id),
  );
  const relatedPersons = buildContacts(root.fork("contacts"), phones, clients);
  const profileTags = buildProfileTags();
  const schedule = buildSchedule(root.fork("schedule"), { now: opts.today, zone: timezone, caregivers, clients });

  const tagsById = indexProfileTags(profileTags);
  return {
    agencyId,
    name: opts.name ?? "Colorado Care Assist",
    officePhone: `+1${OFFICE_PHONE_WIRE}`,
    timezone,
    seed: opts.seed,
    today: new Date(opts.today.getTime()),
    wire: {
      practitioners: caregivers.map((c) => c.wire),
      patients: [...clients.map((c) => c.wire), ...prospects],
      profileTags,
      relatedPersons,
      appointments: schedule.appointments,
      encounters: schedule.encounters,
      taskLogs: schedule.taskLogs,
    },
    caregivers: caregivers.map((c) => toCaregiver(c.wire, tagsById)),
    caregiverProfiles: caregivers.map((c) => c.profile),
    clients: clients.map((c) => toClient(c.wire)),
    clientPreferences: clients.map((c) => c.prefs),
    contacts: relatedPersons.map(toClientContact),
    coordinators,
    shifts: schedule.appointments.map((a) => toShift(a, timezone)),
  };
}
