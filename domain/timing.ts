import { z } from "zod";
import { isBusinessHours, nextBusinessOpen, type BusinessHoursInput } from "./business-hours.js";

/**
 * How soon a called-off shift starts decides who is woken up:
 * - immediate_page: under `immediatePageWithinHours` (2 h; config FILL_URGENT_WITHIN_HOURS) — start outreach
 *   and page a human at once, day or night, because a 15-minute escalation is too late;
 * - urgent_window: under `urgentWithinHours` (4 h) — the seed's after-hours "URGENT" window: fill now;
 * - normal: later than that.
 */
export const CallOffUrgency = z.enum(["immediate_page", "urgent_window", "normal"]);
export type CallOffUrgency = z.infer<typeof CallOffUrgency>;

export const CallOffTimingConfig = z.object({
  immediatePageWithinHours: z.number().positive().default(2),
  urgentWithinHours: z.number().positive().default(4),
  /**
   * After hours, a call-off can wait for the morning only if the office still has this long to fill the
   * shift after opening; otherwise we start outreach now.
   */
  morningFillLeadHours: z.number().min(0).default(4),
});
export type CallOffTimingConfig = z.infer<typeof CallOffTimingConfig>;
export type CallOffTimingInput = z.input<typeof CallOffTimingConfig>;

const HOUR_MS = 3_600_000;

/** Urgency of a call-off from the time left until the shift starts (already started counts as immediate). */
export function callOffUrgency(shiftStart: Date, now: Date, config: CallOffTimingInput = {}): CallOffUrgency {
  const cfg = CallOffTimingConfig.parse(config);
  const hoursLeft = (shiftStart.getTime() - now.getTime()) / HOUR_MS;
  if (hoursLeft < cfg.immediatePageWithinHours) return "immediate_page";
  if (hoursLeft < cfg.urgentWithinHours) return "urgent_window";
  return "normal";
}

/** What to do about a call-off right now. */
export interface CallOffPlan {
  urgency: CallOffUrgency;
  businessHours: boolean;
  /** Start the shift-fill campaign now. */
  startFillNow: boolean;
  /** Page a coordinator now (not just the usual 15-minute escalation). */
  pageCoordinator: boolean;
  /** Leave it for the coordinator's morning queue (the caregiver may still reply URGENT). */
  queueForMorning: boolean;
  /** SMS template to answer the caregiver with. */
  reply: "call_off_ack" | "call_off_after_hours";
  /** When the office next opens (null during business hours). */
  nextOpen: Date | null;
}

/**
 * Combines the seed's off-hours rule with the call-off time windows:
 * - during business hours: fill now; page too when the shift is < 2 h away;
 * - after hours, shift < 4 h away: fill now (we know it is urgent — the caregiver need not say URGENT);
 *   page when < 2 h;
 * - after hours, shift starts before the office has `morningFillLeadHours` to work on it (Friday-night
 *   call-off for Saturday morning): fill now, without a page;
 * - otherwise: the seed's auto-reply ("office is closed … reply URGENT") and the morning queue.
 */
export function callOffPlan(shiftStart: Date, now: Date, hours: BusinessHoursInput, config: CallOffTimingInput = {}): CallOffPlan {
  const cfg = CallOffTimingConfig.parse(config);
  const urgency = callOffUrgency(shiftStart, now, cfg);
  const open = isBusinessHours(now, hours);
  const pageCoordinator = urgency === "immediate_page";
  if (open) return { urgency, businessHours: true, startFillNow: true, pageCoordinator, queueForMorning: false, reply: "call_off_ack", nextOpen: null };
  const nextOpen = nextBusinessOpen(now, hours);
  const officeCanFill = shiftStart.getTime() - nextOpen.getTime() >= cfg.morningFillLeadHours * HOUR_MS;
  const fillNow = urgency !== "normal" || !officeCanFill;
  return {
    urgency,
    businessHours: false,
    startFillNow: fillNow,
    pageCoordinator,
    queueForMorning: !fillNow,
    reply: fillNow ? "call_off_ack" : "call_off_after_hours",
    nextOpen,
  };
}
