import { z } from "zod";

/**
 * Knobs of the matcher. Defaults mirror config/env.ts (FILL_MAX_DISTANCE_MILES, FILL_TRAVEL_BUFFER_MINUTES,
 * FILL_OVERTIME_CAP_HOURS, FILL_DAILY_OFFER_CAP) so a test without config behaves like production.
 */
export const MatchPolicy = z.object({
  timezone: z.string().describe("Agency IANA timezone; weeks, shift types and days are local to it"),
  maxDistanceMiles: z.number().positive().default(30).describe("Global cap on straight-line distance to the client"),
  travelBufferMinutes: z.number().int().min(0).default(30).describe("Minimum gap between the open shift and any other shift"),
  overtimeCapHours: z.number().positive().default(40).describe("Weekly hours above which a pick needs OT (tier 3 + flag)"),
  dailyOfferCap: z.number().int().min(1).default(6).describe("Offers one caregiver may receive per local day"),
  recentAcceptDays: z.number().int().min(1).default(30).describe("'Recently accepted' = accepted an offer within this many days"),
  tier2MinScore: z.number().min(0).max(100).default(30).describe("Minimum final score for tier 2 (see tiers.ts)"),
});
export type MatchPolicy = z.infer<typeof MatchPolicy>;
export type MatchPolicyInput = z.input<typeof MatchPolicy>;

/** Fills defaults and validates; call once per ranking, not per caregiver. */
export function matchPolicy(input: MatchPolicyInput): MatchPolicy {
  return MatchPolicy.parse(input);
}
