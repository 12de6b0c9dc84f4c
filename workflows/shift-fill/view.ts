import { auditTrail } from "../../db/repos/audit.js";
import { getCampaign, listCampaigns, listCandidates, offersOfCampaign, type CampaignStatus } from "../../db/repos/fill.js";
import type { FillContext } from "./context.js";

/**
 * The coordinator-facing picture of a campaign (`GET /api/fills/:id`): shift, state, every candidate with
 * their score breakdown, offers and replies, the winner, and a timeline. Names but no phone numbers or
 * message bodies: replies are summarised by their interpreted intent.
 */
export async function fillView(ctx: FillContext, campaignId: number) {
  const campaign = await getCampaign(ctx.pool, campaignId);
  if (!campaign) return null;
  const [candidates, offers, timeline, caregivers, client] = await Promise.all([
    listCandidates(ctx.pool, campaignId),
    offersOfCampaign(ctx.pool, campaignId),
    auditTrail(ctx.pool, "fill_campaign", String(campaignId)),
    ctx.caregiversById(),
    ctx.client(campaign.clientId),
  ]);
  const name = (id: string | null) => {
    if (!id) return null;
    const c = caregivers.get(id);
    return c ? `${c.firstName} ${c.lastName}` : null;
  };
  return {
    id: campaign.id,
    status: campaign.status,
    source: campaign.source,
    shift: {
      key: campaign.shiftKey,
      appointmentId: campaign.appointmentId,
      clientId: campaign.clientId,
      clientName: client ? `${client.firstName} ${client.lastName}` : null,
      city: client?.address.city ?? null,
      start: campaign.shiftStart.toISOString(),
      end: campaign.shiftEnd.toISOString(),
      originalCaregiverId: campaign.originalCaregiverId,
    },
    wave: campaign.wave,
    escalationLevel: campaign.escalationLevel,
    winner: campaign.winnerCaregiverId
      ? { caregiverId: campaign.winnerCaregiverId, name: name(campaign.winnerCaregiverId), offerId: campaign.winnerOfferId, assignment: campaign.assignmentStatus }
      : null,
    createdAt: campaign.createdAt.toISOString(),
    filledAt: campaign.filledAt?.toISOString() ?? null,
    closedAt: campaign.closedAt?.toISOString() ?? null,
    candidates: candidates.map((c) => ({ ...c, name: name(c.caregiverId) })),
    offers: offers.map((o) => ({
      id: o.id,
      caregiverId: o.caregiverId,
      name: name(o.caregiverId),
      wave: o.wave,
      option: o.optionNumber,
      status: o.status,
      sentAt: o.sentAt.toISOString(),
      respondedAt: o.respondedAt?.toISOString() ?? null,
    })),
    replies: offers
      .filter((o) => o.respondedAt)
      .map((o) => ({ caregiverId: o.caregiverId, name: name(o.caregiverId), at: o.respondedAt!.toISOString(), status: o.status, response: o.response })),
    timeline: timeline.map((e) => ({ at: e.at.toISOString(), actor: e.actor, action: e.action, reason: e.reason ?? null, data: e.data })),
  };
}

export async function fillList(ctx: FillContext, status?: CampaignStatus) {
  const campaigns = await listCampaigns(ctx.pool, { status, limit: 200 });
  return campaigns.map((c) => ({
    id: c.id,
    status: c.status,
    shiftKey: c.shiftKey,
    clientId: c.clientId,
    start: c.shiftStart.toISOString(),
    end: c.shiftEnd.toISOString(),
    winnerCaregiverId: c.winnerCaregiverId,
    createdAt: c.createdAt.toISOString(),
    filledAt: c.filledAt?.toISOString() ?? null,
  }));
}
