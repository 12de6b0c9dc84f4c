import { z } from "zod";
import type { InboundMessage } from "../../domain/messages.js";

/**
 * Pure parsing of the three kinds of Slack requests (channels-platform.md §2): Events API JSON, slash-command
 * forms and interactivity forms (`payload` = JSON). Verify the signature over the raw body first
 * (./verify.ts); these functions trust nothing else and never throw.
 */

// ---------------------------------------------------------------------------------------------------------
// Events API
// ---------------------------------------------------------------------------------------------------------

const UrlVerification = z.object({ type: z.literal("url_verification"), challenge: z.string().min(1) });

const InnerEvent = z.looseObject({
  type: z.string(),
  user: z.string().optional(),
  text: z.string().optional(),
  channel: z.string().optional(),
  ts: z.string().optional(),
  thread_ts: z.string().optional(),
  channel_type: z.string().optional(),
  bot_id: z.string().optional(),
  subtype: z.string().optional(),
});

const EventCallback = z.looseObject({
  type: z.literal("event_callback"),
  team_id: z.string().optional(),
  event_id: z.string().min(1),
  event_time: z.number().optional(),
  event: InnerEvent,
});

/** Where the message was, for threading the answer and for a `(channel, ts)` dedup if both message and app_mention are subscribed. */
export interface SlackEventOrigin {
  type: "message" | "app_mention";
  channel: string;
  ts: string;
  threadTs?: string;
  channelType?: string;
  teamId?: string;
}

export type SlackEventResult =
  /** Answer 200 with the challenge (after verifying the signature). */
  | { kind: "url_verification"; challenge: string }
  | { kind: "message"; message: InboundMessage; origin: SlackEventOrigin }
  /** Bot output, edits, joins, unsupported event types: acknowledge and drop (answering them would loop). */
  | { kind: "ignored"; reason: string }
  | { kind: "error"; error: string };

/** Parses an Events API request body (already JSON-decoded, or the raw string). */
export function parseSlackEvent(body: unknown): SlackEventResult {
  const json = typeof body === "string" ? safeJson(body) : body;
  if (json === undefined) return { kind: "error", error: "Slack event: body is not JSON" };
  const type = (json as { type?: unknown } | null)?.type;
  if (type === "url_verification") {
    const v = UrlVerification.safeParse(json);
    return v.success ? { kind: "url_verification", challenge: v.data.challenge } : { kind: "error", error: `Slack url_verification: ${issues(v.error)}` };
  }
  if (type !== "event_callback") return { kind: "ignored", reason: `envelope type ${String(type)}` };
  const env = EventCallback.safeParse(json);
  if (!env.success) return { kind: "error", error: `Slack event_callback: ${issues(env.error)}` };

  const e = env.data.event;
  if (e.type !== "message" && e.type !== "app_mention") return { kind: "ignored", reason: `event type ${e.type}` };
  // Our own posts come back as message events with bot_id; edits/deletes/joins carry a subtype. Answering
  // any of them would loop or double-handle, so only plain human messages go through.
  if (e.bot_id) return { kind: "ignored", reason: "bot message" };
  if (e.subtype) return { kind: "ignored", reason: `message subtype ${e.subtype}` };
  if (!e.user || !e.channel || !e.ts) return { kind: "error", error: "Slack event: event.user, event.channel and event.ts are required" };

  const text = (e.text ?? "").replace(/^(\s*<@[A-Z0-9]+(\|[^>]*)?>)+\s*/, "");
  // Answer in the message's thread. A top-level channel message starts a thread under itself so the channel
  // stays readable; in a direct message a thread would only hide the answer, so reply inline there.
  const threadTs = e.thread_ts ?? (e.channel_type === "im" ? undefined : e.ts);
  const receivedAt = new Date(((env.data.event_time ?? Number(e.ts)) || 0) * 1000);
  if (Number.isNaN(receivedAt.getTime()) || receivedAt.getTime() === 0) return { kind: "error", error: "Slack event: no usable event_time or ts" };

  const message: InboundMessage = {
    provider: "slack",
    // event_id is stable across Slack's retries (X-Slack-Retry-Num), so it is the dedup key.
    providerMessageId: env.data.event_id,
    channel: "slack",
    from: e.user,
    to: null,
    text,
    receivedAt,
    replyTarget: { channel: e.channel, ...(threadTs ? { threadTs } : {}) },
  };
  const origin: SlackEventOrigin = {
    type: e.type,
    channel: e.channel,
    ts: e.ts,
    ...(e.thread_ts ? { threadTs: e.thread_ts } : {}),
    ...(e.channel_type ? { channelType: e.channel_type } : {}),
    ...(env.data.team_id ? { teamId: env.data.team_id } : {}),
  };
  return { kind: "message", message, origin };
}

// ---------------------------------------------------------------------------------------------------------
// Slash commands
// ---------------------------------------------------------------------------------------------------------

/** Who ran a command and where to answer. */
export interface SlackCommandContext {
  userId: string;
  userName?: string;
  channelId: string;
  teamId?: string;
  responseUrl: string;
  triggerId?: string;
}

export type SlackCommandResult =
  /** Slack's unsigned `ssl_check=1` probe: answer 200, do nothing. */
  | { kind: "ssl_check" }
  /** `/fill <shift>`: start filling a shift (a shift key or appointment id as the coordinator typed it). */
  | { kind: "fill"; shift: string; ctx: SlackCommandContext }
  /** `/coverline <text>`: a free-text request to the agent. */
  | { kind: "coverline"; text: string; ctx: SlackCommandContext }
  /** Well-formed but missing its argument: show `help` to the user (ephemeral). */
  | { kind: "usage"; command: string; help: string; ctx: SlackCommandContext }
  | { kind: "unknown_command"; command: string; ctx: SlackCommandContext }
  | { kind: "error"; error: string };

const SlashForm = z.object({
  command: z.string().startsWith("/"),
  text: z.string().default(""),
  user_id: z.string().min(1),
  user_name: z.string().optional(),
  channel_id: z.string().min(1),
  team_id: z.string().optional(),
  response_url: z.url(),
  trigger_id: z.string().optional(),
});

/** Parses a slash-command request (application/x-www-form-urlencoded raw body or URLSearchParams). */
export function parseSlashCommand(form: string | URLSearchParams): SlackCommandResult {
  const params = typeof form === "string" ? new URLSearchParams(form) : form;
  if (params.get("ssl_check") === "1") return { kind: "ssl_check" };
  const f = SlashForm.safeParse(Object.fromEntries(params));
  if (!f.success) return { kind: "error", error: `Slack slash command: ${issues(f.error)}` };
  const d = f.data;
  const ctx: SlackCommandContext = {
    userId: d.user_id,
    channelId: d.channel_id,
    responseUrl: d.response_url,
    ...(d.user_name ? { userName: d.user_name } : {}),
    ...(d.team_id ? { teamId: d.team_id } : {}),
    ...(d.trigger_id ? { triggerId: d.trigger_id } : {}),
  };
  const text = d.text.trim();
  switch (d.command) {
    case "/fill": {
      const shift = text.split(/\s+/)[0] ?? "";
      return shift ? { kind: "fill", shift, ctx } : { kind: "usage", command: "/fill", help: "Usage: /fill <shift id>, e.g. /fill 4821_20261124", ctx };
    }
    case "/coverline":
      return text ? { kind: "coverline", text, ctx } : { kind: "usage", command: "/coverline", help: "Usage: /coverline <what you need>, e.g. /coverline who is free tomorrow 9-1?", ctx };
    default:
      return { kind: "unknown_command", command: d.command, ctx };
  }
}

// ---------------------------------------------------------------------------------------------------------
// Interactivity (buttons)
// ---------------------------------------------------------------------------------------------------------

const BlockActions = z.looseObject({
  type: z.literal("block_actions"),
  user: z.looseObject({ id: z.string().min(1) }),
  channel: z.looseObject({ id: z.string() }).optional(),
  container: z.looseObject({ message_ts: z.string().optional(), channel_id: z.string().optional() }).optional(),
  message: z.looseObject({ ts: z.string() }).optional(),
  response_url: z.string().optional(),
  trigger_id: z.string().optional(),
  actions: z
    .array(z.looseObject({ action_id: z.string().min(1), block_id: z.string().optional(), value: z.string().optional() }))
    .min(1),
});

/** One button click. Handle it idempotently: double clicks and retries arrive as separate requests. */
export interface SlackBlockAction {
  kind: "block_action";
  actionId: string;
  value?: string;
  blockId?: string;
  userId: string;
  channel?: string;
  messageTs?: string;
  responseUrl?: string;
  triggerId?: string;
}

export type SlackInteractionResult = SlackBlockAction | { kind: "ignored"; reason: string } | { kind: "error"; error: string };

/** Parses an interactivity request: a form whose single `payload` field is JSON. */
export function parseInteraction(form: string | URLSearchParams): SlackInteractionResult {
  const params = typeof form === "string" ? new URLSearchParams(form) : form;
  const raw = params.get("payload");
  if (!raw) return { kind: "error", error: "Slack interaction: missing payload field" };
  const json = safeJson(raw);
  if (json === undefined) return { kind: "error", error: "Slack interaction: payload is not JSON" };
  const type = (json as { type?: unknown } | null)?.type;
  if (type !== "block_actions") return { kind: "ignored", reason: `interaction type ${String(type)}` };
  const p = BlockActions.safeParse(json);
  if (!p.success) return { kind: "error", error: `Slack block_actions: ${issues(p.error)}` };
  // Slack sends one action per click; the array exists for future multi-select elements.
  const action = p.data.actions[0]!;
  const channel = p.data.channel?.id ?? p.data.container?.channel_id;
  const messageTs = p.data.message?.ts ?? p.data.container?.message_ts;
  return {
    kind: "block_action",
    actionId: action.action_id,
    userId: p.data.user.id,
    ...(action.value !== undefined ? { value: action.value } : {}),
    ...(action.block_id ? { blockId: action.block_id } : {}),
    ...(channel ? { channel } : {}),
    ...(messageTs ? { messageTs } : {}),
    ...(p.data.response_url ? { responseUrl: p.data.response_url } : {}),
    ...(p.data.trigger_id ? { triggerId: p.data.trigger_id } : {}),
  };
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s) as unknown;
  } catch {
    return undefined;
  }
}

function issues(err: z.ZodError): string {
  return err.issues
    .slice(0, 5)
    .map((i) => `${i.path.map(String).join(".") || "payload"}: ${i.message}`)
    .join("; ");
}
