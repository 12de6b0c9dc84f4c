import { describe, expect, it } from "vitest";
import { appointmentSearchProblems, appointmentSearchWindow, toWireAppointmentSearch } from "./appointment-search.js";

describe("appointment search rules", () => {
  it("accepts each documented shape", () => {
    expect(appointmentSearchProblems({ clientId: "2870130", startDate: "20260101" })).toEqual([]);
    expect(appointmentSearchProblems({ caregiverId: "3306118", startDate: "20260101", additionalDays: "6" })).toEqual([]);
    expect(appointmentSearchProblems({ clientId: "1", caregiverId: "2", weekNo: "202605" })).toEqual([]);
    expect(appointmentSearchProblems({ caregiverId: "2", monthNo: "202602" })).toEqual([]);
  });

  it("requires a caregiver or client", () => {
    expect(appointmentSearchProblems({ startDate: "20260101" })).toEqual(["'caregiverId' or 'clientId' is required."]);
  });

  it("requires exactly one period", () => {
    expect(appointmentSearchProblems({ clientId: "1" })).toEqual(["One of 'startDate', 'weekNo' or 'monthNo' is required."]);
    expect(appointmentSearchProblems({ clientId: "1", startDate: "20260101", monthNo: "202601" })).toContain("Only one of 'startDate', 'weekNo' or 'monthNo' may be given.");
  });

  it("caps the window at 7 days", () => {
    expect(appointmentSearchProblems({ clientId: "1", startDate: "20260101", additionalDays: "7" })).toEqual(["'additionalDays' must be a whole number from 1 to 6."]);
    expect(appointmentSearchProblems({ clientId: "1", startDate: "20260101", additionalDays: "0" })).toHaveLength(1);
    expect(appointmentSearchProblems({ clientId: "1", weekNo: "202601", additionalDays: "2" })).toContain("'additionalDays' is only allowed with 'startDate'.");
  });

  it("checks formats", () => {
    expect(appointmentSearchProblems({ clientId: "1", startDate: "2026-01-01" })).toEqual(["'startDate' must be a date in YYYYMMDD format."]);
    expect(appointmentSearchProblems({ clientId: "1", weekNo: "202554" })).toEqual(["'weekNo' must be an ISO week in YYYYWW format."]);
    expect(appointmentSearchProblems({ clientId: "1", weekNo: "202553" })).toEqual(["'weekNo' must be an ISO week in YYYYWW format."]); // 2025 has 52 ISO weeks
    expect(appointmentSearchProblems({ clientId: "1", weekNo: "202653" })).toEqual([]); // 2026 has 53
    expect(appointmentSearchProblems({ clientId: "1", monthNo: "202613" })).toEqual(["'monthNo' must be a month in YYYYMM format."]);
    expect(appointmentSearchProblems({ clientId: "abc", monthNo: "202601" })).toEqual(["'clientId' must be a numeric id."]);
  });

  it("computes UTC windows", () => {
    const w = appointmentSearchWindow({ clientId: "1", startDate: "20260101", additionalDays: "6" });
    expect([w.from.toISOString(), w.to.toISOString()]).toEqual(["2026-01-01T00:00:00.000Z", "2026-01-08T00:00:00.000Z"]);
    const week = appointmentSearchWindow({ clientId: "1", weekNo: "202601" });
    expect([week.from.toISOString(), week.to.toISOString()]).toEqual(["2025-12-29T00:00:00.000Z", "2026-01-05T00:00:00.000Z"]);
    const month = appointmentSearchWindow({ clientId: "1", monthNo: "202602" });
    expect([month.from.toISOString(), month.to.toISOString()]).toEqual(["2026-02-01T00:00:00.000Z", "2026-03-01T00:00:00.000Z"]);
  });

  it("converts typed searches, using the UTC date of a Date", () => {
    expect(toWireAppointmentSearch({ clientId: "1", startDate: new Date("2026-11-23T23:30:00-07:00"), additionalDays: 2 })).toEqual({ clientId: "1", startDate: "20261124", additionalDays: "2" });
  });
});
