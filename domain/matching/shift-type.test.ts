import { describe, expect, it } from "vitest";
import { shiftType } from "./shift-type.js";
import { local, TZ } from "./fixtures.js";

const st = (a: string, b: string) => shiftType({ start: local(a), end: local(b) }, TZ);

describe("shiftType (local start and length, America/Denver)", () => {
  it("classifies by local start hour", () => {
    expect(st("2026-06-03T04:00", "2026-06-03T08:00")).toBe("morning");
    expect(st("2026-06-03T09:00", "2026-06-03T13:00")).toBe("morning");
    expect(st("2026-06-03T10:59", "2026-06-03T14:00")).toBe("morning");
    expect(st("2026-06-03T11:00", "2026-06-03T15:00")).toBe("afternoon");
    expect(st("2026-06-03T14:00", "2026-06-03T18:00")).toBe("afternoon");
    expect(st("2026-06-03T16:00", "2026-06-03T21:00")).toBe("evening");
    expect(st("2026-06-03T19:59", "2026-06-03T23:00")).toBe("evening");
    expect(st("2026-06-03T20:00", "2026-06-04T06:00")).toBe("overnight");
    expect(st("2026-06-03T22:00", "2026-06-04T08:00")).toBe("overnight");
    expect(st("2026-06-04T03:59", "2026-06-04T08:00")).toBe("overnight");
  });

  it("a shift covering 00:00–04:00 is overnight even if it starts in the evening", () => {
    expect(st("2026-06-03T18:00", "2026-06-04T06:00")).toBe("overnight");
    expect(st("2026-06-03T18:00", "2026-06-04T03:00")).toBe("evening");
  });

  it("20 h or more is live-in", () => {
    expect(st("2026-06-03T08:00", "2026-06-04T08:00")).toBe("live_in");
    expect(st("2026-06-03T08:00", "2026-06-04T04:00")).toBe("live_in");
    // 19 h 59 min is not live-in; it starts at 8am and ends before 04:00, so it is a morning shift.
    expect(st("2026-06-03T08:00", "2026-06-04T03:59")).toBe("morning");
  });

  it("uses the agency timezone, not UTC", () => {
    // 15:00Z is 9am in Denver (MDT) but afternoon in UTC.
    expect(shiftType({ start: new Date("2026-06-03T15:00:00Z"), end: new Date("2026-06-03T19:00:00Z") }, TZ)).toBe("morning");
  });
});
