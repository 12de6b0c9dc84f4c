import { describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import { isBusinessHours, nextBusinessOpen } from "./business-hours.js";

const TZ = "America/Denver";
const at = (iso: string) => DateTime.fromISO(iso, { zone: TZ }).toJSDate();
const cfg = { timezone: TZ };

describe("isBusinessHours (8am–6pm Mon–Fri, agency local)", () => {
  it("open from 08:00 inclusive to 18:00 exclusive on weekdays", () => {
    expect(isBusinessHours(at("2026-06-03T07:59"), cfg)).toBe(false); // Wednesday
    expect(isBusinessHours(at("2026-06-03T08:00"), cfg)).toBe(true);
    expect(isBusinessHours(at("2026-06-03T17:59"), cfg)).toBe(true);
    expect(isBusinessHours(at("2026-06-03T18:00"), cfg)).toBe(false);
  });

  it("closed on weekends and closed dates", () => {
    expect(isBusinessHours(at("2026-06-06T10:00"), cfg)).toBe(false); // Saturday
    expect(isBusinessHours(at("2026-06-07T10:00"), cfg)).toBe(false); // Sunday
    expect(isBusinessHours(at("2026-07-03T10:00"), { ...cfg, closedDates: ["2026-07-03"] })).toBe(false);
  });

  it("uses the agency timezone (17:00 UTC is 11am in Denver)", () => {
    expect(isBusinessHours(new Date("2026-06-03T17:00:00Z"), cfg)).toBe(true);
    expect(isBusinessHours(new Date("2026-06-03T13:00:00Z"), cfg)).toBe(false); // 7am local
    expect(isBusinessHours(new Date("2026-06-03T13:00:00Z"), { timezone: "America/New_York" })).toBe(true); // 9am ET
  });

  it("honours custom hours and days", () => {
    const sat = { timezone: TZ, start: "09:30", end: "13:00", days: [6] };
    expect(isBusinessHours(at("2026-06-06T09:30"), sat)).toBe(true);
    expect(isBusinessHours(at("2026-06-06T09:29"), sat)).toBe(false);
    expect(isBusinessHours(at("2026-06-03T10:00"), sat)).toBe(false);
  });
});

describe("nextBusinessOpen", () => {
  it("is now when open", () => {
    expect(nextBusinessOpen(at("2026-06-03T10:00"), cfg)).toEqual(at("2026-06-03T10:00"));
  });

  it("same morning before opening, next morning after closing", () => {
    expect(nextBusinessOpen(at("2026-06-03T06:15"), cfg)).toEqual(at("2026-06-03T08:00"));
    expect(nextBusinessOpen(at("2026-06-03T19:00"), cfg)).toEqual(at("2026-06-04T08:00"));
  });

  it("Friday evening → Monday 8am; skips a closed Monday", () => {
    expect(nextBusinessOpen(at("2026-06-05T18:00"), cfg)).toEqual(at("2026-06-08T08:00"));
    expect(nextBusinessOpen(at("2026-05-22T20:00"), { ...cfg, closedDates: ["2026-05-25"] })).toEqual(at("2026-05-26T08:00"));
  });

  it("across the spring DST change the opening is still 8am local", () => {
    const open = nextBusinessOpen(at("2026-03-07T12:00"), cfg); // Saturday before DST starts Sunday
    expect(DateTime.fromJSDate(open, { zone: TZ }).toFormat("yyyy-MM-dd HH:mm ZZ")).toBe("2026-03-09 08:00 -06:00");
  });

  it("rejects a config with no open day or a malformed time", () => {
    expect(() => isBusinessHours(at("2026-06-03T10:00"), { ...cfg, days: [] })).toThrow();
    expect(() => nextBusinessOpen(at("2026-06-03T10:00"), { ...cfg, start: "8am" })).toThrow();
  });
});
