import { randomBytes } from "node:crypto";
import { SDK } from "@ringcentral/sdk";
import pThrottle from "p-throttle";

export interface RingCentralSmsOptions {
  /** https://platform.ringcentral.com in production; a local fake in tests. */
  serverUrl: string;
  clientId: string;
  clientSecret: string;
  /** The JWT credential of the user who owns `fromNumber`. */
  jwt: string;
  /** E.164 number owned by the JWT user with the SmsSender feature. */
  fromNumber: string;
  /** RingCentral allows 40 SMS requests per minute per user (createSMSMessage). */
  smsPerMinute?: number;
  /** The window `smsPerMinute` applies to; 60 000 ms except in tests that need to see throttling quickly. */
  throttleWindowMs?: number;
  /** Injected fetch (the SDK's other externals are then the global WHATWG ones). */
  fetch?: typeof fetch;
  /** Longest Retry-After we wait in-process; a longer penalty fails the send so the retry job takes over. */
  maxRetryAfterMs?: number;
  /** How many 429s in a row one send rides out before failing. */
  maxRateLimitRetries?: number;
}

/** Result of a successful SMS hand-off; `messageStatus` starts as "Queued". */
export interface RingCentralSendResult {
  transport: "ringcentral";
  providerMessageId: string;
  messageStatus: string;
}

/** RingCentral messaging client: SMS sending plus voicemail reads. One instance per process. */
export interface RingCentralSms {
  readonly name: "ringcentral";
  /** Sends one SMS from `fromNumber`, throttled and rate-limit aware. Throws RingCentralError on failure. */
  sendSms(msg: { to: string; text: string }): Promise<RingCentralSendResult>;
  /** Fetches a voicemail's AudioTranscription attachment text. Only URIs on `serverUrl` are fetched. */
  fetchVoicemailTranscript(uri: string): Promise<string>;
  /** Reads a message-store record (to re-check a voicemail whose transcription was InProgress). */
  getMessage(messageId: string): Promise<unknown>;
  /** Revokes the session (best effort) — for orderly shutdown. */
  close(): Promise<void>;
}

/** A RingCentral API failure with the HTTP status and RingCentral's error code when known. */
export class RingCentralError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly errorCode: string | undefined,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "RingCentralError";
  }
}

/** RingCentral's text limit per SMS request. */
export const RINGCENTRAL_MAX_TEXT = 1000;
const SMS_PATH = "/restapi/v1.0/account/~/extension/~/sms";
/** When a 429 carries no Retry-After the docs say to wait at least 30 s; the penalty window is 60 s. */
const DEFAULT_RETRY_AFTER_MS = 60_000;

/**
 * Creates the RingCentral SMS client on the official SDK. It logs in with the JWT once and reuses the session
 * (the Auth group allows 5 logins per minute; the SDK refreshes the token itself), throttles sends to
 * `smsPerMinute`, and on 429 pauses *all* sends until Retry-After has passed — RingCentral restarts the
 * penalty for every request made during it.
 */
export function createRingCentralSms(opts: RingCentralSmsOptions): RingCentralSms {
  const server = new URL(opts.serverUrl);
  const sdk = new SDK({
    server: server.origin,
    clientId: opts.clientId,
    clientSecret: opts.clientSecret,
    // The SDK caches tokens in a process-wide in-memory store under this prefix; a unique prefix keeps two
    // clients (two agencies, or tests) from sharing one session.
    cachePrefix: `coverline-rc-${randomBytes(6).toString("hex")}-`,
    ...(opts.fetch ? { fetch: opts.fetch, Request, Response, Headers } : {}),
  });
  const platform = sdk.platform();
  const maxRetryAfterMs = opts.maxRetryAfterMs ?? 120_000;
  const maxRateLimitRetries = opts.maxRateLimitRetries ?? 2;
  let login: Promise<void> | null = null;
  let pausedUntil = 0;

  /** Logs in once; a failed login is forgotten so the next call tries again. Re-logs in only when the refresh token is gone. */
  async function session(): Promise<void> {
    if (login) {
      await login;
      if (await platform.auth().refreshTokenValid()) return;
      login = null;
    }
    login = platform
      .login({ jwt: opts.jwt })
      .then(() => undefined)
      .catch(async (err: unknown) => {
        login = null;
        throw await toRingCentralError(err, "login");
      });
    await login;
  }

  async function waitOutPenalty(): Promise<void> {
    for (let wait = pausedUntil - Date.now(); wait > 0; wait = pausedUntil - Date.now()) {
      await sleep(wait);
    }
  }

  const throttled = pThrottle({ limit: opts.smsPerMinute ?? 40, interval: opts.throttleWindowMs ?? 60_000 })(async (body: unknown) => {
    await waitOutPenalty();
    return platform.post(SMS_PATH, body);
  });

  /** Runs a request, riding out up to `maxRateLimitRetries` 429s that ask for no more than `maxRetryAfterMs`. */
  async function withRateLimit<T>(what: string, run: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        await waitOutPenalty();
        return await run();
      } catch (err) {
        const e = await toRingCentralError(err, what);
        if (e.status !== 429) throw e;
        const retryAfterMs = e.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS;
        pausedUntil = Math.max(pausedUntil, Date.now() + retryAfterMs);
        if (attempt >= maxRateLimitRetries || retryAfterMs > maxRetryAfterMs) throw e;
      }
    }
  }

  return {
    name: "ringcentral",

    async sendSms({ to, text }) {
      if (text.length > RINGCENTRAL_MAX_TEXT) {
        throw new RingCentralError(`SMS text is ${text.length} characters; RingCentral accepts at most ${RINGCENTRAL_MAX_TEXT}`, undefined, undefined);
      }
      await session();
      const res = await withRateLimit("send SMS", () =>
        throttled({ from: { phoneNumber: opts.fromNumber }, to: [{ phoneNumber: to }], text }),
      );
      const json = (await res.json()) as { id?: unknown; messageStatus?: unknown };
      if (json.id === undefined || json.id === null) throw new RingCentralError("RingCentral SMS response has no message id", res.status, undefined);
      return { transport: "ringcentral", providerMessageId: String(json.id), messageStatus: String(json.messageStatus ?? "Queued") };
    },

    async fetchVoicemailTranscript(uri) {
      const path = sameServerPath(uri, server);
      await session();
      const res = await withRateLimit("fetch transcript", () => platform.get(path));
      return (await res.text()).trim();
    },

    async getMessage(messageId) {
      if (!/^\d+$/.test(messageId)) throw new RingCentralError("message id must be numeric", undefined, undefined);
      await session();
      const res = await withRateLimit("get message", () => platform.get(`/restapi/v1.0/account/~/extension/~/message-store/${messageId}`));
      return res.json() as Promise<unknown>;
    },

    async close() {
      if (!login) return;
      try {
        await platform.logout();
      } catch {
        // Revocation is a courtesy; the token expires on its own.
      } finally {
        login = null;
      }
    },
  };
}

/**
 * Attachment URIs come from webhook payloads. The SDK adds our bearer token to any absolute URL it is given,
 * so anything not on the configured RingCentral server is refused rather than sent our credentials.
 */
function sameServerPath(uri: string, server: URL): string {
  let u: URL;
  try {
    u = new URL(uri, server);
  } catch {
    throw new RingCentralError("transcript URI is not a URL", undefined, undefined);
  }
  if (u.origin !== server.origin || !u.pathname.startsWith("/restapi/")) {
    throw new RingCentralError(`refusing to fetch a transcript from ${u.origin} (not the RingCentral server)`, undefined, undefined);
  }
  return u.pathname + u.search;
}

/** Normalises SDK errors (Error + `response`) into RingCentralError with status, errorCode and Retry-After. */
async function toRingCentralError(err: unknown, what: string): Promise<RingCentralError> {
  if (err instanceof RingCentralError) return err;
  const e = err as { message?: string; response?: Response };
  const res = e.response;
  if (!res) return new RingCentralError(`RingCentral ${what} failed: ${e.message ?? String(err)}`, undefined, undefined);
  let errorCode: string | undefined;
  try {
    const body = (await res.clone().json()) as { errorCode?: string; errors?: { errorCode?: string }[]; error?: string };
    errorCode = body.errorCode ?? body.errors?.[0]?.errorCode ?? body.error;
  } catch {
    // Non-JSON error body: the status is enough.
  }
  const header = res.headers.get("retry-after");
  const seconds = header === null ? NaN : Number.parseFloat(header);
  const retryAfterMs = Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds * 1000) : undefined;
  return new RingCentralError(`RingCentral ${what} failed: ${res.status} ${e.message ?? ""}`.trim(), res.status, errorCode, retryAfterMs);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
