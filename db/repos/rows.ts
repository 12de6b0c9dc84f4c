/**
 * Small converters for values coming back from `pg` (and PGlite's node-postgres adapter): bigint columns
 * arrive as strings and timestamps as Date or ISO strings depending on the engine's type parsers.
 */

/** bigserial/bigint → number. Ids here stay far below 2^53. */
export function toId(v: unknown): number {
  const n = typeof v === "number" ? v : Number(v);
  if (!Number.isSafeInteger(n)) throw new Error(`Expected an integer id from the database, got ${String(v)}`);
  return n;
}

export function toDate(v: unknown): Date {
  return v instanceof Date ? v : new Date(String(v));
}

export function toDateOrNull(v: unknown): Date | null {
  return v === null || v === undefined ? null : toDate(v);
}

/** jsonb parameters must be sent as JSON text: pg would otherwise turn a JS array into a PostgreSQL array. */
export function jsonParam(v: unknown): string | null {
  return v === undefined || v === null ? null : JSON.stringify(v);
}
