import { describe, expect, it } from "vitest";
import { tierFor } from "./tiers.js";

const f = { priorAssignment: false, clientPreferred: false, overtime: false, score: 0 };

describe("tierFor", () => {
  it("tier 1: worked with this client before, or client-preferred", () => {
    expect(tierFor({ ...f, priorAssignment: true, score: 30 })).toBe(1);
    expect(tierFor({ ...f, clientPreferred: true, score: 20 })).toBe(1);
  });

  it("tier 2: score ≥ 30 without familiarity; 29 is tier 3", () => {
    expect(tierFor({ ...f, score: 30 })).toBe(2);
    expect(tierFor({ ...f, score: 55 })).toBe(2);
    expect(tierFor({ ...f, score: 29 })).toBe(3);
  });

  it("tier 3: overtime always, even for a familiar high scorer", () => {
    expect(tierFor({ ...f, priorAssignment: true, clientPreferred: true, overtime: true, score: 95 })).toBe(3);
    expect(tierFor({ ...f, score: 0 })).toBe(3);
  });

  it("the tier-2 threshold is a parameter", () => {
    expect(tierFor({ ...f, score: 25 }, 25)).toBe(2);
  });
});
