import { describe, expect, it } from "vitest";
import { haversineMiles } from "./geo.js";
import { AURORA, east } from "./fixtures.js";

describe("haversineMiles", () => {
  it("is zero for the same point and symmetric", () => {
    expect(haversineMiles(AURORA, AURORA)).toBe(0);
    const p = { lat: 39.7392, lng: -104.9903 };
    expect(haversineMiles(AURORA, p)).toBeCloseTo(haversineMiles(p, AURORA), 10);
  });

  it("matches known distances (Denver–Aurora ≈ 8.4 mi, Denver–Colorado Springs ≈ 63 mi)", () => {
    const denver = { lat: 39.7392, lng: -104.9903 };
    expect(haversineMiles(denver, AURORA)).toBeGreaterThan(8.2);
    expect(haversineMiles(denver, AURORA)).toBeLessThan(8.6);
    expect(haversineMiles(denver, { lat: 38.8339, lng: -104.8214 })).toBeCloseTo(63.2, 0);
  });

  it("the test helper places points at the requested distance", () => {
    expect(haversineMiles(AURORA, east(10))).toBeCloseTo(10, 1);
    expect(haversineMiles(AURORA, east(29.9))).toBeLessThan(30);
    expect(haversineMiles(AURORA, east(30.1))).toBeGreaterThan(30);
  });
});
