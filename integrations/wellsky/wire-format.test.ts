import { describe, expect, it } from "vitest";
import { compactUtcDate, formatWireDateTime, parseCompactDate, parseWireDateTime, toE164, toWirePhone } from "./wire-format.js";

describe("wire datetimes", () => {
  it("reads no offset as UTC and honours explicit offsets", () => {
    expect(parseWireDateTime("2026-01-29T14:00:00")?.toISOString()).toBe("2026-01-29T14:00:00.000Z");
    expect(parseWireDateTime("2026-01-29T14:00:00+00:00")?.toISOString()).toBe("2026-01-29T14:00:00.000Z");
    expect(parseWireDateTime("2026-01-29T07:00:00-07:00")?.toISOString()).toBe("2026-01-29T14:00:00.000Z");
    expect(parseWireDateTime("2026-01-31T18:05:00Z")?.toISOString()).toBe("2026-01-31T18:05:00.000Z");
    expect(parseWireDateTime("2026-01-31T18:05:00.250Z")?.toISOString()).toBe("2026-01-31T18:05:00.250Z");
    expect(parseWireDateTime("nope")).toBeNull();
    // Not real instants: the platform parser would roll these over to March 2 / the next day.
    expect(parseWireDateTime("2026-02-30T10:00:00")).toBeNull();
    expect(parseWireDateTime("2026-01-29T24:00:00")).toBeNull();
    expect(parseWireDateTime("2026-01-29T14:00:00+25:00")).toBeNull();
    expect(parseWireDateTime(null)).toBeNull();
  });

  it("writes +00:00 in responses and the bare UTC form in requests", () => {
    const at = new Date("2026-06-03T14:00:00.123Z");
    expect(formatWireDateTime(at)).toBe("2026-06-03T14:00:00+00:00");
    expect(formatWireDateTime(at, "bare")).toBe("2026-06-03T14:00:00");
  });

  it("handles compact dates", () => {
    expect(compactUtcDate(new Date("2026-11-23T23:30:00-07:00"))).toBe("20261124");
    expect(parseCompactDate("20260229")).toBeNull();
    expect(parseCompactDate("20280229")?.toISOString()).toBe("2028-02-29T00:00:00.000Z");
  });
});

describe("phones", () => {
  it("normalizes the 10-digit wire form and loose formats to E.164", () => {
    expect(toE164("3035559876")).toBe("+13035559876");
    expect(toE164("(720) 555-0123")).toBe("+17205550123");
    expect(toE164("+1 970 555 0101")).toBe("+19705550101");
    expect(toE164("3035550100x123")).toBe("+13035550100");
    expect(toE164("303-555-0100 ext. 45")).toBe("+13035550100");
  });

  it("rejects numbers that are not valid NANP numbers", () => {
    expect(toE164("1035559876")).toBeNull(); // area code may not start with 1
    expect(toE164("3031559876")).toBeNull(); // exchange may not start with 1
    expect(toE164("555-0123")).toBeNull();
    expect(toE164("")).toBeNull();
    expect(toE164(undefined)).toBeNull();
  });

  it("converts back to the wire form", () => {
    expect(toWirePhone("+13035550142")).toBe("3035550142");
    expect(toWirePhone("bad")).toBeNull();
  });
});
