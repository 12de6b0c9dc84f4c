import { DateTime } from "luxon";
import { isDayAfterPayday, isNearHoliday, usFederalHolidays, type PaySchedule } from "./calendar.js";

/** Factors of the seed's `calculate_shift_risk_score`, in its order, plus the 100 cap. */
export type RiskFactor =
  | "calloff_rate"
  | "recent_calloff"
  | "tenure"
  | "early_morning"
  | "weekend"
  | "long_shift"
  | "new_to_client"
  | "difficult_client"
  | "weather"
  | "holiday"
  | "day_after_payday"
  | "unconfirmed"
  | "low_engagement"
  | "cap";

export interface RiskLine {
  factor: RiskFactor;
  points: number;
  detail: string;
}

/** Everything the seed's function reads, resolved by the caller (weather comes from a forecast provider). */
export interface ShiftRiskInput {
  shift: { start: Date; end: Date; confirmed: boolean };
  caregiver: {
    /** Call-offs in the last 90 days. */
    calloffs90d: number;
    /** Shifts scheduled in the last 90 days (the rate's denominator). */
    scheduledShifts90d: number;
    /** Most recent call-off; null if none on record. */
    lastCalloffAt: Date | null;
    /** YYYY-MM-DD; null if unknown. */
    hireDate: string | null;
    /** 0–100 app/engagement score; null if the agency has none. */
    engagementScore: number | null;
  };
  /** Caregiver has worked for this client before. */
  priorAssignment: boolean;
  /** Client difficulty 0–5; null if not rated. */
  clientDifficultyScore: number | null;
  /** The forecast says snow / extreme cold for the shift's date and place. */
  weatherRisk: boolean;
  /** Local dates of holidays; default: US federal holidays around the shift. */
  holidays?: readonly string[];
  /** "Near" a holiday = within this many days either side (default 1). */
  nearHolidayDays?: number;
  /** Pay calendar; without one the payday factor never fires. */
  paySchedule?: PaySchedule | null;
  timezone: string;
  now: Date;
}

/** Levels for the At-Risk dashboard (🔴 82, 🟠 68, 🟡 55 in the seed's widget). */
export type RiskLevel = "low" | "elevated" | "high" | "critical";

export interface ShiftRisk {
  score: number;
  level: RiskLevel;
  breakdown: RiskLine[];
  /** Hours from `now` to the shift start (negative once started). */
  hoursUntil: number;
}

const DAY_MS = 86_400_000;

/**
 * The seed's `calculate_shift_risk_score` (0–100, higher = more likely to call off or no-show), factor
 * for factor. Where the Python sketch is undefined we chose:
 * - call-off rate with no scheduled shifts in 90 days: no points (the sketch would divide by zero);
 * - never called off / unknown hire date: no points for those factors;
 * - hour and weekday are the shift's *local* start (Python `weekday() >= 5` = Saturday or Sunday);
 * - engagement: a real score of 0 counts as low engagement (Python's `if score and score < 50` would skip 0,
 *   which reads as an accident of truthiness, not intent); null means "no data";
 * - "near a holiday" = within `nearHolidayDays` (1) of one; "day after payday" needs a pay calendar.
 */
export function calculateShiftRisk(input: ShiftRiskInput): ShiftRisk {
  const { shift, caregiver: cg, now } = input;
  const lines: RiskLine[] = [];
  const add = (factor: RiskFactor, points: number, detail: string): void => {
    if (points !== 0) lines.push({ factor, points, detail });
  };
  const local = DateTime.fromJSDate(shift.start, { zone: input.timezone });
  const localDate = local.toISODate()!;

  // CAREGIVER HISTORY
  if (cg.scheduledShifts90d > 0) {
    const rate = cg.calloffs90d / cg.scheduledShifts90d;
    const pts = rate > 0.15 ? 25 : rate > 0.1 ? 15 : rate > 0.05 ? 5 : 0;
    add("calloff_rate", pts, `${cg.calloffs90d}/${cg.scheduledShifts90d} shifts called off in 90 days (${Math.round(rate * 100)}%)`);
  }
  if (cg.lastCalloffAt) {
    const days = (now.getTime() - cg.lastCalloffAt.getTime()) / DAY_MS;
    add("recent_calloff", days < 7 ? 15 : days < 14 ? 8 : 0, `last call-off ${Math.floor(days)} days ago`);
  }
  if (cg.hireDate) {
    const tenure = DateTime.fromJSDate(now, { zone: input.timezone }).startOf("day").diff(DateTime.fromISO(cg.hireDate, { zone: input.timezone }), "days").days;
    add("tenure", tenure < 30 ? 15 : tenure < 90 ? 8 : 0, `hired ${Math.floor(tenure)} days ago`);
  }

  // SHIFT CHARACTERISTICS
  add("early_morning", local.hour < 7 ? 10 : 0, `starts ${local.toFormat("HH:mm")}`);
  add("weekend", local.weekday >= 6 ? 8 : 0, `${local.toFormat("cccc")} shift`);
  const hours = (shift.end.getTime() - shift.start.getTime()) / 3_600_000;
  add("long_shift", hours >= 8 ? 5 : 0, `${hours} h shift`);

  // CLIENT RELATIONSHIP
  add("new_to_client", input.priorAssignment ? 0 : 10, "first shift with this client");
  const difficulty = input.clientDifficultyScore;
  add("difficult_client", difficulty !== null && difficulty > 3 ? 10 : 0, `client difficulty ${difficulty}`);

  // EXTERNAL
  add("weather", input.weatherRisk ? 15 : 0, "snow or extreme cold forecast");
  const holidays = input.holidays ?? [local.year - 1, local.year, local.year + 1].flatMap(usFederalHolidays);
  add("holiday", isNearHoliday(localDate, holidays, input.nearHolidayDays ?? 1) ? 10 : 0, "near a holiday");
  add("day_after_payday", input.paySchedule && isDayAfterPayday(localDate, input.paySchedule) ? 5 : 0, "day after payday");

  // ENGAGEMENT
  const hoursUntil = (shift.start.getTime() - now.getTime()) / 3_600_000;
  add("unconfirmed", !shift.confirmed && hoursUntil < 24 ? 20 : 0, `not confirmed, starts in ${Math.max(0, Math.round(hoursUntil))} h`);
  const eng = cg.engagementScore;
  add("low_engagement", eng !== null && eng < 50 ? 10 : 0, `engagement ${eng}`);

  const raw = lines.reduce((s, l) => s + l.points, 0);
  const score = Math.min(raw, 100);
  if (score !== raw) lines.push({ factor: "cap", points: score - raw, detail: "capped at 100" });
  return { score, level: riskLevel(score), breakdown: lines, hoursUntil };
}

/** The seed's intervention threshold: shifts scoring above this get the proactive workflow. */
export const INTERVENE_ABOVE = 60;

/**
 * Dashboard levels. Only "> 60" comes from the seed (its intervention rule); 80 and 40 are our reading of its
 * widget (82 red, 68 orange, 55 yellow, all listed as at risk).
 */
export function riskLevel(score: number): RiskLevel {
  if (score >= 80) return "critical";
  if (score > INTERVENE_ABOVE) return "high";
  if (score >= 40) return "elevated";
  return "low";
}

/** Dashboard emoji for a level, as in the seed's widget. */
export const RISK_EMOJI: Record<RiskLevel, string> = { low: "🟢", elevated: "🟡", high: "🟠", critical: "🔴" };

export type InterventionStep =
  | "flag_dashboard"
  | "request_confirmation"
  | "prestage_backups"
  | "alert_coordinator"
  | "prepare_outreach"
  | "call_caregiver"
  | "activate_backup_outreach";

export interface InterventionPlan {
  /** Score is above the seed's threshold (> 60). */
  intervene: boolean;
  /** 24+ hours out: the seed's proactive window. Inside it the same steps run, with less slack. */
  proactive: boolean;
  /** Steps to take now (seed steps 1–5; a confirmed shift skips the confirmation request). */
  steps: InterventionStep[];
  /** Steps if the caregiver has not confirmed (seed steps 6–7; step 8 is the fill itself). */
  ifUnconfirmed: InterventionStep[];
  /** Backup caregivers to pre-identify ("2-3"). */
  backups: number;
  /** Shown on the "At-Risk Shifts (Next 48 Hours)" widget. */
  showOnDashboard: boolean;
}

/** The seed's "Proactive Intervention Workflow" for one scored shift. */
export function interventionPlan(risk: Pick<ShiftRisk, "score" | "level" | "hoursUntil">, confirmed: boolean): InterventionPlan {
  const intervene = risk.score > INTERVENE_ABOVE;
  const steps: InterventionStep[] = intervene
    ? (["flag_dashboard", "request_confirmation", "prestage_backups", "alert_coordinator", "prepare_outreach"] as const).filter((s) => !(confirmed && s === "request_confirmation"))
    : [];
  return {
    intervene,
    proactive: risk.hoursUntil >= 24,
    steps,
    ifUnconfirmed: intervene && !confirmed ? ["call_caregiver", "activate_backup_outreach"] : [],
    backups: intervene ? 3 : 0,
    showOnDashboard: risk.level !== "low" && risk.hoursUntil >= 0 && risk.hoursUntil <= 48,
  };
}
