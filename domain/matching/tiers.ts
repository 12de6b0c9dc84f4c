/** Outreach tiers from the seed's diagram; tier 1 is contacted first. */
export type Tier = 1 | 2 | 3;

export interface TierFacts {
  priorAssignment: boolean;
  clientPreferred: boolean;
  /** Taking the shift would push the caregiver over the weekly overtime cap. */
  overtime: boolean;
  /** Final score (seed + learned). */
  score: number;
}

/**
 * Tier rules, in order:
 * 1. overtime → tier 3. The seed puts "will pay OT" in tier 3 and the issue lets only tier 3 exceed the cap,
 *    so OT always needs a flag and comes last, even for a familiar caregiver.
 * 2. prior assignment with this client, or on the client's preferred list → tier 1 ("Best match: same client
 *    before"). Continuity with the client is what the seed ranks highest (+30/+20). A plain "score ≥ 60" rule
 *    would add nothing: without those two rules the seed score tops out at 45 (+10 learned = 55).
 * 3. score ≥ `tier2MinScore` (30) → tier 2 ("Good match: same area, similar hours"). Without familiarity,
 *    30 points take at least two of: within 20 mi, under 38 h this week, a good rating, a preferred shift
 *    type, a recent yes, a strong track record — i.e. nearby and with room in their week.
 * 4. otherwise tier 3 ("Any qualified / available").
 */
export function tierFor(f: TierFacts, tier2MinScore = 30): Tier {
  if (f.overtime) return 3;
  if (f.priorAssignment || f.clientPreferred) return 1;
  if (f.score >= tier2MinScore) return 2;
  return 3;
}
