import { DateTime } from "luxon";

/**
 * Occurrence key of a (possibly recurring) WellSky appointment: `${id}_${YYYYMMDD}` of its start's date in the
 * agency's timezone. A recurring appointment has at most one occurrence per local day, so the key is unique; the
 * UTC date was not (on the spring DST change a daily 17:30 Denver shift starts twice on one UTC date).
 */
export function shiftKey(appointmentId: string, start: Date, timezone: string): string {
  return `${appointmentId}_${DateTime.fromJSDate(start, { zone: timezone }).toFormat("yyyyLLdd")}`;
}

/** Splits a shift key; a bare appointment id (no date part) returns `date: null`. */
export function parseShiftKey(key: string): { appointmentId: string; date: string | null } {
  const m = /^(\d+)_(\d{8})$/.exec(key);
  if (m) return { appointmentId: m[1]!, date: m[2]! };
  return { appointmentId: key, date: null };
}
