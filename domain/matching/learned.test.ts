import { describe, expect, it } from "vitest";
import { agencyPriors, combineScores, DEFAULT_PRIORS, learnedAdjustment, smoothedRate, type CaregiverHistory } from "./learned.js";
import { calculateMatchScore } from "./score.js";

const h = (received: number, responded: number, accepted: number, due: number, worked: number): CaregiverHistory => ({
  offersReceived: received,
  offersResponded: responded,
  offersAccepted: accepted,
  acceptedShiftsDue: due,
  acceptedShiftsWorked: worked,
});
/** Points per learned rule; rules that earned 0 are absent from the breakdown, so default them to 0. */
const pts = (hist: CaregiverHistory) => ({
  learned_response: 0,
  learned_acceptance: 0,
  learned_reliability: 0,
  ...Object.fromEntries(learnedAdjustment(hist).breakdown.map((l) => [l.rule, l.points])),
});

describe("learnedAdjustment (Caregiver DNA)", () => {
  it("no history → 0 and no lines", () => {
    expect(learnedAdjustment(undefined)).toEqual({ score: 0, breakdown: [] });
    expect(learnedAdjustment(h(0, 0, 0, 0, 0)).score).toBe(0);
  });

  it("an agency-average caregiver gets 0 (and no lines)", () => {
    expect(learnedAdjustment(h(100, 60, 35, 50, 46))).toEqual({ score: 0, breakdown: [] });
  });

  it("lines explain the counts against the agency rate", () => {
    expect(learnedAdjustment(h(100, 78, 45, 45, 42)).breakdown[0]).toEqual({ rule: "learned_response", points: 2, detail: "responded to 78/100 (agency 60%)" });
  });

  it("the seed's Maria G. (78% response, 45% acceptance, 94% reliability over 100 offers) earns +4", () => {
    // response: smoothed (78+3)/105 = .771 → 3×(.171/.3) = 1.7 → 2; acceptance (45+1.75)/105 = .445 → 0.95 → 1;
    // reliability (42+4.6)/50 = .932 → 4×(.012/.08 headroom) = 0.6 → 1.
    expect(pts(h(100, 78, 45, 45, 42))).toEqual({ learned_response: 2, learned_acceptance: 1, learned_reliability: 1 });
    expect(learnedAdjustment(h(100, 78, 45, 45, 42)).score).toBe(4);
  });

  it("is bounded to −10…+10 and each term to its own cap", () => {
    const best = learnedAdjustment(h(1000, 1000, 1000, 1000, 1000));
    expect(best.score).toBe(10);
    expect(pts(h(1000, 1000, 1000, 1000, 1000))).toEqual({ learned_response: 3, learned_acceptance: 3, learned_reliability: 4 });
    const worst = learnedAdjustment(h(1000, 0, 0, 1000, 0));
    expect(worst.score).toBe(-10);
  });

  it("a flaky caregiver (accepts, then does not show) is penalised mostly on reliability", () => {
    const p = pts(h(40, 30, 20, 20, 14)); // 70% worked vs 92% agency
    expect(p.learned_reliability).toBe(-4);
  });

  it("small samples move little: 2 for 2 is not a perfect record", () => {
    expect(smoothedRate(2, 2, 0.6)).toBeCloseTo((2 + 3) / 7, 10);
    expect(pts(h(2, 2, 2, 2, 2))).toEqual({ learned_response: 1, learned_acceptance: 2, learned_reliability: 1 });
  });

  it("agency priors pool counts, and fall back to defaults on thin data", () => {
    expect(agencyPriors([h(10, 5, 2, 2, 2)])).toEqual(DEFAULT_PRIORS);
    const p = agencyPriors([h(60, 30, 15, 10, 9), h(40, 30, 5, 10, 10)]);
    expect(p).toEqual({ responseRate: 0.6, acceptanceRate: 0.2, reliability: 0.95 });
  });

  it("measures against the priors it is given", () => {
    const hist = h(100, 60, 35, 50, 46);
    expect(learnedAdjustment(hist, { responseRate: 0.9, acceptanceRate: 0.35, reliability: 0.92 }).score).toBeLessThan(0);
  });
});

describe("combineScores", () => {
  const seed95 = calculateMatchScore({
    priorAssignment: true,
    clientPreferred: true,
    distanceMiles: 1,
    weeklyHours: 0,
    avgRating: 5,
    shiftType: "morning",
    preferredShiftTypes: ["morning"],
    recentlyAccepted: true,
  });

  it("keeps the seed score exact and caps the total at 100 with a cap line", () => {
    const c = combineScores(seed95, learnedAdjustment(h(1000, 1000, 1000, 1000, 1000)));
    expect(c).toMatchObject({ score: 100, seedScore: 95, learned: 10 });
    expect(c.breakdown.at(-1)).toEqual({ rule: "cap", points: -5, detail: "clamped to 0–100" });
    expect(c.breakdown.reduce((s, l) => s + l.points, 0)).toBe(100);
  });

  it("never goes below 0", () => {
    const zero = calculateMatchScore({ ...{ priorAssignment: false, clientPreferred: false, distanceMiles: null, weeklyHours: 50, avgRating: null }, shiftType: "evening", preferredShiftTypes: [], recentlyAccepted: false });
    const c = combineScores(zero, learnedAdjustment(h(1000, 0, 0, 1000, 0)));
    expect(c).toMatchObject({ score: 0, seedScore: 0, learned: -10 });
    expect(c.breakdown.reduce((s, l) => s + l.points, 0)).toBe(0);
  });
});
