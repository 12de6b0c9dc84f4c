import { describe, expect, it } from "vitest";
import { compareRanked, rankCandidates } from "./rank.js";
import { caregiver, east, local, prefs, profile, rankInput, shift } from "./fixtures.js";

describe("rankCandidates", () => {
  it("orders by tier, then score, then distance, then id, with breakdowns", () => {
    const cgs = [
      caregiver("far-ot", { location: east(3) }), // overtime → tier 3 despite prior assignment
      caregiver("t3", { location: east(25) }), // 5 + 10 = 15 → tier 3
      caregiver("t2b", { location: east(8) }), // 15 + 10 = 25, +5 pref = 30 → tier 2
      caregiver("t2a", { location: east(4) }), // 15 + 10 + 10 (rating) = 35 → tier 2
      caregiver("pref", { location: east(22) }), // client-preferred → tier 1
      caregiver("prior", { location: east(15) }), // prior assignment → tier 1
      caregiver("zz-tie", { location: east(4) }), // same as t2a: tie on score and distance → id decides
      caregiver("out", { active: false }),
    ];
    const profiles = new Map([
      ["t2a", profile("t2a", { avgRating: 4.8 })],
      ["zz-tie", profile("zz-tie", { avgRating: 4.8 })],
      ["t2b", profile("t2b", { preferredShiftTypes: ["afternoon"] })],
    ]);
    const schedule = [shift("2026-06-01T00:00", "2026-06-02T14:00", { caregiverId: "far-ot", key: "ot" })]; // 38 h
    const r = rankCandidates(
      rankInput(cgs, { profiles, schedule, priorAssignmentIds: ["prior", "far-ot"], preferences: prefs({ preferredCaregiverIds: ["pref"] }) }),
    );
    expect(r.shiftType).toBe("afternoon");
    expect(r.ranked.map((c) => [c.caregiver.id, c.tier, c.score])).toEqual([
      ["prior", 1, 50], // 30 + 10 + 10
      ["pref", 1, 35], // 20 + 5 + 10
      ["t2a", 2, 35],
      ["zz-tie", 2, 35],
      ["t2b", 2, 30],
      ["far-ot", 3, 45], // 30 + 15 + 0 (38 h) — over the cap with this shift, so tier 3 and flagged
      ["t3", 3, 15],
    ]);
    expect(r.ranked.find((c) => c.caregiver.id === "far-ot")).toMatchObject({ overtime: true, weeklyHours: 38, projectedWeeklyHours: 42 });
    expect(r.excluded).toEqual([{ caregiverId: "out", reasons: ["inactive"] }]);
    const prior = r.ranked[0]!;
    expect(prior.breakdown.map((l) => l.rule)).toEqual(["prior_assignment", "distance", "weekly_hours"]);
    expect(prior.breakdown.reduce((s, l) => s + l.points, 0)).toBe(prior.score);
  });

  it("distance breaks score ties, unknown distance last", () => {
    const cgs = [caregiver("b", { location: east(9) }), caregiver("a", { location: east(6) })];
    expect(rankCandidates(rankInput(cgs)).ranked.map((c) => c.caregiver.id)).toEqual(["a", "b"]);
    const base = rankCandidates(rankInput([caregiver("x")])).ranked[0]!;
    const unknown = { ...base, distanceMiles: null, caregiver: caregiver("a") };
    expect(compareRanked(base, unknown)).toBeLessThan(0);
  });

  it("recently accepted uses the policy window; the learned term reorders equal seed scores", () => {
    const cgs = [caregiver("a"), caregiver("b"), caregiver("c")];
    const r = rankCandidates(
      rankInput(cgs, {
        lastAcceptedAt: new Map([["c", local("2026-05-20T10:00")]]),
        histories: new Map([
          ["a", { offersReceived: 40, offersResponded: 10, offersAccepted: 2, acceptedShiftsDue: 2, acceptedShiftsWorked: 1 }],
          ["b", { offersReceived: 40, offersResponded: 38, offersAccepted: 25, acceptedShiftsDue: 25, acceptedShiftsWorked: 25 }],
        ]),
      }),
    );
    expect(r.ranked.map((c) => [c.caregiver.id, c.seedScore, c.learned, c.score])).toEqual([
      ["b", 25, 8, 33], // responds 95%, accepts 63%, worked 25/25: +3 +2 +3
      ["c", 30, 0, 30], // +5 for accepting two weeks ago, no history
      ["a", 25, -10, 15], // responds 25%, accepts 5%, worked 1/2: −3 −3 −4
    ]);
    expect(r.ranked[0]!.tier).toBe(2); // the learned term can lift a caregiver into tier 2
    const short = rankCandidates(rankInput(cgs, { lastAcceptedAt: new Map([["c", local("2026-05-20T10:00")]]), policy: { timezone: "America/Denver", recentAcceptDays: 7 } }));
    expect(short.ranked.find((c) => c.caregiver.id === "c")!.seedScore).toBe(25);
  });

  it("weekly hours feed the score: 31.9 h earns +10, 32 h earns +5", () => {
    const mk = (id: string, hours: number) =>
      shift("2026-06-01T00:00", "2026-06-01T00:00", { caregiverId: id, key: id, end: new Date(local("2026-06-01T00:00").getTime() + hours * 3_600_000) });
    const r = rankCandidates(rankInput([caregiver("a"), caregiver("b")], { schedule: [mk("a", 31.9), mk("b", 32)] }));
    const line = (id: string) => r.ranked.find((c) => c.caregiver.id === id)!.breakdown.find((l) => l.rule === "weekly_hours")?.points;
    expect(line("a")).toBe(10);
    expect(line("b")).toBe(5);
  });

  it("is deterministic regardless of input order", () => {
    const cgs = Array.from({ length: 50 }, (_, i) => caregiver(`c${String(i).padStart(2, "0")}`, { location: east((i * 7) % 29) }));
    const a = rankCandidates(rankInput(cgs)).ranked.map((c) => c.caregiver.id);
    const b = rankCandidates(rankInput([...cgs].reverse())).ranked.map((c) => c.caregiver.id);
    expect(a).toEqual(b);
  });
});
