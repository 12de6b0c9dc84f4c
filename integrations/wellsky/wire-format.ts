import { DateTime } from "luxon";

/**
 * Scalar formats on the WellSky wire (reference §3): datetimes `YYYY-MM-DDTHH:MM:SS` where no offset means
 * UTC and responses carry `+00:00`; compact search dates `YYYYMMDD`; phones as exactly 10 digits.
 */

/** Parses a wire datetime; a string without an offset is UTC. Returns null when unparseable. */
export function parseWireDateTime(value: string | null | undefined): Date | null {
  if (!value) return null;
  // The wire has one shape; the platform's ISO parser reads it far faster than a general ISO parser (every
  // shift of every schedule read passes here). It rolls invalid days over (Feb 30 → Mar 2), hence the check.
  const m = WIRE_DATETIME.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  const wall = new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!));
  if (wall.getUTCMonth() !== mo! - 1 || wall.getUTCDate() !== d! || h! > 23 || mi! > 59 || s! > 59) return null;
  const at = new Date(m[8] ? value : `${value}Z`);
  return Number.isNaN(at.getTime()) ? null : at;
}
const WIRE_DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * Formats an instant for the wire in UTC. Responses use the `+00:00` form; request bodies use the bare
 * form the live examples send (`2026-01-31T18:00:00`, which the API reads as UTC).
 */
export function formatWireDateTime(at: Date, style: "offset" | "bare" = "offset"): string {
  const base = at.toISOString().slice(0, 19);
  return style === "offset" ? `${base}+00:00` : base;
}

/** `YYYYMMDD` of an instant in UTC (schedule search dates and occurrence keys use UTC dates). */
export function compactUtcDate(at: Date): string {
  return at.toISOString().slice(0, 10).replace(/-/g, "");
}

/** Parses `YYYYMMDD` to UTC midnight, or null when it is not a real calendar date. */
export function parseCompactDate(value: string): Date | null {
  if (!/^\d{8}$/.test(value)) return null;
  const dt = DateTime.fromFormat(value, "yyyyLLdd", { zone: "utc" });
  return dt.isValid ? dt.toJSDate() : null;
}

/**
 * Normalizes a North-American phone number to E.164 (`+1XXXXXXXXXX`). Accepts the 10-digit wire form, an
 * 11-digit form with the country code, punctuation, and a work-phone `x123` extension (dropped: SMS cannot
 * dial it). Returns null for anything that is not a valid NANP number.
 */
export function toE164(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const withoutExt = phone.replace(/\s*(x|ext\.?)\s*\d{1,6}\s*$/i, "");
  let digits = withoutExt.replace(/\D/g, "");
  if (digits.length === 11 && digits.startsWith("1")) digits = digits.slice(1);
  if (!/^[2-9]\d{2}[2-9]\d{6}$/.test(digits)) return null;
  return `+1${digits}`;
}

/** The 10-digit wire form of a phone number (E.164 or loosely formatted), or null when not a NANP number. */
export function toWirePhone(phone: string): string | null {
  const e164 = toE164(phone);
  return e164 ? e164.slice(2) : null;
}
