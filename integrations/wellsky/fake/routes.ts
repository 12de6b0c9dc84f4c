import type { z } from "zod";
import { appointmentSearchProblems, appointmentSearchWindow, type WireAppointmentSearch } from "../appointment-search.js";
import { SUBSCRIPTION_CRITERIA } from "../client.js";
import { isHired } from "../meta-tags.js";
import { WsAppointment, type WsAdminTask, type WsEncounter, type WsPatient, type WsPractitioner } from "../schemas.js";
import { formatWireDateTime, parseCompactDate, parseWireDateTime } from "../wire-format.js";
import { startMs, type FakeStore } from "./store.js";
import type { WebhookEmitter } from "./webhooks.js";

/**
 * Route table of the stand-in: exact paths (case, plurality, trailing slash) and methods as the live API
 * has them, with handlers that enforce its documented rules. Anything not listed here is "no route" and
 * gets the API Gateway 403 from server.ts.
 */

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  now: Date;
}

export interface FakeResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Route {
  method: string;
  pattern: RegExp;
  handler: (req: FakeRequest, params: string[]) => FakeResponse | Promise<FakeResponse>;
}

export interface RouteDeps {
  store: FakeStore;
  webhooks: WebhookEmitter;
}

/** Real routes (reference §7) this stand-in does not simulate: 501 rather than a misleading route-403. */
export const NOT_SIMULATED: { method: string; pattern: RegExp }[] = [
  { method: "POST", pattern: /^\/v1\/(patients|practitioners)\/$/ },
  { method: "PUT", pattern: /^\/v1\/(patients|practitioners)\/\d+\/$/ },
  { method: "DELETE", pattern: /^\/v1\/(patients|practitioners|appointment|encounter|subscriptions|profileTags)\/\d+\/$/ },
  { method: "POST", pattern: /^\/v1\/encounter\/$/ },
  { method: "PUT", pattern: /^\/v1\/(encounter|subscriptions|profileTags)\/\d+\/$/ },
  { method: "PUT", pattern: /^\/v1\/encounter\/\d+\/task\/\d+\/$/ },
  { method: "PUT", pattern: /^\/v1\/encounter\/\d+\/tasklog\/\d+\/$/ },
  { method: "POST", pattern: /^\/v1\/relatedperson\/(_search\/)?$/ },
  { method: "POST", pattern: /^\/v1\/(documentReferences|referralsource)\/$/ },
  { method: "POST", pattern: /^\/v1\/(chargeitem|admins|medication)\/_search\/$/ },
  { method: "POST", pattern: /^\/v1\/locations\/_search$/ },
  { method: "GET", pattern: /^\/v1\/(locations|organizations)\/$/ },
  { method: "GET", pattern: /^\/v1\/careplan\/activity-metadata$/ },
  { method: "POST", pattern: /^\/v1\/careplan\/activity\/\d+\/$/ },
];

/** A value, or the error answer to send instead. */
type Result<T> = { ok: true; value: T } | { ok: false; response: FakeResponse };
const fail = (response: FakeResponse): { ok: false; response: FakeResponse } => ({ ok: false, response });

const ok = (body: unknown, status = 200): FakeResponse => ({ status, body });
/** 422 with a plain-sentence message, as observed live; the envelope key itself is not documented. */
const unprocessable = (...messages: string[]): FakeResponse => ({ status: 422, body: { error: messages.join(" ") } });
const notFound = (): FakeResponse => ({ status: 404, body: { error: "Resource not found" } });

/** Default page sizes per resource (reference §4; encounter 30, profileTags 100, others 20). */
const DEFAULT_COUNT = { default: 20, encounter: 30, profileTags: 100 };

/**
 * `_count` must be 1–100 and `_page` a 0-based integer. Over 100 is a 400 rather than a silent clamp:
 * the reference says "cap 100", and a client that sends more would miscount pages against a clamping
 * server, so the stand-in makes that bug loud.
 */
function paging(query: URLSearchParams, defaultCount: number): Result<{ count: number; page: number }> {
  const rawCount = query.get("_count");
  const rawPage = query.get("_page");
  const count = rawCount === null ? defaultCount : Number(rawCount);
  const page = rawPage === null ? 0 : Number(rawPage);
  if (!Number.isInteger(count) || count < 1 || count > 100) return fail({ status: 400, body: { error: "'_count' must be a whole number from 1 to 100." } });
  if (!Number.isInteger(page) || page < 0) return fail({ status: 400, body: { error: "'_page' must be a whole number, starting at 0." } });
  return { ok: true, value: { count, page } };
}

function bundle(rows: unknown[], query: URLSearchParams, defaultCount: number): FakeResponse {
  const r = paging(query, defaultCount);
  if (!r.ok) return r.response;
  const p = r.value;
  const slice = rows.slice(p.page * p.count, (p.page + 1) * p.count);
  return ok({ resourceType: "Bundle", id: "searchParams", type: "searchset", totalRecords: rows.length, entry: slice.map((resource) => ({ resource })) });
}

/** Search filters: the query string for GET, the flat JSON body for `_search` (paging stays in the query). */
function filters(req: FakeRequest): Result<Record<string, string>> {
  if (req.method === "GET") {
    return { ok: true, value: Object.fromEntries([...req.query].filter(([k]) => !k.startsWith("_"))) };
  }
  if (req.body === undefined || req.body === null) return { ok: true, value: {} };
  if (typeof req.body !== "object" || Array.isArray(req.body)) return fail(unprocessable("Request body must be a JSON object."));
  return { ok: true, value: Object.fromEntries(Object.entries(req.body).map(([k, v]) => [k, String(v)])) };
}

type Person = WsPatient | WsPractitioner;

const lower = (s: string | undefined) => (s ?? "").toLowerCase();
const digits = (s: string | undefined) => (s ?? "").replace(/\D/g, "");

/** Patient/practitioner search filters (reference §8.1–8.2). `created`/`updated` are accepted and ignored. */
function matchesPerson(p: Person, f: Record<string, string>): boolean {
  const name = p.name.find((n) => n.use === "official") ?? p.name[0];
  const first = lower(name?.given?.[0]);
  const last = lower(name?.family);
  const addr = p.address[0];
  const phone = (use: string) => p.telecom.filter((t) => t.use === use).map((t) => digits(t.value));
  for (const [key, value] of Object.entries(f)) {
    const v = value.toLowerCase();
    switch (key) {
      case "first_name":
        if (first !== v) return false;
        break;
      case "last_name":
      case "family":
        if (last !== v) return false;
        break;
      case "first_name:contains":
        if (!first.includes(v)) return false;
        break;
      case "last_name:contains":
        if (!last.includes(v)) return false;
        break;
      case "mobile_phone":
      case "home_phone":
      case "work_phone":
        if (!phone(key.split("_")[0]!).includes(digits(value))) return false;
        break;
      case "city":
        if (lower(addr?.city) !== v) return false;
        break;
      case "state":
        if (lower(addr?.state) !== v) return false;
        break;
      case "gender":
        if (lower(p.gender) !== v) return false;
        break;
      case "active":
        if ((p.active ?? true) !== (v === "true")) return false;
        break;
      case "is_hired":
        if ((isHired(p) === true) !== (v === "true")) return false;
        break;
      default:
        break; // unknown filters are ignored, as far as anyone has seen on the live API
    }
  }
  return true;
}

const byNumericId = (a: { id: string }, b: { id: string }) => Number(a.id) - Number(b.id);

function personRoutes(base: "patients" | "practitioners", all: () => Person[], get: (id: string) => Person | undefined): Route[] {
  const search = (req: FakeRequest): FakeResponse => {
    const f = filters(req);
    if (!f.ok) return f.response;
    return bundle(all().filter((p) => matchesPerson(p, f.value)).sort(byNumericId), req.query, DEFAULT_COUNT.default);
  };
  return [
    { method: "GET", pattern: new RegExp(`^/v1/${base}/$`), handler: search },
    { method: "POST", pattern: new RegExp(`^/v1/${base}/_search/$`), handler: search },
    { method: "GET", pattern: new RegExp(`^/v1/${base}/(\\d+)/$`), handler: (_req, [id]) => (get(id!) ? ok(get(id!)) : notFound()) },
  ];
}

/** Validates and normalizes an appointment body for POST/PUT (full object; missing fields are not kept). */
function appointmentFromBody(store: FakeStore, body: unknown, id: string): Result<WsAppointment> {
  if (!body || typeof body !== "object" || Array.isArray(body)) return fail(unprocessable("Request body must be a JSON object."));
  const b = body as Record<string, unknown>;
  const problems: string[] = [];
  if (!hasAgencyTag(b)) problems.push("'agencyId' is required.");
  const clientId = idOf(b.client);
  if (!clientId) problems.push("'client' is required.");
  else if (!store.patients.has(clientId)) problems.push("'client' is invalid.");
  const caregiverId = b.caregiver === null || b.caregiver === undefined ? null : idOf(b.caregiver);
  if (b.caregiver !== null && b.caregiver !== undefined && (!caregiverId || !store.practitioners.has(caregiverId))) problems.push("'caregiver' is invalid.");
  const start = typeof b.start === "string" ? parseWireDateTime(b.start) : null;
  const end = typeof b.end === "string" ? parseWireDateTime(b.end) : null;
  if (!start) problems.push("'start' is required.");
  if (!end) problems.push("'end' is required.");
  if (start && end && end <= start) problems.push("'end' must be after 'start'.");
  const status = b.status === undefined ? "SCHEDULED" : String(b.status);
  if (!["SCHEDULED", "COMPLETED", "CANCELLED"].includes(status)) problems.push("'status' must be SCHEDULED, COMPLETED or CANCELLED.");
  if (problems.length) return fail(unprocessable(...problems));
  const parsed = WsAppointment.safeParse({
    ...b,
    resourceType: "Appointment",
    id,
    client: { id: clientId },
    caregiver: caregiverId ? { id: caregiverId } : null,
    start: formatWireDateTime(start!),
    end: formatWireDateTime(end!),
    status,
  });
  return parsed.success ? { ok: true, value: parsed.data } : fail(unprocessable("Appointment body is malformed."));
}

function hasAgencyTag(b: Record<string, unknown>): boolean {
  const meta = b.meta as { tag?: { code?: unknown; display?: unknown }[] } | undefined;
  return Array.isArray(meta?.tag) && meta.tag.some((t) => String(t.code).toLowerCase() === "agencyid" && String(t.display ?? "") !== "");
}

function idOf(ref: unknown): string | null {
  if (!ref || typeof ref !== "object") return null;
  const id = (ref as { id?: unknown }).id;
  return (typeof id === "string" && /^\d+$/.test(id)) || (typeof id === "number" && Number.isInteger(id)) ? String(id) : null;
}

function appointmentRoutes({ store }: RouteDeps): Route[] {
  const search = (req: FakeRequest): FakeResponse => {
    const f = filters(req);
    if (!f.ok) return f.response;
    const params: WireAppointmentSearch = f.value;
    const problems = appointmentSearchProblems(params);
    if (problems.length) return unprocessable(...problems);
    const { from, to } = appointmentSearchWindow(params);
    const rows = store
      .allOccurrences()
      .filter((a) => {
        const s = startMs(a);
        return (
          s >= from.getTime() &&
          s < to.getTime() &&
          (!params.clientId || a.client.id === params.clientId) &&
          (!params.caregiverId || a.caregiver?.id === params.caregiverId)
        );
      })
      .sort((a, b) => startMs(a) - startMs(b) || byNumericId(a, b));
    return bundle(rows, req.query, DEFAULT_COUNT.default);
  };
  return [
    { method: "GET", pattern: /^\/v1\/appointment\/$/, handler: search },
    { method: "POST", pattern: /^\/v1\/appointment\/_search\/$/, handler: search },
    {
      method: "GET",
      pattern: /^\/v1\/appointment\/(\d+)\/$/,
      // Recurring shifts share the id: answer with the occurrence nearest to "now" (reference §8.3).
      handler: (req, [id]) => {
        const occ = store.occurrences(id!);
        if (!occ.length) return notFound();
        const now = req.now.getTime();
        return ok(occ.reduce((best, a) => (Math.abs(startMs(a) - now) < Math.abs(startMs(best) - now) ? a : best)));
      },
    },
    {
      method: "POST",
      pattern: /^\/v1\/appointment\/$/,
      handler: (req) => {
        const appt = appointmentFromBody(store, req.body, store.nextId("appointment"));
        if (!appt.ok) return appt.response;
        store.addOccurrence(appt.value);
        return ok({ resourceType: "Appointment", id: appt.value.id }, 201);
      },
    },
    {
      method: "PUT",
      pattern: /^\/v1\/appointment\/(\d+)\/$/,
      // Full replacement of ONE occurrence, chosen by the UTC date of `start` in the body (see README).
      handler: (req, [id]) => {
        const list = store.appointments.get(id!);
        if (!list?.length) return notFound();
        const next = appointmentFromBody(store, req.body, id!);
        if (!next.ok) return next.response;
        const appt = next.value;
        const index = list.findIndex((a) => store.occurrenceKey(a) === store.occurrenceKey(appt));
        if (index < 0) return notFound();
        list[index] = appt;
        return ok(appt);
      },
    },
  ];
}

function encounterRoutes({ store, webhooks }: RouteDeps): Route[] {
  const clockInAnswer = (e: WsEncounter) => ({
    clockedOut: e.status === "COMPLETE",
    id: Number(e.id), // the live answer carries a numeric id
    period: { start: e.period?.start ?? null, end: e.period?.end ?? null },
    resourceType: "Encounter",
    status: e.status,
    success: true,
  });
  return [
    {
      method: "POST",
      pattern: /^\/v1\/encounter\/_search\/$/,
      handler: (req) => {
        const f = filters(req);
        if (!f.ok) return f.response;
        const { clientId, caregiverId, startDate, endDate } = f.value as Partial<Record<string, string>>;
        const from = startDate ? parseCompactDate(startDate) : null;
        const to = endDate ? parseCompactDate(endDate) : null;
        if ((startDate && !from) || (endDate && !to)) return unprocessable("'startDate' and 'endDate' must be dates in YYYYMMDD format.");
        const rows = [...store.encounters.values()].filter((e) => {
          const s = parseWireDateTime(e.period?.start)?.getTime() ?? Number.NaN;
          const participant = !Array.isArray(e.participant) ? e.participant?.Individual?.[0]?.reference : undefined;
          return (
            (!clientId || e.subject?.reference === `Patient/${clientId}`) &&
            (!caregiverId || participant === `Practitioner/${caregiverId}`) &&
            (!from || s >= from.getTime()) &&
            (!to || s < to.getTime() + 86_400_000)
          );
        });
        const desc = req.query.get("_sort") === "-startDate";
        rows.sort((a, b) => (Date.parse(a.period?.start ?? "") - Date.parse(b.period?.start ?? "")) * (desc ? -1 : 1) || byNumericId(a, b));
        return bundle(rows, req.query, DEFAULT_COUNT.encounter);
      },
    },
    {
      method: "GET",
      pattern: /^\/v1\/encounter\/(\d+)\/$/,
      handler: (_req, [id]) => (store.encounters.has(id!) ? ok(store.encounters.get(id!)) : notFound()),
    },
    {
      method: "POST",
      pattern: /^\/v1\/encounter\/(\d+)\/clockin\/$/,
      // Takes the APPOINTMENT id; the visit is the occurrence nearest the clock-in time. Idempotent.
      handler: (req, [appointmentId]) => {
        const occ = store.occurrences(appointmentId!);
        if (!occ.length) return notFound();
        const body = (req.body ?? {}) as { period?: { start?: unknown }; position?: unknown };
        const at = (typeof body.period?.start === "string" ? parseWireDateTime(body.period.start) : null) ?? req.now;
        const appt = occ.reduce((best, a) => (Math.abs(startMs(a) - at.getTime()) < Math.abs(startMs(best) - at.getTime()) ? a : best));
        const key = store.occurrenceKey(appt);
        const existing = store.encounterForOccurrence(key);
        if (existing) return ok(clockInAnswer(existing));
        if (!appt.caregiver) return unprocessable("Appointment has no caregiver assigned.");
        const cg = store.practitioners.get(appt.caregiver.id);
        const client = store.patients.get(appt.client.id);
        const encounter: WsEncounter = {
          resourceType: "Encounter",
          id: store.nextId("encounter"),
          status: "IN_PROGRESS",
          subject: { reference: `Patient/${appt.client.id}`, display: displayName(client) },
          participant: { Individual: [{ reference: `Practitioner/${appt.caregiver.id}`, display: displayName(cg) }] },
          appointment: { reference: `Appointment/${appt.id}` },
          period: { start: formatWireDateTime(at), end: null },
          ...(body.position ? { position: body.position } : {}),
        };
        store.encounters.set(encounter.id, encounter);
        store.encounterByOccurrence.set(key, encounter.id);
        return ok(clockInAnswer(encounter));
      },
    },
    {
      method: "PUT",
      pattern: /^\/v1\/encounter\/(\d+)\/clockout\/$/,
      // Takes the CARE LOG id; an appointment id is a 404 (S1 relies on that). A second clock-out changes nothing.
      handler: (req, [carelogId]) => {
        const e = store.encounters.get(carelogId!);
        if (!e) return notFound();
        if (e.status === "COMPLETE") return ok({ success: true });
        const body = (req.body ?? {}) as Record<string, unknown> & { period?: { end?: unknown } };
        const end = (typeof body.period?.end === "string" ? parseWireDateTime(body.period.end) : null) ?? req.now;
        e.status = "COMPLETE";
        e.period = { ...e.period, end: formatWireDateTime(end) };
        for (const k of ["generalComment", "mileage", "mileageDescription"]) if (body[k] !== undefined) e[k] = body[k];
        const key = [...store.encounterByOccurrence].find(([, id]) => id === e.id)?.[0];
        const appt = key ? store.appointmentOccurrence(key) : undefined;
        if (appt) appt.status = "COMPLETED";
        void webhooks.emit("encounter.clockout.changed", { resourceType: "Encounter", id: e.id });
        return ok({ success: true });
      },
    },
    {
      method: "GET",
      pattern: /^\/v1\/encounter\/(\d+)\/tasklog\/$/,
      handler: (req, [id]) => (store.encounters.has(id!) ? bundle(store.taskLogs.get(id!) ?? [], req.query, DEFAULT_COUNT.default) : notFound()),
    },
    {
      method: "POST",
      pattern: /^\/v1\/encounter\/(\d+)\/tasklog\/$/,
      // Shift notes hang off an ENCOUNTER id; an appointment id is not found.
      handler: (req, [id]) => {
        if (!store.encounters.has(id!)) return notFound();
        const b = (req.body ?? {}) as Record<string, unknown>;
        if (typeof b.title !== "string" || b.title.trim() === "") return unprocessable("'title' is required.");
        const log = {
          id: store.nextId("taskLog"),
          title: b.title,
          description: typeof b.description === "string" ? b.description : "",
          status: typeof b.status === "string" ? b.status : "COMPLETE",
          comment: typeof b.comment === "string" ? b.comment : "",
          recorded: typeof b.recorded === "string" ? b.recorded : formatWireDateTime(req.now),
        };
        store.taskLogs.set(id!, [...(store.taskLogs.get(id!) ?? []), log]);
        return ok({ success: true, taskLogId: log.id });
      },
    },
  ];
}

function displayName(p: Person | undefined): string {
  const n = p?.name[0];
  return [n?.given?.[0], n?.family].filter(Boolean).join(" ");
}

function subscriptionRoutes({ store }: RouteDeps): Route[] {
  const list = (req: FakeRequest): FakeResponse => {
    const f = filters(req);
    if (!f.ok) return f.response;
    const { status, criteria } = f.value as Partial<Record<string, string>>;
    const rows = [...store.subscriptions.values()].filter((s) => (!status || s.status === status) && (!criteria || s.criteria === criteria)).sort(byNumericId);
    return bundle(rows, req.query, DEFAULT_COUNT.default);
  };
  return [
    { method: "GET", pattern: /^\/v1\/subscriptions\/$/, handler: list },
    { method: "POST", pattern: /^\/v1\/subscriptions\/_search\/$/, handler: list },
    {
      method: "POST",
      pattern: /^\/v1\/subscriptions\/$/,
      handler: (req) => {
        const b = (req.body ?? {}) as Record<string, unknown>;
        const channel = (b.channel ?? {}) as Record<string, unknown>;
        const problems: string[] = [];
        if (!hasAgencyTag(b)) problems.push("'agencyId' is required.");
        if (!(SUBSCRIPTION_CRITERIA as readonly string[]).includes(String(b.criteria))) problems.push("'criteria' is invalid.");
        if (typeof channel.endpoint !== "string" || !/^https?:\/\//.test(channel.endpoint)) problems.push("'channel.endpoint' is required.");
        if (problems.length) return unprocessable(...problems);
        const id = store.nextId("subscription");
        const header = Array.isArray(channel.header) ? channel.header.map(String) : typeof channel.header === "string" ? [channel.header] : [];
        store.subscriptions.set(id, {
          resourceType: "Subscription",
          id,
          status: typeof b.status === "string" ? b.status : "active",
          criteria: String(b.criteria),
          ...(typeof b.reason === "string" ? { reason: b.reason } : {}),
          channel: { type: "rest-hook", endpoint: channel.endpoint as string, payload: typeof channel.payload === "string" ? channel.payload : "application/fhir+json", header },
          meta: { tag: [{ code: "agencyId", display: store.agencyId }] },
        });
        return ok({ resourceType: "Subscription", id: Number(id) }, 201);
      },
    },
    { method: "GET", pattern: /^\/v1\/subscriptions\/(\d+)\/$/, handler: (_req, [id]) => (store.subscriptions.has(id!) ? ok(store.subscriptions.get(id!)) : notFound()) },
    {
      method: "DELETE",
      pattern: /^\/v1\/subscriptions\/(\d+)\/$/,
      handler: (_req, [id]) => (store.subscriptions.delete(id!) ? { status: 204 } : notFound()),
    },
  ];
}

function profileTagRoutes({ store }: RouteDeps): Route[] {
  return [
    // One source says the collection is POST-only; the other documents a GET list. The stand-in allows both.
    { method: "GET", pattern: /^\/v1\/profileTags\/$/, handler: (req) => bundle([...store.profileTags.values()].sort(byNumericId), req.query, DEFAULT_COUNT.profileTags) },
    {
      method: "POST",
      pattern: /^\/v1\/profileTags\/$/,
      handler: (req) => {
        const b = (req.body ?? {}) as Record<string, unknown>;
        if (typeof b.name !== "string" || !b.name.trim()) return unprocessable("'name' is required.");
        const type = b.type === undefined ? "custom" : String(b.type);
        if (!["skill", "certification", "language", "custom"].includes(type)) return unprocessable("'type' must be skill, certification, language or custom.");
        const id = store.nextId("profileTag");
        store.profileTags.set(id, { resourceType: "ProfileTag", id, name: b.name, type, ...(typeof b.description === "string" ? { description: b.description } : {}) });
        return ok({ id, name: b.name }, 201);
      },
    },
    { method: "GET", pattern: /^\/v1\/profileTags\/(\d+)\/$/, handler: (_req, [id]) => (store.profileTags.has(id!) ? ok(store.profileTags.get(id!)) : notFound()) },
  ];
}

function relatedPersonRoutes({ store }: RouteDeps): Route[] {
  return [
    {
      method: "GET",
      pattern: /^\/v1\/relatedperson\/(\d+)\/$/,
      // The id is the PATIENT's: this lists that patient's contacts.
      handler: (req, [patientId]) => (store.patients.has(patientId!) ? bundle(store.relatedPersons.get(patientId!) ?? [], req.query, DEFAULT_COUNT.default) : notFound()),
    },
  ];
}

/**
 * `received` is the documented create status ("Not Complete", reference §8.8). `complete` is inferred from the
 * `admintask.status.complete` webhook criteria; no other status is named anywhere.
 */
const ADMIN_TASK_STATUSES = ["received", "complete"];

/** Validates an AdminTask create body (reference §8.8); ids stay the integers they were sent as. */
function adminTaskFromBody(store: FakeStore, body: unknown): Result<z.input<typeof WsAdminTask>> {
  if (!body || typeof body !== "object" || Array.isArray(body)) return fail(unprocessable("Request body must be a JSON object."));
  const b = body as Record<string, unknown>;
  const problems: string[] = [];
  if (!hasAgencyTag(b)) problems.push("'agencyId' is required.");
  if (typeof b.status !== "string" || !ADMIN_TASK_STATUSES.includes(b.status)) problems.push("'status' must be received or complete.");
  if (typeof b.description !== "string" || !b.description.trim()) problems.push("'description' is required.");
  const date = typeof b.executionDate === "string" && /^\d{4}-\d{2}-\d{2}$/.test(b.executionDate) ? parseCompactDate(b.executionDate.replace(/-/g, "")) : null;
  if (!date) problems.push("'executionDate' must be a date in YYYY-MM-DD format.");
  // The general wire datetime rule (reference §3): an offset is allowed, none means UTC.
  if (typeof b.dueDate !== "string" || !parseWireDateTime(b.dueDate)) problems.push("'dueDate' must be a datetime in YYYY-MM-DDTHH:mm:ss format.");
  const requester = Array.isArray(b.requester) ? (b.requester as { resourceType?: unknown; id?: unknown }[]) : [];
  if (!requester.length) problems.push("'requester' is required.");
  for (const r of requester) {
    // The sample names a Patient; a Practitioner requester is inferred (tasks about a caregiver).
    const people = r?.resourceType === "Patient" ? store.patients : r?.resourceType === "Practitioner" ? store.practitioners : null;
    // Reference §8.8: integers here, although ids are strings elsewhere. "123" is refused so a client sending it finds out.
    if (!people) problems.push("'requester' resourceType must be Patient or Practitioner.");
    else if (typeof r.id !== "number" || !Number.isInteger(r.id)) problems.push("'requester' id must be an integer.");
    // An unknown person is a bad body, not a missing URL resource: 422, as for an unknown appointment client.
    else if (!people.has(String(r.id))) problems.push("'requester' is invalid.");
  }
  if (b.owner !== undefined && (!Array.isArray(b.owner) || !b.owner.every((o) => Number.isInteger(o)))) problems.push("'owner' must be a list of integer ids.");
  if (problems.length) return fail(unprocessable(...problems));
  return {
    ok: true,
    value: {
      resourceType: "AdminTask",
      id: store.nextId("adminTask"),
      status: b.status as string,
      description: b.description as string,
      executionDate: b.executionDate as string,
      dueDate: b.dueDate as string,
      requester: requester.map((r) => ({ resourceType: r.resourceType as string, id: r.id as number })),
      ...(b.owner !== undefined ? { owner: b.owner as number[] } : {}),
      meta: { tag: [{ code: "agencyId", display: store.agencyId }] },
    },
  };
}

function adminTaskRoutes({ store, webhooks }: RouteDeps): Route[] {
  return [
    {
      method: "POST",
      pattern: /^\/v1\/adminTasks\/$/,
      handler: (req) => {
        const task = adminTaskFromBody(store, req.body);
        if (!task.ok) return task.response;
        const id = String(task.value.id);
        store.adminTasks.set(id, task.value);
        void webhooks.emit("admintask.created", { resourceType: "AdminTask", id });
        // The success answer is undocumented; this is the `{resourceType, id}` every other create returns.
        return ok({ resourceType: "AdminTask", id }, 201);
      },
    },
    // No `_search` (reference §7): it stays unrouted, so it gets the API Gateway 403.
    { method: "GET", pattern: /^\/v1\/adminTasks\/(\d+)\/$/, handler: (_req, [id]) => (store.adminTasks.has(id!) ? ok(store.adminTasks.get(id!)) : notFound()) },
  ];
}

/** Every simulated route. */
export function buildRoutes(deps: RouteDeps): Route[] {
  const { store } = deps;
  return [
    ...personRoutes("patients", () => [...store.patients.values()], (id) => store.patients.get(id)),
    ...personRoutes("practitioners", () => [...store.practitioners.values()], (id) => store.practitioners.get(id)),
    ...appointmentRoutes(deps),
    ...encounterRoutes(deps),
    ...relatedPersonRoutes(deps),
    ...subscriptionRoutes(deps),
    ...profileTagRoutes(deps),
    ...adminTaskRoutes(deps),
  ];
}
