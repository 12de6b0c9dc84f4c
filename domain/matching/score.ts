import type { ShiftType } from "../types.js";

/** Rules of the seed's `calculate_match_score`, plus the learned ("Caregiver DNA") terms and the clamp. */
export type ScoreRule =
  | "prior_assignment"
  | "client_preferred"
  | "distance"
  | "weekly_hours"
  | "rating"
  | "preferred_shift_type"
  | "recently_accepted"
  | "cap"
  | "learned_response"
  | "learned_acceptance"
  | "learned_reliability";

/** One line of a score explanation; the points of all lines sum to the score. */
export interface ScoreLine {
  rule: ScoreRule;
  points: number;
  detail: string;
}

export interface ScoreResult {
  score: number;
  /** Only rules that moved the score, so the lines sum to it and a ranking of thousands stays light. */
  breakdown: ScoreLine[];
}

/** Facts `calculate_match_score` looks at, already resolved by the caller. */
export interface MatchScoreInput {
  /** Has worked a shift for this client before (`has_prior_assignment`). */
  priorAssignment: boolean;
  /** In the client's preferred-caregiver list. */
  clientPreferred: boolean;
  /** Miles to the client; null (unknown) earns no distance points. */
  distanceMiles: number | null;
  /** Hours already scheduled this agency week (`get_weekly_hours`). */
  weeklyHours: number;
  /** Average client rating 0–5; null = unrated. */
  avgRating: number | null;
  /** The open shift's type (see shiftType). */
  shiftType: ShiftType;
  preferredShiftTypes: readonly ShiftType[];
  /** Accepted an offer within the policy window (see recentlyAccepted). */
  recentlyAccepted: boolean;
}

const fmt1 = (n: number): string => (Math.round(n * 10) / 10).toFixed(1);

/** Seed distance bands: <10 mi → 15, <20 → 10, <30 → 5. */
export function distancePoints(miles: number | null): number {
  if (miles === null) return 0;
  return miles < 10 ? 15 : miles < 20 ? 10 : miles < 30 ? 5 : 0;
}

/** Seed weekly-hours bands: <32 h → 10, <38 → 5; 38+ earns nothing ("may need OT approval"). */
export function weeklyHoursPoints(hours: number): number {
  return hours < 32 ? 10 : hours < 38 ? 5 : 0;
}

/** Seed rating bands: >4.5 → 10, >4.0 → 5 (so exactly 4.5 earns 5 and exactly 4.0 earns 0). */
export function ratingPoints(rating: number | null): number {
  if (rating === null) return 0;
  return rating > 4.5 ? 10 : rating > 4.0 ? 5 : 0;
}

/**
 * The seed's `calculate_match_score`, rule for rule (0–100, higher = contact first):
 * prior assignment +30; client-preferred +20; distance <10 → +15, <20 → +10, <30 → +5; weekly hours
 * <32 → +10, <38 → +5; rating >4.5 → +10, >4.0 → +5; preferred shift type +5; recently accepted +5;
 * min(score, 100). The rules sum to at most 95, so the cap only binds once the learned adjustment is added
 * (see combineScores).
 */
export function calculateMatchScore(f: MatchScoreInput): ScoreResult {
  const lines: ScoreLine[] = [];
  let score = appendSeedLines(lines, f);
  // Unreachable with today's rules (max 95) but kept: it is the seed's contract, and rules may be added.
  if (score > 100) {
    lines.push({ rule: "cap", points: 100 - score, detail: "capped at 100" });
    score = 100;
  }
  return { score, breakdown: lines };
}

/**
 * Pushes the seed rules that fire onto `lines` and returns their (uncapped) sum. The ranker appends seed
 * and learned lines into one array this way, instead of allocating and merging two results per caregiver.
 */
export function appendSeedLines(lines: ScoreLine[], f: MatchScoreInput): number {
  let sum = 0;
  if (f.priorAssignment) sum += push(lines, "prior_assignment", 30, "worked with this client before");
  if (f.clientPreferred) sum += push(lines, "client_preferred", 20, "client's preferred caregiver");
  const d = distancePoints(f.distanceMiles);
  if (d > 0) sum += push(lines, "distance", d, `${fmt1(f.distanceMiles!)} mi away`);
  const h = weeklyHoursPoints(f.weeklyHours);
  if (h > 0) sum += push(lines, "weekly_hours", h, `${fmt1(f.weeklyHours)} h this week`);
  const r = ratingPoints(f.avgRating);
  if (r > 0) sum += push(lines, "rating", r, `rated ${f.avgRating!.toFixed(2)}`);
  if (f.preferredShiftTypes.includes(f.shiftType)) sum += push(lines, "preferred_shift_type", 5, `prefers ${f.shiftType} shifts`);
  if (f.recentlyAccepted) sum += push(lines, "recently_accepted", 5, "accepted an offer recently");
  return sum;
}

function push(lines: ScoreLine[], rule: ScoreRule, points: number, detail: string): number {
  lines.push({ rule, points, detail });
  return points;
}

const DAY_MS = 86_400_000;

/**
 * "Recently accepted similar offers" (seed): we read it as "accepted any shift offer within the last
 * `windowDays` days" — a caregiver who has said yes lately is actively looking for hours. `now` is passed in
 * because domain code never reads the clock.
 */
export function recentlyAccepted(lastAcceptedAt: Date | null | undefined, now: Date, windowDays = 30): boolean {
  if (!lastAcceptedAt) return false;
  const age = now.getTime() - lastAcceptedAt.getTime();
  return age >= 0 && age <= windowDays * DAY_MS;
}
