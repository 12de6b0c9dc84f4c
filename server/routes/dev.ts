import { randomUUID } from "node:crypto";
import { Hono } from "hono";
import { z } from "zod";
import { toE164 } from "../../channels/phone.js";
import { listOutbox } from "../../db/repos/messages.js";
import type { AppEnv } from "../deps.js";
import { validate } from "../validate.js";
import { errorResponse } from "../errors.js";

const SmsBody = z.object({ from: z.string().min(7).max(20), text: z.string().min(1).max(1600) });
const OutboxQuery = z.object({
  to: z.string().max(20).optional(),
  channel: z.enum(["sms", "slack"]).optional(),
  since: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});


/**
 * Development routes (mounted unless NODE_ENV=production): inject an SMS as if from RingCentral, read the
 * outbox, list the seeded agency. Contracts used by scripts/sms.ts and outside tools — keep their shapes.
 */
export const devRoutes = new Hono<AppEnv>()
  .post("/dev/sms", validate("json", SmsBody), async (c) => {
    const { from, text } = c.req.valid("json");
    const phone = toE164(from);
    if (!phone) return errorResponse(c, 400, "invalid_phone", "`from` is not a phone number");
    const { services, clock, config } = c.get("deps");
    const r = await services.inbound.accept({
      provider: "dev",
      providerMessageId: randomUUID(),
      channel: "sms",
      from: phone,
      to: config.AGENCY_OFFICE_PHONE,
      text,
      receivedAt: clock.now(),
    });
    return c.json({ id: r.id, from: phone, status: "accepted" }, 202);
  })
  .get("/dev/outbox", validate("query", OutboxQuery), async (c) => {
    const q = c.req.valid("query");
    const to = q.to ? (q.channel === "slack" ? q.to : (toE164(q.to) ?? q.to)) : undefined;
    const items = await listOutbox(c.get("deps").db.pool, { to, channel: q.channel, since: q.since ? new Date(q.since) : undefined, limit: q.limit });
    return c.json(items.map((m) => ({ id: m.id, channel: m.channel, to: m.to, text: m.text, createdAt: m.createdAt.toISOString() })));
  })
  .get("/dev/roster", async (c) => {
    const roster = c.get("deps").services.roster;
    if (!roster) return errorResponse(c, 404, "not_available", "No roster: the server is not running on the seeded WellSky stand-in");
    return c.json(await roster());
  });
