import { DateTime } from "luxon";
import { caregiverProfiles, clientPreferences, optedOutPhones, timeOffBetween } from "../../db/repos/directory.js";
import { offerMessagesSent, offerStats, openOfferConflicts, saveCandidates, type Campaign } from "../../db/repos/fill.js";
import { agencyPriors, agencyWeek, rankCandidates, type CaregiverHistory, type RankResult } from "../../domain/matching/index.js";
import type { Caregiver, Client, ClientPreferences, Shift } from "../../domain/types.js";
import type { FillContext } from "./context.js";

/**
 * Gathers everything the matcher needs for one open shift (WellSky schedule, agency directory, offer history)
 * and ranks every caregiver. Pure decisions live in domain/matching; this only assembles facts.
 */
export async function rankForShift(
  ctx: FillContext,
  shift: Shift,
  client: Client,
  opts: { originalCaregiverId: string | null; campaignId: number },
): Promise<{ result: RankResult; caregivers: Map<string, Caregiver> }> {
  const { settings: s, pool, clock } = ctx;
  const now = clock.now();
  const caregivers = await ctx.agency.activeCaregivers();
  const week = agencyWeek(shift.start, s.timezone);
  const day = 24 * 3600_000;
  const from = new Date(Math.min(week.start, shift.start.getTime() - day));
  const to = new Date(Math.max(week.end, shift.end.getTime() + day));
  const ids = caregivers.map((c) => c.id);
  const localDay = DateTime.fromJSDate(now, { zone: s.timezone }).startOf("day");

  const [schedule, profiles, prefs, timeOff, optedOut, conflicts, sentToday, stats, prior] = await Promise.all([
    ctx.agency.scheduleBetween(from, to, ids),
    caregiverProfiles(pool),
    clientPreferences(pool, client.id),
    timeOffBetween(pool, from, to),
    optedOutPhones(
      pool,
      caregivers.map((c) => c.phone),
    ),
    openOfferConflicts(pool, shift.start, shift.end, s.travelBufferMinutes, opts.campaignId),
    offerMessagesSent(pool, localDay.toJSDate(), localDay.plus({ days: 1 }).toJSDate()),
    offerStats(pool),
    ctx.agency.priorCaregiversOf(client.id),
  ]);

  const histories = new Map<string, CaregiverHistory>();
  const lastAcceptedAt = new Map<string, Date>();
  for (const st of stats.values()) {
    histories.set(st.caregiverId, {
      offersReceived: st.offersReceived,
      offersResponded: st.offersResponded,
      offersAccepted: st.offersAccepted,
      acceptedShiftsDue: st.shiftsWorked + st.shiftsNoShow,
      acceptedShiftsWorked: st.shiftsWorked,
    });
    if (st.lastAcceptedAt) lastAcceptedAt.set(st.caregiverId, st.lastAcceptedAt);
  }

  const result = rankCandidates({
    shift,
    client,
    preferences: prefs ?? noPreferences(client.id),
    caregivers,
    profiles,
    schedule,
    timeOff,
    optedOutIds: caregivers.filter((c) => optedOut.has(c.phone)).map((c) => c.id),
    originalCaregiverId: opts.originalCaregiverId,
    openOfferConflictIds: conflicts,
    offersSentToday: sentToday,
    policy: {
      timezone: s.timezone,
      maxDistanceMiles: s.maxDistanceMiles,
      travelBufferMinutes: s.travelBufferMinutes,
      overtimeCapHours: s.overtimeCapHours,
      dailyOfferCap: s.dailyOfferCap,
    },
    priorAssignmentIds: prior,
    lastAcceptedAt,
    histories,
    // Measured against this agency's own rates once it has enough history (defaults until then).
    priors: agencyPriors(histories.values()),
    now,
  });
  return { result, caregivers: new Map(caregivers.map((c) => [c.id, c])) };
}

/** Stores each candidate with its full score breakdown, so every ranking is explainable later. */
export async function storeRanking(ctx: FillContext, campaign: Campaign, result: RankResult): Promise<void> {
  await saveCandidates(
    ctx.pool,
    campaign.id,
    result.ranked.map((r, i) => ({
      caregiverId: r.caregiver.id,
      rank: i + 1,
      tier: r.tier,
      score: r.score,
      overtime: r.overtime,
      distanceMiles: r.distanceMiles === null ? null : Math.round(r.distanceMiles * 10) / 10,
      breakdown: {
        seedScore: r.seedScore,
        learned: r.learned,
        priorAssignment: r.priorAssignment,
        clientPreferred: r.clientPreferred,
        weeklyHours: r.weeklyHours,
        projectedWeeklyHours: r.projectedWeeklyHours,
        lines: r.breakdown,
      },
    })),
  );
  const excludedBy: Record<string, number> = {};
  for (const e of result.excluded) for (const reason of e.reasons) excludedBy[reason] = (excludedBy[reason] ?? 0) + 1;
  const tiers = [1, 2, 3].map((t) => result.ranked.filter((r) => r.tier === t).length);
  await ctx.audit(campaign, "system", "candidates.ranked", `${result.ranked.length} eligible (tiers ${tiers.join("/")}), ${result.excluded.length} excluded`, {
    eligible: result.ranked.length,
    tiers,
    excludedBy,
    shiftType: result.shiftType,
  });
}

/** A client with no preferences on file: no extra requirements. */
function noPreferences(clientId: string): ClientPreferences {
  return { clientId, coordinatorId: "", requiredSkills: [], requiredLanguage: null, preferredCaregiverIds: [], doNotSendCaregiverIds: [], genderPreference: null };
}
