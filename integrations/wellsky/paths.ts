import { WellSkyValidationError } from "./errors.js";

/**
 * Every WellSky Connect path the client uses, spelled exactly as the live API wants it (reference §3, §7):
 * plural `patients`/`practitioners`, singular lower-case `appointment`/`encounter`/`relatedperson`,
 * camelCase `profileTags`/`adminTasks`, and a trailing slash everywhere. A wrong spelling is not a 404 but an API
 * Gateway 403 that looks like an auth failure, so nothing here may be "normalized".
 */

/** Token endpoint, at the host root rather than under /v1. */
export const TOKEN_PATH = "/oauth/accesstoken";

/** Guards path segments: WellSky ids are integers, and anything else would build a different route. */
function seg(id: string | number, what: string): string {
  const s = String(id);
  if (!/^\d+$/.test(s)) throw new WellSkyValidationError([`'${what}' must be a numeric WellSky id, got "${s}".`]);
  return s;
}

export const paths = {
  patients: () => "/v1/patients/",
  patientsSearch: () => "/v1/patients/_search/",
  patient: (id: string | number) => `/v1/patients/${seg(id, "patientId")}/`,

  practitioners: () => "/v1/practitioners/",
  practitionersSearch: () => "/v1/practitioners/_search/",
  practitioner: (id: string | number) => `/v1/practitioners/${seg(id, "practitionerId")}/`,

  appointments: () => "/v1/appointment/",
  appointmentsSearch: () => "/v1/appointment/_search/",
  appointment: (id: string | number) => `/v1/appointment/${seg(id, "appointmentId")}/`,

  encounters: () => "/v1/encounter/",
  encountersSearch: () => "/v1/encounter/_search/",
  encounter: (id: string | number) => `/v1/encounter/${seg(id, "encounterId")}/`,
  /** EVV clock-in takes the *appointment* id. */
  clockIn: (appointmentId: string | number) => `/v1/encounter/${seg(appointmentId, "appointmentId")}/clockin/`,
  /** EVV clock-out takes the *care log* (encounter) id returned by clock-in. */
  clockOut: (carelogId: string | number) => `/v1/encounter/${seg(carelogId, "carelogId")}/clockout/`,
  /** Shift notes hang off an encounter id, not an appointment id. */
  taskLogs: (encounterId: string | number) => `/v1/encounter/${seg(encounterId, "encounterId")}/tasklog/`,

  /** GET lists a patient's contacts: the id is the *patient's*. */
  relatedPersons: (patientId: string | number) => `/v1/relatedperson/${seg(patientId, "patientId")}/`,

  subscriptions: () => "/v1/subscriptions/",
  subscriptionsSearch: () => "/v1/subscriptions/_search/",
  subscription: (id: string | number) => `/v1/subscriptions/${seg(id, "subscriptionId")}/`,

  profileTags: () => "/v1/profileTags/",
  profileTag: (id: string | number) => `/v1/profileTags/${seg(id, "profileTagId")}/`,

  /** Create (POST) and read one (GET); there is no `_search` for admin tasks. */
  adminTasks: () => "/v1/adminTasks/",
  adminTask: (id: string | number) => `/v1/adminTasks/${seg(id, "adminTaskId")}/`,

  /** The one documented route without a trailing slash (reference §3); kept verbatim on purpose. */
  locationsSearch: () => "/v1/locations/_search",
} as const;

export type QueryValue = string | number | boolean | undefined | null;

/**
 * Joins the base URL, a path from `paths`, and a query string. Keys keep a literal `:` so modifiers read
 * as documented (`last_name:contains=Sh`); values are percent-encoded.
 */
export function buildUrl(baseUrl: string, path: string, query?: Record<string, QueryValue>): string {
  const qs = Object.entries(query ?? {})
    .filter((e): e is [string, string | number | boolean] => e[1] !== undefined && e[1] !== null)
    .map(([k, v]) => `${encodeURIComponent(k).replace(/%3A/gi, ":")}=${encodeURIComponent(String(v))}`)
    .join("&");
  return `${normalizeBaseUrl(baseUrl)}${path}${qs ? `?${qs}` : ""}`;
}

/**
 * The base is the host root (`https://connect.clearcareonline.com`). A trailing slash or a pasted `/v1`
 * suffix is removed so the token URL does not end up under /v1 (where it does not exist).
 */
export function normalizeBaseUrl(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, "").replace(/\/v1$/, "");
}
