import { describe, expect, it } from "vitest";
import { filterCandidates, type FilterInput } from "./filters.js";
import { caregiver, CLIENT, east, local, OPEN, prefs, profile, rankInput, shift } from "./fixtures.js";
import type { Caregiver, Shift } from "../types.js";

const input = (cgs: Caregiver[], over: Partial<FilterInput> = {}): FilterInput => ({ ...rankInput(cgs), ...over });
const reasonsOf = (cg: Caregiver, over: Partial<FilterInput> = {}) => {
  const r = filterCandidates(input([cg], over));
  return r.excluded[0]?.reasons ?? [];
};
const busy = (id: string, a: string, b: string, over: Partial<Shift> = {}) => shift(a, b, { caregiverId: id, key: `${id}_${a}`, ...over });

describe("filterCandidates — hard filters", () => {
  it("a plain qualified caregiver is eligible, with distance and hours", () => {
    const r = filterCandidates(input([caregiver("c1")]));
    expect(r.excluded).toEqual([]);
    expect(r.eligible).toHaveLength(1);
    expect(r.eligible[0]!.distanceMiles).toBeCloseTo(5, 1);
    expect(r.eligible[0]).toMatchObject({ weeklyHours: 0, projectedWeeklyHours: 4, overtime: false });
  });

  it("inactive and not hired", () => {
    expect(reasonsOf(caregiver("c1", { active: false }))).toEqual(["inactive"]);
    expect(reasonsOf(caregiver("c1", { hired: false }))).toEqual(["not_hired"]);
  });

  it("the caregiver who called off", () => {
    expect(reasonsOf(caregiver("orig"))).toEqual(["original_caregiver"]);
  });

  it("opted out (STOP) and the client's do-not-send list", () => {
    expect(reasonsOf(caregiver("c1"), { optedOutIds: ["c1"] })).toEqual(["opted_out"]);
    expect(reasonsOf(caregiver("c1"), { preferences: prefs({ doNotSendCaregiverIds: ["c1"] }) })).toEqual(["do_not_send"]);
  });

  it("missing a required skill or certification", () => {
    const p = prefs({ requiredSkills: ["hoyer_lift", "dementia"] });
    expect(reasonsOf(caregiver("c1", { skills: ["HHA", "hoyer_lift"] }), { preferences: p })).toEqual(["missing_skill"]);
    expect(filterCandidates(input([caregiver("c1", { skills: ["dementia", "hoyer_lift"] })], { preferences: p })).eligible).toHaveLength(1);
  });

  it("language: the client's required language must be primary or among other languages", () => {
    const p = prefs({ requiredLanguage: "es" });
    expect(reasonsOf(caregiver("c1", { language: "en" }), { preferences: p })).toEqual(["language_mismatch"]);
    expect(filterCandidates(input([caregiver("c1", { language: "es" }), caregiver("c2", { otherLanguages: ["es"] })], { preferences: p })).eligible).toHaveLength(2);
  });

  it("gender preference (unknown gender does not satisfy it)", () => {
    const p = prefs({ genderPreference: "female" });
    expect(reasonsOf(caregiver("c1", { gender: "male" }), { preferences: p })).toEqual(["gender_preference"]);
    expect(reasonsOf(caregiver("c1", { gender: "unknown" }), { preferences: p })).toEqual(["gender_preference"]);
    expect(filterCandidates(input([caregiver("c1", { gender: "female" })], { preferences: p })).eligible).toHaveLength(1);
  });

  it("no caregiver location", () => {
    expect(reasonsOf(caregiver("c1", { location: null }))).toEqual(["no_location"]);
  });

  it("beyond the global cap (30 mi default): 29.9 in, 30.1 out", () => {
    expect(filterCandidates(input([caregiver("c1", { location: east(29.9) })])).eligible).toHaveLength(1);
    expect(reasonsOf(caregiver("c1", { location: east(30.1) }))).toEqual(["beyond_max_distance"]);
    expect(reasonsOf(caregiver("c1", { location: east(12) }), { policy: { timezone: "America/Denver", maxDistanceMiles: 10 } })).toEqual(["beyond_max_distance"]);
  });

  it("beyond the caregiver's own max distance", () => {
    const profiles = new Map([["c1", profile("c1", { maxDistanceMiles: 8 })]]);
    expect(reasonsOf(caregiver("c1", { location: east(9) }), { profiles })).toEqual(["beyond_caregiver_max_distance"]);
    expect(filterCandidates(input([caregiver("c1", { location: east(7) })], { profiles })).eligible).toHaveLength(1);
  });

  it("uses the client's location when the shift has none; skips distance rules when neither has one", () => {
    const noLoc = { ...OPEN, location: null };
    expect(reasonsOf(caregiver("c1", { location: east(40) }), { shift: noLoc })).toEqual(["beyond_max_distance"]);
    const r = filterCandidates(input([caregiver("c1", { location: null })], { shift: noLoc, client: { ...CLIENT, location: null } }));
    expect(r.eligible[0]?.distanceMiles).toBeNull();
  });

  it("overlapping shift including the 30-minute travel buffer", () => {
    // Open shift is 14:00–18:00.
    expect(reasonsOf(caregiver("c1"), { schedule: [busy("c1", "2026-06-03T15:00", "2026-06-03T16:00")] })).toEqual(["schedule_conflict"]);
    expect(reasonsOf(caregiver("c1"), { schedule: [busy("c1", "2026-06-03T10:00", "2026-06-03T13:45")] })).toEqual(["schedule_conflict"]);
    expect(reasonsOf(caregiver("c1"), { schedule: [busy("c1", "2026-06-03T18:15", "2026-06-03T20:00")] })).toEqual(["schedule_conflict"]);
    const ok = [busy("c1", "2026-06-03T10:00", "2026-06-03T13:30"), busy("c1", "2026-06-03T18:30", "2026-06-03T20:00")];
    expect(filterCandidates(input([caregiver("c1")], { schedule: ok })).eligible).toHaveLength(1);
  });

  it("cancelled shifts and the open shift itself are not conflicts", () => {
    const schedule = [busy("c1", "2026-06-03T14:00", "2026-06-03T18:00", { status: "CANCELLED" }), { ...OPEN, caregiverId: "c1" }];
    expect(filterCandidates(input([caregiver("c1")], { schedule })).eligible).toHaveLength(1);
  });

  it("time off overlapping the shift (no travel buffer)", () => {
    const timeOff = [{ caregiverId: "c1", start: local("2026-06-03T00:00"), end: local("2026-06-04T00:00") }];
    expect(reasonsOf(caregiver("c1"), { timeOff })).toEqual(["time_off"]);
    const before = [{ caregiverId: "c1", start: local("2026-06-03T08:00"), end: local("2026-06-03T14:00") }];
    expect(filterCandidates(input([caregiver("c1")], { timeOff: before })).eligible).toHaveLength(1);
  });

  it("already holding an open offer for an overlapping shift", () => {
    expect(reasonsOf(caregiver("c1"), { openOfferConflictIds: new Set(["c1"]) })).toEqual(["open_offer_conflict"]);
  });

  it("daily offer cap reached (6 by default): 5 is fine, 6 is not", () => {
    expect(filterCandidates(input([caregiver("c1")], { offersSentToday: new Map([["c1", 5]]) })).eligible).toHaveLength(1);
    expect(reasonsOf(caregiver("c1"), { offersSentToday: new Map([["c1", 6]]) })).toEqual(["daily_offer_cap"]);
  });

  it("reports every applicable reason, not just the first", () => {
    const cg = caregiver("orig", { active: false, location: east(50), skills: [] });
    expect(reasonsOf(cg, { preferences: prefs({ requiredSkills: ["CNA"] }), optedOutIds: ["orig"] })).toEqual([
      "inactive",
      "original_caregiver",
      "opted_out",
      "missing_skill",
      "beyond_max_distance",
    ]);
  });
});

describe("overtime: flagged, not excluded", () => {
  it("36 h + 4 h = 40 is at the cap (not over); 36.5 + 4 is over", () => {
    const at = (hours: number) => [
      busy("c1", "2026-05-31T23:00", "2026-06-01T23:00"), // 23 h on Monday (plus 1 h Sunday outside the week)
      shift("2026-06-02T06:00", "2026-06-02T06:00", { caregiverId: "c1", key: "x", end: new Date(local("2026-06-02T06:00").getTime() + (hours - 23) * 3_600_000) }),
    ];
    const ok = filterCandidates(input([caregiver("c1")], { schedule: at(36) })).eligible[0]!;
    expect(ok).toMatchObject({ weeklyHours: 36, projectedWeeklyHours: 40, overtime: false });
    const over = filterCandidates(input([caregiver("c1")], { schedule: at(36.5) })).eligible[0]!;
    expect(over).toMatchObject({ weeklyHours: 36.5, projectedWeeklyHours: 40.5, overtime: true });
  });

  it("a Sunday overnight open shift checks the hours of the week it spills into", () => {
    const sundayNight = shift("2026-06-07T22:00", "2026-06-08T08:00", { key: "sun", caregiverId: "orig", location: OPEN.location });
    // 36 h scheduled in the *next* week: 36 + 8 (Monday part) = 44 > 40.
    const nextWeek = [busy("c1", "2026-06-09T00:00", "2026-06-10T12:00")];
    const c = filterCandidates(input([caregiver("c1")], { shift: sundayNight, schedule: nextWeek })).eligible[0]!;
    expect(c).toMatchObject({ weeklyHours: 0, projectedWeeklyHours: 2, overtime: true });
  });
});
