import { DateTime } from "luxon";
import type { CaregiverProfile, ClientPreferences, Coordinator, GeoPoint, Language, ShiftType, Skill } from "../../../domain/types.js";
import { geolocationExtension } from "../mappers.js";
import type { WsPatient, WsPractitioner, WsProfileTag, WsRelatedPerson } from "../schemas.js";
import type { Rng } from "./prng.js";
import {
  AREA_CODES,
  CAREGIVER_NAMES,
  CITIES,
  CLIENT_FIRST_NAMES,
  LANGUAGE_NAMES,
  OFFICE_PHONE_WIRE,
  PROFILE_TAGS,
  RELATIONSHIPS,
  SKILL_RATES,
  STREETS,
  UNIT_PREFIXES,
  type City,
} from "./seed-data.js";

/**
 * People of the seeded agency: caregivers (Practitioners + agency-side profiles), clients (Patients +
 * preferences), family contacts (RelatedPersons) and coordinators. Scheduling lives in seed-schedule.ts.
 */

/** Below this many eligible caregivers a client's requirements are relaxed, so every shift is fillable. */
export const MIN_ELIGIBLE_CAREGIVERS = 5;

/** A caregiver with the facts scheduling needs, beside the wire record. */
export interface SeedCaregiver {
  id: string;
  wire: WsPractitioner;
  first: string;
  last: string;
  gender: "female" | "male";
  languages: Set<Language>;
  skills: Set<Skill>;
  point: GeoPoint;
  active: boolean;
  hired: boolean;
  profile: CaregiverProfile;
}

export interface SeedClient {
  id: string;
  wire: WsPatient;
  first: string;
  last: string;
  language: Language;
  point: GeoPoint;
  prefs: ClientPreferences;
}

/** Hands out unique fictional 555-01xx numbers (10-digit wire form). */
export class PhoneBook {
  private readonly pool: string[];

  constructor(rng: Rng) {
    // 555-0101…0199 in every area code; 555-0100 in 303 is the office.
    const all = AREA_CODES.flatMap((ac) => Array.from({ length: 99 }, (_, i) => `${ac}55501${String(i + 1).padStart(2, "0")}`));
    this.pool = rng.shuffle(all.filter((p) => p !== OFFICE_PHONE_WIRE));
  }

  next(): string {
    const phone = this.pool.pop();
    if (!phone) throw new RangeError(`Seeded agency needs more than ${AREA_CODES.length * 99} fictional phone numbers; add an area code`);
    return phone;
  }
}

interface Place {
  city: City;
  point: GeoPoint;
  line: string;
  zip: string;
}

function randomPlace(rng: Rng): Place {
  const city = rng.weighted(CITIES.map((c) => [c, c.weight] as const));
  // ±0.03° lat / ±0.04° lng is roughly ±2 miles around the city centre.
  const point = { lat: round6(city.lat + rng.float(-0.03, 0.03)), lng: round6(city.lng + rng.float(-0.04, 0.04)) };
  const unit = rng.chance(0.15) ? `, ${rng.pick(UNIT_PREFIXES)} ${rng.int(1, 40)}${rng.pick(["", "A", "B"])}` : "";
  return { city, point, line: `${rng.int(100, 19999)} ${rng.pick(STREETS)}${unit}`, zip: rng.pick(city.zips) };
}

function wireAddress(place: Place) {
  return [
    {
      use: "home",
      line: [place.line],
      city: place.city.name,
      state: "CO",
      postalCode: place.zip,
      extension: [geolocationExtension(place.point)],
    },
  ];
}

function communication(langs: Language[]) {
  return langs.map((code, i) => ({ coding: [{ code, display: LANGUAGE_NAMES[code] }], preferred: i === 0 }));
}

/** Community a person's name comes from: the non-English language they speak, else English. */
function heritage(langs: Language[]): Language {
  return langs.find((l) => l !== "en") ?? "en";
}

function pickName(rng: Rng, lang: Language, gender: "female" | "male", used: Set<string>, firstNames?: { female: string[]; male: string[] }): { first: string; last: string } {
  const pool = CAREGIVER_NAMES[lang];
  for (let tries = 0; ; tries++) {
    const first = rng.pick((firstNames ?? pool)[gender]);
    const s = rng.pick(pool.surnames);
    const last = typeof s === "string" ? s : gender === "male" ? s[0] : s[1];
    const full = `${first} ${last}`;
    // After many collisions accept a middle initial rather than loop forever on a small pool.
    const name = used.has(full) && tries > 20 ? { first: `${first} ${String.fromCharCode(65 + (tries % 26))}.`, last } : { first, last };
    const key = `${name.first} ${name.last}`;
    if (!used.has(key)) {
      used.add(key);
      return name;
    }
  }
}

function birthDate(rng: Rng, today: DateTime, minAge: number, maxAge: number): string {
  return today.minus({ years: rng.int(minAge, maxAge), days: rng.int(0, 364) }).toISODate()!;
}

/** Language mix of hired caregivers: mostly English, ~25 % Spanish speakers, a few of each other language. */
function caregiverLanguagePlan(rng: Rng, n: number): Language[][] {
  const plan: Language[][] = [];
  const es = Math.round(n * 0.25);
  for (let i = 0; i < es; i++) plan.push(i < Math.round(es * 0.6) ? ["es", "en"] : i < Math.round(es * 0.85) ? ["en", "es"] : ["es"]);
  for (const lang of ["tl", "vi", "ht", "ru", "zh"] as const) {
    const k = Math.max(2, Math.round(n * 0.045));
    for (let i = 0; i < k; i++) plan.push(i % 2 === 0 ? [lang, "en"] : ["en", lang]);
  }
  while (plan.length < n) plan.push(["en"]);
  return rng.shuffle(plan.slice(0, n));
}

type CaregiverKind = "hired" | "applicant" | "inactive";
const SKILLS = Object.keys(SKILL_RATES) as Skill[];
const TAG_BY_SKILL = new Map(PROFILE_TAGS.filter((t) => t.skill).map((t) => [t.skill!, t.id]));
const SHIFT_TYPE_WEIGHTS: readonly (readonly [ShiftType, number])[] = [
  ["morning", 40],
  ["afternoon", 30],
  ["evening", 15],
  ["overnight", 10],
  ["live_in", 5],
];

/** The agency's ProfileTags as wire resources. */
export function buildProfileTags(): WsProfileTag[] {
  return PROFILE_TAGS.map((t) => ({ resourceType: "ProfileTag", id: t.id, name: t.name, description: t.description, type: t.type }));
}

/**
 * Hired caregivers (`hiredCount`), plus four applicants and three deactivated caregivers so the roster
 * looks like a real export. Skills are topped up to a floor per skill so client requirements can be met.
 */
export function buildCaregivers(rng: Rng, phones: PhoneBook, today: DateTime, agencyId: string, hiredCount: number): SeedCaregiver[] {
  const used = new Set<string>();
  const plan = caregiverLanguagePlan(rng, hiredCount);
  const kinds: CaregiverKind[] = [...Array<CaregiverKind>(hiredCount).fill("hired"), "applicant", "applicant", "applicant", "applicant", "inactive", "inactive", "inactive"];
  const drafts = kinds.map((kind, i) => {
    const langs: Language[] = kind === "hired" ? plan[i]! : rng.chance(0.8) ? ["en"] : ["es", "en"];
    const gender: "female" | "male" = rng.chance(0.88) ? "female" : "male";
    return {
      kind,
      id: String(3306100 + i * 23 + rng.int(0, 22)),
      langs,
      gender,
      name: pickName(rng, heritage(langs), gender, used),
      skills: new Set<Skill>(kind === "applicant" ? [] : SKILLS.filter((s) => rng.chance(SKILL_RATES[s]))),
      place: randomPlace(rng),
    };
  });

  // Floors per skill: a seed with an unlucky draw must still be able to staff hoyer-lift or hospice clients.
  const staff = drafts.filter((d) => d.kind === "hired");
  for (const skill of SKILLS) {
    const missing = Math.ceil(staff.length * SKILL_RATES[skill] * 0.7) - staff.filter((d) => d.skills.has(skill)).length;
    for (const d of rng.sample(staff.filter((d) => !d.skills.has(skill)), Math.max(0, missing))) d.skills.add(skill);
  }

  return drafts.map((d) => {
    const hired = d.kind !== "applicant";
    const extraTags = [...(rng.chance(0.5) ? ["54"] : []), ...(d.langs.includes("es") ? ["55"] : []), ...(rng.chance(0.4) ? ["56"] : [])];
    const tagIds = [...[...d.skills].map((s) => TAG_BY_SKILL.get(s)!), ...extraTags].sort((a, b) => Number(a) - Number(b));
    const kindTags = hired
      ? [
          { code: "isHired", display: rng.chance(0.2) ? "True" : "true" },
          { code: "status", display: "100" },
        ]
      : [
          { code: "isHired", display: "false" },
          { code: "status", display: rng.pick(["10", "20", "60"]) },
        ];
    const wire: WsPractitioner = {
      resourceType: "Practitioner",
      id: d.id,
      active: d.kind !== "inactive",
      name: [{ use: "official", family: d.name.last, given: [d.name.first] }],
      telecom: [
        { system: "phone", value: phones.next(), use: "mobile" },
        { system: "email", value: `${slug(d.name.first)}.${slug(d.name.last)}@example.com` },
      ],
      address: wireAddress(d.place),
      gender: d.gender,
      birthDate: birthDate(rng, today, 21, 64),
      communication: communication(d.langs),
      meta: {
        tag: [...kindTags, { code: "agencyId", display: agencyId }, { code: "locationId", display: "1" }, { code: "profileTags", display: tagIds.join(",") }],
      },
    };
    return {
      id: d.id,
      wire,
      first: d.name.first,
      last: d.name.last,
      gender: d.gender,
      languages: new Set(d.langs),
      skills: d.skills,
      point: d.place.point,
      active: d.kind !== "inactive",
      hired,
      profile: buildProfile(rng, today, d.id, d.kind),
    };
  });
}

function buildProfile(rng: Rng, today: DateTime, caregiverId: string, kind: CaregiverKind): CaregiverProfile {
  const types = new Set<ShiftType>();
  const n = rng.int(1, 3);
  while (types.size < n) types.add(rng.weighted(SHIFT_TYPE_WEIGHTS));
  return {
    caregiverId,
    avgRating: kind === "applicant" ? null : Math.round(rng.float(3.5, 5.0001) * 10) / 10,
    hireDate: kind === "applicant" ? null : today.minus({ days: rng.int(45, 12 * 365) }).toISODate()!,
    preferredShiftTypes: [...types],
    maxDistanceMiles: rng.pick([10, 15, 20, 25, 30]),
    weeklyHoursTarget: kind === "applicant" ? null : rng.pick([16, 20, 24, 30, 32, 36, 40, 40]),
  };
}

/** Language mix of clients: mostly English, ~18 % Spanish, a few Vietnamese, Chinese, Russian, Tagalog, Creole. */
function clientLanguagePlan(rng: Rng, n: number): Language[] {
  const plan: Language[] = [];
  for (let i = 0; i < Math.round(n * 0.18); i++) plan.push("es");
  plan.push("vi", "vi", "zh", "zh", "ru", "ru", "tl", "ht");
  while (plan.length < n) plan.push("en");
  return rng.shuffle(plan.slice(0, n));
}

const REQUIRED_SKILL_WEIGHTS: readonly (readonly [Skill, number])[] = [
  ["dementia", 3],
  ["transfer_assist", 3],
  ["hoyer_lift", 2],
  ["CNA", 2],
  ["diabetes", 2],
  ["HHA", 1],
  ["hospice", 1],
  ["pet_friendly", 2],
  ["non_smoker", 2],
];

/** Whether `cg` may be sent to a client with `prefs` (the rule the seed schedules by). */
export function isEligible(cg: SeedCaregiver, prefs: Pick<ClientPreferences, "requiredSkills" | "requiredLanguage" | "genderPreference" | "doNotSendCaregiverIds">): boolean {
  return (
    cg.active &&
    cg.hired &&
    prefs.requiredSkills.every((s) => cg.skills.has(s)) &&
    (prefs.requiredLanguage === null || cg.languages.has(prefs.requiredLanguage)) &&
    (prefs.genderPreference === null || cg.gender === prefs.genderPreference) &&
    !prefs.doNotSendCaregiverIds.includes(cg.id)
  );
}

/**
 * Clients (`count`, status 80 "Care Started") and six prospects, with preferences that are always
 * satisfiable by at least MIN_ELIGIBLE_CAREGIVERS caregivers.
 */
export function buildClients(
  rng: Rng,
  phones: PhoneBook,
  today: DateTime,
  agencyId: string,
  count: number,
  caregivers: SeedCaregiver[],
  coordinatorIds: string[],
): { clients: SeedClient[]; prospects: WsPatient[] } {
  const used = new Set<string>();
  const plan = clientLanguagePlan(rng, count);
  const clients = plan.map((language, i): SeedClient => {
    const person = buildPatient(rng, phones, today, agencyId, i, language, false, used);
    return { ...person, prefs: buildPreferences(rng, person.id, language, person.point, caregivers, coordinatorIds[i % coordinatorIds.length]!) };
  });
  const prospects = Array.from({ length: 6 }, (_, k) => buildPatient(rng, phones, today, agencyId, count + k, rng.chance(0.75) ? "en" : "es", true, used).wire);
  return { clients, prospects };
}

const MARITAL = [
  { code: "W", display: "Widowed" },
  { code: "M", display: "Married" },
  { code: "D", display: "Divorced" },
  { code: "S", display: "Single" },
];

function buildPatient(
  rng: Rng,
  phones: PhoneBook,
  today: DateTime,
  agencyId: string,
  index: number,
  language: Language,
  prospect: boolean,
  used: Set<string>,
): Omit<SeedClient, "prefs"> {
  const gender = rng.chance(0.68) ? "female" : "male";
  const name = pickName(rng, language, gender, used, CLIENT_FIRST_NAMES[language]);
  const place = randomPlace(rng);
  const id = String(2870100 + index * 31 + rng.int(0, 30));
  const telecom = [{ system: "phone", value: phones.next(), use: "home" }];
  if (rng.chance(0.3)) telecom.push({ system: "phone", value: phones.next(), use: "mobile" });
  const wire: WsPatient = {
    resourceType: "Patient",
    id,
    active: true,
    name: [{ use: "official", family: name.last, given: [name.first] }],
    telecom,
    address: wireAddress(place),
    gender,
    birthDate: birthDate(rng, today, prospect ? 62 : 68, 98),
    maritalStatus: [{ coding: [rng.pick(MARITAL)] }],
    communication: communication([language]),
    meta: {
      tag: [
        // The live API spells this "True" (capital T); prospects get both spellings and the literal "None" status seen live.
        { code: "isClient", display: prospect ? rng.pick(["False", "false"]) : "True" },
        { code: "agencyId", display: agencyId },
        { code: "status", display: prospect ? rng.pick(["10", "20", "None"]) : "80" },
        { code: "locationId", display: "1" },
      ],
    },
  };
  return { id, wire, first: name.first, last: name.last, language, point: place.point };
}

function buildPreferences(rng: Rng, clientId: string, language: Language, point: GeoPoint, caregivers: SeedCaregiver[], coordinatorId: string): ClientPreferences {
  const requiredSkills: Skill[] = [];
  const nSkills = rng.weighted([
    [0, 35],
    [1, 40],
    [2, 25],
  ] as const);
  while (requiredSkills.length < nSkills) {
    const s = rng.weighted(REQUIRED_SKILL_WEIGHTS);
    if (!requiredSkills.includes(s)) requiredSkills.push(s);
  }
  const prefs: ClientPreferences = {
    clientId,
    coordinatorId,
    requiredSkills,
    requiredLanguage: language === "en" ? null : language === "es" ? (rng.chance(0.7) ? "es" : null) : language,
    preferredCaregiverIds: [],
    doNotSendCaregiverIds: [],
    genderPreference: rng.weighted([
      [null, 85],
      ["female", 12],
      ["male", 3],
    ] as const),
  };
  // Relax the least essential requirement first until enough caregivers qualify.
  const count = () => caregivers.filter((c) => isEligible(c, prefs)).length;
  while (count() < MIN_ELIGIBLE_CAREGIVERS) {
    if (prefs.genderPreference !== null) prefs.genderPreference = null;
    else if (prefs.requiredSkills.length) prefs.requiredSkills.pop();
    else if (prefs.requiredLanguage !== null) prefs.requiredLanguage = null;
    else break;
  }
  const eligible = caregivers.filter((c) => isEligible(c, prefs)).sort((a, b) => milesBetween(a.point, point) - milesBetween(b.point, point));
  if (rng.chance(0.8)) prefs.preferredCaregiverIds = rng.sample(eligible.slice(0, 6), rng.int(1, 3)).map((c) => c.id);
  if (rng.chance(0.1)) {
    const notPreferred = eligible.filter((c) => !prefs.preferredCaregiverIds.includes(c.id)).slice(0, 8);
    // Keep enough caregivers eligible after the exclusions.
    const k = Math.min(rng.int(1, 2), Math.max(0, eligible.length - MIN_ELIGIBLE_CAREGIVERS));
    prefs.doNotSendCaregiverIds = rng.sample(notPreferred, k).map((c) => c.id);
  }
  return prefs;
}

/** One or two family contacts per client; the first is primary and emergency contact. */
export function buildContacts(rng: Rng, phones: PhoneBook, clients: SeedClient[]): WsRelatedPerson[] {
  const out: WsRelatedPerson[] = [];
  let seq = 0;
  for (const client of clients) {
    const n = rng.chance(0.3) ? 2 : 1;
    const used = new Set<string>([`${client.first} ${client.last}`]);
    for (let k = 0; k < n; k++) {
      const rel = rng.weighted(RELATIONSHIPS);
      // Spouses share the client's language; grown children often text in English.
      const language: Language = client.language === "en" ? "en" : rel.code === "SPS" || rng.chance(0.55) ? client.language : "en";
      const gender = rel.code === "DAU" || rel.code === "SIS" ? "female" : rel.code === "SON" || rel.code === "BRO" ? "male" : rng.chance(0.6) ? "female" : "male";
      const name = pickName(rng, heritage([language, client.language]), gender, used, rel.code === "SPS" ? CLIENT_FIRST_NAMES[client.language] : undefined);
      const family = rel.code === "SPS" || rel.code === "SON" || rel.code === "BRO" || rng.chance(0.4) ? client.last : name.last;
      const place = randomPlace(rng);
      out.push({
        resourceType: "RelatedPerson",
        id: String(1234500 + seq++ * 7 + rng.int(0, 6)),
        patient: { reference: `Patient/${client.id}` },
        name: [{ use: "official", given: [name.first], family }],
        relationship: { coding: [{ code: rel.code, display: rel.display }] },
        telecom: [
          { system: "phone", value: phones.next(), use: "mobile" },
          { system: "email", value: `${slug(name.first)}.${slug(family)}@example.org` },
        ],
        address: [{ use: "home", city: place.city.name, state: "CO" }],
        communication: communication([language]),
        emergencyContact: k === 0,
        primaryContact: k === 0,
        payer: k === 0 && rng.chance(0.3),
        poa: k === 0 && rng.chance(0.4),
      });
    }
  }
  return out;
}

/** Four care coordinators under a care-services director, each backed up by a peer. */
export function buildCoordinators(phones: PhoneBook): Coordinator[] {
  const rows: [string, string | null, string | null][] = [
    ["Dana Whitfield", "coord-02", null],
    ["Luis Ortega", "coord-03", "coord-01"],
    ["Kim Nguyen", "coord-02", "coord-01"],
    ["Shannon Brooks", "coord-05", "coord-01"],
    ["Priya Raman", "coord-04", "coord-01"],
  ];
  return rows.map(([name, backupId, supervisorId], i) => {
    const n = String(i + 1).padStart(2, "0");
    return { id: `coord-${n}`, name, phone: `+1${phones.next()}`, slackUserId: `U0COORD${n}`, backupId, supervisorId };
  });
}

/** Great-circle distance in miles. */
export function milesBetween(a: GeoPoint, b: GeoPoint): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 3958.8 * 2 * Math.asin(Math.sqrt(h));
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z]+/g, "");
}
