/**
 * Sample variables for every template (test-only: used by the render tests and for reviewing copy; production
 * code never imports this file). Times are in America/Denver; "now" is Wednesday 3 June 2026, 10:00.
 */
import { DateTime } from "luxon";
import type { SmsContext, SmsTemplateId, SmsVarsInput } from "./vars.js";

const TZ = "America/Denver";
const at = (iso: string) => DateTime.fromISO(iso, { zone: TZ }).toJSDate();

export const SAMPLE_CTX: SmsContext = { agencyName: "Colorado Care Assist", officePhone: "+13035550100", timezone: TZ, now: at("2026-06-03T10:00") };

const today = { start: at("2026-06-03T14:00"), end: at("2026-06-03T18:00") };
const tomorrow = { start: at("2026-06-04T09:00"), end: at("2026-06-04T13:00") };
const friday = { start: at("2026-06-05T14:00"), end: at("2026-06-05T18:30") };

export const SAMPLES: { [K in SmsTemplateId]: SmsVarsInput[K] } = {
  offer: { firstName: "Maria", ...today, city: "Aurora", driveMinutes: 15, workedWith: "Margaret" },
  offer_bundle: {
    firstName: "Maria",
    options: [
      { ...today, clientFirstName: "Margaret", city: "Aurora" },
      { ...tomorrow, clientFirstName: "Robert", city: "Denver" },
      { ...friday, clientFirstName: "Linda", city: "Aurora" },
    ],
  },
  offer_confirmed: { clientFirstName: "Margaret", ...today, address: "123 Main St, Aurora" },
  offer_confirmed_bundle: {
    shifts: [
      { ...today, clientFirstName: "Margaret", address: "123 Main St, Aurora" },
      { ...friday, clientFirstName: "Linda", address: "45 Elm Ave, Aurora" },
    ],
  },
  offer_filled: { ...today, city: "Aurora" },
  offer_already_filled: { firstName: "Maria", ...today, city: "Aurora" },
  offer_declined_ack: { firstName: "Maria" },
  offer_question_answer: { topic: "all", ...today, city: "Aurora", distanceMiles: 6.4 },
  offer_question_forwarded: {},
  offer_counter_ack: { firstName: "Maria", proposal: { start: at("2026-06-03T14:30"), end: at("2026-06-03T17:30") } },
  call_off_ack: { firstName: "Maria", ...tomorrow, clientFirstName: "Margaret" },
  call_off_after_hours: { opensAt: at("2026-06-04T08:00") },
  urgent_ack: { firstName: "Maria" },
  running_late_ack: { firstName: "Maria", clientFirstName: "Margaret", eta: at("2026-06-03T14:20") },
  client_running_late: { contactFirstName: "Susan", caregiverFirstName: "Maria", clientFirstName: "Margaret", eta: at("2026-06-03T14:20") },
  client_caregiver_change: { contactFirstName: "Susan", clientFirstName: "Margaret", caregiverFirstName: "Ana", ...today },
  schedule_answer: { shifts: [{ ...tomorrow, clientFirstName: "Margaret", address: "123 Main St, Aurora" }] },
  schedule_none: { day: tomorrow.start },
  call_off_no_shift: { day: tomorrow.start },
  running_late_no_shift: {},
  clarify: { question: "offer_yes_no", shift: { ...today, city: "Aurora" } },
  handoff: { firstName: "Maria", afterHours: false },
  help: {},
  stop_confirm: {},
  start_confirm: {},
  availability_ack: { answer: "more" },
  clock_issue_ack: { firstName: "Maria", kind: "clock_in", clientFirstName: "Margaret" },
  incident_ack: { firstName: "Maria" },
  confirm_ack: { firstName: "Maria", shifts: [tomorrow] },
  unknown_sender: {},
  confirm_request: { firstName: "Maria", start: tomorrow.start },
  recurring_confirm: {
    firstName: "Maria",
    shifts: [
      { start: at("2026-06-08T09:00"), end: at("2026-06-08T13:00"), clientFirstName: "Margaret" },
      { start: at("2026-06-10T09:00"), end: at("2026-06-10T13:00"), clientFirstName: "Margaret" },
      { start: at("2026-06-12T14:00"), end: at("2026-06-12T18:00"), clientFirstName: "Robert" },
    ],
  },
  clock_in_reminder: { firstName: "Maria", clientFirstName: "Margaret", start: at("2026-06-03T09:00") },
  clock_in_nudge: { firstName: "Maria", clientFirstName: "Margaret" },
  clock_out_nudge: { firstName: "Maria", end: at("2026-06-03T13:00") },
  availability_checkin: { firstName: "Maria", scheduledHours: 24, openHours: 12 },
  availability_followup: { clientFirstName: "Margaret", start: at("2026-06-04T14:00"), end: at("2026-06-04T18:00"), city: "Aurora" },
};
