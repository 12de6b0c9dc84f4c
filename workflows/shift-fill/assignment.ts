import { auditTrail } from "../../db/repos/audit.js";
import { escalationChain } from "../../db/repos/directory.js";
import { campaignsWonTogether, getCampaign, offersOfCampaign, reopenCampaign, respondersToThank, setAssignmentStatus, type Campaign } from "../../db/repos/fill.js";
import type { FillContext } from "./context.js";
import { assignmentProblemSlack, fillResultSlack, sms } from "./copy.js";
import { sendWave } from "./outreach.js";
import { isRefusal } from "./ports.js";

/** After this many failed attempts the coordinator hears that WellSky is slow; retries go on regardless. */
const TELL_COORDINATOR_AFTER_ATTEMPTS = 3;

/**
 * Writes the winner to WellSky (GET → set caregiver → PUT) and then tells everyone. Runs as a durable job:
 * a transient failure throws so the queue retries with backoff; a refusal re-opens the campaign and tells
 * the coordinator. Idempotent: a second run after success does nothing.
 */
export async function runAssignment(ctx: FillContext, campaignId: number): Promise<void> {
  const campaign = await getCampaign(ctx.pool, campaignId);
  if (!campaign || campaign.status !== "filled" || campaign.assignmentStatus === "written" || !campaign.winnerCaregiverId) return;
  const winner = campaign.winnerCaregiverId;
  try {
    await ctx.writer.assignCaregiver(campaign.shiftKey, winner);
  } catch (err) {
    if (isRefusal(err)) {
      await reopenCampaign(ctx.pool, campaign.id);
      await ctx.audit(campaign, "system", "assignment.refused", (err as Error).message, { caregiverId: winner });
      await tellCoordinator(ctx, campaign, "refused", (err as Error).message);
      await confirmWinner(ctx, campaign); // shifts won with this one in the same reply may be waiting for it
      await sendWavesDueWhileFilled(ctx, campaign);
      return;
    }
    await ctx.audit(campaign, "system", "assignment.retry", (err as Error).message, { caregiverId: winner });
    const attempts = (await auditTrail(ctx.pool, "fill_campaign", String(campaign.id))).filter((e) => e.action === "assignment.retry").length;
    if (attempts === TELL_COORDINATOR_AFTER_ATTEMPTS) await tellCoordinator(ctx, campaign, "delayed", (err as Error).message);
    await confirmWinner(ctx, campaign); // shifts won with this one need not wait for WellSky to take it
    throw err;
  }
  await setAssignmentStatus(ctx.pool, campaign.id, "written");
  await ctx.audit(campaign, "system", "assignment.written", undefined, { caregiverId: winner });
  await announceFill(ctx, { ...campaign, assignmentStatus: "written" });
}

/** The fan-out of a filled shift: winner, other responders, client's contact, coordinator, WellSky note. */
async function announceFill(ctx: FillContext, campaign: Campaign): Promise<void> {
  const winnerId = campaign.winnerCaregiverId!;
  const caregivers = await ctx.caregiversById();
  const winner = caregivers.get(winnerId);
  const client = await ctx.client(campaign.clientId);
  const shift = { start: campaign.shiftStart, end: campaign.shiftEnd };
  const sends: Promise<unknown>[] = [confirmWinner(ctx, campaign)];
  // Only caregivers who answered hear it was filled; non-responders get nothing (seed: don't spam).
  for (const offer of await respondersToThank(ctx.pool, campaign.id, winnerId)) {
    const cg = caregivers.get(offer.caregiverId);
    if (!cg || offer.status === "lost") continue; // "lost" already got "already filled"
    sends.push(ctx.sender.send({ channel: "sms", to: cg.phone, text: sms(ctx, cg.language, "offer_filled", { ...shift, city: client?.address.city ?? "your area" }), idempotencyKey: `fill:${campaign.id}:thanks:${cg.id}` }));
  }
  let contactsTold = 0;
  if (winner && client) {
    for (const contact of (await ctx.agency.clientContacts(client.id)).filter((c) => c.primary && c.phone)) {
      sends.push(
        ctx.sender.send({
          channel: "sms",
          to: contact.phone!,
          text: sms(ctx, contact.language, "client_caregiver_change", { contactFirstName: contact.firstName, clientFirstName: client.firstName, caregiverFirstName: winner.firstName, ...shift }),
          idempotencyKey: `fill:${campaign.id}:client:${contact.id}`,
        }),
      );
      contactsTold += 1;
    }
  }
  const chain = await escalationChain(ctx.pool, campaign.clientId);
  const offers = await offersOfCampaign(ctx.pool, campaign.id);
  const msg = fillResultSlack(ctx, {
    campaignId: campaign.id,
    clientName: client ? `${client.firstName} ${client.lastName}` : campaign.clientId,
    city: client?.address.city ?? "",
    start: campaign.shiftStart,
    end: campaign.shiftEnd,
    winnerName: winner ? `${winner.firstName} ${winner.lastName}` : winnerId,
    minutesToFill: Math.round(((campaign.filledAt ?? ctx.clock.now()).getTime() - campaign.createdAt.getTime()) / 60_000),
    contacted: offers.length,
    clientContactNotified: contactsTold > 0,
  });
  sends.push(ctx.sender.send({ channel: "slack", to: chain[0]?.slackUserId ?? ctx.settings.alertsChannel, text: msg.text, blocks: msg.blocks, idempotencyKey: `fill:${campaign.id}:result` }));
  await Promise.all(sends);
  await ctx.writer
    .noteOnShift(campaign.shiftKey, {
      title: "Shift covered by Coverline",
      description: `Covered by ${winner ? `${winner.firstName} ${winner.lastName}` : winnerId} after a call-off; ${offers.length} caregivers offered.`,
      // Informational: WellSky's schedule already shows the new caregiver, so no office to-do before the visit.
      beforeStart: "skip",
    })
    .catch((err: Error) => ctx.logger.warn({ campaignId: campaign.id, err: err.message }, "shift note failed (assignment already written)"));
  await ctx.audit(campaign, "system", "fill.announced", undefined, { messages: sends.length });
}

/**
 * The winner's "you're confirmed", once per reply: "ALL" on a three-shift bundle is one text listing the shifts
 * written to WellSky, not three. Every assignment job of such a reply calls this after its own write, refusal
 * or failed attempt. It waits while a shift of the reply is still on its first attempt; a shift whose write
 * has failed once (WellSky down or slow) is not waited for, so the caregiver hears about the others now and
 * gets a second text when that one lands. Each shift is confirmed once: the "winner.confirmed" audit entry
 * follows the text. Two jobs that decide at the same moment send the same idempotency key, so one text goes
 * out; a crash between the text and the audit entry repeats the same key on retry, so none is repeated.
 */
async function confirmWinner(ctx: FillContext, campaign: Campaign): Promise<void> {
  const winner = (await ctx.caregiversById()).get(campaign.winnerCaregiverId ?? "");
  if (!winner) return;
  const together =
    campaign.winnerOfferId !== null && campaign.filledAt
      ? await campaignsWonTogether(ctx.pool, { winnerOfferId: campaign.winnerOfferId, winnerCaregiverId: winner.id, filledAt: campaign.filledAt })
      : [campaign];
  const trails = new Map(await Promise.all(together.map(async (c) => [c.id, await auditTrail(ctx.pool, "fill_campaign", String(c.id))] as const)));
  const did = (c: Campaign, action: string) => trails.get(c.id)!.some((e) => e.action === action);
  if (together.some((c) => c.assignmentStatus === "pending" && !did(c, "assignment.retry"))) return;
  const shifts = [];
  for (const c of together.filter((t) => t.assignmentStatus === "written" && !did(t, "winner.confirmed"))) {
    const client = await ctx.client(c.clientId);
    if (client) shifts.push({ campaignId: c.id, clientFirstName: client.firstName, address: `${client.address.line}, ${client.address.city}`, start: c.shiftStart, end: c.shiftEnd });
  }
  if (shifts.length === 0) return;
  const text = shifts.length === 1 ? sms(ctx, winner.language, "offer_confirmed", shifts[0]!) : sms(ctx, winner.language, "offer_confirmed_bundle", { shifts });
  await ctx.sender.send({ channel: "sms", to: winner.phone, text, idempotencyKey: `fill:${shifts.map((s) => s.campaignId).join("+")}:confirmed` });
  for (const s of shifts) await ctx.audit(s.campaignId, "system", "winner.confirmed", undefined, { caregiverId: winner.id });
}

/** A late YES after the shift is filled gets a polite "already filled", never an error. */
export async function sendAlreadyFilled(ctx: FillContext, offer: { id: number; campaignId: number; caregiverId: string }): Promise<void> {
  const cg = (await ctx.caregiversById()).get(offer.caregiverId);
  const campaign = await getCampaign(ctx.pool, offer.campaignId);
  if (!cg || !campaign) return;
  const client = await ctx.client(campaign.clientId);
  const text = sms(ctx, cg.language, "offer_already_filled", { firstName: cg.firstName, start: campaign.shiftStart, end: campaign.shiftEnd, city: client?.address.city ?? "your area" });
  await ctx.sender.send({ channel: "sms", to: cg.phone, text, idempotencyKey: `offer:${offer.id}:already-filled` });
}

async function tellCoordinator(ctx: FillContext, campaign: Campaign, kind: "refused" | "delayed", detail: string): Promise<void> {
  const chain = await escalationChain(ctx.pool, campaign.clientId);
  const client = await ctx.client(campaign.clientId);
  const winner = (await ctx.caregiversById()).get(campaign.winnerCaregiverId ?? "");
  const msg = assignmentProblemSlack(ctx, {
    kind,
    campaignId: campaign.id,
    clientName: client ? `${client.firstName} ${client.lastName}` : campaign.clientId,
    caregiverName: winner ? `${winner.firstName} ${winner.lastName}` : (campaign.winnerCaregiverId ?? "?"),
    start: campaign.shiftStart,
    detail,
  });
  await ctx.sender.send({
    channel: "slack",
    to: chain[0]?.slackUserId ?? ctx.settings.alertsChannel,
    text: msg.text,
    blocks: msg.blocks,
    idempotencyKey: `fill:${campaign.id}:assignment-${kind}:${campaign.winnerCaregiverId}`,
  });
}

/**
 * A wave timer that fired while the campaign stood filled did nothing; once a refusal re-opens it, the waves
 * due by now go out (the latest due one covers every tier up to it). Waves still ahead keep their timers.
 */
async function sendWavesDueWhileFilled(ctx: FillContext, campaign: Campaign): Promise<void> {
  const elapsedSeconds = (ctx.clock.now().getTime() - campaign.createdAt.getTime()) / 1000;
  const due = ctx.settings.waveDelaysSeconds.filter((delay) => delay <= elapsedSeconds).length;
  if (due > campaign.wave) await sendWave(ctx, campaign.id, due);
}
