import { describe, expect, it } from "vitest";
import { agencyWeek, weeklyHours } from "./hours.js";
import { local, shift, TZ } from "./fixtures.js";

describe("weeklyHours (agency week Mon–Sun local)", () => {
  const mine = (a: string, b: string, status: "SCHEDULED" | "COMPLETED" | "CANCELLED" = "SCHEDULED") =>
    shift(a, b, { caregiverId: "c1", status, key: `${a}` });

  it("the week runs Monday 00:00 to Monday 00:00 local", () => {
    const w = agencyWeek(local("2026-06-03T14:00"), TZ);
    expect(new Date(w.start)).toEqual(local("2026-06-01T00:00"));
    expect(new Date(w.end)).toEqual(local("2026-06-08T00:00"));
    // Sunday 11pm local is still the same week even though it is Monday in UTC.
    expect(agencyWeek(local("2026-06-07T23:00"), TZ).start).toBe(w.start);
  });

  it("sums scheduled and completed shifts of that caregiver, skipping cancelled and others", () => {
    const shifts = [
      mine("2026-06-01T09:00", "2026-06-01T13:00", "COMPLETED"),
      mine("2026-06-02T09:00", "2026-06-02T13:30"),
      mine("2026-06-04T09:00", "2026-06-04T13:00", "CANCELLED"),
      shift("2026-06-05T09:00", "2026-06-05T17:00", { caregiverId: "other" }),
      mine("2026-05-31T09:00", "2026-05-31T17:00"), // previous week (Sunday)
    ];
    expect(weeklyHours(shifts, "c1", local("2026-06-03T12:00"), TZ)).toBe(8.5);
  });

  it("clips shifts that cross the week boundary", () => {
    const shifts = [mine("2026-06-07T22:00", "2026-06-08T06:00")];
    expect(weeklyHours(shifts, "c1", local("2026-06-03T12:00"), TZ)).toBe(2);
    expect(weeklyHours(shifts, "c1", local("2026-06-09T12:00"), TZ)).toBe(6);
  });

  it("handles the DST week (a 23-hour Sunday still closes the week at local midnight)", () => {
    const shifts = [mine("2026-03-08T00:00", "2026-03-08T08:00")]; // clocks jump 2→3am
    expect(weeklyHours(shifts, "c1", local("2026-03-04T12:00"), TZ)).toBe(7);
  });
});
