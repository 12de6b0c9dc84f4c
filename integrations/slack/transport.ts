import { LogLevel, WebClient, WebAPIPlatformError, WebAPIRateLimitedError, type Logger as SlackLogger } from "@slack/web-api";
import type { Logger } from "../../lib/logger.js";

export interface SlackTransportOptions {
  /** Bot token (xoxb-…). */
  token: string;
  /** Web API base, e.g. a local fake `http://127.0.0.1:PORT/api/`. Default https://slack.com/api/. */
  apiUrl?: string;
  fetch?: typeof fetch;
  /**
   * In-process retries for network errors, 5xx and 429 (WebClient honours Retry-After). The library default
   * is 10 retries over ~30 minutes, which would hold a coordinator alert hostage; the messenger's durable
   * retry job covers longer outages, so a couple of quick retries is enough here. Tests pass 0.
   */
  retries?: number;
  /** Per-request timeout in ms (default 10 s). */
  timeoutMs?: number;
  /** Service logger; WebClient's own console output is otherwise silenced below warnings. */
  logger?: Logger;
}

export interface SlackPostResult {
  transport: "slack";
  /** The message `ts` — Slack's id for the message, used for threads and chat.update. */
  providerMessageId: string;
  channel: string;
  ts: string;
}

/** Slack Web API client for coordinator messages. */
export interface SlackTransportClient {
  readonly name: "slack";
  /** chat.postMessage with fallback text, optional Block Kit blocks and thread. Throws SlackApiError. */
  postMessage(msg: { channel: string; text: string; blocks?: Record<string, unknown>[]; threadTs?: string }): Promise<SlackPostResult>;
  /** chat.update of an earlier message (e.g. replace Approve/Reject buttons with the decision). */
  update(msg: { channel: string; ts: string; text: string; blocks?: Record<string, unknown>[] }): Promise<{ channel: string; ts: string }>;
}

/** A Slack API failure: `code` is Slack's `error` string (`channel_not_found`, `invalid_auth`, …) or `rate_limited`/`request_failed`. */
export class SlackApiError extends Error {
  constructor(
    readonly method: string,
    readonly code: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(`Slack ${method} failed: ${code}`);
    this.name = "SlackApiError";
  }
}

/** Creates the Slack transport on `@slack/web-api`'s WebClient. */
export function createSlackTransport(opts: SlackTransportOptions): SlackTransportClient {
  const web = new WebClient(opts.token, {
    ...(opts.apiUrl ? { slackApiUrl: opts.apiUrl.endsWith("/") ? opts.apiUrl : `${opts.apiUrl}/` } : {}),
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
    retryConfig: { retries: opts.retries ?? 2, factor: 2, minTimeout: 500, maxTimeout: 5_000, randomize: true },
    // Wait out a 429's Retry-After (within the retries above) instead of failing at once.
    rejectRateLimitedCalls: false,
    timeout: opts.timeoutMs ?? 10_000,
    ...(opts.logger ? { logger: slackLogger(opts.logger) } : { logLevel: LogLevel.ERROR }),
  });

  async function call<T>(method: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      if (err instanceof WebAPIPlatformError) throw new SlackApiError(method, err.data.error);
      if (err instanceof WebAPIRateLimitedError) throw new SlackApiError(method, "rate_limited", err.retryAfter);
      throw new SlackApiError(method, `request_failed (${(err as Error).message})`);
    }
  }

  return {
    name: "slack",

    async postMessage({ channel, text, blocks, threadTs }) {
      const res = await call("chat.postMessage", () =>
        web.chat.postMessage({
          channel,
          // Always sent, even with blocks: it is the notification and screen-reader fallback.
          text,
          // Blocks arrive as plain records (built and limit-checked by channels/slack/format); WebClient's
          // KnownBlock union cannot be proven from that, and Slack validates them anyway (invalid_blocks).
          ...(blocks ? { blocks: blocks as never } : {}),
          ...(threadTs ? { thread_ts: threadTs } : {}),
          // Names and addresses in our text are not meant to unfurl into link previews.
          unfurl_links: false,
          unfurl_media: false,
        }),
      );
      if (!res.ts || !res.channel) throw new SlackApiError("chat.postMessage", "missing_ts_in_response");
      return { transport: "slack", providerMessageId: res.ts, channel: res.channel, ts: res.ts };
    },

    async update({ channel, ts, text, blocks }) {
      const res = await call("chat.update", () => web.chat.update({ channel, ts, text, ...(blocks ? { blocks: blocks as never } : {}) }));
      return { channel: res.channel ?? channel, ts: res.ts ?? ts };
    },
  };
}

/** Forwards WebClient warnings/errors to the service logger; its debug output (request bodies) is dropped. */
function slackLogger(logger: Logger): SlackLogger {
  let level = LogLevel.WARN;
  return {
    debug: () => undefined,
    info: () => undefined,
    warn: (...msg: unknown[]) => logger.warn({ component: "slack-web-api" }, msg.map(String).join(" ")),
    error: (...msg: unknown[]) => logger.error({ component: "slack-web-api" }, msg.map(String).join(" ")),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
