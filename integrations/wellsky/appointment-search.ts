import { DateTime } from "luxon";
import { compactUtcDate, parseCompactDate } from "./wire-format.js";

/**
 * The live API's rules for schedule search (reference §8.3): a `caregiverId` or a `clientId`, and exactly
 * one period — `startDate` (YYYYMMDD, optionally + `additionalDays` 1–6, so at most 7 days), `weekNo`
 * (YYYYWW) or `monthNo` (YYYYMM). There is no agency-wide query. The client checks these before sending;
 * the stand-in server enforces the same rules with 422s.
 */

/** Typed schedule search as callers write it. Dates are UTC calendar dates. */
export interface AppointmentSearch {
  caregiverId?: string;
  clientId?: string;
  /** `YYYYMMDD`, or an instant whose UTC date is used. */
  startDate?: string | Date;
  /** 1–6 extra days after `startDate`. */
  additionalDays?: number;
  /** ISO week `YYYYWW`. */
  weekNo?: string;
  /** `YYYYMM`. */
  monthNo?: string;
}

/** Search parameters as strings, the way they travel in a query string or `_search` body. */
export type WireAppointmentSearch = Partial<Record<"caregiverId" | "clientId" | "startDate" | "additionalDays" | "weekNo" | "monthNo", string>>;

/** Converts a typed search to wire strings (no validation; see `appointmentSearchProblems`). */
export function toWireAppointmentSearch(q: AppointmentSearch): WireAppointmentSearch {
  const out: WireAppointmentSearch = {};
  if (q.caregiverId !== undefined) out.caregiverId = q.caregiverId;
  if (q.clientId !== undefined) out.clientId = q.clientId;
  if (q.startDate !== undefined) out.startDate = q.startDate instanceof Date ? compactUtcDate(q.startDate) : q.startDate;
  if (q.additionalDays !== undefined) out.additionalDays = String(q.additionalDays);
  if (q.weekNo !== undefined) out.weekNo = q.weekNo;
  if (q.monthNo !== undefined) out.monthNo = q.monthNo;
  return out;
}

const present = (v: string | undefined): v is string => v !== undefined && v.trim() !== "";

/** Plain-sentence problems with a wire search, in the style of the API's 422 messages; empty when valid. */
export function appointmentSearchProblems(p: WireAppointmentSearch): string[] {
  const problems: string[] = [];
  if (!present(p.caregiverId) && !present(p.clientId)) problems.push("'caregiverId' or 'clientId' is required.");
  for (const key of ["caregiverId", "clientId"] as const) {
    const v = p[key];
    if (present(v) && !/^\d+$/.test(v)) problems.push(`'${key}' must be a numeric id.`);
  }

  const periods = (["startDate", "weekNo", "monthNo"] as const).filter((k) => present(p[k]));
  if (periods.length === 0) problems.push("One of 'startDate', 'weekNo' or 'monthNo' is required.");
  if (periods.length > 1) problems.push("Only one of 'startDate', 'weekNo' or 'monthNo' may be given.");

  if (present(p.startDate) && !parseCompactDate(p.startDate)) problems.push("'startDate' must be a date in YYYYMMDD format.");
  if (present(p.additionalDays)) {
    if (!present(p.startDate)) problems.push("'additionalDays' is only allowed with 'startDate'.");
    if (!/^\d+$/.test(p.additionalDays) || Number(p.additionalDays) < 1 || Number(p.additionalDays) > 6) {
      problems.push("'additionalDays' must be a whole number from 1 to 6.");
    }
  }
  if (present(p.weekNo) && !parseWeekNo(p.weekNo)) problems.push("'weekNo' must be an ISO week in YYYYWW format.");
  if (present(p.monthNo) && !parseMonthNo(p.monthNo)) problems.push("'monthNo' must be a month in YYYYMM format.");
  return problems;
}

/**
 * The UTC window `[from, to)` a valid search covers; an occurrence is in it when its start is. (Whether the
 * live API reads these dates as UTC or agency-local is undocumented; times are UTC everywhere else.)
 */
export function appointmentSearchWindow(p: WireAppointmentSearch): { from: Date; to: Date } {
  if (present(p.startDate)) {
    const from = DateTime.fromJSDate(parseCompactDate(p.startDate)!, { zone: "utc" });
    const days = present(p.additionalDays) ? Number(p.additionalDays) : 0;
    return { from: from.toJSDate(), to: from.plus({ days: days + 1 }).toJSDate() };
  }
  if (present(p.weekNo)) {
    const from = parseWeekNo(p.weekNo)!;
    return { from: from.toJSDate(), to: from.plus({ weeks: 1 }).toJSDate() };
  }
  const from = parseMonthNo(p.monthNo ?? "")!;
  return { from: from.toJSDate(), to: from.plus({ months: 1 }).toJSDate() };
}

function parseWeekNo(v: string): DateTime | null {
  const m = /^(\d{4})(\d{2})$/.exec(v);
  if (!m) return null;
  const dt = DateTime.fromObject({ weekYear: Number(m[1]), weekNumber: Number(m[2]), weekday: 1 }, { zone: "utc" });
  // luxon rolls week 53 of a 52-week year into the next year; reject that instead of searching elsewhere.
  return dt.isValid && dt.weekNumber === Number(m[2]) ? dt.startOf("day") : null;
}

function parseMonthNo(v: string): DateTime | null {
  const m = /^(\d{4})(\d{2})$/.exec(v);
  if (!m) return null;
  const dt = DateTime.fromObject({ year: Number(m[1]), month: Number(m[2]), day: 1 }, { zone: "utc" });
  return dt.isValid ? dt : null;
}
