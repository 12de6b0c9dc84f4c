import { describe, expect, it } from "vitest";
import { WellSkyMappingError } from "./errors.js";
import { geolocationExtension, indexProfileTags, languagesOf, skillFromTagName, toCaregiver, toClient, toClientContact, toShift } from "./mappers.js";
import { WsAppointment, WsPatient, WsPractitioner, WsProfileTag, WsRelatedPerson } from "./schemas.js";

const tags = indexProfileTags(
  [
    { id: 45, name: "CNA" },
    { id: "47", name: "Hoyer Lift" },
    { id: "48", name: "Alzheimer's & Dementia" },
    { id: "54", name: "CPR/First Aid" },
    { id: "55", name: "Spanish", type: "language" },
  ].map((t) => WsProfileTag.parse(t)),
);

/** Shaped like a live practitioner read (reference §8.2), plus our geolocation extension. */
const practitioner = WsPractitioner.parse({
  resourceType: "Practitioner",
  id: 3306118,
  active: true,
  name: [{ use: "official", family: "Lopez", given: ["Maria", "Elena"] }],
  telecom: [
    { system: "email", value: "maria@example.com" },
    { system: "phone", value: "3035550111", use: "home" },
    { system: "phone", value: "7205550123", use: "mobile" },
  ],
  address: [{ use: "home", line: ["1 Main St"], city: "Aurora", state: "CO", postalCode: 80012, extension: [geolocationExtension({ lat: 39.7294, lng: -104.8319 })] }],
  gender: "female",
  communication: [{ coding: [{ code: "en-us", display: "English" }] }, { coding: [{ code: "es", display: "Spanish" }], preferred: true }, { coding: [{ code: "fr" }] }],
  ssn: "123-45-6789",
  meta: { tag: [{ code: "isHired", display: "True" }, { code: "status", display: "100" }, { code: "profileTags", display: "45,47,48,54,55,999" }] },
});

describe("toCaregiver", () => {
  it("maps a practitioner with skills resolved through ProfileTag names", () => {
    expect(toCaregiver(practitioner, tags)).toEqual({
      id: "3306118",
      firstName: "Maria",
      lastName: "Lopez",
      phone: "+17205550123", // mobile wins over home
      language: "es", // `preferred` wins over order
      otherLanguages: ["en"], // "en-us" → en; "fr" is not a language Coverline speaks
      city: "Aurora",
      location: { lat: 39.7294, lng: -104.8319 },
      skills: ["CNA", "hoyer_lift", "dementia"], // CPR and the language tag are not skills; 999 is unknown
      active: true,
      hired: true,
      gender: "female",
    });
  });

  it("treats applicants and deactivated caregivers as such", () => {
    const applicant = WsPractitioner.parse({ ...practitioner, active: false, meta: { tag: [{ code: "isHired", display: "None" }] } });
    const c = toCaregiver(applicant, tags);
    expect(c.hired).toBe(false);
    expect(c.active).toBe(false);
    expect(c.skills).toEqual([]);
  });

  it("defaults to English, no location and unknown gender when the record is sparse", () => {
    const sparse = WsPractitioner.parse({ id: "1", telecom: [{ system: "phone", value: "3035550199" }] });
    expect(toCaregiver(sparse, tags)).toMatchObject({ language: "en", otherLanguages: [], location: null, city: "", gender: "unknown", phone: "+13035550199" });
  });

  it("refuses a caregiver with no textable phone", () => {
    const noPhone = WsPractitioner.parse({ id: "2", telecom: [{ system: "phone", value: "555-0101" }] });
    expect(() => toCaregiver(noPhone, tags)).toThrow(WellSkyMappingError);
  });
});

describe("skillFromTagName", () => {
  it("matches agency spellings and ignores tags that are not skills", () => {
    expect(skillFromTagName("Non-Smoker")).toBe("non_smoker");
    expect(skillFromTagName("  hoyer   LIFT ")).toBe("hoyer_lift");
    expect(skillFromTagName("Diabetic Care")).toBe("diabetes");
    expect(skillFromTagName("Pet Friendly")).toBe("pet_friendly");
    expect(skillFromTagName("Driver's License")).toBeNull();
  });
});

describe("languagesOf", () => {
  it("reads FHIR-style communication.language as well", () => {
    expect(languagesOf([{ language: { coding: [{ code: "vi" }] } }])).toEqual({ primary: "vi", others: [] });
    expect(languagesOf([])).toEqual({ primary: "en", others: [] });
  });
});

describe("toClient", () => {
  /** The create body from reference §8.1 as a read would return it. */
  const patient = WsPatient.parse({
    resourceType: "Patient",
    id: "2870130",
    active: true,
    name: [{ use: "official", family: "Johnson", given: ["Margaret", "Ann"] }],
    telecom: [
      { system: "phone", value: "3035559876", use: "home" },
      { system: "phone", value: "3035554321", use: "mobile" },
      { system: "email", value: "m@example.com" },
    ],
    address: [{ use: "home", line: ["456 Oak Ave", "Unit 2"], city: "Colorado Springs", state: "CO", postalCode: "80903" }],
    gender: "female",
    birthDate: "1945-03-15",
    communication: [{ coding: [{ code: "en-us", display: "English" }] }],
    meta: { tag: [{ code: "isClient", display: "True" }, { code: "agencyId", display: "1669" }, { code: "status", display: "80" }] },
  });

  it("maps a client", () => {
    expect(toClient(patient)).toEqual({
      id: "2870130",
      firstName: "Margaret",
      lastName: "Johnson",
      phone: "+13035554321", // mobile before home: landlines cannot take texts
      address: { line: "456 Oak Ave, Unit 2", city: "Colorado Springs", state: "CO", postalCode: "80903" },
      location: null,
      active: true,
    });
  });

  it("marks prospects and deactivated records inactive, but not a record whose flag is 'None'", () => {
    const tagged = (display: string) => WsPatient.parse({ ...patient, meta: { tag: [{ code: "isClient", display }] } });
    expect(toClient(tagged("False")).active).toBe(false);
    expect(toClient(tagged("None")).active).toBe(true);
    expect(toClient(WsPatient.parse({ ...patient, active: false })).active).toBe(false);
  });
});

describe("toClientContact", () => {
  /** Reference §8.9 sample. */
  const person = WsRelatedPerson.parse({
    resourceType: "RelatedPerson",
    id: "12345",
    patient: { reference: "Patient/2870130" },
    name: [{ given: ["John"], family: "Smith" }],
    relationship: { coding: [{ code: "SON", display: "Son" }] },
    telecom: [{ system: "phone", value: "7205550188", use: "mobile" }],
    address: [{ city: "Denver", state: "CO" }],
    emergencyContact: true,
    primaryContact: true,
    payer: false,
    poa: false,
  });

  it("maps a family contact", () => {
    expect(toClientContact(person)).toEqual({ id: "12345", clientId: "2870130", firstName: "John", lastName: "Smith", relationship: "Son", phone: "+17205550188", language: "en", primary: true });
  });

  it("reads the language and tolerates a relationship array", () => {
    const p = WsRelatedPerson.parse({ ...person, relationship: [{ coding: [{ code: "DAU" }] }], communication: [{ coding: [{ code: "es" }] }], primaryContact: "false" });
    expect(toClientContact(p)).toMatchObject({ relationship: "DAU", language: "es", primary: false });
  });

  it("needs the patient reference", () => {
    expect(() => toClientContact(WsRelatedPerson.parse({ id: "1" }))).toThrow(WellSkyMappingError);
  });
});

describe("toShift", () => {
  const TZ = "America/Denver";
  /** Reference §8.3 sample: overnight into the next UTC day. */
  const appt = WsAppointment.parse({
    resourceType: "Appointment",
    id: "109131818",
    caregiver: { id: "3306118" },
    client: { id: "2870130" },
    start: "2020-06-03T14:00:00+00:00",
    end: "2020-06-04T04:00:00+00:00",
    status: "SCHEDULED",
    position: { latitude: 43.0124964, longitude: -82.4606573 },
  });

  it("keys the occurrence by id and the date of its start in the agency's zone", () => {
    expect(toShift(appt, TZ)).toEqual({
      key: "109131818_20200603",
      appointmentId: "109131818",
      clientId: "2870130",
      caregiverId: "3306118",
      start: new Date("2020-06-03T14:00:00Z"),
      end: new Date("2020-06-04T04:00:00Z"),
      status: "SCHEDULED",
      location: { lat: 43.0124964, lng: -82.4606573 },
    });
  });

  it("maps open shifts and non-standard statuses", () => {
    const open = WsAppointment.parse({ ...appt, caregiver: null, status: "IN_PROGRESS", position: undefined });
    expect(toShift(open, TZ)).toMatchObject({ caregiverId: null, status: "SCHEDULED", location: null });
    expect(toShift(WsAppointment.parse({ ...appt, status: "Complete" }), TZ).status).toBe("COMPLETED");
    expect(toShift(WsAppointment.parse({ ...appt, status: "CANCELED" }), TZ).status).toBe("CANCELLED");
  });

  it("reads start times without an offset as UTC", () => {
    // 23:30Z is 16:30 in Denver, the same day; 03:30Z the next morning is still the evening before there.
    expect(toShift(WsAppointment.parse({ ...appt, start: "2026-01-31T23:30:00", end: "2026-02-01T03:30:00" }), TZ).key).toBe("109131818_20260131");
    expect(toShift(WsAppointment.parse({ ...appt, start: "2026-02-01T03:30:00", end: "2026-02-01T07:30:00" }), TZ).key).toBe("109131818_20260131");
  });

  it("gives a daily shift one key per local day across the spring DST change (UTC dates would collide)", () => {
    const sat = toShift(WsAppointment.parse({ ...appt, start: "2027-03-14T00:30:00+00:00", end: "2027-03-14T04:30:00+00:00" }), TZ);
    const sun = toShift(WsAppointment.parse({ ...appt, start: "2027-03-14T23:30:00+00:00", end: "2027-03-15T03:30:00+00:00" }), TZ);
    expect([sat.key, sun.key]).toEqual(["109131818_20270313", "109131818_20270314"]);
    // And one per local day at the autumn change, when a local day has 25 hours.
    const satOct = toShift(WsAppointment.parse({ ...appt, start: "2026-10-31T23:30:00+00:00", end: "2026-11-01T03:30:00+00:00" }), TZ);
    const sunNov = toShift(WsAppointment.parse({ ...appt, start: "2026-11-02T00:30:00+00:00", end: "2026-11-02T04:30:00+00:00" }), TZ);
    expect([satOct.key, sunNov.key]).toEqual(["109131818_20261031", "109131818_20261101"]);
  });

  it("refuses unreadable times", () => {
    expect(() => toShift(WsAppointment.parse({ ...appt, start: "tomorrow" }), TZ)).toThrow(WellSkyMappingError);
  });
});
