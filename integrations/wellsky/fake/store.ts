import type { z } from "zod";
import { shiftKey } from "../../../lib/ids.js";
import type { WsAppointment, WsEncounter, WsPatient, WsPractitioner, WsProfileTag, WsRelatedPerson, WsSubscription, WsTaskLog } from "../schemas.js";
import { parseWireDateTime } from "../wire-format.js";
import type { SeedAgency } from "./seed.js";
import type { WsAdminTask } from "../schemas.js";

/** One request as the stand-in saw it (bodies are not kept: they may hold personal data). */
export interface RequestRecord {
  at: Date;
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
  /** Injected fault that answered (or delayed) this request, if any. */
  fault?: string;
}

/** One webhook POST the stand-in made. `status` is null when the endpoint could not be reached. */
export interface DeliveryRecord {
  at: Date;
  subscriptionId: string;
  criteria: string;
  endpoint: string;
  headers: Record<string, string>;
  payload: { resourceType: string; id: string | number };
  status: number | null;
  error?: string;
}

type IdKind = "appointment" | "encounter" | "taskLog" | "subscription" | "profileTag" | "adminTask";

/**
 * In-memory WellSky state behind the stand-in server, seeded from a SeedAgency (deep-copied, so the
 * agency object stays as generated). Tests read it directly to check what a client call changed.
 */
export class FakeStore {
  readonly agencyId: string;
  /** The agency's zone: shift keys carry the start's local date. */
  readonly timezone: string;
  readonly patients = new Map<string, WsPatient>();
  readonly practitioners = new Map<string, WsPractitioner>();
  readonly profileTags = new Map<string, WsProfileTag>();
  /** Contacts by patient id. */
  readonly relatedPersons = new Map<string, WsRelatedPerson[]>();
  /** Occurrences by appointment id: recurring shifts keep several, one per date. */
  readonly appointments = new Map<string, WsAppointment[]>();
  readonly encounters = new Map<string, WsEncounter>();
  /** Which occurrence each care log belongs to (the wire only says `Appointment/{id}`). */
  readonly encounterByOccurrence = new Map<string, string>();
  readonly taskLogs = new Map<string, WsTaskLog[]>();
  readonly subscriptions = new Map<string, WsSubscription>();
  /** Office to-dos created through the API (the seed has none), kept with the integer ids they were sent with. */
  readonly adminTasks = new Map<string, z.input<typeof WsAdminTask>>();
  /** Issued access tokens and when they expire (epoch ms on the stand-in's clock). */
  readonly tokens = new Map<string, number>();
  readonly requests: RequestRecord[] = [];
  readonly deliveries: DeliveryRecord[] = [];

  private readonly counters: Record<IdKind, number> = {
    appointment: 109_900_000,
    encounter: 798_693_975,
    taskLog: 4_124_460_000,
    subscription: 789,
    profileTag: 100,
    adminTask: 5_520_000,
  };

  constructor(agency: SeedAgency) {
    const w = structuredClone(agency.wire);
    this.agencyId = agency.agencyId;
    this.timezone = agency.timezone;
    for (const p of w.patients) this.patients.set(p.id, p);
    for (const p of w.practitioners) this.practitioners.set(p.id, p);
    for (const t of w.profileTags) this.profileTags.set(t.id, t);
    for (const r of w.relatedPersons) {
      const patientId = /(\d+)$/.exec(r.patient?.reference ?? "")?.[1];
      if (patientId) this.relatedPersons.set(patientId, [...(this.relatedPersons.get(patientId) ?? []), r]);
    }
    for (const a of w.appointments) this.addOccurrence(a);
    for (const e of w.encounters) {
      this.encounters.set(e.resource.id, e.resource);
      this.encounterByOccurrence.set(e.occurrenceKey, e.resource.id);
    }
    for (const [encounterId, logs] of Object.entries(w.taskLogs)) this.taskLogs.set(encounterId, logs);
  }

  /** A fresh numeric id for a created resource. */
  nextId(kind: IdKind): string {
    return String(++this.counters[kind]);
  }

  addOccurrence(a: WsAppointment): void {
    this.appointments.set(a.id, [...(this.appointments.get(a.id) ?? []), a]);
  }

  /** Every occurrence of an appointment id, in start order. */
  occurrences(appointmentId: string): WsAppointment[] {
    return [...(this.appointments.get(appointmentId) ?? [])].sort((a, b) => startMs(a) - startMs(b));
  }

  /** Every stored occurrence. */
  allOccurrences(): WsAppointment[] {
    return [...this.appointments.values()].flat();
  }

  /** The occurrence a shift key (`${id}_${YYYYMMDD}` of the start's date in the agency's zone) names. */
  appointmentOccurrence(key: string): WsAppointment | undefined {
    const id = key.split("_")[0] ?? key;
    return this.occurrences(id).find((a) => this.occurrenceKey(a) === key);
  }

  /** Shift key of a stored occurrence, as Coverline computes it for this agency (lib/ids.ts). */
  occurrenceKey(a: WsAppointment): string {
    return shiftKey(a.id, new Date(startMs(a)), this.timezone);
  }

  /** The encounter (care log) of an occurrence, if the visit was clocked in. */
  encounterForOccurrence(key: string): WsEncounter | undefined {
    const id = this.encounterByOccurrence.get(key);
    return id ? this.encounters.get(id) : undefined;
  }

  /** Makes every issued token invalid (the next API call gets a 401). */
  revokeTokens(): void {
    this.tokens.clear();
  }

  /** Requests whose path matches. */
  requestsTo(path: RegExp): RequestRecord[] {
    return this.requests.filter((r) => path.test(r.path));
  }
}


export function startMs(a: WsAppointment): number {
  // Searches sort and filter thousands of occurrences by start: parse each start string once.
  const hit = parsedStarts.get(a);
  if (hit?.start === a.start) return hit.ms;
  const ms = parseWireDateTime(a.start)?.getTime() ?? Number.NaN;
  parsedStarts.set(a, { start: a.start, ms });
  return ms;
}
const parsedStarts = new WeakMap<WsAppointment, { start: string; ms: number }>();
