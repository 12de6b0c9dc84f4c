import { escalationChain } from "../../db/repos/directory.js";
import { closeCampaign, escalateCampaign, getCampaign, listCandidates, offersOfCampaign } from "../../db/repos/fill.js";
import type { FillContext } from "./context.js";
import { escalationSlack, fillResultSlack } from "./copy.js";

/** Coordinator, then backup, then supervisor. */
export const MAX_ESCALATION_LEVEL = 3;
/** How many non-responding top candidates the escalation lists (seed: "Top candidates who didn't respond"). */
const TOP_NON_RESPONDERS = 5;

/**
 * Nobody accepted in time: tell the client's coordinator (level 1), then their backup (2), then the
 * supervisor (3), each `escalateAfter` apart, with who was contacted, who said what, and buttons to assign a
 * top non-responder or extend outreach. Outreach keeps running; a YES still wins while escalated.
 */
export async function escalate(ctx: FillContext, campaignId: number, level: number): Promise<boolean> {
  const campaign = await getCampaign(ctx.pool, campaignId);
  if (!campaign || (campaign.status !== "open" && campaign.status !== "escalated")) return false;
  if (!(await escalateCampaign(ctx.pool, campaignId, level))) return false;
  const chain = await escalationChain(ctx.pool, campaign.clientId);
  const target = chain[Math.min(level, chain.length) - 1];
  const [client, caregivers, offers, candidates] = await Promise.all([
    ctx.client(campaign.clientId),
    ctx.caregiversById(),
    offersOfCampaign(ctx.pool, campaignId),
    listCandidates(ctx.pool, campaignId),
  ]);
  const name = (id: string) => {
    const c = caregivers.get(id);
    return c ? `${c.firstName} ${c.lastName}` : id;
  };
  const answered = offers.filter((o) => o.respondedAt !== null).map((o) => ({ name: name(o.caregiverId), answer: o.status, detail: o.response }));
  const silent = new Set(offers.filter((o) => o.respondedAt === null).map((o) => o.caregiverId));
  const topSilent = candidates
    .filter((c) => silent.has(c.caregiverId))
    .slice(0, TOP_NON_RESPONDERS)
    .map((c) => ({ caregiverId: c.caregiverId, name: name(c.caregiverId), phone: caregivers.get(c.caregiverId)?.phone ?? "", score: c.score, tier: c.tier }));
  const notYetContacted = candidates.filter((c) => !offers.some((o) => o.caregiverId === c.caregiverId)).length;
  const msg = escalationSlack(ctx, {
    campaignId,
    clientName: client ? `${client.firstName} ${client.lastName}` : campaign.clientId,
    city: client?.address.city ?? "",
    start: campaign.shiftStart,
    end: campaign.shiftEnd,
    contacted: offers.length,
    answered,
    topSilent,
    mention: target?.slackUserId,
  });
  await ctx.sender.send({
    channel: "slack",
    to: target?.slackUserId ?? ctx.settings.alertsChannel,
    text: msg.text,
    blocks: msg.blocks,
    idempotencyKey: `fill:${campaignId}:escalate:${level}`,
  });
  await ctx.audit(campaign, "system", "campaign.escalated", `no acceptance; level ${level} → ${target ? target.name : ctx.settings.alertsChannel}`, {
    level,
    coordinatorId: target?.id ?? null,
    contacted: offers.length,
    notYetContacted,
  });
  if (level < MAX_ESCALATION_LEVEL) {
    await ctx.scheduler.schedule(
      "fill.escalate",
      { campaignId, level: level + 1 },
      new Date(ctx.clock.now().getTime() + ctx.settings.escalateAfterSeconds * 1000),
      `fill.escalate:${campaignId}:${level + 1}`,
    );
  }
  return true;
}

/** At shift start an unfilled campaign closes as `unfilled` and the coordinator is told. */
export async function expire(ctx: FillContext, campaignId: number): Promise<boolean> {
  const campaign = await getCampaign(ctx.pool, campaignId);
  if (!campaign || !(await closeCampaign(ctx.pool, campaignId, "unfilled", ctx.clock.now()))) return false;
  const chain = await escalationChain(ctx.pool, campaign.clientId);
  const client = await ctx.client(campaign.clientId);
  const offers = await offersOfCampaign(ctx.pool, campaignId);
  const msg = fillResultSlack(ctx, { campaignId, clientName: client ? `${client.firstName} ${client.lastName}` : campaign.clientId, city: client?.address.city ?? "", start: campaign.shiftStart, end: campaign.shiftEnd, winnerName: null, contacted: offers.length, clientContactNotified: false });
  await ctx.sender.send({ channel: "slack", to: chain[0]?.slackUserId ?? ctx.settings.alertsChannel, text: msg.text, blocks: msg.blocks, idempotencyKey: `fill:${campaignId}:unfilled` });
  await ctx.audit(campaign, "system", "campaign.unfilled", "shift started with nobody assigned");
  return true;
}
