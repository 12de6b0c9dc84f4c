import { DateTime } from "luxon";
import { withTransaction } from "../../db/pool.js";
import { optedOutPhones, timeOffBetween } from "../../db/repos/directory.js";
import { openQuestion } from "../../db/repos/questions.js";
import {
  advanceWave,
  bumpOfferStats,
  createOffer,
  createOfferMessage,
  getCampaign,
  linkOfferMessage,
  liveCampaigns,
  offersOfCampaign,
  offerMessagesSent,
  openOfferConflicts,
  unofferedCandidates,
  type Campaign,
  type CandidateRow,
} from "../../db/repos/fill.js";
import { overlaps } from "../../domain/matching/index.js";
import type { Caregiver } from "../../domain/types.js";
import type { FillContext } from "./context.js";
import { offerText, type OfferItem } from "./copy.js";

/** A bundle offers at most this many shifts in one text (seed: "Multi-Shift Outreach", 1️⃣2️⃣3️⃣). */
export const MAX_BUNDLE = 3;
/** Tiers stop at 3; later waves only re-sweep tier 3 for candidates who became eligible. */
const MAX_TIER = 3;

/**
 * Sends wave `wave` of a campaign: every not-yet-offered candidate of tier ≤ wave, texted in parallel in
 * their language. A caregiver who is also an unoffered candidate of other live campaigns gets up to three
 * shifts in one message. Runs at most once per wave (conditional update), so a timer firing twice is safe.
 */
export async function sendWave(ctx: FillContext, campaignId: number, wave: number, actor = "system"): Promise<number> {
  if (!(await advanceWave(ctx.pool, campaignId, wave))) return 0;
  const campaign = await getCampaign(ctx.pool, campaignId);
  if (!campaign) return 0;
  let tier = Math.min(wave, MAX_TIER);
  let candidates = await unofferedCandidates(ctx.pool, campaign.id, tier);
  // Nobody in the tiers due yet and nobody texted so far: start with the best tier that has anyone, now,
  // rather than waiting a whole wave delay with zero outreach.
  while (candidates.length === 0 && tier < MAX_TIER && (await offersOfCampaign(ctx.pool, campaign.id)).length === 0) {
    tier += 1;
    candidates = await unofferedCandidates(ctx.pool, campaign.id, tier);
  }
  const now = ctx.clock.now();
  // Re-check, at send time, the facts that change during a campaign (ranking ran at its start): open offers
  // elsewhere, daily caps, a STOP, and time off the caregiver has reported since.
  const conflicts = await openOfferConflicts(ctx.pool, campaign.shiftStart, campaign.shiftEnd, ctx.settings.travelBufferMinutes, campaign.id);
  const day = DateTime.fromJSDate(now, { zone: ctx.settings.timezone }).startOf("day");
  const sentToday = await offerMessagesSent(ctx.pool, day.toJSDate(), day.plus({ days: 1 }).toJSDate());
  const caregivers = await ctx.caregiversById();
  const optedOut = await optedOutPhones(ctx.pool, candidates.map((c) => caregivers.get(c.caregiverId)?.phone ?? "").filter(Boolean));
  const off = new Set((await timeOffBetween(ctx.pool, campaign.shiftStart, campaign.shiftEnd)).map((t) => t.caregiverId));
  // Every other live campaign may ride along, including one still in its first-wave batching window (wave 0,
  // FILL_WAVE_DELAYS[0] > 0): that window is what lets shifts opened close together reach a caregiver as one text.
  const others = (await liveCampaigns(ctx.pool)).filter((c) => c.id !== campaign.id);

  const sends: Promise<void>[] = [];
  let offered = 0;
  for (const cand of candidates) {
    const cg = caregivers.get(cand.caregiverId);
    if (!cg || conflicts.has(cg.id) || (sentToday.get(cg.id) ?? 0) >= ctx.settings.dailyOfferCap || optedOut.has(cg.phone) || off.has(cg.id)) continue;
    // Numbered in date order, as the seed's example reads ("1️⃣ Mon … 2️⃣ Tue … 3️⃣ Thu").
    const bundle = [campaign, ...(await bundleMates(ctx, campaign, cand.caregiverId, others))].sort((a, b) => a.shiftStart.getTime() - b.shiftStart.getTime());
    offered += 1;
    sends.push(offerShifts(ctx, cg, bundle, wave));
  }
  await Promise.all(sends);
  await ctx.audit(campaign, actor, "wave.sent", `wave ${wave}: ${offered} caregivers texted (tier ≤ ${tier})`, { wave, offered, tier });
  return offered;
}

/**
 * Other live campaigns this caregiver may be offered in the same text: unoffered candidate of a tier that
 * campaign's outreach has reached (tier 1 while its first wave is pending), no overlap with the shifts chosen.
 */
async function bundleMates(ctx: FillContext, main: Campaign, caregiverId: string, others: Campaign[]): Promise<Campaign[]> {
  const picked: Campaign[] = [];
  for (const other of others) {
    if (picked.length >= MAX_BUNDLE - 1) break;
    const chosen = [main, ...picked];
    if (chosen.some((c) => overlaps({ start: c.shiftStart, end: c.shiftEnd }, { start: other.shiftStart, end: other.shiftEnd }, ctx.settings.travelBufferMinutes))) continue;
    const eligible: CandidateRow[] = await unofferedCandidates(ctx.pool, other.id, Math.max(1, Math.min(other.wave, MAX_TIER)));
    if (eligible.some((c) => c.caregiverId === caregiverId)) picked.push(other);
  }
  return picked;
}

/**
 * Records the offer(s) and the open question, then texts the caregiver. The rows commit before the text
 * goes out, and the text's idempotency key is the offer message id, so a crash in between re-sends nothing twice.
 */
async function offerShifts(ctx: FillContext, cg: Caregiver, campaigns: Campaign[], wave: number): Promise<void> {
  const now = ctx.clock.now();
  const items: OfferItem[] = [];
  for (const [i, c] of campaigns.entries()) {
    const client = await ctx.client(c.clientId);
    const cand = (await unofferedCandidates(ctx.pool, c.id, MAX_TIER)).find((r) => r.caregiverId === cg.id);
    items.push({
      n: i + 1,
      start: c.shiftStart,
      end: c.shiftEnd,
      clientFirstName: client?.firstName ?? "",
      city: client?.address.city ?? "",
      distanceMiles: cand?.distanceMiles ?? null,
      workedBefore: Boolean((cand?.breakdown as { priorAssignment?: boolean } | undefined)?.priorAssignment),
    });
  }
  const created = await withTransaction(ctx.pool, async (tx) => {
    const offerMessageId = await createOfferMessage(tx, { caregiverId: cg.id, phone: cg.phone, language: cg.language, sentAt: now });
    const made: { campaignId: number; offerId: number; n: number }[] = [];
    for (const [i, c] of campaigns.entries()) {
      const offerId = await createOffer(tx, { campaignId: c.id, caregiverId: cg.id, offerMessageId, optionNumber: i + 1, wave, sentAt: now });
      if (offerId !== null) made.push({ campaignId: c.id, offerId, n: i + 1 });
    }
    if (made.length === 0) return null;
    const latestStart = Math.max(...campaigns.map((c) => c.shiftStart.getTime()));
    const questionId = await openQuestion(tx, {
      address: cg.phone,
      kind: "offer",
      ref: { offerMessageId, caregiverId: cg.id, offers: made },
      // Labels even for a single offer: the interpreter reads "I can be there by 3" against the shift's hours.
      options: made.map((m) => ({ n: m.n, label: itemLabel(items[m.n - 1]!, ctx.settings.timezone) })),
      askedAt: now,
      expiresAt: new Date(latestStart),
    });
    await linkOfferMessage(tx, offerMessageId, { questionId });
    return { offerMessageId, made };
  });
  if (!created) return;
  const text = offerText(ctx, cg, items.filter((it) => created.made.some((m) => m.n === it.n)));
  const outcome = await ctx.sender.send({ channel: "sms", to: cg.phone, text, idempotencyKey: `offer:${created.offerMessageId}` });
  await linkOfferMessage(ctx.pool, created.offerMessageId, { outboundMessageId: outcome.id });
  await bumpOfferStats(ctx.pool, cg.id, "received", now);
  for (const m of created.made) {
    await ctx.audit(m.campaignId, "system", "offer.sent", outcome.status === "sent" ? undefined : `message ${outcome.status}`, {
      caregiverId: cg.id,
      offerId: m.offerId,
      wave,
      bundleSize: created.made.length,
      option: m.n,
    });
  }
}

/** Short English label for an option (coordinators and the interpreter's "the monday one" matching). */
export function itemLabel(it: OfferItem, timezone: string): string {
  const s = DateTime.fromJSDate(it.start, { zone: timezone });
  const e = DateTime.fromJSDate(it.end, { zone: timezone });
  return `${s.toFormat("ccc LLL d")}, ${s.toFormat("h:mma").toLowerCase()}-${e.toFormat("h:mma").toLowerCase()}, ${it.city}`;
}
