/** Shift-fill matching: hard filters, the seed's match score, the learned adjustment, tiers and ranking. */
export { haversineMiles } from "./geo.js";
export { overlaps, type Interval } from "./intervals.js";
export { shiftType, SHIFT_TYPE_RULES } from "./shift-type.js";
export { weeklyHours, agencyWeek } from "./hours.js";
export { MatchPolicy, matchPolicy, type MatchPolicyInput } from "./policy.js";
export { ExclusionReason, filterCandidates, type Candidate, type Exclusion, type FilterInput, type FilterResult, type TimeOff } from "./filters.js";
export { calculateMatchScore, recentlyAccepted, type MatchScoreInput, type ScoreLine, type ScoreResult, type ScoreRule } from "./score.js";
export {
  agencyPriors,
  combineScores,
  DEFAULT_PRIORS,
  LEARNED_TERMS,
  learnedAdjustment,
  smoothedRate,
  type AgencyPriors,
  type CaregiverHistory,
  type CombinedScore,
} from "./learned.js";
export { tierFor, type Tier, type TierFacts } from "./tiers.js";
export { compareRanked, rankCandidates, type RankedCandidate, type RankInput, type RankResult } from "./rank.js";
