import { DateTime } from "luxon";
import type { Interpretation } from "../domain/intents.js";
import type { Shift } from "../domain/types.js";
import type { AgentDeps } from "./deps.js";

/** How far ahead a call-off or late notice without a date may refer to ("I can't make it" → next shift). */
const LOOKAHEAD_DAYS = 7;

/**
 * Which of the caregiver's own shifts a message means: the mentioned local date (and time, if given), else
 * the next one that has not ended. Several candidates on the mentioned day without a time → ambiguous.
 */
export async function findShiftFor(
  deps: AgentDeps,
  caregiverId: string,
  interpretation: Interpretation,
  opts: { withinHours?: number } = {},
): Promise<{ shift: Shift | null; ambiguous: Shift[] }> {
  const now = deps.clock.now();
  const tz = deps.settings.timezone;
  const from = new Date(now.getTime() - 12 * 3600_000);
  const to = new Date(now.getTime() + (opts.withinHours !== undefined ? opts.withinHours * 3600_000 : LOOKAHEAD_DAYS * 24 * 3600_000));
  const mine = (await deps.agency.scheduleBetween(from, to, [caregiverId]))
    .filter((s) => s.caregiverId === caregiverId && s.status === "SCHEDULED" && s.end > now && s.start < to)
    .sort((a, b) => a.start.getTime() - b.start.getTime());
  const { date, timeMinutes } = interpretation.entities;
  let pool = mine;
  if (date) pool = mine.filter((s) => DateTime.fromJSDate(s.start, { zone: tz }).toISODate() === date);
  if (pool.length === 0) return { shift: null, ambiguous: [] };
  if (timeMinutes !== undefined) {
    const minutesOf = (s: Shift) => {
      const d = DateTime.fromJSDate(s.start, { zone: tz });
      return d.hour * 60 + d.minute;
    };
    const best = [...pool].sort((a, b) => Math.abs(minutesOf(a) - timeMinutes) - Math.abs(minutesOf(b) - timeMinutes))[0]!;
    return { shift: best, ambiguous: [] };
  }
  if (date && pool.length > 1) return { shift: null, ambiguous: pool };
  return { shift: pool[0]!, ambiguous: [] };
}

/** Around a moment, the caregiver's shift nearest to it counts (12 h either side). */
const NEAREST_SHIFT_WINDOW_MS = 12 * 3600_000;

/**
 * The client of the caregiver's shift nearest `at` (the one they are on, or next, or just left): the client
 * whose coordinator should hear about an incident or an unreadable voicemail from that caregiver.
 */
export async function clientOfNearestShift(
  agency: { scheduleBetween(from: Date, to: Date, caregiverIds: readonly string[]): Promise<Shift[]> },
  caregiverId: string,
  at: Date,
): Promise<string | undefined> {
  const shifts = await agency.scheduleBetween(new Date(at.getTime() - NEAREST_SHIFT_WINDOW_MS), new Date(at.getTime() + NEAREST_SHIFT_WINDOW_MS), [caregiverId]);
  const distance = (s: Shift) => Math.abs(s.start.getTime() - at.getTime());
  return shifts.filter((s) => s.caregiverId === caregiverId).sort((a, b) => distance(a) - distance(b))[0]?.clientId;
}
