import { DateTime } from "luxon";
import type { Shift } from "../types.js";
import { clippedMs } from "./intervals.js";

const HOUR_MS = 3_600_000;

/** The agency week (Monday 00:00 to next Monday 00:00, local time) that contains `at`, as epoch ms. */
export function agencyWeek(at: Date, timezone: string): { start: number; end: number } {
  const start = DateTime.fromJSDate(at, { zone: timezone }).startOf("week"); // luxon weeks are ISO: Monday first
  return { start: start.toMillis(), end: start.plus({ weeks: 1 }).toMillis() };
}

/** Shifts that occupy a caregiver's time: cancelled ones do not. */
export function countsAsWork(s: Pick<Shift, "status">): boolean {
  return s.status !== "CANCELLED";
}

/**
 * Hours a caregiver is scheduled (or has worked) in the agency week containing `weekContaining`.
 * Counts SCHEDULED and COMPLETED shifts; a shift crossing the week boundary (Sunday overnight) counts only
 * the part inside the week, because that is how overtime is paid.
 */
export function weeklyHours(shifts: readonly Shift[], caregiverId: string, weekContaining: Date, timezone: string): number {
  const w = agencyWeek(weekContaining, timezone);
  let ms = 0;
  for (const s of shifts) {
    if (s.caregiverId !== caregiverId || !countsAsWork(s)) continue;
    ms += clippedMs(s.start.getTime(), s.end.getTime(), w.start, w.end);
  }
  return ms / HOUR_MS;
}
