/**
 * Occurrence key of a (possibly recurring) WellSky appointment: `${id}_${YYYYMMDD}` of its start's date in the
 * agency's timezone. A recurring appointment has at most one occurrence per local day, so the key is unique; the
 * UTC date was not (on the spring DST change a daily 17:30 Denver shift starts twice on one UTC date).
 */
export function shiftKey(appointmentId: string, start: Date, timezone: string): string {
  return `${appointmentId}_${localDateDigits(start, timezone)}`;
}

// Keys are made for every occurrence a schedule search returns: one cached formatter per zone is ~3× cheaper
// than a luxon DateTime per call (the bench profile had luxon's offset lookup here at ~1% of the server).
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** `yyyyMMdd` of the instant's calendar date in the zone. */
function localDateDigits(at: Date, timezone: string): string {
  let f = dayFormats.get(timezone);
  if (!f) dayFormats.set(timezone, (f = new Intl.DateTimeFormat("en-US", { timeZone: timezone, year: "numeric", month: "2-digit", day: "2-digit" })));
  let y = "", m = "", d = "";
  for (const p of f.formatToParts(at)) {
    if (p.type === "year") y = p.value;
    else if (p.type === "month") m = p.value;
    else if (p.type === "day") d = p.value;
  }
  return `${y}${m}${d}`;
}

/** Splits a shift key; a bare appointment id (no date part) returns `date: null`. */
export function parseShiftKey(key: string): { appointmentId: string; date: string | null } {
  const m = /^(\d+)_(\d{8})$/.exec(key);
  if (m) return { appointmentId: m[1]!, date: m[2]! };
  return { appointmentId: key, date: null };
}
