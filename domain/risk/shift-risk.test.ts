import { describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import { calculateShiftRisk, interventionPlan, riskLevel, type ShiftRiskInput } from "./shift-risk.js";

const TZ = "America/Denver";
const at = (iso: string) => DateTime.fromISO(iso, { zone: TZ }).toJSDate();

/** A Wednesday 9am–1pm shift, 48 h out, confirmed, by a veteran who knows the client: zero risk. */
const base: ShiftRiskInput = {
  shift: { start: at("2026-06-10T09:00"), end: at("2026-06-10T13:00"), confirmed: true },
  caregiver: { calloffs90d: 0, scheduledShifts90d: 40, lastCalloffAt: null, hireDate: "2024-01-15", engagementScore: 80 },
  priorAssignment: true,
  clientDifficultyScore: 1,
  weatherRisk: false,
  timezone: TZ,
  now: at("2026-06-08T09:00"),
};
type Over = { shift?: Partial<ShiftRiskInput["shift"]>; caregiver?: Partial<ShiftRiskInput["caregiver"]> } & Partial<Omit<ShiftRiskInput, "shift" | "caregiver">>;
const risk = (o: Over = {}) =>
  calculateShiftRisk({ ...base, ...o, shift: { ...base.shift, ...o.shift }, caregiver: { ...base.caregiver, ...o.caregiver } });
const pts = (o: Over, factor: string) => risk(o).breakdown.find((l) => l.factor === factor)?.points ?? 0;

describe("calculateShiftRisk — the seed's calculate_shift_risk_score", () => {
  it("scores 0 for the safe baseline", () => {
    expect(risk()).toEqual({ score: 0, level: "low", breakdown: [], hoursUntil: 48 });
  });

  it("call-off rate (90 d): >15% → 25, >10% → 15, >5% → 5; exact boundaries earn the lower band", () => {
    const r = (n: number) => pts({ caregiver: { calloffs90d: n, scheduledShifts90d: 100 } }, "calloff_rate");
    expect(r(16)).toBe(25);
    expect(r(15)).toBe(15);
    expect(r(11)).toBe(15);
    expect(r(10)).toBe(5);
    expect(r(6)).toBe(5);
    expect(r(5)).toBe(0);
    expect(pts({ caregiver: { calloffs90d: 0, scheduledShifts90d: 0 } }, "calloff_rate")).toBe(0); // no division by zero
  });

  it("recent call-off: < 7 days → 15, < 14 → 8", () => {
    const r = (daysAgo: number) => pts({ caregiver: { lastCalloffAt: new Date(base.now.getTime() - daysAgo * 86_400_000) } }, "recent_calloff");
    expect(r(6.9)).toBe(15);
    expect(r(7)).toBe(8);
    expect(r(13.9)).toBe(8);
    expect(r(14)).toBe(0);
  });

  it("tenure: < 30 days → 15, < 90 → 8", () => {
    expect(pts({ caregiver: { hireDate: "2026-05-10" } }, "tenure")).toBe(15); // 29 days
    expect(pts({ caregiver: { hireDate: "2026-05-09" } }, "tenure")).toBe(8); // 30 days
    expect(pts({ caregiver: { hireDate: "2026-03-11" } }, "tenure")).toBe(8); // 89 days
    expect(pts({ caregiver: { hireDate: "2026-03-10" } }, "tenure")).toBe(0); // 90 days
    expect(pts({ caregiver: { hireDate: null } }, "tenure")).toBe(0);
  });

  it("early morning (local start before 7am) +10", () => {
    expect(pts({ shift: { start: at("2026-06-10T06:59"), end: at("2026-06-10T11:00") } }, "early_morning")).toBe(10);
    expect(pts({ shift: { start: at("2026-06-10T07:00"), end: at("2026-06-10T11:00") } }, "early_morning")).toBe(0);
  });

  it("weekend (local Saturday/Sunday) +8", () => {
    expect(pts({ shift: { start: at("2026-06-13T09:00"), end: at("2026-06-13T13:00") } }, "weekend")).toBe(8);
    expect(pts({ shift: { start: at("2026-06-14T09:00"), end: at("2026-06-14T13:00") } }, "weekend")).toBe(8);
    // Friday 8pm local is Saturday in UTC — still a weekday shift.
    expect(pts({ shift: { start: at("2026-06-12T20:00"), end: at("2026-06-12T23:00") } }, "weekend")).toBe(0);
  });

  it("long shift (8 h or more) +5", () => {
    expect(pts({ shift: { end: at("2026-06-10T17:00") } }, "long_shift")).toBe(5);
    expect(pts({ shift: { end: at("2026-06-10T16:59") } }, "long_shift")).toBe(0);
  });

  it("first time with the client +10; difficult client (> 3) +10", () => {
    expect(pts({ priorAssignment: false }, "new_to_client")).toBe(10);
    expect(pts({ clientDifficultyScore: 4 }, "difficult_client")).toBe(10);
    expect(pts({ clientDifficultyScore: 3 }, "difficult_client")).toBe(0);
    expect(pts({ clientDifficultyScore: null }, "difficult_client")).toBe(0);
  });

  it("weather +15; near a holiday +10; day after payday +5", () => {
    expect(pts({ weatherRisk: true }, "weather")).toBe(15);
    const july = { shift: { start: at("2026-07-03T09:00"), end: at("2026-07-03T13:00") } };
    expect(pts(july, "holiday")).toBe(10); // day before July 4 (default US federal calendar)
    expect(pts({ shift: { start: at("2026-07-06T09:00"), end: at("2026-07-06T13:00") } }, "holiday")).toBe(0);
    expect(pts({ ...july, holidays: [] }, "holiday")).toBe(0);
    expect(pts({ paySchedule: { everyDays: 14, anchor: "2026-05-26" } }, "day_after_payday")).toBe(5); // paid Tue 6/9
    expect(pts({ paySchedule: { dates: ["2026-06-09"] } }, "day_after_payday")).toBe(5);
    expect(pts({ paySchedule: { dates: ["2026-06-10"] } }, "day_after_payday")).toBe(0);
    expect(pts({}, "day_after_payday")).toBe(0);
  });

  it("unconfirmed and under 24 h away +20", () => {
    const soon = { now: at("2026-06-09T09:01") };
    expect(pts({ ...soon, shift: { confirmed: false } }, "unconfirmed")).toBe(20);
    expect(pts({ now: at("2026-06-09T09:00"), shift: { confirmed: false } }, "unconfirmed")).toBe(0); // exactly 24 h
    expect(pts({ ...soon, shift: { confirmed: true } }, "unconfirmed")).toBe(0);
  });

  it("low engagement (< 50) +10; 0 counts, null does not", () => {
    expect(pts({ caregiver: { engagementScore: 49 } }, "low_engagement")).toBe(10);
    expect(pts({ caregiver: { engagementScore: 50 } }, "low_engagement")).toBe(0);
    expect(pts({ caregiver: { engagementScore: 0 } }, "low_engagement")).toBe(10);
    expect(pts({ caregiver: { engagementScore: null } }, "low_engagement")).toBe(0);
  });

  it("the seed's 🔴 example: new, unconfirmed early-morning caregiver tomorrow", () => {
    // Like the widget's "Maria G., Tomorrow 7AM, Unconfirmed": 25 (2 of 10 called off = 20%) + 15 (call-off
    // 3 d ago) + 15 (hired 20 d ago) + 10 (6:30am) + 10 (new to client) + 20 (unconfirmed < 24 h) = 95.
    const r = risk({
      now: at("2026-06-09T12:00"),
      shift: { start: at("2026-06-10T06:30"), end: at("2026-06-10T10:30"), confirmed: false },
      caregiver: { calloffs90d: 2, scheduledShifts90d: 10, lastCalloffAt: at("2026-06-06T12:00"), hireDate: "2026-05-20", engagementScore: 70 },
      priorAssignment: false,
    });
    expect(r.breakdown.map((l) => [l.factor, l.points])).toEqual([
      ["calloff_rate", 25],
      ["recent_calloff", 15],
      ["tenure", 15],
      ["early_morning", 10],
      ["new_to_client", 10],
      ["unconfirmed", 20],
    ]);
    expect(r.score).toBe(95);
    expect(r.level).toBe("critical");
  });

  it("caps at 100 with a cap line", () => {
    const r = risk({
      now: at("2026-12-26T12:00"),
      shift: { start: at("2026-12-26T06:00"), end: at("2026-12-26T18:00"), confirmed: false },
      caregiver: { calloffs90d: 9, scheduledShifts90d: 30, lastCalloffAt: at("2026-12-24T08:00"), hireDate: "2026-12-01", engagementScore: 10 },
      priorAssignment: false,
      clientDifficultyScore: 5,
      weatherRisk: true,
    });
    expect(r.score).toBe(100);
    expect(r.breakdown.at(-1)?.factor).toBe("cap");
    expect(r.breakdown.reduce((s, l) => s + l.points, 0)).toBe(100);
  });
});

describe("risk levels and interventions", () => {
  it("levels: ≥80 critical, >60 high, ≥40 elevated, else low (the seed's widget: 82, 68, 55)", () => {
    expect([82, 80, 79, 68, 61, 60, 55, 40, 39].map(riskLevel)).toEqual([
      "critical",
      "critical",
      "high",
      "high",
      "high",
      "elevated",
      "elevated",
      "elevated",
      "low",
    ]);
  });

  it("above 60: flag, confirm, pre-stage 3 backups, alert, prepare outreach; call + backup outreach if unconfirmed", () => {
    expect(interventionPlan({ score: 61, level: "high", hoursUntil: 30 }, false)).toEqual({
      intervene: true,
      proactive: true,
      steps: ["flag_dashboard", "request_confirmation", "prestage_backups", "alert_coordinator", "prepare_outreach"],
      ifUnconfirmed: ["call_caregiver", "activate_backup_outreach"],
      backups: 3,
      showOnDashboard: true,
    });
    expect(interventionPlan({ score: 68, level: "high", hoursUntil: 10 }, true)).toMatchObject({
      proactive: false,
      steps: ["flag_dashboard", "prestage_backups", "alert_coordinator", "prepare_outreach"],
      ifUnconfirmed: [],
    });
  });

  it("60 and below: no intervention; elevated shifts within 48 h still show on the dashboard", () => {
    expect(interventionPlan({ score: 60, level: "elevated", hoursUntil: 20 }, false)).toMatchObject({ intervene: false, steps: [], backups: 0, showOnDashboard: true });
    expect(interventionPlan({ score: 55, level: "elevated", hoursUntil: 49 }, false).showOnDashboard).toBe(false);
    expect(interventionPlan({ score: 20, level: "low", hoursUntil: 5 }, false).showOnDashboard).toBe(false);
  });
});
