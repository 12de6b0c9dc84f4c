import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { actions, section } from "../../channels/slack/format.js";
import { SLACK_FAKE_TOKEN, startSlackFake, type SlackFake } from "./fake/server.js";
import { createSlackTransport, SlackApiError } from "./transport.js";

let fake: SlackFake;
beforeAll(async () => {
  fake = await startSlackFake({ channels: ["C0SCHEDULE", "C0ALERTS"] });
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.posts.length = 0;
  fake.calls.length = 0;
});

const slack = (over: { token?: string; retries?: number } = {}) =>
  createSlackTransport({ token: over.token ?? SLACK_FAKE_TOKEN, apiUrl: fake.url, retries: over.retries ?? 0 });

describe("Slack transport through the real WebClient", () => {
  it("posts text + blocks, then a threaded reply, as form-encoded chat.postMessage calls", async () => {
    const blocks = [
      section("*Maria* called out of *Tue 9am*. Suggested: *Ana*"),
      actions("assign:4821_20261124", [
        { actionId: "approve_assign", text: "Approve", value: "4821_20261124|cg_ana", style: "primary" },
        { actionId: "reject_assign", text: "Pick someone else", value: "4821_20261124|cg_ana", style: "danger" },
      ]),
    ];
    const top = await slack().postMessage({ channel: "C0SCHEDULE", text: "Maria called out of Tue 9am — assign Ana?", blocks });
    expect(top).toMatchObject({ transport: "slack", channel: "C0SCHEDULE" });
    expect(top.providerMessageId).toMatch(/^\d+\.\d{6}$/);
    expect(top.ts).toBe(top.providerMessageId);

    const reply = await slack().postMessage({ channel: "C0SCHEDULE", text: "Ana accepted.", threadTs: top.ts });
    expect(fake.posts).toEqual([
      { method: "chat.postMessage", channel: "C0SCHEDULE", text: "Maria called out of Tue 9am — assign Ana?", blocks, threadTs: null, ts: top.ts },
      { method: "chat.postMessage", channel: "C0SCHEDULE", text: "Ana accepted.", blocks: null, threadTs: top.ts, ts: reply.ts },
    ]);
    expect(fake.calls.every((c) => c.method === "chat.postMessage" && c.contentType.startsWith("application/x-www-form-urlencoded"))).toBe(true);
  });

  it("updates a posted message (replace the buttons with the decision)", async () => {
    const top = await slack().postMessage({ channel: "C0SCHEDULE", text: "assign Ana?", blocks: [section("assign Ana?")] });
    const updated = await slack().update({ channel: "C0SCHEDULE", ts: top.ts, text: "Approved by Dana", blocks: [section("✅ Approved by Dana")] });
    expect(updated).toEqual({ channel: "C0SCHEDULE", ts: top.ts });
    expect(fake.posts.at(-1)).toMatchObject({ method: "chat.update", ts: top.ts, text: "Approved by Dana" });
  });

  it("an ok:false answer becomes SlackApiError with Slack's code and is not retried", async () => {
    const err = await slack({ retries: 2 }).postMessage({ channel: "C0NOPE", text: "hello" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SlackApiError);
    expect(err).toMatchObject({ method: "chat.postMessage", code: "channel_not_found", message: "Slack chat.postMessage failed: channel_not_found" });
    expect(fake.calls).toHaveLength(1);
  });

  it("reports bad tokens, unknown threads and unknown messages the way Slack does", async () => {
    await expect(slack({ token: "xoxb-wrong" }).postMessage({ channel: "C0SCHEDULE", text: "x" })).rejects.toMatchObject({ code: "invalid_auth" });
    await expect(slack().postMessage({ channel: "C0SCHEDULE", text: "x", threadTs: "1.000001" })).rejects.toMatchObject({ code: "thread_not_found" });
    await expect(slack().update({ channel: "C0SCHEDULE", ts: "1.000001", text: "x" })).rejects.toMatchObject({ code: "message_not_found" });
  });

  it("waits out a 429 Retry-After when retries are allowed", async () => {
    fake.rateLimitNext(1, 1);
    const started = Date.now();
    const r = await slack({ retries: 1 }).postMessage({ channel: "C0ALERTS", text: "urgent: no cover for 9am" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(r.channel).toBe("C0ALERTS");
    expect(fake.posts).toHaveLength(1);
  });

  it("with no retries left a 429 fails as a SlackApiError", async () => {
    fake.rateLimitNext(1, 1);
    await expect(slack({ retries: 0 }).postMessage({ channel: "C0ALERTS", text: "x" })).rejects.toBeInstanceOf(SlackApiError);
    expect(fake.posts).toEqual([]);
  });
});

describe("Slack fake wire handling", () => {
  it("accepts JSON bodies and a token field as Slack does", async () => {
    const json = await fetch(`${fake.url}chat.postMessage`, {
      method: "POST",
      headers: { "Content-Type": "application/json; charset=utf-8", Authorization: `Bearer ${SLACK_FAKE_TOKEN}` },
      body: JSON.stringify({ channel: "C0SCHEDULE", text: "json body", blocks: [{ type: "divider" }] }),
    }).then((r) => r.json());
    expect(json).toMatchObject({ ok: true, channel: "C0SCHEDULE" });
    const form = await fetch(`${fake.url}chat.postMessage`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token: SLACK_FAKE_TOKEN, channel: "C0SCHEDULE", text: "form body" }).toString(),
    }).then((r) => r.json());
    expect(form).toMatchObject({ ok: true });
    expect(fake.posts.map((p) => [p.text, p.blocks])).toEqual([
      ["json body", [{ type: "divider" }]],
      ["form body", null],
    ]);
    const unauth = await fetch(`${fake.url}chat.postMessage`, { method: "POST", body: "channel=C0SCHEDULE&text=x" }).then((r) => r.json());
    expect(unauth).toEqual({ ok: false, error: "not_authed" });
  });
});
