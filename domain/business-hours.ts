import { DateTime } from "luxon";
import { z } from "zod";

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "expected HH:MM (24h)");

/** When the office is staffed. Mirrors config/env.ts BUSINESS_HOURS_START/END and BUSINESS_DAYS. */
export const BusinessHoursConfig = z.object({
  timezone: z.string().describe("Agency IANA timezone"),
  start: hhmm.default("08:00").describe("Local opening time"),
  end: hhmm.default("18:00").describe("Local closing time (exclusive)"),
  days: z.array(z.number().int().min(1).max(7)).min(1).default([1, 2, 3, 4, 5]).describe("ISO weekdays the office is open, 1 = Monday"),
  closedDates: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).default([]).describe("Local dates the office is closed (holidays)"),
});
export type BusinessHoursConfig = z.infer<typeof BusinessHoursConfig>;
export type BusinessHoursInput = z.input<typeof BusinessHoursConfig>;

function minutes(hm: string): number {
  return Number(hm.slice(0, 2)) * 60 + Number(hm.slice(3, 5));
}

function isOpenDay(d: DateTime, cfg: BusinessHoursConfig): boolean {
  return cfg.days.includes(d.weekday) && !cfg.closedDates.includes(d.toISODate()!);
}

/** True when `at` falls inside opening hours on an open day, in the agency's timezone. End is exclusive. */
export function isBusinessHours(at: Date, config: BusinessHoursInput): boolean {
  const cfg = BusinessHoursConfig.parse(config);
  const local = DateTime.fromJSDate(at, { zone: cfg.timezone });
  const m = local.hour * 60 + local.minute;
  return isOpenDay(local, cfg) && m >= minutes(cfg.start) && m < minutes(cfg.end);
}

/**
 * The next moment the office is open: `at` itself when it is open now, otherwise the next opening time
 * on an open day (skipping weekends and `closedDates`). Looks up to 366 days ahead; throws if the config
 * can never be open (every day closed), which is a configuration error rather than a runtime state.
 */
export function nextBusinessOpen(at: Date, config: BusinessHoursInput): Date {
  const cfg = BusinessHoursConfig.parse(config);
  if (isBusinessHours(at, cfg)) return at;
  const local = DateTime.fromJSDate(at, { zone: cfg.timezone });
  const open = minutes(cfg.start);
  for (let i = 0; i <= 366; i++) {
    const day = local.startOf("day").plus({ days: i });
    if (!isOpenDay(day, cfg)) continue;
    const opening = day.set({ hour: Math.floor(open / 60), minute: open % 60 });
    if (opening.toMillis() > at.getTime()) return opening.toJSDate();
  }
  throw new Error("business hours config has no open day within a year");
}
