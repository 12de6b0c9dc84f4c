import { z } from "zod";

/**
 * Variables for every SMS template. Privacy is enforced by shape: a client appears only as a first name,
 * a place only as a city — except `address`, which exists only where the caregiver is already assigned
 * (`offer_confirmed`, `offer_confirmed_bundle`, `schedule_answer`). No schema has a last name or a phone field, and unknown keys are
 * stripped on parse, so a caller that passes a whole Client row still cannot leak one.
 */

/**
 * Free text from WellSky is clipped, not rejected: an unusually long name must not stop a shift offer from
 * going out. The caps keep every single-shift message under 480 characters (tested).
 */
const clipped = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .transform((s) => (s.length > max ? s.slice(0, max).trimEnd() : s));
const firstName = clipped(30).describe("A person's first name only");
const city = clipped(40).describe("City of the visit, never the street address");
const address = clipped(100).describe("Street address + city; only after assignment");

const times = z
  .object({ start: z.date(), end: z.date() })
  .refine((t) => t.end.getTime() > t.start.getTime(), "end must be after start");

const distance = {
  driveMinutes: z.number().int().min(1).max(240).optional().describe("Estimated drive time; preferred over miles"),
  distanceMiles: z.number().min(0).max(500).optional().describe("Straight-line miles when no drive time is known"),
};

const shiftInCity = z.object({ start: z.date(), end: z.date(), city }).refine((t) => t.end > t.start, "end must be after start");

export const SMS_VARS = {
  /** Seed "INITIAL OUTREACH". `workedWith` = the client's first name, only when they have worked together. */
  offer: z
    .object({ firstName, start: z.date(), end: z.date(), city, workedWith: firstName.optional(), ...distance })
    .refine((t) => t.end > t.start, "end must be after start"),
  /** Seed "Bundled Shift Offer": 2–3 options, numbered in order. */
  offer_bundle: z.object({
    firstName,
    options: z.array(z.object({ start: z.date(), end: z.date(), clientFirstName: firstName, city }).refine((t) => t.end > t.start)).min(2).max(3),
  }),
  /** Seed "ACCEPTANCE CONFIRMATION" / "To WINNER": the only offer message with an address. */
  offer_confirmed: z.object({ clientFirstName: firstName, start: z.date(), end: z.date(), address }).refine((t) => t.end > t.start),
  /** The same, once, for the 2–3 shifts of a bundle won with one reply ("1 and 3", "ALL"). */
  offer_confirmed_bundle: z.object({
    shifts: z.array(z.object({ clientFirstName: firstName, start: z.date(), end: z.date(), address }).refine((t) => t.end > t.start)).min(2).max(3),
  }),
  /** Seed "SHIFT FILLED (to others)" — to people who answered but did not get it. */
  offer_filled: shiftInCity,
  /** A YES that arrived after the shift was taken. */
  offer_already_filled: z.object({ firstName, start: z.date(), end: z.date(), city }).refine((t) => t.end > t.start),
  offer_declined_ack: z.object({ firstName }),
  /** Appended to the facts answer: a question the facts may not answer also goes to the coordinator. */
  offer_question_forwarded: z.object({}),
  /** Answers "what time?" / "where?" / "how long?" from shift facts only. */
  offer_question_answer: z
    .object({ topic: z.enum(["time", "place", "hours", "all"]), start: z.date(), end: z.date(), city, ...distance })
    .refine((t) => t.end > t.start),
  /** "I could do 8:30–11:30": passed to the coordinator. */
  offer_counter_ack: z.object({ firstName, proposal: times.optional() }),
  call_off_ack: z.object({ firstName, start: z.date(), end: z.date(), clientFirstName: firstName.optional() }).refine((t) => t.end > t.start),
  /** Seed "Off-Hours" auto-reply. `opensAt` = next business open (from domain/business-hours). */
  call_off_after_hours: z.object({ opensAt: z.date().optional(), urgentWithinHours: z.number().int().min(1).max(24).default(4) }),
  urgent_ack: z.object({ firstName: firstName.optional() }),
  /** Without `eta` this asks for one. */
  running_late_ack: z.object({ firstName, clientFirstName: firstName.optional(), eta: z.date().optional(), familyTold: z.boolean().default(true).describe("Whether the client's family is being told (ETA over the threshold)") }),
  /** To the client's contact. */
  client_running_late: z.object({ contactFirstName: firstName, caregiverFirstName: firstName, clientFirstName: firstName.optional(), eta: z.date() }),
  /** To the client's contact: who is coming instead. */
  client_caregiver_change: z.object({ contactFirstName: firstName, clientFirstName: firstName, caregiverFirstName: firstName, start: z.date(), end: z.date() }).refine((t) => t.end > t.start),
  /** Seed "Do I work tomorrow?" — the caregiver's own shifts, with addresses. */
  schedule_answer: z.object({
    shifts: z.array(z.object({ start: z.date(), end: z.date(), clientFirstName: firstName, address }).refine((t) => t.end > t.start)).min(1).max(5),
  }),
  /** Not scheduled on `day` (or at all, without one). */
  schedule_none: z.object({ day: z.date().optional() }),
  /** A call-off when WellSky shows no shift to cancel (on that day, or at all soon). */
  call_off_no_shift: z.object({ day: z.date().optional() }),
  /** "Running late" when no shift of theirs starts soon: they may be at a visit WellSky doesn't show. */
  running_late_no_shift: z.object({}),
  clarify: z.object({ question: z.enum(["offer_yes_no", "which_shift", "which_day", "eta", "general"]), shift: shiftInCity.optional() }),
  handoff: z.object({ firstName: firstName.optional(), afterHours: z.boolean().default(false) }),
  help: z.object({}),
  stop_confirm: z.object({}),
  start_confirm: z.object({}),
  /** Seed availability check-in replies: YES → more, NO → same, LESS → less; `noted` = specifics received. */
  availability_ack: z.object({ answer: z.enum(["more", "same", "less", "noted"]) }),
  clock_issue_ack: z.object({ firstName, kind: z.enum(["clock_in", "clock_out", "other"]).default("other"), clientFirstName: firstName.optional() }),
  incident_ack: z.object({ firstName: firstName.optional() }),
  confirm_ack: z.object({ firstName, shifts: z.array(times).min(1).max(7) }),
  unknown_sender: z.object({}),

  // Outbound prompts from the seed's monitoring flows (the replies above answer them).
  /** Seed "Proactive Intervention": "confirming your shift tomorrow at [Time]". */
  confirm_request: z.object({ firstName, start: z.date() }),
  /** Seed "Recurring Shift Confirmation Flow". */
  recurring_confirm: z.object({
    firstName,
    shifts: z.array(z.object({ start: z.date(), end: z.date(), clientFirstName: firstName }).refine((t) => t.end > t.start)).min(1).max(7),
  }),
  /** Seed clock-in reminder, 15 minutes before start. */
  clock_in_reminder: z.object({ firstName, clientFirstName: firstName, start: z.date() }),
  /** Seed: 5 minutes after start with no clock-in. */
  clock_in_nudge: z.object({ firstName, clientFirstName: firstName }),
  /** Seed: 5 minutes after end with no clock-out. */
  clock_out_nudge: z.object({ firstName, end: z.date() }),
  /** Seed "Weekly Availability Check-In". */
  availability_checkin: z.object({ firstName, scheduledHours: z.number().min(0).max(168), openHours: z.number().min(0).max(1000) }),
  /** Seed "After shift completion" availability question. */
  availability_followup: z.object({ clientFirstName: firstName, start: z.date(), end: z.date(), city }).refine((t) => t.end > t.start),
} as const;

export type SmsTemplateId = keyof typeof SMS_VARS;
export const SMS_TEMPLATE_IDS = Object.keys(SMS_VARS) as SmsTemplateId[];
/** Parsed variables (defaults applied) as the catalogs receive them. */
export type SmsVars = { [K in SmsTemplateId]: z.output<(typeof SMS_VARS)[K]> };
/** Variables as callers pass them. */
export type SmsVarsInput = { [K in SmsTemplateId]: z.input<(typeof SMS_VARS)[K]> };

/** Templates that may exceed one 480-character message because they list several shifts. */
export const MULTI_SHIFT_TEMPLATES: readonly SmsTemplateId[] = ["offer_bundle", "offer_confirmed_bundle", "schedule_answer", "recurring_confirm"];

/** Agency facts and the clock, shared by every template; built once from config + Clock by the caller. */
export const SmsContext = z.object({
  agencyName: clipped(40),
  /** E.164; US numbers render as (303) 555-0100. */
  officePhone: z.string().min(7).max(20),
  timezone: z.string(),
  /** "Now", for Today/Tomorrow wording; passed in so rendering stays deterministic. */
  now: z.date(),
});
export type SmsContext = z.infer<typeof SmsContext>;
