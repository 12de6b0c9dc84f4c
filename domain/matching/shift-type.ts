import { DateTime } from "luxon";
import type { ShiftType } from "../types.js";
import type { Interval } from "./intervals.js";

/**
 * Cut-offs for {@link shiftType}, all in agency-local time. Home-care visits cluster into recognisable
 * blocks (7–11am bath/breakfast visits, 12–4pm, 4–9pm dinner/bedtime, 10pm–8am overnights, 24 h live-ins),
 * and the bands below put each of those blocks in one bucket.
 */
export const SHIFT_TYPE_RULES = {
  /** A shift this long or longer is live-in care regardless of when it starts. */
  liveInMinHours: 20,
  /** Local start hour ranges [from, to). Overnight wraps midnight: 20:00–03:59. */
  morningFromHour: 4,
  afternoonFromHour: 11,
  eveningFromHour: 16,
  overnightFromHour: 20,
  /** A shift that covers the whole of 00:00–04:00 local is overnight even if it starts earlier (6pm–6am). */
  coreNightEndHour: 4,
} as const;

/**
 * Classifies a shift as morning / afternoon / evening / overnight / live_in from its local start and length:
 * - live_in: 20 h or longer;
 * - overnight: starts 20:00–03:59, or covers the whole 00:00–04:00 window (e.g. 6pm–6am);
 * - morning: starts 04:00–10:59; afternoon: 11:00–15:59; evening: 16:00–19:59.
 */
export function shiftType(shift: Interval, timezone: string): ShiftType {
  const r = SHIFT_TYPE_RULES;
  const hours = (shift.end.getTime() - shift.start.getTime()) / 3_600_000;
  if (hours >= r.liveInMinHours) return "live_in";
  const local = DateTime.fromJSDate(shift.start, { zone: timezone });
  const h = local.hour;
  if (h >= r.overnightFromHour || h < r.morningFromHour) return "overnight";
  const coreNightEnd = local.plus({ days: 1 }).startOf("day").set({ hour: r.coreNightEndHour });
  if (shift.end.getTime() >= coreNightEnd.toMillis()) return "overnight";
  if (h < r.afternoonFromHour) return "morning";
  if (h < r.eveningFromHour) return "afternoon";
  return "evening";
}
