import { escalationChain } from "../../db/repos/directory.js";
import { claimWin, createCampaign, getCampaign, offersOfCampaign, recordOfferResponse, type Campaign } from "../../db/repos/fill.js";
import { fillContext, type FillContext } from "./context.js";
import { callOffNoticeSlack, urgentPageSlack } from "./copy.js";
import { runAssignment } from "./assignment.js";
import { escalate, expire } from "./escalation.js";
import { sendWave } from "./outreach.js";
import type { FillDeps, FillJob, FillJobData } from "./ports.js";
import { rankForShift, storeRanking } from "./rank.js";
import { handleOfferReply, type OfferReply, type OfferReplyOutcome } from "./replies.js";

export class FillError extends Error {
  constructor(
    readonly code: "shift_not_found" | "shift_over" | "shift_cancelled" | "not_your_shift" | "campaign_not_found" | "campaign_closed" | "not_a_candidate",
    message: string,
  ) {
    super(message);
    this.name = "FillError";
  }
}

export interface StartFillInput {
  shiftKey: string;
  source: Campaign["source"];
  /** Who started it: caregiver:<id> | coordinator:<id> | system. */
  actor: string;
  /** For call-offs: the caregiver calling off (must be the one assigned). */
  callerCaregiverId?: string;
  reason?: string;
}

export interface StartFillResult {
  campaign: Campaign;
  created: boolean;
  candidates: number;
  urgent: boolean;
}

/** The shift-fill workflow (issue #4): start, replies, coordinator actions and the durable timers' handlers. */
export interface FillEngine {
  start(input: StartFillInput): Promise<StartFillResult>;
  handleReply(reply: OfferReply): Promise<OfferReplyOutcome>;
  /** Coordinator picks a caregiver (Slack button). Same one-winner rule as a YES. */
  assignByCoordinator(campaignId: number, caregiverId: string, coordinatorActor: string): Promise<"assigned" | "already_filled">;
  /** Coordinator asks to reach the next tier now. */
  extendOutreach(campaignId: number, actor: string): Promise<number>;
  /** Timer / job handler. */
  runJob(job: FillJob, data: FillJobData): Promise<void>;
  ctx: FillContext;
}

export function createFillEngine(deps: FillDeps): FillEngine {
  const ctx = fillContext(deps);
  const s = deps.settings;

  async function start(input: StartFillInput): Promise<StartFillResult> {
    const shift = await ctx.agency.getShift(input.shiftKey);
    if (!shift) throw new FillError("shift_not_found", `No shift ${input.shiftKey} in WellSky`);
    const now = ctx.clock.now();
    if (shift.status === "CANCELLED") throw new FillError("shift_cancelled", `Shift ${shift.key} is cancelled`);
    if (shift.end <= now) throw new FillError("shift_over", `Shift ${shift.key} has already ended`);
    if (input.source === "call_off" && shift.caregiverId !== input.callerCaregiverId) {
      throw new FillError("not_your_shift", `Shift ${shift.key} is not assigned to the caller`);
    }
    const client = await ctx.client(shift.clientId);
    if (!client) throw new FillError("shift_not_found", `Client of shift ${shift.key} not found`);

    const { campaign, created } = await createCampaign(ctx.pool, {
      shiftKey: shift.key,
      appointmentId: shift.appointmentId,
      clientId: shift.clientId,
      shiftStart: shift.start,
      shiftEnd: shift.end,
      source: input.source,
      originalCaregiverId: shift.caregiverId,
      createdAt: now,
      createdBy: input.actor,
    });
    const urgent = shift.start.getTime() - now.getTime() < s.urgentWithinHours * 3600_000;
    if (!created) return { campaign, created, candidates: 0, urgent };
    await ctx.audit(campaign, input.actor, "campaign.started", input.reason ?? input.source, { shiftKey: shift.key, originalCaregiverId: shift.caregiverId });

    if (shift.caregiverId) await unassignOriginal(ctx, campaign, shift.caregiverId, input.actor);

    const { result } = await rankForShift(ctx, shift, client, { originalCaregiverId: shift.caregiverId, campaignId: campaign.id });
    await storeRanking(ctx, campaign, result);
    await notifyCoordinatorOfStart(ctx, campaign, urgent, result.ranked.length);

    // Timers are rows first: if we crash right after this line, every wave and the escalation still fire.
    const delays = s.waveDelaysSeconds;
    for (let wave = 2; wave <= delays.length; wave++) {
      await ctx.scheduler.schedule("fill.wave", { campaignId: campaign.id, wave }, at(now, delays[wave - 1]!), `fill.wave:${campaign.id}:${wave}`);
    }
    await ctx.scheduler.schedule("fill.escalate", { campaignId: campaign.id, level: 1 }, at(now, s.escalateAfterSeconds), `fill.escalate:${campaign.id}:1`);
    await ctx.scheduler.schedule("fill.expire", { campaignId: campaign.id }, shift.start, `fill.expire:${campaign.id}`);
    if ((delays[0] ?? 0) > 0) await ctx.scheduler.schedule("fill.wave", { campaignId: campaign.id, wave: 1 }, at(now, delays[0]!), `fill.wave:${campaign.id}:1`);
    else await sendWave(ctx, campaign.id, 1);
    return { campaign: (await getCampaign(ctx.pool, campaign.id))!, created, candidates: result.ranked.length, urgent };
  }

  return {
    ctx,
    start,
    handleReply: (reply) => handleOfferReply(ctx, reply),
    async assignByCoordinator(campaignId, caregiverId, actor) {
      const campaign = await getCampaign(ctx.pool, campaignId);
      if (!campaign) throw new FillError("campaign_not_found", `No fill campaign ${campaignId}`);
      const now = ctx.clock.now();
      const offer = (await offersOfCampaign(ctx.pool, campaignId)).find((o) => o.caregiverId === caregiverId);
      // A click is the coordinator's answer, not the caregiver's: losing the race is said in Slack only (no
      // "already filled" text to a caregiver who never replied, or to the winner on a second click).
      if (!(await claimWin(ctx.pool, campaignId, caregiverId, offer?.id ?? null, now))) return "already_filled";
      if (offer) await recordOfferResponse(ctx.pool, offer.id, "accepted", { intent: "offer_accept", by: actor }, now);
      await ctx.audit(campaign, actor, "coordinator.assigned", "picked in Slack", { caregiverId, offerId: offer?.id ?? null });
      await ctx.scheduler.schedule("fill.assign", { campaignId }, now, `fill.assign:${campaignId}:coordinator:${caregiverId}`);
      return "assigned";
    },
    async extendOutreach(campaignId, actor) {
      const campaign = await getCampaign(ctx.pool, campaignId);
      if (!campaign) throw new FillError("campaign_not_found", `No fill campaign ${campaignId}`);
      if (campaign.status !== "open" && campaign.status !== "escalated") throw new FillError("campaign_closed", `Campaign ${campaignId} is ${campaign.status}`);
      return sendWave(ctx, campaignId, campaign.wave + 1, actor);
    },
    async runJob(job, data) {
      switch (job) {
        case "fill.wave":
          await sendWave(ctx, data.campaignId, data.wave ?? 1);
          return;
        case "fill.escalate":
          await escalate(ctx, data.campaignId, data.level ?? 1);
          return;
        case "fill.assign":
          await runAssignment(ctx, data.campaignId);
          return;
        case "fill.expire":
          await expire(ctx, data.campaignId);
          return;
      }
    },
  };
}

/** Unassigns the caller in WellSky (GET → caregiver null → PUT) and notes it; failure is told, not fatal. */
async function unassignOriginal(ctx: FillContext, campaign: Campaign, caregiverId: string, actor: string): Promise<void> {
  try {
    await ctx.writer.assignCaregiver(campaign.shiftKey, null);
    await ctx.audit(campaign, actor, "shift.unassigned", "call-off", { caregiverId });
  } catch (err) {
    // Outreach still goes ahead: the winner's PUT replaces the caregiver anyway.
    await ctx.audit(campaign, "system", "shift.unassign_failed", (err as Error).message, { caregiverId });
  }
  const caller = (await ctx.caregiversById()).get(caregiverId);
  const who = caller ? `${caller.firstName} ${caller.lastName}` : `Caregiver ${caregiverId}`;
  await ctx.writer
    .noteOnShift(campaign.shiftKey, { title: "Call-off", description: `${who} called off; Coverline is finding coverage.` })
    .catch((err: Error) => ctx.logger.warn({ campaignId: campaign.id, err: err.message }, "call-off note failed"));
}

async function notifyCoordinatorOfStart(ctx: FillContext, campaign: Campaign, urgent: boolean, candidates: number): Promise<void> {
  const chain = await escalationChain(ctx.pool, campaign.clientId);
  const client = await ctx.client(campaign.clientId);
  const caller = campaign.originalCaregiverId ? (await ctx.caregiversById()).get(campaign.originalCaregiverId) : undefined;
  const args = {
    campaignId: campaign.id,
    clientName: client ? `${client.firstName} ${client.lastName}` : campaign.clientId,
    city: client?.address.city ?? "",
    start: campaign.shiftStart,
    end: campaign.shiftEnd,
    callerName: caller ? `${caller.firstName} ${caller.lastName}` : null,
    candidates,
    mention: chain[0]?.slackUserId,
  };
  const msg = urgent ? urgentPageSlack(ctx, args) : callOffNoticeSlack(ctx, args);
  await ctx.sender.send({
    channel: "slack",
    to: chain[0]?.slackUserId ?? ctx.settings.alertsChannel,
    text: msg.text,
    blocks: msg.blocks,
    idempotencyKey: `fill:${campaign.id}:${urgent ? "page" : "notice"}`,
  });
  if (urgent) await ctx.audit(campaign, "system", "coordinator.paged", `shift starts within ${ctx.settings.urgentWithinHours} h`, { coordinatorId: chain[0]?.id ?? null });
}

function at(now: Date, seconds: number): Date {
  return new Date(now.getTime() + seconds * 1000);
}
