/** A half-open time interval [start, end). */
export interface Interval {
  start: Date;
  end: Date;
}

const MINUTE_MS = 60_000;

/**
 * True when two intervals are closer than `bufferMinutes` apart (or intersect). The buffer is travel time:
 * a caregiver whose other visit ends at 1:45 cannot start across town at 2:00 with a 30-minute buffer.
 * A gap of exactly `bufferMinutes` is fine; with no buffer, back-to-back shifts (end == start) do not overlap.
 */
export function overlaps(a: Interval, b: Interval, bufferMinutes = 0): boolean {
  return overlapsMs(a.start.getTime(), a.end.getTime(), b.start.getTime(), b.end.getTime(), bufferMinutes * MINUTE_MS);
}

/** Millisecond form of {@link overlaps} for hot loops (no Date allocation). */
export function overlapsMs(aStart: number, aEnd: number, bStart: number, bEnd: number, bufferMs: number): boolean {
  return aStart < bEnd + bufferMs && bStart < aEnd + bufferMs;
}

/** Length of the part of [start, end) that falls inside [winStart, winEnd), in milliseconds. */
export function clippedMs(start: number, end: number, winStart: number, winEnd: number): number {
  return Math.max(0, Math.min(end, winEnd) - Math.max(start, winStart));
}
