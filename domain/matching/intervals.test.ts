import { describe, expect, it } from "vitest";
import { overlaps } from "./intervals.js";

const at = (hhmm: string): Date => new Date(`2026-06-03T${hhmm}:00Z`);
const iv = (a: string, b: string) => ({ start: at(a), end: at(b) });

describe("overlaps", () => {
  it("detects intersecting intervals", () => {
    expect(overlaps(iv("14:00", "18:00"), iv("17:00", "19:00"))).toBe(true);
    expect(overlaps(iv("14:00", "18:00"), iv("15:00", "16:00"))).toBe(true);
  });

  it("back-to-back is not an overlap without a buffer", () => {
    expect(overlaps(iv("14:00", "18:00"), iv("18:00", "20:00"))).toBe(false);
    expect(overlaps(iv("18:00", "20:00"), iv("14:00", "18:00"))).toBe(false);
  });

  it("a gap shorter than the travel buffer conflicts; exactly the buffer does not", () => {
    expect(overlaps(iv("14:00", "18:00"), iv("18:29", "20:00"), 30)).toBe(true);
    expect(overlaps(iv("14:00", "18:00"), iv("18:30", "20:00"), 30)).toBe(false);
    expect(overlaps(iv("10:00", "13:31"), iv("14:00", "18:00"), 30)).toBe(true);
    expect(overlaps(iv("10:00", "13:30"), iv("14:00", "18:00"), 30)).toBe(false);
  });
});
