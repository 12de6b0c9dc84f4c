import http from "node:http";
import type { AddressInfo } from "node:net";
import { createBodyServer } from "../../../lib/body-server.js";

/**
 * A local stand-in for the Slack Web API methods Coverline calls (auth.test, chat.postMessage, chat.update).
 * Behaves like Slack where it matters to a client: bodies may be form-urlencoded (what WebClient v8 sends,
 * with `blocks` JSON-encoded) or JSON; the token comes as `Authorization: Bearer` (or a `token` field);
 * errors are HTTP 200 with `{ ok: false, error }`; only rate limiting uses 429 + Retry-After.
 */

export interface FakeSlackPost {
  method: "chat.postMessage" | "chat.update";
  channel: string;
  text: string;
  blocks: Record<string, unknown>[] | null;
  threadTs: string | null;
  ts: string;
}

export interface SlackFakeOptions {
  port?: number;
  host?: string;
  /** The bot token the fake accepts. */
  token?: string;
  /** When set, only these channel ids exist; others answer `channel_not_found`. */
  channels?: string[];
}

export interface SlackFake {
  /** Pass as `apiUrl` (ends in /api/). */
  url: string;
  /** Accepted posts and updates, in order. */
  posts: FakeSlackPost[];
  /** Raw calls seen: method name and content type, for wire-format assertions. */
  calls: { method: string; contentType: string }[];
  /** The next `n` calls answer HTTP 429 with Retry-After `retryAfterSeconds`. */
  rateLimitNext(n?: number, retryAfterSeconds?: number): void;
  close(): Promise<void>;
}

/** Token the fake accepts unless told otherwise. */
export const SLACK_FAKE_TOKEN = "xoxb-fake-coverline";

/** Starts the fake Slack Web API on 127.0.0.1 (port 0 = any free port). */
export async function startSlackFake(opts: SlackFakeOptions = {}): Promise<SlackFake> {
  const token = opts.token ?? SLACK_FAKE_TOKEN;
  const posts: FakeSlackPost[] = [];
  const calls: SlackFake["calls"] = [];
  let rateLimited = { remaining: 0, retryAfter: 1 };
  let clock = Math.floor(Date.now() / 1000);
  let seq = 0;

  const server = createBodyServer(handle, (res, err) => reply(res, { ok: false, error: "internal_error", detail: err.message }));

  function handle(req: http.IncomingMessage, raw: string, res: http.ServerResponse): void {
    const url = new URL(req.url ?? "/", "http://fake");
    const method = url.pathname.replace(/^\/api\//, "");
    const contentType = String(req.headers["content-type"] ?? "");
    calls.push({ method, contentType });
    if (req.method !== "POST" && req.method !== "GET") return reply(res, { ok: false, error: "invalid_request" });
    if (rateLimited.remaining > 0) {
      rateLimited.remaining--;
      res.writeHead(429, { "Content-Type": "application/json; charset=utf-8", "Retry-After": String(rateLimited.retryAfter) });
      res.end(JSON.stringify({ ok: false, error: "ratelimited" }));
      return;
    }

    let args: Record<string, unknown>;
    if (contentType.includes("application/json")) {
      try {
        args = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      } catch {
        return reply(res, { ok: false, error: "invalid_json" });
      }
    } else {
      args = Object.fromEntries(new URLSearchParams(raw));
    }
    for (const [k, v] of url.searchParams) args[k] ??= v;

    const auth = req.headers.authorization ?? "";
    const given = auth.startsWith("Bearer ") ? auth.slice(7) : typeof args.token === "string" ? args.token : "";
    if (!given) return reply(res, { ok: false, error: "not_authed" });
    if (given !== token) return reply(res, { ok: false, error: "invalid_auth" });

    switch (method) {
      case "auth.test":
        return reply(res, { ok: true, url: "https://coverline-dev.slack.com/", team: "Coverline Dev", user: "coverline", team_id: "T0FAKE001", user_id: "U0BOT0001", bot_id: "B0BOT0001" });
      case "chat.postMessage":
        return postMessage(args, res);
      case "chat.update":
        return update(args, res);
      default:
        return reply(res, { ok: false, error: "unknown_method" });
    }
  }

  function blocksOf(v: unknown): Record<string, unknown>[] | null | "invalid" {
    if (v === undefined || v === null || v === "") return null;
    try {
      const parsed = typeof v === "string" ? (JSON.parse(v) as unknown) : v;
      return Array.isArray(parsed) && parsed.every((b) => b && typeof b === "object" && typeof (b as { type?: unknown }).type === "string")
        ? (parsed as Record<string, unknown>[])
        : "invalid";
    } catch {
      return "invalid";
    }
  }

  function channelError(channel: unknown): string | null {
    if (typeof channel !== "string" || !channel) return "channel_not_found";
    if (opts.channels && !opts.channels.includes(channel)) return "channel_not_found";
    return null;
  }

  function nextTs(): string {
    // Slack ts: seconds "." 6-digit sequence, unique per channel and increasing.
    const now = Math.floor(Date.now() / 1000);
    if (now > clock) clock = now;
    seq = (seq + 1) % 1_000_000;
    return `${clock}.${String(seq).padStart(6, "0")}`;
  }

  function postMessage(args: Record<string, unknown>, res: http.ServerResponse): void {
    const err = channelError(args.channel);
    if (err) return reply(res, { ok: false, error: err });
    const blocks = blocksOf(args.blocks);
    if (blocks === "invalid") return reply(res, { ok: false, error: "invalid_blocks" });
    const text = typeof args.text === "string" ? args.text : "";
    if (!text && !blocks) return reply(res, { ok: false, error: "no_text" });
    if (text.length > 40_000) return reply(res, { ok: false, error: "msg_too_long" });
    const threadTs = typeof args.thread_ts === "string" && args.thread_ts ? args.thread_ts : null;
    if (threadTs && !posts.some((p) => p.channel === args.channel && p.ts === threadTs)) {
      return reply(res, { ok: false, error: "thread_not_found" });
    }
    const ts = nextTs();
    const channel = args.channel as string;
    posts.push({ method: "chat.postMessage", channel, text, blocks, threadTs, ts });
    reply(res, {
      ok: true,
      channel,
      ts,
      message: { type: "message", text, user: "U0BOT0001", bot_id: "B0BOT0001", ts, ...(blocks ? { blocks } : {}), ...(threadTs ? { thread_ts: threadTs } : {}) },
    });
  }

  function update(args: Record<string, unknown>, res: http.ServerResponse): void {
    const err = channelError(args.channel);
    if (err) return reply(res, { ok: false, error: err });
    const original = posts.find((p) => p.method === "chat.postMessage" && p.channel === args.channel && p.ts === args.ts);
    if (!original) return reply(res, { ok: false, error: "message_not_found" });
    const blocks = blocksOf(args.blocks);
    if (blocks === "invalid") return reply(res, { ok: false, error: "invalid_blocks" });
    const text = typeof args.text === "string" ? args.text : "";
    if (!text && !blocks) return reply(res, { ok: false, error: "no_text" });
    posts.push({ method: "chat.update", channel: original.channel, text, blocks, threadTs: original.threadTs, ts: original.ts });
    reply(res, { ok: true, channel: original.channel, ts: original.ts, text });
  }

  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, opts.host ?? "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://${opts.host ?? "127.0.0.1"}:${port}/api/`,
    posts,
    calls,
    rateLimitNext(n = 1, retryAfterSeconds = 1) {
      rateLimited = { remaining: n, retryAfter: retryAfterSeconds };
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}

function reply(res: http.ServerResponse, body: Record<string, unknown>): void {
  res.writeHead(200, { "Content-Type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(body));
}
