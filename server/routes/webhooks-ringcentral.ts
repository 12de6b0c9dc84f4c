import { Hono } from "hono";
import { parseRingCentralNotification } from "../../channels/ringcentral/parse.js";
import { ringCentralHandshake, verifyRingCentralToken } from "../../channels/ringcentral/verify.js";
import type { AppEnv } from "../deps.js";
import { errorResponse } from "../errors.js";

/**
 * RingCentral webhook: validation handshake, `Verification-Token` check, then the message-store notification
 * is stored (dedup on the message id) and acknowledged at once; the agent runs off the request path. A voicemail's
 * transcript is fetched by a durable job (deduplicated per message id); a voicemail without a transcript, or whose
 * transcript cannot be fetched, is stored too, and a coordinator is told to listen to it.
 * RingCentral blacklists a webhook that keeps failing, so anything that is ours to retry is answered 200.
 */
export const ringCentralRoutes = new Hono<AppEnv>().post("/webhooks/ringcentral", async (c) => {
  const { config, services } = c.get("deps");
  const handshake = ringCentralHandshake(c.req.header("validation-token"));
  if (handshake) {
    for (const [k, v] of Object.entries(handshake.headers)) c.header(k, v);
    return c.body(null, 200);
  }
  if (!verifyRingCentralToken(c.req.header("verification-token"), config.RINGCENTRAL_WEBHOOK_VERIFICATION_TOKEN)) {
    return errorResponse(c, 401, "unauthorized", "Missing or wrong Verification-Token header");
  }
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    return errorResponse(c, 400, "invalid_json", "Body is not JSON");
  }
  const parsed = parseRingCentralNotification(body);
  switch (parsed.kind) {
    case "message": {
      const r = await services.inbound.accept(parsed.message);
      return c.json({ status: r.duplicate ? "duplicate" : "accepted", id: r.id });
    }
    case "needs_transcript_fetch":
    case "transcript_pending": {
      const voicemail = services.voicemail;
      if (!voicemail?.readsTranscripts) return c.json({ status: "ignored", reason: "voicemail transcripts need RingCentral credentials" });
      // Only queues a job (the fetch, retried, or a re-read): fast, and durable before RingCentral hears 200.
      // A transcript RingCentral cannot serve ends as an untranscribed voicemail a coordinator is told about.
      await voicemail.handle(parsed);
      return c.json({ status: "accepted" });
    }
    case "voicemail_untranscribed": {
      // Nobody can read it, so a person must hear it: stored (dedup on the message id) and a coordinator alerted
      // by a durable job. Needs no RingCentral credentials: nothing is fetched.
      if (!services.voicemail) return errorResponse(c, 503, "unavailable", "Voicemail intake is not configured");
      const r = await services.voicemail.recordUntranscribed(parsed);
      return c.json({ status: r.duplicate ? "duplicate" : "accepted", id: r.id });
    }
    case "ignored":
      return c.json({ status: "ignored", reason: parsed.reason });
    case "error":
      return errorResponse(c, 400, "invalid_notification", parsed.error);
  }
});
