import { describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import { callOffPlan, callOffUrgency } from "./timing.js";

const TZ = "America/Denver";
const at = (iso: string) => DateTime.fromISO(iso, { zone: TZ }).toJSDate();
const hours = { timezone: TZ };

describe("callOffUrgency", () => {
  const now = at("2026-06-03T10:00");
  it("< 2 h (or already started) → immediate_page", () => {
    expect(callOffUrgency(at("2026-06-03T11:59"), now)).toBe("immediate_page");
    expect(callOffUrgency(at("2026-06-03T09:30"), now)).toBe("immediate_page");
  });
  it("2 h to < 4 h → urgent_window; 4 h and later → normal", () => {
    expect(callOffUrgency(at("2026-06-03T12:00"), now)).toBe("urgent_window");
    expect(callOffUrgency(at("2026-06-03T13:59"), now)).toBe("urgent_window");
    expect(callOffUrgency(at("2026-06-03T14:00"), now)).toBe("normal");
  });
  it("windows are configurable", () => {
    expect(callOffUrgency(at("2026-06-03T12:30"), now, { immediatePageWithinHours: 3 })).toBe("immediate_page");
    expect(callOffUrgency(at("2026-06-03T15:00"), now, { urgentWithinHours: 6 })).toBe("urgent_window");
  });
});

describe("callOffPlan", () => {
  it("business hours: fill now; page only when < 2 h", () => {
    expect(callOffPlan(at("2026-06-03T14:00"), at("2026-06-03T10:00"), hours)).toEqual({
      urgency: "normal",
      businessHours: true,
      startFillNow: true,
      pageCoordinator: false,
      queueForMorning: false,
      reply: "call_off_ack",
      nextOpen: null,
    });
    expect(callOffPlan(at("2026-06-03T11:00"), at("2026-06-03T10:00"), hours)).toMatchObject({ startFillNow: true, pageCoordinator: true });
  });

  it("after hours, shift within 4 h: fill now without waiting for the caregiver to say URGENT", () => {
    expect(callOffPlan(at("2026-06-03T23:00"), at("2026-06-03T20:00"), hours)).toMatchObject({
      urgency: "urgent_window",
      startFillNow: true,
      pageCoordinator: false,
      queueForMorning: false,
      reply: "call_off_ack",
    });
    expect(callOffPlan(at("2026-06-03T21:00"), at("2026-06-03T20:00"), hours)).toMatchObject({ urgency: "immediate_page", pageCoordinator: true });
  });

  it("after hours, shift tomorrow afternoon: the seed's auto-reply and the morning queue", () => {
    const p = callOffPlan(at("2026-06-04T14:00"), at("2026-06-03T21:00"), hours);
    expect(p).toMatchObject({ urgency: "normal", startFillNow: false, queueForMorning: true, reply: "call_off_after_hours" });
    expect(p.nextOpen).toEqual(at("2026-06-04T08:00"));
  });

  it("after hours, shift too soon after opening for the office to fill it: fill now", () => {
    // Opens 8am; a 9am shift leaves 1 h < 4 h lead.
    expect(callOffPlan(at("2026-06-04T09:00"), at("2026-06-03T21:00"), hours)).toMatchObject({ urgency: "normal", startFillNow: true, reply: "call_off_ack" });
    // Friday night for Saturday morning: the office is closed until Monday.
    expect(callOffPlan(at("2026-06-06T14:00"), at("2026-06-05T21:00"), hours)).toMatchObject({ startFillNow: true, queueForMorning: false });
  });
});
