import { signSlackRequest } from "../channels/slack/verify.js";

export interface SignedSlackOptions {
  /** The signing secret; defaults to config's dev default. */
  secret?: string;
  /** "Now" as the server sees it (its injected clock): the timestamp is taken from it. */
  now: Date;
  /** Seconds to move the timestamp back (stale) or forward. */
  skewSeconds?: number;
  contentType?: string;
  /** Overrides the computed signature (tampering tests). */
  signature?: string;
  /** Leave these headers out (missing-header tests). */
  omit?: ("timestamp" | "signature")[];
  headers?: Record<string, string>;
}

/** A `RequestInit` signed exactly as Slack signs it: v0 HMAC over `v0:{ts}:{raw body}`. */
export function signedSlackRequest(rawBody: string, opts: SignedSlackOptions): RequestInit {
  const ts = String(Math.floor(opts.now.getTime() / 1000) - (opts.skewSeconds ?? 0));
  const signature = opts.signature ?? signSlackRequest({ rawBody, timestamp: ts, signingSecret: opts.secret ?? "dev-slack-signing-secret" });
  const headers: Record<string, string> = {
    "content-type": opts.contentType ?? (rawBody.startsWith("{") ? "application/json" : "application/x-www-form-urlencoded"),
    ...(opts.omit?.includes("timestamp") ? {} : { "x-slack-request-timestamp": ts }),
    ...(opts.omit?.includes("signature") ? {} : { "x-slack-signature": signature }),
    ...opts.headers,
  };
  return { method: "POST", headers, body: rawBody };
}
