import { DateTime } from "luxon";
import type { z } from "zod";
import type { Caregiver, GeoPoint, Shift } from "../../domain/types.js";
import { systemClock, type Clock } from "../../lib/clock.js";
import { parseShiftKey, shiftKey } from "../../lib/ids.js";
import { silentLogger, type Logger } from "../../lib/logger.js";
import {
  appointmentSearchProblems,
  toWireAppointmentSearch,
  type AppointmentSearch,
} from "./appointment-search.js";
import { WellSkyNotFoundError, WellSkyResponseError, WellSkyUnsupportedError, WellSkyValidationError } from "./errors.js";
import { toCaregiver, toShift } from "./mappers.js";
import { profileTagIds, withAgencyTag } from "./meta-tags.js";
import { collect, MAX_PAGE_SIZE, paginate, resolvePaging, type Page, type PageRequest } from "./paging.js";
import { paths } from "./paths.js";
import {
  ClockInResponse,
  Created,
  parseBundle,
  TaskLogCreated,
  WsAdminTask,
  WsAppointment,
  WsEncounter,
  WsPatient,
  WsPractitioner,
  WsProfileTag,
  WsRelatedPerson,
  WsSubscription,
  WsTaskLog,
} from "./schemas.js";
import { DEFAULT_RATE_PER_SECOND, DEFAULT_RETRY, DEFAULT_TIMEOUT_MS, Transport, type RetryOptions } from "./transport.js";
import { compactUtcDate, formatWireDateTime, parseWireDateTime, toWirePhone } from "./wire-format.js";

/** Filters shared by patients and practitioners (reference §8.1). Phones may be E.164 or 10 digits. */
export interface PersonSearch {
  first_name?: string;
  last_name?: string;
  "first_name:contains"?: string;
  "last_name:contains"?: string;
  mobile_phone?: string;
  home_phone?: string;
  work_phone?: string;
  city?: string;
  state?: string;
  gender?: string;
  active?: boolean;
  /** FHIR-prefixed date filter, e.g. `gt2026-01-01` (patients, practitioners, relatedperson only). */
  created?: string;
  updated?: string;
}

export interface PractitionerSearch extends PersonSearch {
  is_hired?: boolean;
}

/** A new shift. `caregiverId: null` creates an open shift. */
export interface NewAppointment {
  clientId: string;
  caregiverId: string | null;
  start: Date;
  end: Date;
  status?: "SCHEDULED" | "COMPLETED" | "CANCELLED";
  scheduledItems?: { id?: string; name: string }[];
  position?: GeoPoint;
}

/** Result of `assignCaregiver`: `changed` is false when the occurrence already had that caregiver (no PUT sent). */
export interface AssignResult {
  changed: boolean;
  appointment: WsAppointment;
}

export interface ClockInInput {
  /** Defaults to now. */
  start?: Date;
  position?: GeoPoint;
}

/** `carelogId` is the encounter id to use for clock-out and shift notes. */
export interface ClockInResult {
  carelogId: string;
  status: string;
  clockedOut: boolean;
  start: Date | null;
}

export interface ClockOutInput {
  /** Defaults to now. */
  end?: Date;
  position?: GeoPoint;
  generalComment?: string;
  mileage?: number;
  mileageDescription?: string;
}

/** A shift note ("TaskLog"). Shown as Shift Notes in WellSky. */
export interface NewTaskLog {
  title: string;
  description?: string;
  status?: "COMPLETE" | "NOT_COMPLETE";
  comment?: string;
  /** Defaults to now. */
  recorded?: Date;
  showInFamilyRoom?: boolean;
  messageForNextCaregiver?: boolean;
}

/**
 * An office to-do in WellSky (reference §8.8), created with status `received` ("Not Complete"). No `owner` is
 * sent because Coverline does not know the office users' WellSky admin ids.
 */
export interface NewAdminTask {
  description: string;
  /** `YYYY-MM-DD`: the day it is about, in the agency's timezone (a date has no zone on the wire). */
  executionDate: string;
  /** When it is due; sent as UTC with an explicit offset, so the offset-less "⇒ UTC" rule (§3) can't bite. */
  dueDate: Date;
  /** Who the task is about: a client (Patient) or a caregiver (Practitioner). */
  requester: { resourceType: "Patient" | "Practitioner"; id: string };
}

export interface EncounterSearch {
  clientId?: string;
  caregiverId?: string;
  /** `YYYYMMDD` or an instant (its UTC date). */
  startDate: string | Date;
  endDate: string | Date;
}

/** Webhook criteria the Subscription API documents (reference §10). Note: none for appointments. */
export const SUBSCRIPTION_CRITERIA = [
  "admintask.created",
  "admintask.changed",
  "admintask.status.changed",
  "admintask.status.complete",
  "agency_admin.created",
  "agency_admin.deactivated.changed",
  "encounter.clockout.changed",
  "patient.created",
  "patient.name.changed",
  "patient.address.changed",
  "patient.telecom.changed",
  "patient.deactivated.changed",
  "patient.dateofdeath.changed",
  "prospect.status.changed",
  "practitioner.created",
  "practitioner.name.changed",
  "practitioner.address.changed",
  "practitioner.telecom.changed",
  "practitioner.deactivated.changed",
  "applicant.status.changed",
  "referralsources.created",
  "referralsources.changed",
] as const;
export type SubscriptionCriteria = (typeof SUBSCRIPTION_CRITERIA)[number];

export interface NewSubscription {
  criteria: SubscriptionCriteria;
  /** Where WellSky POSTs `{resourceType, id}`. */
  endpoint: string;
  /** Whole header lines sent with every delivery, e.g. `Authorization: Bearer <shared-secret>` (the only authenticity check). */
  headers?: string[];
  reason?: string;
}

/**
 * What tools and workflows depend on: typed access to WellSky Connect with the live API's quirks handled.
 * Reads return wire resources (see `mappers.ts` for domain views); ids are strings.
 */
export interface WellSkyClient {
  /** GET /v1/patients/{id}/. */
  getPatient(id: string): Promise<WsPatient>;
  /** One page of POST /v1/patients/_search/ (string-valued body; paging in the query). */
  searchPatients(filters?: PersonSearch, page?: PageRequest): Promise<Page<WsPatient>>;
  /** Every patient matching `filters`, 100 per request. */
  listPatients(filters?: PersonSearch): AsyncGenerator<WsPatient, void, undefined>;

  /** GET /v1/practitioners/{id}/. */
  getPractitioner(id: string): Promise<WsPractitioner>;
  /** One page of POST /v1/practitioners/_search/. */
  searchPractitioners(filters?: PractitionerSearch, page?: PageRequest): Promise<Page<WsPractitioner>>;
  /** Every practitioner matching `filters`, 100 per request. */
  listPractitioners(filters?: PractitionerSearch): AsyncGenerator<WsPractitioner, void, undefined>;
  /** Practitioners whose mobile phone, else home phone, is `phone` (E.164 or 10 digits): who is texting us. */
  findPractitionersByPhone(phone: string): Promise<WsPractitioner[]>;
  /** A caregiver in Coverline's terms (practitioner + resolved skill tags). */
  getCaregiver(id: string): Promise<Caregiver>;

  /** GET /v1/profileTags/{id}/. */
  getProfileTag(id: string): Promise<WsProfileTag>;
  /** GET /v1/profileTags/ (documented by one source only; `resolveProfileTags` does not rely on it). */
  listProfileTags(): Promise<WsProfileTag[]>;
  /** Tags by id, fetched one by one and cached for an hour; unknown ids are left out. */
  resolveProfileTags(ids: readonly string[]): Promise<Map<string, WsProfileTag>>;

  /** One page of schedule search; validates the API's required parameters before sending. */
  searchAppointments(query: AppointmentSearch, page?: PageRequest): Promise<Page<WsAppointment>>;
  /** Every occurrence matching `query`. */
  listAppointments(query: AppointmentSearch): AsyncGenerator<WsAppointment, void, undefined>;
  /** GET /v1/appointment/{id}/: for a recurring shift, the occurrence nearest to now (server's choice). */
  getAppointment(id: string): Promise<WsAppointment>;
  /** POST /v1/appointment/; returns the new id. */
  createAppointment(input: NewAppointment): Promise<{ id: string }>;
  /** PUT /v1/appointment/{id}/ — a full replacement: send the whole object, fields left out are removed. */
  updateAppointment(appointment: WsAppointment): Promise<WsAppointment>;
  /** The occurrence a shift key names (`${id}_${YYYYMMDD}`); a bare id means the nearest occurrence. */
  getShiftOccurrence(key: string): Promise<WsAppointment>;
  /** The occurrence as a domain Shift. */
  getShift(key: string): Promise<Shift>;
  /**
   * Assigns (`caregiverId`) or unassigns (`null`) one occurrence: GET it, set `caregiver`, PUT the whole
   * object back. Idempotent: no PUT when it already has that caregiver. The API has no version check, so a
   * concurrent edit in WellSky between our GET and PUT is overwritten; callers serialize per shift.
   */
  assignCaregiver(key: string, caregiverId: string | null): Promise<AssignResult>;

  /** EVV clock-in on an appointment id; idempotent (an existing visit is returned). */
  clockIn(appointmentId: string, input?: ClockInInput): Promise<ClockInResult>;
  /** EVV clock-out on the care-log id from `clockIn` (an appointment id gets a 404). */
  clockOut(carelogId: string, input?: ClockOutInput): Promise<void>;
  /** GET /v1/encounter/{id}/. */
  getEncounter(id: string): Promise<WsEncounter>;
  /** One page of POST /v1/encounter/_search/ (care-log history), newest first. */
  searchEncounters(query: EncounterSearch, page?: PageRequest): Promise<Page<WsEncounter>>;
  /** Adds a shift note to an encounter (care log); returns the task log id. */
  addTaskLog(encounterId: string, note: NewTaskLog): Promise<{ taskLogId: string }>;
  /** Shift notes of an encounter. */
  listTaskLogs(encounterId: string): Promise<WsTaskLog[]>;

  /** POST /v1/adminTasks/: an office to-do; returns its id. Checks dates and ids before sending. */
  createAdminTask(task: NewAdminTask): Promise<{ id: string }>;
  /** GET /v1/adminTasks/{id}/ (admin tasks have no search). */
  getAdminTask(id: string): Promise<WsAdminTask>;

  /** Family and other contacts of a patient (GET /v1/relatedperson/{patientId}/). */
  listRelatedPersons(patientId: string): Promise<WsRelatedPerson[]>;

  /** Registers a webhook; returns its id. */
  createSubscription(input: NewSubscription): Promise<{ id: string }>;
  /** Registered webhooks, optionally filtered. */
  listSubscriptions(filters?: { status?: string; criteria?: SubscriptionCriteria; contact_email?: string }): Promise<WsSubscription[]>;
  getSubscription(id: string): Promise<WsSubscription>;
  deleteSubscription(id: string): Promise<void>;

  /** Unsupported: Connect has no caregiver availability resource. Always rejects with WellSkyUnsupportedError. */
  getCaregiverAvailability(caregiverId: string): Promise<never>;
  /** Unsupported: no agency-wide shift query. Always rejects with WellSkyUnsupportedError. */
  searchAgencyShifts(range: { from: Date; to: Date }): Promise<never>;
  /** Unsupported: no invoice list. Always rejects with WellSkyUnsupportedError. */
  listInvoices(): Promise<never>;
}

export interface WellSkyClientOptions {
  /** Host root, e.g. `https://connect.clearcareonline.com` or the stand-in's URL. */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** Stamped into writes as the `agencyId` meta tag; never sent on reads (it hides records there). */
  agencyId: string;
  /** The agency's IANA timezone: shift keys carry the local date of the start (lib/ids.ts). */
  timezone: string;
  /** Client-side pacing, default 10 requests/s. */
  ratePerSecond?: number;
  retry?: RetryOptions;
  /** Per-request timeout, default 20 s. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  clock?: Clock;
  logger?: Logger;
}

/** Page sizes the API defaults to (appointment 20 per reference §4); we ask for 100 when walking all pages. */
const DEFAULT_COUNT = 20;
/** How long resolved ProfileTags are reused: tags are agency configuration and change rarely. */
const PROFILE_TAG_TTL_MS = 60 * 60_000;

/** Creates the WellSky Connect client. Uses global `fetch` unless one is injected. */
export function createWellSkyClient(opts: WellSkyClientOptions): WellSkyClient {
  const clock = opts.clock ?? systemClock;
  const http = new Transport({
    baseUrl: opts.baseUrl,
    clientId: opts.clientId,
    clientSecret: opts.clientSecret,
    ratePerSecond: opts.ratePerSecond ?? DEFAULT_RATE_PER_SECOND,
    retry: opts.retry ?? DEFAULT_RETRY,
    timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    fetch: opts.fetch ?? globalThis.fetch,
    clock,
    logger: opts.logger ?? silentLogger,
  });
  const tagCache = new Map<string, { tag: WsProfileTag; until: number }>();

  /** Validates a 2xx body against `schema`, turning a mismatch into a WellSkyResponseError. */
  function expect<S extends z.ZodType>(schema: S, raw: unknown, method: string, path: string): z.infer<S> {
    const r = schema.safeParse(raw);
    if (!r.success) throw new WellSkyResponseError(`unexpected ${describe(raw)}: ${r.error.message.slice(0, 300)}`, method, path, { cause: r.error });
    return r.data as z.infer<S>;
  }

  function bundle<S extends z.ZodType>(schema: S, raw: unknown, method: string, path: string) {
    try {
      return parseBundle(raw, schema);
    } catch (cause) {
      throw new WellSkyResponseError(`unexpected search answer (${describe(raw)})`, method, path, { cause });
    }
  }

  /** Every row of a small GET collection (contacts, notes, tags, hooks), 100 per page. */
  function listAll<S extends z.ZodType>(schema: S, path: string, query: Record<string, string> = {}): Promise<z.infer<S>[]> {
    return collect(paginate((p) => searchPage(schema, { method: "GET", path, params: query }, p, MAX_PAGE_SIZE)));
  }

  async function get<S extends z.ZodType>(schema: S, path: string): Promise<z.infer<S>> {
    return expect(schema, await http.request({ method: "GET", path }), "GET", path);
  }

  async function searchPage<S extends z.ZodType>(
    schema: S,
    spec: { method: "GET" | "POST"; path: string; params: Record<string, string>; extraQuery?: Record<string, string> },
    pageReq: PageRequest | undefined,
    defaultCount: number,
  ): Promise<Page<z.infer<S>>> {
    const { count, page } = resolvePaging(pageReq, defaultCount);
    const paging = { _count: String(count), _page: String(page), ...spec.extraQuery };
    const raw =
      spec.method === "GET"
        ? await http.request({ method: "GET", path: spec.path, query: { ...spec.params, ...paging } })
        : // `_search` is a read: safe to retry like a GET.
          await http.request({ method: "POST", path: spec.path, query: paging, body: spec.params, idempotent: true });
    return { ...bundle(schema, raw, spec.method, spec.path), count, page };
  }

  function appointmentParams(query: AppointmentSearch): Record<string, string> {
    const wire = toWireAppointmentSearch(query);
    const problems = appointmentSearchProblems(wire);
    if (problems.length) throw new WellSkyValidationError(problems);
    return wire as Record<string, string>;
  }

  // Methods are async even when they only delegate: a bad id or filter must reject the promise, not throw
  // synchronously at the call site.
  const client: WellSkyClient = {
    getPatient: async (id) => get(WsPatient, paths.patient(id)),
    searchPatients: async (filters = {}, page) =>
      searchPage(WsPatient, { method: "POST", path: paths.patientsSearch(), params: personParams(filters) }, page, DEFAULT_COUNT),
    listPatients: (filters = {}) => paginate((p) => client.searchPatients(filters, p)),

    getPractitioner: async (id) => get(WsPractitioner, paths.practitioner(id)),
    searchPractitioners: async (filters = {}, page) =>
      searchPage(WsPractitioner, { method: "POST", path: paths.practitionersSearch(), params: personParams(filters) }, page, DEFAULT_COUNT),
    listPractitioners: (filters = {}) => paginate((p) => client.searchPractitioners(filters, p)),
    async findPractitionersByPhone(phone) {
      const mobile = await client.searchPractitioners({ mobile_phone: phone }, { count: 100 });
      if (mobile.entries.length) return mobile.entries;
      return (await client.searchPractitioners({ home_phone: phone }, { count: 100 })).entries;
    },
    async getCaregiver(id) {
      const practitioner = await client.getPractitioner(id);
      return toCaregiver(practitioner, await client.resolveProfileTags(profileTagIds(practitioner)));
    },

    getProfileTag: async (id) => get(WsProfileTag, paths.profileTag(id)),
    listProfileTags: async () => listAll(WsProfileTag, paths.profileTags()),
    async resolveProfileTags(ids) {
      const out = new Map<string, WsProfileTag>();
      const now = clock.now().getTime();
      for (const id of new Set(ids)) {
        const hit = tagCache.get(id);
        if (hit && hit.until > now) {
          out.set(id, hit.tag);
          continue;
        }
        try {
          const tag = await client.getProfileTag(id);
          tagCache.set(id, { tag, until: now + PROFILE_TAG_TTL_MS });
          out.set(id, tag);
        } catch (err) {
          // A deleted tag still listed on a caregiver is not worth failing the caregiver over.
          if (!(err instanceof WellSkyNotFoundError)) throw err;
        }
      }
      return out;
    },

    searchAppointments: async (query, page) =>
      searchPage(WsAppointment, { method: "GET", path: paths.appointments(), params: appointmentParams(query) }, page, DEFAULT_COUNT),
    listAppointments(query) {
      appointmentParams(query); // fail at the call, not at the first iteration
      return paginate((p) => client.searchAppointments(query, p));
    },
    getAppointment: async (id) => get(WsAppointment, paths.appointment(id)),
    async createAppointment(input) {
      const path = paths.appointments();
      const body = withAgencyTag(
        {
          resourceType: "Appointment",
          client: { id: input.clientId },
          caregiver: input.caregiverId === null ? null : { id: input.caregiverId },
          start: formatWireDateTime(input.start, "bare"),
          end: formatWireDateTime(input.end, "bare"),
          status: input.status ?? "SCHEDULED",
          ...(input.scheduledItems ? { scheduledItems: input.scheduledItems } : {}),
          ...(input.position ? { position: { latitude: input.position.lat, longitude: input.position.lng } } : {}),
        },
        opts.agencyId,
      );
      return { id: expect(Created, await http.request({ method: "POST", path, body }), "POST", path).id };
    },
    async updateAppointment(appointment) {
      const path = paths.appointment(appointment.id);
      const body = withAgencyTag(appointment, opts.agencyId);
      const raw = await http.request({ method: "PUT", path, body });
      // The PUT answer is undocumented: use it when it is a full appointment, else what we sent.
      const parsed = WsAppointment.safeParse(raw);
      return parsed.success ? parsed.data : expect(WsAppointment, body, "PUT", path);
    },
    async getShiftOccurrence(key) {
      const { appointmentId, date } = parseShiftKey(key);
      const nearest = await client.getAppointment(appointmentId);
      if (date === null || occurrenceKey(nearest, opts.timezone) === key) return nearest;
      // Search the client's schedule a day either side: whether the API reads search dates as UTC or
      // agency-local is undocumented, and the key's date is the agency-local date of the start.
      const day = DateTime.fromFormat(date, "yyyyLLdd", { zone: "utc" });
      const found = await collectMatching(
        client.listAppointments({ clientId: nearest.client.id, startDate: compactUtcDate(day.minus({ days: 1 }).toJSDate()), additionalDays: 2 }),
        (a) => a.id === appointmentId && occurrenceKey(a, opts.timezone) === key,
      );
      if (!found) throw new WellSkyNotFoundError("", "GET", paths.appointments(), `No occurrence of appointment ${appointmentId} starts on ${date} (${opts.timezone})`);
      return found;
    },
    getShift: async (key) => toShift(await client.getShiftOccurrence(key), opts.timezone),
    async assignCaregiver(key, caregiverId) {
      if (caregiverId !== null && !/^\d+$/.test(caregiverId)) throw new WellSkyValidationError([`'caregiverId' must be a numeric WellSky id, got "${caregiverId}".`]);
      const occurrence = await client.getShiftOccurrence(key);
      if ((occurrence.caregiver?.id ?? null) === caregiverId) return { changed: false, appointment: occurrence };
      const updated = await client.updateAppointment({ ...occurrence, caregiver: caregiverId === null ? null : { id: caregiverId } });
      return { changed: true, appointment: updated };
    },

    async clockIn(appointmentId, input = {}) {
      const path = paths.clockIn(appointmentId);
      const body = {
        resourceType: "Encounter",
        period: { start: formatWireDateTime(input.start ?? clock.now(), "bare") },
        ...(input.position ? { position: { latitude: input.position.lat, longitude: input.position.lng } } : {}),
      };
      // Clock-in is documented idempotent, so a retry after a dropped connection cannot double-book a visit.
      const res = expect(ClockInResponse, await http.request({ method: "POST", path, body, idempotent: true }), "POST", path);
      return { carelogId: res.id, status: res.status ?? "IN_PROGRESS", clockedOut: res.clockedOut ?? false, start: parseWireDateTime(res.period?.start) };
    },
    async clockOut(carelogId, input = {}) {
      const path = paths.clockOut(carelogId);
      const body = {
        resourceType: "Encounter",
        period: { end: formatWireDateTime(input.end ?? clock.now(), "bare") },
        ...(input.position ? { position: { latitude: input.position.lat, longitude: input.position.lng } } : {}),
        ...(input.generalComment !== undefined ? { generalComment: input.generalComment } : {}),
        ...(input.mileage !== undefined ? { mileage: input.mileage } : {}),
        ...(input.mileageDescription !== undefined ? { mileageDescription: input.mileageDescription } : {}),
      };
      await http.request({ method: "PUT", path, body });
    },
    getEncounter: async (id) => get(WsEncounter, paths.encounter(id)),
    searchEncounters: async (query, page) =>
      searchPage(
        WsEncounter,
        { method: "POST", path: paths.encountersSearch(), params: encounterParams(query), extraQuery: { _sort: "-startDate" } },
        page,
        DEFAULT_COUNT,
      ),
    async addTaskLog(encounterId, note) {
      const path = paths.taskLogs(encounterId);
      const body = {
        resourceType: "TaskLog",
        title: note.title,
        description: note.description ?? "",
        status: note.status ?? "COMPLETE",
        comment: note.comment ?? "",
        recorded: (note.recorded ?? clock.now()).toISOString().replace(/\.\d{3}Z$/, "Z"),
        show_in_family_room: note.showInFamilyRoom ?? false,
        message_for_next_caregiver: note.messageForNextCaregiver ?? false,
      };
      return { taskLogId: expect(TaskLogCreated, await http.request({ method: "POST", path, body }), "POST", path).taskLogId };
    },
    listTaskLogs: async (encounterId) => listAll(WsTaskLog, paths.taskLogs(encounterId)),

    async createAdminTask(task) {
      const problems = adminTaskProblems(task);
      if (problems.length) throw new WellSkyValidationError(problems);
      const path = paths.adminTasks();
      const body = withAgencyTag(
        {
          status: "received",
          description: task.description,
          executionDate: task.executionDate,
          dueDate: formatWireDateTime(task.dueDate),
          // Integers on the wire (reference §8.8), unlike the string ids we use everywhere else.
          requester: [{ resourceType: task.requester.resourceType, id: Number(task.requester.id) }],
        },
        opts.agencyId,
      );
      return { id: expect(Created, await http.request({ method: "POST", path, body }), "POST", path).id };
    },
    getAdminTask: async (id) => get(WsAdminTask, paths.adminTask(id)),

    listRelatedPersons: async (patientId) => listAll(WsRelatedPerson, paths.relatedPersons(patientId)),

    async createSubscription(input) {
      const path = paths.subscriptions();
      const body = withAgencyTag(
        {
          resourceType: "Subscription",
          status: "active",
          criteria: input.criteria,
          reason: input.reason ?? "Coverline",
          channel: { type: "rest-hook", endpoint: input.endpoint, payload: "application/fhir+json", header: input.headers ?? [] },
        },
        opts.agencyId,
      );
      return { id: expect(Created, await http.request({ method: "POST", path, body }), "POST", path).id };
    },
    listSubscriptions: async (filters = {}) =>
      listAll(WsSubscription, paths.subscriptions(), Object.fromEntries(Object.entries(filters).filter((e): e is [string, string] => e[1] !== undefined))),
    getSubscription: async (id) => get(WsSubscription, paths.subscription(id)),
    async deleteSubscription(id) {
      await http.request({ method: "DELETE", path: paths.subscription(id) });
    },

    getCaregiverAvailability: async () => {
      throw new WellSkyUnsupportedError(
        "caregiver availability",
        "the Connect API has no availability/unavailability resource (it existed only in the decommissioned legacy API). Keep availability in Coverline's own tables and derive busy times from searchAppointments({ caregiverId, ... }).",
      );
    },
    searchAgencyShifts: async () => {
      throw new WellSkyUnsupportedError(
        "agency-wide shift search",
        "appointment search requires a caregiverId or clientId and a window of at most 7 days (or one week/month). Loop over active clients with searchAppointments, or read Coverline's synced shift table.",
      );
    },
    listInvoices: async () => {
      throw new WellSkyUnsupportedError("invoice listing", "the Connect API exposes no invoices (only billing lines via chargeitem/_search); invoices stay in the WellSky web app.");
    },
  };
  return client;
}

/** Occurrence key of a wire appointment (the agency-local date of its start). */
function occurrenceKey(a: WsAppointment, timezone: string): string | null {
  const start = parseWireDateTime(a.start);
  return start ? shiftKey(a.id, start, timezone) : null;
}

async function collectMatching<T>(items: AsyncIterable<T>, match: (t: T) => boolean): Promise<T | undefined> {
  for await (const item of items) if (match(item)) return item;
  return undefined;
}

/** Person filters as the flat string body `_search` takes; phones converted to the 10-digit wire form. */
function personParams(filters: PractitionerSearch): Record<string, string> {
  const out: Record<string, string> = {};
  const problems: string[] = [];
  for (const [key, value] of Object.entries(filters) as [string, string | boolean | undefined][]) {
    if (value === undefined) continue;
    if (key.endsWith("_phone") && typeof value === "string") {
      const wire = toWirePhone(value);
      if (!wire) problems.push(`'${key}' must be a 10-digit North-American phone number.`);
      else out[key] = wire;
    } else {
      out[key] = String(value);
    }
  }
  if (problems.length) throw new WellSkyValidationError(problems);
  return out;
}

function encounterParams(q: EncounterSearch): Record<string, string> {
  const date = (d: string | Date) => (d instanceof Date ? compactUtcDate(d) : d);
  const out: Record<string, string> = { startDate: date(q.startDate), endDate: date(q.endDate) };
  if (q.clientId) out.clientId = q.clientId;
  if (q.caregiverId) out.caregiverId = q.caregiverId;
  const problems = (["startDate", "endDate"] as const).filter((k) => !/^\d{8}$/.test(out[k]!)).map((k) => `'${k}' must be a date in YYYYMMDD format.`);
  if (problems.length) throw new WellSkyValidationError(problems);
  return out;
}

function adminTaskProblems(task: NewAdminTask): string[] {
  const problems: string[] = [];
  if (!task.description.trim()) problems.push("'description' is required.");
  if (!/^\d{4}-\d{2}-\d{2}$/.test(task.executionDate)) problems.push("'executionDate' must be a date in YYYY-MM-DD format.");
  if (Number.isNaN(task.dueDate.getTime())) problems.push("'dueDate' must be a valid instant.");
  if (!/^\d+$/.test(task.requester.id)) problems.push(`'requester' must be a numeric WellSky id, got "${task.requester.id}".`);
  return problems;
}

function describe(raw: unknown): string {
  if (raw === undefined) return "empty body";
  if (raw && typeof raw === "object" && "resourceType" in raw) return `${String((raw as { resourceType: unknown }).resourceType)} body`;
  return `${Array.isArray(raw) ? "array" : typeof raw} body`;
}
