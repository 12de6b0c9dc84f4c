import { describe, expect, it } from "vitest";
import { InboundMessage } from "../../domain/messages.js";
import { fixtureJson, fixtureText } from "../../test/fixtures/read.js";
import { parseInteraction, parseSlackEvent, parseSlashCommand } from "./parse.js";

type Envelope = { event: Record<string, unknown>; event_id?: string };

describe("parseSlackEvent", () => {
  it("url_verification → challenge", () => {
    expect(parseSlackEvent(fixtureJson("slack/url-verification.json"))).toEqual({
      kind: "url_verification",
      challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
    });
  });

  it("accepts the raw JSON string too", () => {
    expect(parseSlackEvent(fixtureText("slack/url-verification.json")).kind).toBe("url_verification");
  });

  it("channel message → InboundMessage keyed by event_id, replying in a thread under it", () => {
    const r = parseSlackEvent(fixtureJson("slack/event-message.json"));
    expect(r.kind).toBe("message");
    if (r.kind !== "message") return;
    expect(r.message).toEqual({
      provider: "slack",
      providerMessageId: "Ev0MSG000001",
      channel: "slack",
      from: "U0COORD01",
      to: null,
      text: "Who can cover Margaret's 2pm visit tomorrow?",
      receivedAt: new Date(1795446000 * 1000),
      replyTarget: { channel: "C0SCHEDULE", threadTs: "1795446000.000200" },
    });
    expect(InboundMessage.safeParse(r.message).success).toBe(true);
    expect(r.origin).toEqual({ type: "message", channel: "C0SCHEDULE", ts: "1795446000.000200", channelType: "channel", teamId: "T0FAKE001" });
  });

  it("direct message → reply inline, not in a thread", () => {
    const env = fixtureJson<Envelope>("slack/event-message.json");
    env.event.channel = "D0DIRECT1";
    env.event.channel_type = "im";
    const r = parseSlackEvent(env);
    expect(r.kind === "message" && r.message.replyTarget).toEqual({ channel: "D0DIRECT1" });
  });

  it("app_mention → mention stripped, reply in the existing thread", () => {
    const r = parseSlackEvent(fixtureJson("slack/event-app-mention.json"));
    expect(r.kind).toBe("message");
    if (r.kind !== "message") return;
    expect(r.message.text).toBe("fill shift 4821_20261124");
    expect(r.message.providerMessageId).toBe("Ev0MENTION01");
    expect(r.message.replyTarget).toEqual({ channel: "C0SCHEDULE", threadTs: "1795446000.000200" });
    expect(r.origin.type).toBe("app_mention");
  });

  it("keeps mentions that are not at the start", () => {
    const env = fixtureJson<Envelope>("slack/event-app-mention.json");
    env.event.text = "<@U0BOT0001> ask <@U0COORD02> about it";
    const r = parseSlackEvent(env);
    expect(r.kind === "message" && r.message.text).toBe("ask <@U0COORD02> about it");
  });

  it("drops bot messages (our own posts would loop)", () => {
    expect(parseSlackEvent(fixtureJson("slack/event-bot-message.json"))).toEqual({ kind: "ignored", reason: "bot message" });
  });

  it("drops edits and other subtypes", () => {
    const env = fixtureJson<Envelope>("slack/event-message.json");
    env.event.subtype = "message_changed";
    expect(parseSlackEvent(env)).toEqual({ kind: "ignored", reason: "message subtype message_changed" });
  });

  it("drops other event types and envelope types", () => {
    const env = fixtureJson<Envelope>("slack/event-message.json");
    env.event.type = "reaction_added";
    expect(parseSlackEvent(env)).toEqual({ kind: "ignored", reason: "event type reaction_added" });
    expect(parseSlackEvent({ type: "app_rate_limited", minute_rate_limited: 1 }).kind).toBe("ignored");
  });

  it("a Slack retry of the same event has the same dedup key", () => {
    const a = parseSlackEvent(fixtureJson("slack/event-message.json"));
    const b = parseSlackEvent(fixtureJson("slack/event-message.json"));
    expect(a.kind === "message" && b.kind === "message" && a.message.providerMessageId === b.message.providerMessageId).toBe(true);
  });

  it.each([
    ["not JSON", "{oops"],
    ["url_verification without challenge", { type: "url_verification" }],
    ["event_callback without event_id", { type: "event_callback", event: { type: "message", user: "U1", channel: "C1", ts: "1.2" } }],
    ["event_callback without event", { type: "event_callback", event_id: "Ev1" }],
  ])("malformed: %s → error", (_name, body) => {
    expect(parseSlackEvent(body).kind).toBe("error");
  });

  it("a message without user/channel/ts is an error, not a crash", () => {
    const env = fixtureJson<Envelope>("slack/event-message.json");
    delete env.event.user;
    expect(parseSlackEvent(env)).toMatchObject({ kind: "error", error: expect.stringMatching(/event\.user/) });
  });
});

describe("parseSlashCommand", () => {
  const ctx = {
    userId: "U0COORD01",
    userName: "dana.coordinator",
    channelId: "C0SCHEDULE",
    teamId: "T0FAKE001",
    responseUrl: "https://hooks.slack.com/commands/T0FAKE001/1234567890/AbCdEfGhIjKlMnOpQrStUvWx",
    triggerId: "13345224609.738474920.8088930838d88f008e0",
  };

  it("/fill <shift>", () => {
    expect(parseSlashCommand(fixtureText("slack/slash-fill.txt"))).toEqual({ kind: "fill", shift: "4821_20261124", ctx });
  });

  it("/coverline <text>", () => {
    expect(parseSlashCommand(new URLSearchParams(fixtureText("slack/slash-coverline.txt")))).toEqual({
      kind: "coverline",
      text: "who is free tomorrow 9-1 near Aurora?",
      ctx,
    });
  });

  it("/fill without a shift → usage help", () => {
    const form = new URLSearchParams(fixtureText("slack/slash-fill.txt"));
    form.set("text", "   ");
    expect(parseSlashCommand(form)).toMatchObject({ kind: "usage", command: "/fill", help: expect.stringContaining("/fill <shift id>") });
  });

  it("unknown command", () => {
    const form = new URLSearchParams(fixtureText("slack/slash-fill.txt"));
    form.set("command", "/weather");
    expect(parseSlashCommand(form)).toMatchObject({ kind: "unknown_command", command: "/weather" });
  });

  it("ssl_check probe", () => {
    expect(parseSlashCommand("ssl_check=1&token=abc")).toEqual({ kind: "ssl_check" });
  });

  it("missing fields → error", () => {
    const form = new URLSearchParams(fixtureText("slack/slash-fill.txt"));
    form.delete("user_id");
    form.set("response_url", "not a url");
    const r = parseSlashCommand(form);
    expect(r.kind).toBe("error");
    if (r.kind === "error") {
      expect(r.error).toMatch(/user_id/);
      expect(r.error).toMatch(/response_url/);
    }
  });
});

describe("parseInteraction", () => {
  it("block_actions button click", () => {
    expect(parseInteraction(fixtureText("slack/block-actions.txt"))).toEqual({
      kind: "block_action",
      actionId: "approve_assign",
      value: "4821_20261124|cg_ana",
      blockId: "assign:4821_20261124",
      userId: "U0COORD01",
      channel: "C0SCHEDULE",
      messageTs: "1795446060.000300",
      responseUrl: "https://hooks.slack.com/actions/T0FAKE001/1234567890/ZyXwVuTsRqPoNmLkJiHgFeDc",
      triggerId: "13345224609.738474920.8088930838d88f008e0",
    });
  });

  it("falls back to container fields when channel/message are absent", () => {
    const p = fixtureJson<Record<string, unknown>>("slack/block-actions.json");
    delete p.channel;
    delete p.message;
    const r = parseInteraction(new URLSearchParams({ payload: JSON.stringify(p) }));
    expect(r).toMatchObject({ kind: "block_action", channel: "C0SCHEDULE", messageTs: "1795446060.000300" });
  });

  it("other interaction types are ignored", () => {
    expect(parseInteraction(new URLSearchParams({ payload: JSON.stringify({ type: "view_submission" }) }))).toEqual({
      kind: "ignored",
      reason: "interaction type view_submission",
    });
  });

  it.each([
    ["no payload", "foo=bar"],
    ["payload not JSON", "payload=%7Boops"],
    ["no actions", new URLSearchParams({ payload: JSON.stringify({ type: "block_actions", user: { id: "U1" }, actions: [] }) }).toString()],
    ["no user", new URLSearchParams({ payload: JSON.stringify({ type: "block_actions", actions: [{ action_id: "a" }] }) }).toString()],
  ])("malformed: %s → error", (_name, body) => {
    expect(parseInteraction(body).kind).toBe("error");
  });
});
