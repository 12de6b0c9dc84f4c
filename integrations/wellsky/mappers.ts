import type { Caregiver, Client, ClientContact, GeoPoint, Language, Shift, Skill } from "../../domain/types.js";
import { LANGUAGES } from "../../domain/types.js";
import { shiftKey } from "../../lib/ids.js";
import { WellSkyMappingError } from "./errors.js";
import { isClient, isHired, profileTagIds } from "./meta-tags.js";
import type { Address, Communication, ContactPoint, HumanName, WsAppointment, WsPatient, WsPractitioner, WsProfileTag, WsRelatedPerson } from "./schemas.js";
import { parseWireDateTime, toE164 } from "./wire-format.js";

/** FHIR's geolocation extension URL; WellSky addresses carry coordinates this way. */
export const GEOLOCATION_URL = "http://hl7.org/fhir/StructureDefinition/geolocation";

/**
 * ProfileTag names, normalized (lower-case, non-alphanumerics collapsed to one space), that mean a domain
 * Skill. Agencies name tags freely, so each skill lists the spellings we expect; unknown tags are ignored.
 */
const SKILL_SYNONYMS: Record<Skill, string[]> = {
  CNA: ["cna", "certified nursing assistant"],
  HHA: ["hha", "home health aide"],
  hoyer_lift: ["hoyer lift", "hoyer", "mechanical lift"],
  dementia: ["dementia", "dementia care", "alzheimer s dementia", "alzheimers dementia", "memory care"],
  hospice: ["hospice", "hospice care", "end of life care"],
  diabetes: ["diabetes", "diabetic care", "diabetes care"],
  transfer_assist: ["transfer assist", "transfers", "transfer assistance"],
  pet_friendly: ["pet friendly", "ok with pets", "pets ok"],
  non_smoker: ["non smoker", "nonsmoker", "non smoking"],
};

const SKILL_BY_NAME = new Map<string, Skill>(
  (Object.entries(SKILL_SYNONYMS) as [Skill, string[]][]).flatMap(([skill, names]) => names.map((n) => [n, skill] as const)),
);

/** The Skill a ProfileTag name stands for, or null when it is not one Coverline matches on. */
export function skillFromTagName(name: string): Skill | null {
  const key = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
  return SKILL_BY_NAME.get(key) ?? null;
}

/**
 * Maps a Practitioner to a Caregiver. Skills come from the `profileTags` meta tag (comma-joined ProfileTag
 * ids) resolved through `tagsById`. Throws WellSkyMappingError when there is no textable phone: a caregiver
 * the agent cannot reach is not one it can offer shifts to.
 */
export function toCaregiver(practitioner: WsPractitioner, tagsById: ReadonlyMap<string, WsProfileTag>): Caregiver {
  const phone = pickPhone(practitioner.telecom, ["mobile", "home", "work", undefined]);
  if (!phone) throw new WellSkyMappingError("Practitioner", practitioner.id, "no valid 10-digit phone number");
  const name = pickName(practitioner.name);
  const skills = new Set<Skill>();
  for (const id of profileTagIds(practitioner)) {
    const tag = tagsById.get(id);
    const skill = tag ? skillFromTagName(tag.name) : null;
    if (skill) skills.add(skill);
  }
  const { primary, others } = languagesOf(practitioner.communication);
  return {
    id: practitioner.id,
    firstName: name.first,
    lastName: name.last,
    phone,
    language: primary,
    otherLanguages: others,
    city: practitioner.address[0]?.city ?? "",
    location: geoPointOf(practitioner.address[0]),
    skills: [...skills],
    active: practitioner.active ?? true,
    hired: isHired(practitioner) === true,
    gender: genderOf(practitioner.gender),
  };
}

/**
 * Maps a Patient to a Client. Active means an active record that is a client (not a prospect). The phone
 * prefers mobile over home: Coverline texts, and a landline cannot receive SMS.
 */
export function toClient(patient: WsPatient): Client {
  const name = pickName(patient.name);
  const addr = patient.address.find((a) => a.use === "home") ?? patient.address[0];
  return {
    id: patient.id,
    firstName: name.first,
    lastName: name.last,
    phone: pickPhone(patient.telecom, ["mobile", "home", "work", undefined]),
    address: {
      line: (addr?.line ?? []).join(", "),
      city: addr?.city ?? "",
      state: addr?.state ?? "",
      postalCode: addr?.postalCode ?? "",
    },
    location: geoPointOf(addr),
    // A missing/"None" isClient tag is not evidence of a prospect; only an explicit false is.
    active: (patient.active ?? true) && isClient(patient) !== false,
  };
}

/** Maps a RelatedPerson to a ClientContact. Language defaults to English when the record has none. */
export function toClientContact(person: WsRelatedPerson): ClientContact {
  const clientId = /(\d+)\s*$/.exec(person.patient?.reference ?? "")?.[1];
  if (!clientId) throw new WellSkyMappingError("RelatedPerson", person.id, "no Patient reference");
  const name = pickName(person.name);
  const rel = Array.isArray(person.relationship) ? person.relationship[0] : person.relationship;
  const coding = rel?.coding?.[0];
  const relText = rel && "text" in rel && typeof rel.text === "string" ? rel.text : undefined;
  return {
    id: person.id,
    clientId,
    firstName: name.first,
    lastName: name.last,
    relationship: coding?.display ?? relText ?? coding?.code ?? "Contact",
    phone: pickPhone(person.telecom, ["mobile", "home", "work", undefined]),
    language: languagesOf(person.communication).primary,
    primary: person.primaryContact === true,
  };
}

/**
 * Maps one Appointment occurrence to a Shift keyed by `shiftKey(id, start, timezone)` (the agency's zone). Statuses outside the
 * documented three (CONFIRMED, IN_PROGRESS, OPEN, …) count as SCHEDULED: a shift we do not understand
 * still needs someone to show up.
 */
export function toShift(appointment: WsAppointment, timezone: string): Shift {
  const start = parseWireDateTime(appointment.start);
  const end = parseWireDateTime(appointment.end);
  if (!start || !end) throw new WellSkyMappingError("Appointment", appointment.id, `unreadable start/end "${appointment.start}"/"${appointment.end}"`);
  const status = appointment.status.toUpperCase();
  return {
    key: shiftKey(appointment.id, start, timezone),
    appointmentId: appointment.id,
    clientId: appointment.client.id,
    caregiverId: appointment.caregiver?.id ?? null,
    start,
    end,
    status: status === "COMPLETED" || status === "COMPLETE" ? "COMPLETED" : status === "CANCELLED" || status === "CANCELED" ? "CANCELLED" : "SCHEDULED",
    location: appointment.position ? { lat: appointment.position.latitude, lng: appointment.position.longitude } : null,
  };
}

/** Indexes ProfileTags by id, the shape `toCaregiver` wants. */
export function indexProfileTags(tags: Iterable<WsProfileTag>): Map<string, WsProfileTag> {
  return new Map([...tags].map((t) => [t.id, t]));
}

/** Coordinates from the FHIR geolocation extension on an address, or null when absent/out of range. */
export function geoPointOf(address: Address | undefined): GeoPoint | null {
  const geo = address?.extension?.find((e) => e.url === GEOLOCATION_URL);
  const lat = geo?.extension?.find((e) => e.url === "latitude")?.valueDecimal;
  const lng = geo?.extension?.find((e) => e.url === "longitude")?.valueDecimal;
  if (lat === undefined || lng === undefined || Math.abs(lat) > 90 || Math.abs(lng) > 180) return null;
  return { lat, lng };
}

/** Builds the geolocation extension (for the stand-in server and tests). */
export function geolocationExtension(point: GeoPoint): { url: string; extension: { url: string; valueDecimal: number }[] } {
  return {
    url: GEOLOCATION_URL,
    extension: [
      { url: "latitude", valueDecimal: point.lat },
      { url: "longitude", valueDecimal: point.lng },
    ],
  };
}

const KNOWN_LANGUAGES = new Set<string>(LANGUAGES);

/** ISO 639-1 code of a coding such as "es", "en-us", "zh-Hans"; null when not one Coverline speaks. */
export function languageFromCode(code: string | undefined): Language | null {
  const primary = code?.trim().toLowerCase().split(/[-_]/)[0];
  return primary && KNOWN_LANGUAGES.has(primary) ? (primary as Language) : null;
}

/** Primary language = the entry marked `preferred`, else the first; English when none is recognized. */
export function languagesOf(communication: readonly Communication[]): { primary: Language; others: Language[] } {
  const ordered = [...communication].sort((a, b) => Number(b.preferred === true) - Number(a.preferred === true));
  const langs: Language[] = [];
  for (const c of ordered) {
    for (const coding of [...(c.coding ?? []), ...(c.language?.coding ?? [])]) {
      const lang = languageFromCode(coding.code);
      if (lang && !langs.includes(lang)) langs.push(lang);
    }
  }
  const [primary = "en", ...others] = langs;
  return { primary, others };
}

function pickName(names: readonly HumanName[]): { first: string; last: string } {
  const n = names.find((x) => x.use === "official") ?? names[0];
  if (!n) return { first: "", last: "" };
  if (n.given?.length || n.family) return { first: n.given?.[0] ?? "", last: n.family ?? "" };
  // Some records only carry `text`; split it on the last space.
  const text = (n.text ?? "").trim();
  const cut = text.lastIndexOf(" ");
  return cut > 0 ? { first: text.slice(0, cut), last: text.slice(cut + 1) } : { first: text, last: "" };
}

/** First valid phone in `uses` order (undefined = no `use`), E.164. */
function pickPhone(telecom: readonly ContactPoint[], uses: (string | undefined)[]): string | null {
  const phones = telecom.filter((t) => (t.system ?? "phone") === "phone");
  for (const use of uses) {
    for (const t of phones.filter((p) => p.use === use)) {
      const e164 = toE164(t.value);
      if (e164) return e164;
    }
  }
  return null;
}

function genderOf(g: string | undefined): Caregiver["gender"] {
  const v = g?.toLowerCase();
  return v === "female" || v === "male" || v === "other" ? v : "unknown";
}
