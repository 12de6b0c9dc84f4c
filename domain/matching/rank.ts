import type { ShiftType } from "../types.js";
import { checkCaregiver, prepareFilter, type Candidate, type Exclusion, type FilterInput } from "./filters.js";
import { appendLearnedLines, DEFAULT_PRIORS, type AgencyPriors, type CaregiverHistory } from "./learned.js";
import { appendSeedLines, recentlyAccepted, type ScoreLine } from "./score.js";
import { shiftType } from "./shift-type.js";
import { tierFor, type Tier } from "./tiers.js";

/** Hard-filter input plus the history the scorer needs. */
export interface RankInput extends FilterInput {
  /** Caregivers who have worked a shift for this client before. */
  priorAssignmentIds: Iterable<string>;
  /** When each caregiver last accepted an offer. */
  lastAcceptedAt: ReadonlyMap<string, Date>;
  /** Offer history per caregiver for the learned adjustment; missing → no adjustment. */
  histories?: ReadonlyMap<string, CaregiverHistory>;
  priors?: AgencyPriors;
  /** "Now", for the recently-accepted window. */
  now: Date;
}

export interface RankedCandidate extends Candidate {
  tier: Tier;
  /** Final score (seed + learned, 0–100). */
  score: number;
  /** The seed's calculate_match_score, exact. */
  seedScore: number;
  /** Learned adjustment, −10…+10. */
  learned: number;
  priorAssignment: boolean;
  clientPreferred: boolean;
  breakdown: ScoreLine[];
}

export interface RankResult {
  /** Contact order: tier, then score (high first), then distance (near first, unknown last), then id. */
  ranked: RankedCandidate[];
  excluded: Exclusion[];
  shiftType: ShiftType;
}

/** Orders two ranked candidates; total and deterministic (ids are unique). */
export function compareRanked(a: RankedCandidate, b: RankedCandidate): number {
  if (a.tier !== b.tier) return a.tier - b.tier;
  if (a.score !== b.score) return b.score - a.score;
  const da = a.distanceMiles ?? Number.POSITIVE_INFINITY;
  const db = b.distanceMiles ?? Number.POSITIVE_INFINITY;
  if (da !== db) return da - db;
  const ia = a.caregiver.id;
  const ib = b.caregiver.id;
  return ia < ib ? -1 : ia > ib ? 1 : 0;
}

/**
 * Filters, scores, tiers and orders every caregiver for one open shift. This is the seed's
 * `find_replacement_caregivers` with its `get_tier` made explicit (tiers.ts) and the sort made
 * deterministic. Per-shift work (policy, weeks, schedule index, shift type) is done once; the per-caregiver
 * loop only does set lookups and arithmetic, so 5,000 caregivers rank in a few milliseconds.
 */
export function rankCandidates(input: RankInput): RankResult {
  const ctx = prepareFilter(input);
  const type = shiftType(input.shift, ctx.policy.timezone);
  const prior = new Set(input.priorAssignmentIds);
  const preferred = new Set(input.preferences.preferredCaregiverIds);
  const priors = input.priors ?? DEFAULT_PRIORS;
  const ranked: RankedCandidate[] = [];
  const excluded: Exclusion[] = [];

  for (const cg of input.caregivers) {
    const c = checkCaregiver(cg, input, ctx);
    if (Array.isArray(c)) {
      excluded.push({ caregiverId: cg.id, reasons: c });
      continue;
    }
    const priorAssignment = prior.has(cg.id);
    const clientPreferred = preferred.has(cg.id);
    // Seed and learned lines go into one array (see appendSeedLines); the clamp is applied here.
    const breakdown: ScoreLine[] = [];
    const seedScore = appendSeedLines(breakdown, {
      priorAssignment,
      clientPreferred,
      distanceMiles: c.distanceMiles,
      weeklyHours: c.weeklyHours,
      avgRating: c.profile?.avgRating ?? null,
      shiftType: type,
      preferredShiftTypes: c.profile?.preferredShiftTypes ?? [],
      recentlyAccepted: recentlyAccepted(input.lastAcceptedAt.get(cg.id), input.now, ctx.policy.recentAcceptDays),
    });
    const learned = appendLearnedLines(breakdown, input.histories?.get(cg.id), priors);
    const raw = seedScore + learned;
    const score = Math.min(100, Math.max(0, raw));
    if (score !== raw) breakdown.push({ rule: "cap", points: score - raw, detail: "clamped to 0–100" });
    // Built field by field: an object spread here was the single most expensive line in the profile.
    ranked.push({
      caregiver: c.caregiver,
      profile: c.profile,
      distanceMiles: c.distanceMiles,
      weeklyHours: c.weeklyHours,
      projectedWeeklyHours: c.projectedWeeklyHours,
      overtime: c.overtime,
      tier: tierFor({ priorAssignment, clientPreferred, overtime: c.overtime, score }, ctx.policy.tier2MinScore),
      score,
      seedScore,
      learned,
      priorAssignment,
      clientPreferred,
      breakdown,
    });
  }
  ranked.sort(compareRanked);
  return { ranked, excluded, shiftType: type };
}
