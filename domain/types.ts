import { z } from "zod";

/**
 * Core domain types shared by every layer. These are Coverline's own view of the agency, independent of
 * WellSky's wire format (integrations/wellsky maps between the two).
 */

/** Languages Coverline speaks, as ISO 639-1 codes. `ht` = Haitian Creole, `tl` = Tagalog. */
export const Language = z.enum(["en", "es", "tl", "vi", "ht", "ru", "zh"]);
export type Language = z.infer<typeof Language>;
export const LANGUAGES = Language.options;

/** Skills and certifications a client can require and a caregiver can hold. */
export const Skill = z.enum(["CNA", "HHA", "hoyer_lift", "dementia", "hospice", "diabetes", "transfer_assist", "pet_friendly", "non_smoker"]);
export type Skill = z.infer<typeof Skill>;

/** Shift types a caregiver may prefer; derived from a shift's local start time and length (domain/shifts.ts). */
export const ShiftType = z.enum(["morning", "afternoon", "evening", "overnight", "live_in"]);
export type ShiftType = z.infer<typeof ShiftType>;

export const GeoPoint = z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) });
export type GeoPoint = z.infer<typeof GeoPoint>;

/** A caregiver as the matcher and the agent need them. `phone` is E.164. */
export const Caregiver = z.object({
  id: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  phone: z.string(),
  language: Language,
  /** Other languages spoken, for clients who need them. */
  otherLanguages: z.array(Language).default([]),
  city: z.string(),
  location: GeoPoint.nullable(),
  skills: z.array(Skill),
  active: z.boolean(),
  hired: z.boolean(),
  gender: z.enum(["female", "male", "other", "unknown"]).default("unknown"),
});
export type Caregiver = z.infer<typeof Caregiver>;

/** Agency-side facts about a caregiver that WellSky's Connect API does not carry (kept in Postgres). */
export const CaregiverProfile = z.object({
  caregiverId: z.string(),
  avgRating: z.number().min(0).max(5).nullable(),
  hireDate: z.string().nullable(),
  preferredShiftTypes: z.array(ShiftType),
  maxDistanceMiles: z.number().positive().nullable(),
  weeklyHoursTarget: z.number().nonnegative().nullable(),
});
export type CaregiverProfile = z.infer<typeof CaregiverProfile>;

export const Client = z.object({
  id: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  phone: z.string().nullable(),
  address: z.object({ line: z.string(), city: z.string(), state: z.string(), postalCode: z.string() }),
  location: GeoPoint.nullable(),
  active: z.boolean(),
});
export type Client = z.infer<typeof Client>;

/** Agency-side care preferences for a client (kept in Postgres; not in the Connect API). */
export const ClientPreferences = z.object({
  clientId: z.string(),
  coordinatorId: z.string(),
  requiredSkills: z.array(Skill),
  requiredLanguage: Language.nullable(),
  preferredCaregiverIds: z.array(z.string()),
  doNotSendCaregiverIds: z.array(z.string()),
  genderPreference: z.enum(["female", "male"]).nullable(),
});
export type ClientPreferences = z.infer<typeof ClientPreferences>;

/** A family member or other contact of a client (WellSky RelatedPerson). */
export const ClientContact = z.object({
  id: z.string(),
  clientId: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  relationship: z.string(),
  phone: z.string().nullable(),
  language: Language,
  primary: z.boolean(),
});
export type ClientContact = z.infer<typeof ClientContact>;

export const Coordinator = z.object({
  id: z.string(),
  name: z.string(),
  phone: z.string(),
  slackUserId: z.string(),
  backupId: z.string().nullable(),
  supervisorId: z.string().nullable(),
});
export type Coordinator = z.infer<typeof Coordinator>;

/**
 * One occurrence of a shift. WellSky recurring appointments share an id across dates, so an occurrence is
 * identified by `key` = `${appointmentId}_${YYYYMMDD of start in the agency's timezone}` (lib/ids.ts).
 */
export const Shift = z.object({
  key: z.string(),
  appointmentId: z.string(),
  clientId: z.string(),
  caregiverId: z.string().nullable(),
  start: z.date(),
  end: z.date(),
  status: z.enum(["SCHEDULED", "COMPLETED", "CANCELLED"]),
  location: GeoPoint.nullable(),
});
export type Shift = z.infer<typeof Shift>;
