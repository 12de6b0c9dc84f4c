import { DateTime } from "luxon";

/** nth (1-based) weekday (1 = Monday … 7 = Sunday) of a month; n = -1 means the last one. */
function nthWeekday(year: number, month: number, weekday: number, n: number): string {
  if (n > 0) {
    const first = DateTime.utc(year, month, 1);
    const offset = (weekday - first.weekday + 7) % 7;
    return first.plus({ days: offset + (n - 1) * 7 }).toISODate()!;
  }
  const last = DateTime.utc(year, month, 1).endOf("month").startOf("day");
  return last.minus({ days: (last.weekday - weekday + 7) % 7 }).toISODate()!;
}

/**
 * US federal holidays (actual dates, not observed Fridays/Mondays) for a year, as YYYY-MM-DD. The default
 * holiday calendar for the risk score's "holiday proximity"; an agency can pass its own list instead.
 */
export function usFederalHolidays(year: number): string[] {
  const d = (m: number, day: number) => DateTime.utc(year, m, day).toISODate()!;
  return [
    d(1, 1),
    nthWeekday(year, 1, 1, 3), // Martin Luther King Jr. Day
    nthWeekday(year, 2, 1, 3), // Washington's Birthday
    nthWeekday(year, 5, 1, -1), // Memorial Day
    d(6, 19),
    d(7, 4),
    nthWeekday(year, 9, 1, 1), // Labor Day
    nthWeekday(year, 10, 1, 2), // Columbus / Indigenous Peoples' Day
    d(11, 11),
    nthWeekday(year, 11, 4, 4), // Thanksgiving
    d(12, 25),
  ];
}

/** True when local date `date` (YYYY-MM-DD) is within `withinDays` days of any holiday (either side). */
export function isNearHoliday(date: string, holidays: readonly string[], withinDays: number): boolean {
  const day = DateTime.fromISO(date, { zone: "utc" });
  return holidays.some((h) => Math.abs(DateTime.fromISO(h, { zone: "utc" }).diff(day, "days").days) <= withinDays);
}

/** When caregivers are paid: every N days from an anchor payday, or an explicit list of paydays. */
export type PaySchedule = { everyDays: number; anchor: string } | { dates: readonly string[] };

/** True when local date `date` (YYYY-MM-DD) is the day after a payday. */
export function isDayAfterPayday(date: string, schedule: PaySchedule): boolean {
  const yesterday = DateTime.fromISO(date, { zone: "utc" }).minus({ days: 1 });
  if ("dates" in schedule) return schedule.dates.includes(yesterday.toISODate()!);
  const diff = Math.round(yesterday.diff(DateTime.fromISO(schedule.anchor, { zone: "utc" }), "days").days);
  return ((diff % schedule.everyDays) + schedule.everyDays) % schedule.everyDays === 0;
}
