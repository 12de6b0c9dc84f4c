import { createHash } from "node:crypto";
import { Hono, type Context, type Next } from "hono";
import { parseInteraction, parseSlackEvent, parseSlashCommand } from "../../channels/slack/parse.js";
import { verifySlackSignature } from "../../channels/slack/verify.js";
import { coordinatorBySlackUser } from "../../db/repos/directory.js";
import { FillError } from "../../workflows/shift-fill/engine.js";
import type { AppEnv } from "../deps.js";
import { errorResponse } from "../errors.js";

/**
 * Verifies Slack's v0 HMAC signature over the raw body (5-minute window) before any route sees the request;
 * the raw body is kept for the handler. Slash commands' unsigned `ssl_check` probe is answered 200.
 */
async function slackSignature(c: Context<AppEnv>, next: Next) {
  const raw = await c.req.text();
  if (c.req.path.endsWith("/commands") && new URLSearchParams(raw).get("ssl_check") === "1") return c.body(null, 200);
  const { config, clock } = c.get("deps");
  const v = verifySlackSignature({
    rawBody: raw,
    timestamp: c.req.header("x-slack-request-timestamp"),
    signature: c.req.header("x-slack-signature"),
    signingSecret: config.SLACK_SIGNING_SECRET,
    now: clock.now(),
  });
  if (!v.ok) return errorResponse(c, 401, "bad_signature", `Slack signature rejected: ${v.reason}`);
  await next();
}

/** Slack for coordinators: Events API (chat), `/fill` and `/coverline`, and escalation buttons. */
export const slackRoutes = new Hono<AppEnv>()
  .use("/webhooks/slack/*", slackSignature)
  .post("/webhooks/slack/events", async (c) => {
    const parsed = parseSlackEvent(await c.req.text());
    switch (parsed.kind) {
      case "url_verification":
        return c.json({ challenge: parsed.challenge });
      case "message": {
        // Dedup on event_id (Slack retries with the same id); the agent answers in the thread later.
        const r = await c.get("deps").services.inbound.accept(parsed.message);
        return c.json({ ok: true, duplicate: r.duplicate });
      }
      case "ignored":
        return c.json({ ok: true, ignored: parsed.reason });
      case "error":
        return errorResponse(c, 400, "invalid_event", parsed.error);
    }
  })
  .post("/webhooks/slack/commands", async (c) => {
    const { pool } = c.get("deps").db;
    const { services, clock } = c.get("deps");
    const parsed = parseSlashCommand(await c.req.text());
    if (parsed.kind === "ssl_check") return c.body(null, 200);
    if (parsed.kind === "error") return errorResponse(c, 400, "invalid_command", parsed.error);
    const coordinator = await coordinatorBySlackUser(pool, parsed.ctx.userId);
    if (!coordinator) return c.json({ response_type: "ephemeral", text: "Coverline commands are for the agency's coordinators." });
    switch (parsed.kind) {
      case "fill":
        try {
          const r = await services.fill.start({ shiftKey: parsed.shift, source: "coordinator", actor: `coordinator:${coordinator.id}`, reason: "/fill" });
          return c.json({
            response_type: "ephemeral",
            text: r.created ? `Started outreach for \`${parsed.shift}\`: ${r.candidates} qualified caregivers, campaign ${r.campaign.id}.` : `Outreach for \`${parsed.shift}\` is already running (campaign ${r.campaign.id}).`,
          });
        } catch (err) {
          if (err instanceof FillError) return c.json({ response_type: "ephemeral", text: `⚠️ ${err.message}` });
          throw err;
        }
      case "coverline": {
        const id = createHash("sha256").update(`${parsed.ctx.userId}:${parsed.ctx.triggerId ?? ""}:${parsed.text}`).digest("hex").slice(0, 32);
        await services.inbound.accept({
          provider: "slack",
          providerMessageId: `cmd:${id}`,
          channel: "slack",
          from: parsed.ctx.userId,
          to: null,
          text: parsed.text,
          receivedAt: clock.now(),
          replyTarget: { channel: parsed.ctx.channelId },
        });
        return c.json({ response_type: "ephemeral", text: "On it…" });
      }
      case "usage":
        return c.json({ response_type: "ephemeral", text: parsed.help });
      case "unknown_command":
        return c.json({ response_type: "ephemeral", text: `Unknown command ${parsed.command}. Try /fill <shift> or /coverline help.` });
    }
  })
  .post("/webhooks/slack/interactive", async (c) => {
    const { services, db } = c.get("deps");
    const parsed = parseInteraction(await c.req.text());
    if (parsed.kind === "error") return errorResponse(c, 400, "invalid_payload", parsed.error);
    if (parsed.kind === "ignored") return c.json({ ok: true });
    const coordinator = await coordinatorBySlackUser(db.pool, parsed.userId);
    if (!coordinator) return c.json({ response_type: "ephemeral", replace_original: false, text: "Only the agency's coordinators can do that." });
    const [campaign, caregiverId] = (parsed.value ?? "").split("|");
    const campaignId = Number(campaign);
    if (!Number.isInteger(campaignId) || campaignId <= 0) return errorResponse(c, 400, "invalid_action", "Button value is not a campaign id");
    try {
      if (parsed.actionId === "fill_assign" && caregiverId) {
        const r = await services.fill.assignByCoordinator(campaignId, caregiverId, `coordinator:${coordinator.id}`);
        return c.json({ response_type: "ephemeral", replace_original: false, text: r === "assigned" ? "Assigned — writing it to WellSky and confirming with the caregiver." : "That shift is already filled." });
      }
      if (parsed.actionId === "fill_extend") {
        const n = await services.fill.extendOutreach(campaignId, `coordinator:${coordinator.id}`);
        return c.json({ response_type: "ephemeral", replace_original: false, text: n > 0 ? `Texted ${n} more caregivers.` : "No more qualified caregivers to text." });
      }
    } catch (err) {
      if (err instanceof FillError) return c.json({ response_type: "ephemeral", replace_original: false, text: `⚠️ ${err.message}` });
      throw err;
    }
    return c.json({ ok: true, ignored: parsed.actionId });
  });
