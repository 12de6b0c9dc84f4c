import { describe, expect, it } from "vitest";
import type { Caregiver, CaregiverProfile, Shift, ShiftType, Skill } from "../types.js";
import { caregiver, east, local, OPEN, prefs, profile, rankInput } from "./fixtures.js";
import type { CaregiverHistory } from "./learned.js";
import { rankCandidates } from "./rank.js";
import { mulberry32 } from "../../lib/prng.js";

const rng = mulberry32;

const N = 5000;
const RUNS = 15;
const ROUNDS = 3;
/**
 * The target is 50 ms (issue #4), measured alone by `npm run bench:fill`. Inside the test suite two workers share
 * two cores with PGlite, so wall-clock time here is noisy; the suite guards against a complexity regression
 * (an accidental O(n²) takes seconds) with a looser bound, and prints the measured median.
 */
const BUDGET_MS = 150;

function syntheticAgency() {
  const r = rng(42);
  const skills: Skill[] = ["CNA", "HHA", "hoyer_lift", "dementia", "hospice", "diabetes"];
  const types: ShiftType[] = ["morning", "afternoon", "evening", "overnight", "live_in"];
  const caregivers: Caregiver[] = [];
  const profiles = new Map<string, CaregiverProfile>();
  const schedule: Shift[] = [];
  const histories = new Map<string, CaregiverHistory>();
  const lastAcceptedAt = new Map<string, Date>();
  const offersSentToday = new Map<string, number>();
  const weekStart = local("2026-06-01T00:00").getTime();
  for (let i = 0; i < N; i++) {
    const id = `cg${i}`;
    const angle = r() * 2 * Math.PI;
    const miles = r() * 33; // most within the 30-mile cap, so nearly everyone is scored (the expensive path)
    const p = east(miles * Math.cos(angle));
    caregivers.push(
      caregiver(id, {
        location: r() < 0.02 ? null : { lat: p.lat + (miles * Math.sin(angle)) / 69, lng: p.lng },
        skills: skills.filter(() => r() < 0.5),
        language: r() < 0.8 ? "en" : "es",
        otherLanguages: r() < 0.3 ? ["es"] : [],
        active: r() < 0.95,
        gender: r() < 0.85 ? "female" : "male",
      }),
    );
    profiles.set(id, profile(id, { avgRating: r() < 0.2 ? null : 3 + r() * 2, preferredShiftTypes: types.filter(() => r() < 0.3), maxDistanceMiles: r() < 0.3 ? 10 + r() * 20 : null }));
    // 3–6 shifts across the week (≈ 22,000 in all), some overlapping the open shift.
    const count = 3 + Math.floor(r() * 4);
    for (let s = 0; s < count; s++) {
      const start = weekStart + Math.floor(r() * 7 * 24) * 3_600_000;
      schedule.push({ key: `${id}_${s}`, appointmentId: `${id}_${s}`, clientId: "x", caregiverId: id, start: new Date(start), end: new Date(start + (4 + Math.floor(r() * 5)) * 3_600_000), status: "SCHEDULED", location: null });
    }
    const rec = Math.floor(r() * 60);
    const resp = Math.floor(rec * r());
    const acc = Math.floor(resp * r());
    histories.set(id, { offersReceived: rec, offersResponded: resp, offersAccepted: acc, acceptedShiftsDue: acc, acceptedShiftsWorked: Math.floor(acc * (0.7 + 0.3 * r())) });
    if (r() < 0.3) lastAcceptedAt.set(id, new Date(local("2026-06-03T10:00").getTime() - r() * 60 * 86_400_000));
    if (r() < 0.1) offersSentToday.set(id, Math.floor(r() * 8));
  }
  return rankInput(caregivers, {
    profiles,
    schedule,
    histories,
    lastAcceptedAt,
    offersSentToday,
    priorAssignmentIds: caregivers.filter((_, i) => i % 97 === 0).map((c) => c.id),
    preferences: prefs({ requiredSkills: [], doNotSendCaregiverIds: ["cg7", "cg70"], preferredCaregiverIds: ["cg3"] }),
    optedOutIds: caregivers.filter((_, i) => i % 151 === 0).map((c) => c.id),
    openOfferConflictIds: caregivers.filter((_, i) => i % 89 === 0).map((c) => c.id),
    shift: OPEN,
  });
}

describe("rankCandidates performance", () => {
  it(`ranks ${N} caregivers in under ${BUDGET_MS} ms (median of ${RUNS} runs, best of ${ROUNDS} rounds)`, () => {
    const input = syntheticAgency();
    rankCandidates(input); // warm-up: JIT and luxon zone cache
    let result = rankCandidates(input);
    let best = Number.POSITIVE_INFINITY;
    // Other processes on a shared machine can only make a round slower, never faster, so a later round that
    // meets the budget shows the code does; a real regression fails every round.
    for (let round = 1; round <= ROUNDS && best >= BUDGET_MS; round++) {
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        result = rankCandidates(input);
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      const median = times[Math.floor(RUNS / 2)]!;
      best = Math.min(best, median);
      console.log(
        `rankCandidates round ${round}: ${N} caregivers → ${result.ranked.length} ranked, ${result.excluded.length} excluded; ` +
          `median ${median.toFixed(2)} ms (min ${times[0]!.toFixed(2)}, max ${times.at(-1)!.toFixed(2)})`,
      );
    }
    expect(result.ranked.length + result.excluded.length).toBe(N);
    expect(result.ranked.length).toBeGreaterThan(N / 2);
    expect(best).toBeLessThan(BUDGET_MS);
  });
});
