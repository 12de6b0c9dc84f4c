import { describe, expect, it } from "vitest";
import { calculateMatchScore, recentlyAccepted, type MatchScoreInput } from "./score.js";

/** A caregiver who earns nothing, so each test turns on exactly one rule. */
const none: MatchScoreInput = {
  priorAssignment: false,
  clientPreferred: false,
  distanceMiles: 45,
  weeklyHours: 39,
  avgRating: null,
  shiftType: "afternoon",
  preferredShiftTypes: [],
  recentlyAccepted: false,
};
const score = (over: Partial<MatchScoreInput>) => calculateMatchScore({ ...none, ...over }).score;
const points = (over: Partial<MatchScoreInput>, rule: string) =>
  calculateMatchScore({ ...none, ...over }).breakdown.find((l) => l.rule === rule)?.points ?? 0;

describe("calculateMatchScore — the seed's calculate_match_score", () => {
  it("scores zero when no rule fires, with no lines", () => {
    expect(calculateMatchScore(none)).toEqual({ score: 0, breakdown: [] });
  });

  it("has one line per rule that fired, in the seed's order, summing to the score", () => {
    const r = calculateMatchScore({ ...none, clientPreferred: true, distanceMiles: 3.04, weeklyHours: 12, preferredShiftTypes: ["afternoon"] });
    expect(r.breakdown).toEqual([
      { rule: "client_preferred", points: 20, detail: "client's preferred caregiver" },
      { rule: "distance", points: 15, detail: "3.0 mi away" },
      { rule: "weekly_hours", points: 10, detail: "12.0 h this week" },
      { rule: "preferred_shift_type", points: 5, detail: "prefers afternoon shifts" },
    ]);
    expect(r.score).toBe(50);
  });

  it("prior assignment with this client +30; client-preferred +20", () => {
    expect(score({ priorAssignment: true })).toBe(30);
    expect(score({ clientPreferred: true })).toBe(20);
  });

  it("distance bands: <10 → 15, <20 → 10, <30 → 5, else 0 (unknown → 0)", () => {
    expect(score({ distanceMiles: 0 })).toBe(15);
    expect(score({ distanceMiles: 9.99 })).toBe(15);
    expect(score({ distanceMiles: 10 })).toBe(10);
    expect(score({ distanceMiles: 19.99 })).toBe(10);
    expect(score({ distanceMiles: 20 })).toBe(5);
    expect(score({ distanceMiles: 29.99 })).toBe(5);
    expect(score({ distanceMiles: 30 })).toBe(0);
    expect(score({ distanceMiles: null })).toBe(0);
  });

  it("weekly hours: <32 → 10, <38 → 5, 38+ → 0", () => {
    expect(score({ weeklyHours: 0 })).toBe(10);
    expect(score({ weeklyHours: 31.9 })).toBe(10);
    expect(score({ weeklyHours: 32 })).toBe(5);
    expect(score({ weeklyHours: 37.99 })).toBe(5);
    expect(score({ weeklyHours: 38 })).toBe(0);
    expect(score({ weeklyHours: 45 })).toBe(0);
  });

  it("rating: >4.5 → 10, >4.0 → 5; exactly 4.5 gives 5 and exactly 4.0 gives 0", () => {
    expect(score({ avgRating: 5 })).toBe(10);
    expect(score({ avgRating: 4.51 })).toBe(10);
    expect(score({ avgRating: 4.5 })).toBe(5);
    expect(score({ avgRating: 4.01 })).toBe(5);
    expect(score({ avgRating: 4.0 })).toBe(0);
    expect(score({ avgRating: 0 })).toBe(0);
    expect(score({ avgRating: null })).toBe(0);
  });

  it("preferred shift type +5; recently accepted +5", () => {
    expect(score({ preferredShiftTypes: ["morning", "afternoon"] })).toBe(5);
    expect(score({ preferredShiftTypes: ["morning"] })).toBe(0);
    expect(score({ recentlyAccepted: true })).toBe(5);
    expect(points({ recentlyAccepted: true }, "recently_accepted")).toBe(5);
  });

  it("everything at once is 95 — below the 100 cap, which therefore never binds on the seed rules", () => {
    const best = calculateMatchScore({
      priorAssignment: true,
      clientPreferred: true,
      distanceMiles: 2,
      weeklyHours: 10,
      avgRating: 4.9,
      shiftType: "morning",
      preferredShiftTypes: ["morning"],
      recentlyAccepted: true,
    });
    expect(best.score).toBe(95);
    expect(best.breakdown.reduce((s, l) => s + l.points, 0)).toBe(95);
    expect(best.breakdown.some((l) => l.rule === "cap")).toBe(false);
  });

  it("seed-style worked example: familiar caregiver 12 mi away, 35 h, rated 4.7", () => {
    // 30 (prior) + 10 (<20 mi) + 5 (<38 h) + 10 (>4.5) = 55
    const r = calculateMatchScore({ ...none, priorAssignment: true, distanceMiles: 12, weeklyHours: 35, avgRating: 4.7 });
    expect(r.score).toBe(55);
    expect(r.breakdown.map((l) => [l.rule, l.points])).toEqual([
      ["prior_assignment", 30],
      ["distance", 10],
      ["weekly_hours", 5],
      ["rating", 10],
    ]);
    expect(r.breakdown.find((l) => l.rule === "distance")?.detail).toBe("12.0 mi away");
  });
});

describe("recentlyAccepted", () => {
  const now = new Date("2026-06-03T16:00:00Z");
  it("true within the window (inclusive), false outside, false without an acceptance", () => {
    expect(recentlyAccepted(new Date("2026-05-04T16:00:00Z"), now, 30)).toBe(true);
    expect(recentlyAccepted(new Date("2026-05-04T15:59:59Z"), now, 30)).toBe(false);
    expect(recentlyAccepted(new Date("2026-05-30T00:00:00Z"), now, 3)).toBe(false);
    expect(recentlyAccepted(null, now)).toBe(false);
    expect(recentlyAccepted(undefined, now)).toBe(false);
  });
});
