import { DateTime } from "luxon";

/** Occurrence key of a (possibly recurring) WellSky appointment: `${id}_${YYYYMMDD}` of its UTC start. */
export function shiftKey(appointmentId: string, start: Date): string {
  return `${appointmentId}_${DateTime.fromJSDate(start, { zone: "utc" }).toFormat("yyyyLLdd")}`;
}

/** Splits a shift key; a bare appointment id (no date part) returns `date: null`. */
export function parseShiftKey(key: string): { appointmentId: string; date: string | null } {
  const m = /^(\d+)_(\d{8})$/.exec(key);
  if (m) return { appointmentId: m[1]!, date: m[2]! };
  return { appointmentId: key, date: null };
}
