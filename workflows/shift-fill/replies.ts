import { DateTime } from "luxon";
import { escalationChain } from "../../db/repos/directory.js";
import { getInbound } from "../../db/repos/messages.js";
import type { SlackMessage } from "../../prompts/slack/index.js";
import { bumpOfferStats, claimWin, getCampaign, offersOfMessage, recordOfferResponse, type Offer } from "../../db/repos/fill.js";
import type { Interpretation } from "../../domain/intents.js";
import type { FillContext } from "./context.js";
import { sendAlreadyFilled } from "./assignment.js";
import { counterOfferSlack, offerQuestionSlack, sms } from "./copy.js";

export interface OfferReply {
  /** The caregiver replying (resolved from their phone); only their own offers can be answered. */
  caregiverId: string;
  offerMessageId: number;
  interpretation: Interpretation;
  /** Inbound message id: idempotency for replies to this message. */
  inboundId: number;
}

export type OfferReplyOutcome =
  | { kind: "won"; campaignIds: number[] }
  | { kind: "already_filled"; campaignIds: number[] }
  | { kind: "declined" }
  | { kind: "answered" }
  | { kind: "countered" }
  | { kind: "asked_which" }
  | { kind: "not_yours" }
  | { kind: "nothing_open" };

/**
 * Applies a caregiver's reply to the offer text it answers. Acceptance is decided by the database
 * (claimWin): the first YES wins and every later one gets "already filled"; the WellSky write and the
 * confirmations follow in the durable `fill.assign` job.
 */
export async function handleOfferReply(ctx: FillContext, reply: OfferReply): Promise<OfferReplyOutcome> {
  const offers = await offersOfMessage(ctx.pool, reply.offerMessageId);
  if (offers.length === 0) return { kind: "nothing_open" };
  if (offers.some((o) => o.caregiverId !== reply.caregiverId)) return { kind: "not_yours" };
  const cg = (await ctx.caregiversById()).get(reply.caregiverId);
  const lang = cg?.language ?? "en";
  const now = ctx.clock.now();
  const { intent, entities } = reply.interpretation;
  const firstAnswer = offers.every((o) => o.respondedAt === null);
  if (firstAnswer) await bumpOfferStats(ctx.pool, reply.caregiverId, "responded", now);

  switch (intent) {
    case "offer_accept": {
      const chosen = pickOffers(offers, entities.selection);
      if (!chosen) {
        await send(ctx, cg?.phone, sms(ctx, lang, "clarify", { question: "which_shift" }), `reply:${reply.inboundId}:which`);
        return { kind: "asked_which" };
      }
      const won: number[] = [];
      const lost: number[] = [];
      let newlyWon = false;
      for (const offer of chosen) {
        // A repeated YES (duplicate text, double tap) must not turn a win into "already filled".
        if (offer.status === "accepted") won.push(offer.campaignId);
        else if (offer.status === "lost" || offer.status === "withdrawn") lost.push(offer.campaignId);
        else {
          const r = await acceptOffer(ctx, offer, `caregiver:${reply.caregiverId}`, now);
          if (r === "lost") lost.push(offer.campaignId);
          else won.push(offer.campaignId);
          newlyWon ||= r === "won";
        }
      }
      if (newlyWon) await bumpOfferStats(ctx.pool, reply.caregiverId, "accepted", now);
      // Not chosen from a bundle: declined by omission ("just 2" → 1 and 3 stay open for others).
      for (const offer of offers.filter((o) => !chosen.includes(o))) {
        await recordOfferResponse(ctx.pool, offer.id, "declined", { intent, byOmission: true }, now);
      }
      return won.length > 0 ? { kind: "won", campaignIds: won } : { kind: "already_filled", campaignIds: lost };
    }
    case "offer_decline": {
      for (const offer of pickOffers(offers, entities.selection) ?? offers) {
        if (await recordOfferResponse(ctx.pool, offer.id, "declined", { intent }, now)) {
          await ctx.audit(offer.campaignId, `caregiver:${reply.caregiverId}`, "offer.declined", undefined, { offerId: offer.id });
        }
      }
      await send(ctx, cg?.phone, sms(ctx, lang, "offer_declined_ack", { firstName: cg?.firstName ?? "there" }), `reply:${reply.inboundId}:declined`);
      return { kind: "declined" };
    }
    case "offer_partial": {
      // "2 yes but only till 5" counters option 2 alone; the ack describes that shift.
      const countered = pickOffers(offers, entities.selection) ?? offers;
      for (const offer of countered) {
        await recordOfferResponse(ctx.pool, offer.id, "countered", { intent, timeRange: entities.timeRange ?? null }, now);
        await ctx.audit(offer.campaignId, `caregiver:${reply.caregiverId}`, "offer.countered", undefined, { offerId: offer.id, timeRange: entities.timeRange ?? null });
        await tellCoordinatorOfCounter(ctx, offer, reply, entities.timeRange ?? null);
      }
      await send(ctx, cg?.phone, sms(ctx, lang, "offer_counter_ack", { firstName: cg?.firstName ?? "there", proposal: proposalOf(entities.timeRange, countered[0] ? await getCampaign(ctx.pool, countered[0].campaignId) : null, ctx.settings.timezone) }), `reply:${reply.inboundId}:counter`);
      return { kind: "countered" };
    }
    default: {
      // offer_question (and anything else asked in offer context): the caregiver gets the shift's facts, which
      // is all a text may carry; the question itself goes to the shift's coordinator, since facts do not answer
      // "does she have pets?" or "is there parking?".
      const question = (await getInbound(ctx.pool, reply.inboundId))?.text.trim() ?? "";
      const facts = [];
      for (const offer of offers) {
        await recordOfferResponse(ctx.pool, offer.id, "question", { intent }, now);
        const campaign = await getCampaign(ctx.pool, offer.campaignId);
        const client = campaign ? await ctx.client(campaign.clientId) : null;
        if (!campaign) continue;
        facts.push({ n: offer.optionNumber, start: campaign.shiftStart, end: campaign.shiftEnd, city: client?.address.city ?? "", clientFirstName: client?.firstName ?? "" });
        if (question) {
          const msg = offerQuestionSlack(ctx, {
            campaignId: campaign.id,
            caregiverName: cg ? `${cg.firstName} ${cg.lastName}` : reply.caregiverId,
            caregiverPhone: cg?.phone,
            clientName: client ? `${client.firstName} ${client.lastName}` : campaign.clientId,
            start: campaign.shiftStart,
            end: campaign.shiftEnd,
            city: client?.address.city ?? "",
            question,
          });
          await tellCoordinator(ctx, campaign, msg, `fill:${campaign.id}:question:${reply.inboundId}`);
        }
      }
      const answer = facts.map((f) => sms(ctx, lang, "offer_question_answer", { topic: "all", start: f.start, end: f.end, city: f.city || "your area" }));
      if (question && facts.length > 0) answer.push(sms(ctx, lang, "offer_question_forwarded", {}));
      await send(ctx, cg?.phone, answer.join("\n"), `reply:${reply.inboundId}:answer`);
      return { kind: "answered" };
    }
  }
}

/**
 * Claims the campaign for this offer's caregiver. `won`: this call claimed it; `ours`: it was already claimed
 * by this same offer (the caregiver's second YES, handled at the same time as the first, possibly in another
 * process — they must not be told "already filled" about their own shift); `lost`: someone else has it, and
 * the caregiver is told "already filled". `now` is shared by every win of one reply, which is how the winner's
 * confirmation later finds the shifts of one "1 and 3" (campaignsWonTogether).
 */
export async function acceptOffer(ctx: FillContext, offer: Offer, actor: string, now = ctx.clock.now()): Promise<"won" | "ours" | "lost"> {
  const won = await claimWin(ctx.pool, offer.campaignId, offer.caregiverId, offer.id, now);
  if (won) {
    await recordOfferResponse(ctx.pool, offer.id, "accepted", { intent: "offer_accept" }, now);
    await ctx.audit(offer.campaignId, actor, "offer.accepted", "first valid YES", { offerId: offer.id, caregiverId: offer.caregiverId });
    await ctx.scheduler.schedule("fill.assign", { campaignId: offer.campaignId }, now, `fill.assign:${offer.campaignId}:${offer.id}`);
    return "won";
  }
  if ((await getCampaign(ctx.pool, offer.campaignId))?.winnerOfferId === offer.id) return "ours";
  await recordOfferResponse(ctx.pool, offer.id, "lost", { intent: "offer_accept" }, now);
  await ctx.audit(offer.campaignId, actor, "offer.too_late", "campaign already filled", { offerId: offer.id, caregiverId: offer.caregiverId });
  await sendAlreadyFilled(ctx, offer);
  return "lost";
}

/** Which offers a selection refers to; a single offer needs no selection; an unspecific YES to a bundle → null. */
function pickOffers(offers: Offer[], selection: number[] | undefined): Offer[] | null {
  if (selection && selection.length > 0) {
    const picked = offers.filter((o) => selection.includes(o.optionNumber));
    return picked.length > 0 ? picked : null;
  }
  return offers.length === 1 ? offers : null;
}

async function tellCoordinatorOfCounter(ctx: FillContext, offer: Offer, reply: OfferReply, range: { startMinutes: number; endMinutes: number } | null) {
  const campaign = await getCampaign(ctx.pool, offer.campaignId);
  if (!campaign) return;
  const client = await ctx.client(campaign.clientId);
  const cg = (await ctx.caregiversById()).get(reply.caregiverId);
  const msg = counterOfferSlack(ctx, {
    campaignId: campaign.id,
    caregiverId: reply.caregiverId,
    caregiverName: cg ? `${cg.firstName} ${cg.lastName}` : reply.caregiverId,
    clientName: client ? `${client.firstName} ${client.lastName}` : campaign.clientId,
    start: campaign.shiftStart,
    end: campaign.shiftEnd,
    city: client?.address.city ?? "",
    proposed: proposalOf(range ?? undefined, campaign, ctx.settings.timezone),
  });
  await tellCoordinator(ctx, campaign, msg, `fill:${campaign.id}:counter:${offer.id}`);
}

/** To the client's first coordinator in the escalation chain, or the alerts channel. */
async function tellCoordinator(ctx: FillContext, campaign: { clientId: string }, msg: SlackMessage, idempotencyKey: string): Promise<void> {
  const chain = await escalationChain(ctx.pool, campaign.clientId);
  await ctx.sender.send({ channel: "slack", to: chain[0]?.slackUserId ?? ctx.settings.alertsChannel, text: msg.text, blocks: msg.blocks, idempotencyKey });
}

async function send(ctx: FillContext, phone: string | undefined, text: string, key: string): Promise<void> {
  if (!phone) return;
  await ctx.sender.send({ channel: "sms", to: phone, text, idempotencyKey: key });
}

/** A counter-offer's local time range on the shift's day, as instants (for "you offered 2–4pm"). */
function proposalOf(range: { startMinutes: number; endMinutes: number } | undefined, campaign: { shiftStart: Date } | null, timezone: string) {
  if (!range || !campaign || range.endMinutes <= range.startMinutes) return undefined;
  const day = DateTime.fromJSDate(campaign.shiftStart, { zone: timezone }).startOf("day");
  return { start: day.plus({ minutes: range.startMinutes }).toJSDate(), end: day.plus({ minutes: range.endMinutes }).toJSDate() };
}
