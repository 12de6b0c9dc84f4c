import { describe, expect, it } from "vitest";
import { isDayAfterPayday, isNearHoliday, usFederalHolidays } from "./calendar.js";

describe("holiday and payday calendar", () => {
  it("computes US federal holidays for 2026", () => {
    expect(usFederalHolidays(2026)).toEqual([
      "2026-01-01",
      "2026-01-19",
      "2026-02-16",
      "2026-05-25",
      "2026-06-19",
      "2026-07-04",
      "2026-09-07",
      "2026-10-12",
      "2026-11-11",
      "2026-11-26",
      "2026-12-25",
    ]);
  });

  it("near = within N days either side", () => {
    const h = ["2026-11-26"];
    expect(isNearHoliday("2026-11-25", h, 1)).toBe(true);
    expect(isNearHoliday("2026-11-27", h, 1)).toBe(true);
    expect(isNearHoliday("2026-11-28", h, 1)).toBe(false);
    expect(isNearHoliday("2026-11-28", h, 2)).toBe(true);
  });

  it("day after payday for biweekly schedules (before and after the anchor) and explicit dates", () => {
    const s = { everyDays: 14, anchor: "2026-06-05" };
    expect(isDayAfterPayday("2026-06-06", s)).toBe(true);
    expect(isDayAfterPayday("2026-06-20", s)).toBe(true);
    expect(isDayAfterPayday("2026-05-23", s)).toBe(true);
    expect(isDayAfterPayday("2026-06-13", s)).toBe(false);
    expect(isDayAfterPayday("2026-06-16", { dates: ["2026-06-15"] })).toBe(true);
  });
});
