import { createHmac, timingSafeEqual } from "node:crypto";

/** Slack's replay window: requests older (or further in the future) than this are rejected. */
export const SLACK_MAX_SKEW_SECONDS = 5 * 60;

export type SlackVerifyResult =
  | { ok: true }
  | { ok: false; reason: "missing_headers" | "malformed_timestamp" | "stale" | "future" | "malformed_signature" | "bad_signature" };

/**
 * Verifies a Slack request signature (Events API, slash commands, interactivity): HMAC-SHA256 with the signing
 * secret over `v0:{X-Slack-Request-Timestamp}:{raw body}`, hex, compared in constant time to
 * `X-Slack-Signature` (`v0=<hex>`). `rawBody` must be the exact bytes received, before any parsing.
 * Bolt rejects only stale timestamps; we also reject ones more than 5 minutes ahead, since a captured request
 * with a future timestamp would otherwise stay replayable for longer than the window.
 */
export function verifySlackSignature(input: {
  rawBody: string;
  timestamp: string | null | undefined;
  signature: string | null | undefined;
  signingSecret: string;
  /** Injected for tests; defaults to the current time. */
  now?: Date;
}): SlackVerifyResult {
  const { rawBody, timestamp, signature, signingSecret } = input;
  if (!timestamp || !signature || !signingSecret) return { ok: false, reason: "missing_headers" };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: "malformed_timestamp" };
  const nowSec = Math.floor((input.now ?? new Date()).getTime() / 1000);
  const skew = nowSec - Number(timestamp);
  if (skew > SLACK_MAX_SKEW_SECONDS) return { ok: false, reason: "stale" };
  if (skew < -SLACK_MAX_SKEW_SECONDS) return { ok: false, reason: "future" };
  if (!/^v0=[0-9a-f]{64}$/.test(signature)) return { ok: false, reason: "malformed_signature" };
  const expected = Buffer.from(signSlackRequest({ rawBody, timestamp, signingSecret }), "utf8");
  const given = Buffer.from(signature, "utf8");
  // Both are "v0=" + 64 hex chars here, so the lengths match and timingSafeEqual cannot throw.
  return timingSafeEqual(expected, given) ? { ok: true } : { ok: false, reason: "bad_signature" };
}

/** Computes the `X-Slack-Signature` value Slack would send (used by tests and the local simulator). */
export function signSlackRequest(input: { rawBody: string; timestamp: string; signingSecret: string }): string {
  return "v0=" + createHmac("sha256", input.signingSecret).update(`v0:${input.timestamp}:${input.rawBody}`).digest("hex");
}
