import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureJson, fixtureText } from "../../test/fixtures/read.js";
import { startTestCoverline, type TestCoverline } from "../../test/harness.js";
import { signedSlackRequest, type SignedSlackOptions } from "../../test/slack.js";

/**
 * The Slack routes on the whole app: v0 signature checks (bad, stale, missing), url_verification, Events API
 * dedup on event_id, bot echoes dropped, coordinators answered in their thread, `/fill` for coordinators only,
 * and the unsigned ssl_check probe — with Slack's payload shapes (test/fixtures/slack).
 */

type Envelope = { error: { code: string; message: string; requestId: string } };
type SlackEvent = { event_id: string; event: Record<string, unknown> & { text: string; ts: string; channel: string; user?: string } };

describe("Slack webhooks", () => {
  let t: TestCoverline;
  beforeAll(async () => {
    t = await startTestCoverline();
  });
  afterAll(async () => t?.stop());

  const send = (path: string, raw: string, opts: Partial<SignedSlackOptions> = {}) => t.app.request(path, signedSlackRequest(raw, { now: t.clock.now(), ...opts }));

  async function slackRows(to: string) {
    const { rows } = await t.db.pool.query<{ body: string; thread_ts: string | null; status: string }>(
      "SELECT body, thread_ts, status FROM outbound_messages WHERE channel = 'slack' AND to_address = $1 ORDER BY id",
      [to],
    );
    return rows;
  }

  async function inboundCount(eventId: string): Promise<number> {
    const { rows } = await t.db.pool.query<{ n: string }>("SELECT count(*) AS n FROM inbound_messages WHERE provider = 'slack' AND provider_message_id = $1", [eventId]);
    return Number(rows[0]!.n);
  }

  describe("signature verification", () => {
    const routes = ["/webhooks/slack/events", "/webhooks/slack/commands", "/webhooks/slack/interactive"];
    const bodies: Record<string, string> = {
      "/webhooks/slack/events": fixtureText("slack/url-verification.json"),
      "/webhooks/slack/commands": fixtureText("slack/slash-fill.txt"),
      "/webhooks/slack/interactive": fixtureText("slack/block-actions.txt"),
    };

    it.each(routes)("%s: wrong secret, tampered body, stale and future timestamps and missing headers are 401 bad_signature", async (path) => {
      const raw = bodies[path]!;
      const cases: [string, RequestInit][] = [
        ["wrong secret", signedSlackRequest(raw, { now: t.clock.now(), secret: "not-the-signing-secret" })],
        // 305, not 301: a second boundary can pass between signing and checking (the edge is unit-tested in channels/).
        ["stale (> 5 min)", signedSlackRequest(raw, { now: t.clock.now(), skewSeconds: 305 })],
        ["future (> 5 min)", signedSlackRequest(raw, { now: t.clock.now(), skewSeconds: -305 })],
        ["no timestamp", signedSlackRequest(raw, { now: t.clock.now(), omit: ["timestamp"] })],
        ["no signature", signedSlackRequest(raw, { now: t.clock.now(), omit: ["signature"] })],
        ["malformed signature", signedSlackRequest(raw, { now: t.clock.now(), signature: "v0=zz" })],
      ];
      // A body altered after signing (e.g. another user id) no longer matches.
      const tampered = signedSlackRequest(raw, { now: t.clock.now() });
      cases.push(["tampered body", { ...tampered, body: raw.replace("U0COORD01", "U0COORD02").replace("Jhj5", "XXXX") }]);
      for (const [name, init] of cases) {
        const res = await t.app.request(path, init);
        expect(res.status, name).toBe(401);
        const body = (await res.json()) as Envelope;
        expect(body.error.code, name).toBe("bad_signature");
        expect(body.error.requestId, name).toBe(res.headers.get("x-request-id"));
      }
      // Just inside the window is fine.
      expect((await send(path, raw, { skewSeconds: 290 })).status).not.toBe(401);
    });
  });

  it("answers url_verification with the challenge", async () => {
    const raw = fixtureText("slack/url-verification.json");
    const res = await send("/webhooks/slack/events", raw);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" });
  });

  it("answers a coordinator's channel message in its thread, once, however often Slack retries the event", async () => {
    const ev = fixtureJson<SlackEvent>("slack/event-message.json");
    ev.event.text = "what's open tomorrow?";
    const raw = JSON.stringify(ev);
    const first = await send("/webhooks/slack/events", raw);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ ok: true, duplicate: false });
    // Slack's retry: same event_id, X-Slack-Retry-Num set, freshly signed.
    const retry = await send("/webhooks/slack/events", raw, { headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" } });
    expect(retry.status).toBe(200);
    expect(await retry.json()).toEqual({ ok: true, duplicate: true });

    await t.inbound.idle();
    expect(await inboundCount(ev.event_id)).toBe(1);
    const replies = await slackRows(ev.event.channel);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.thread_ts).toBe(ev.event.ts);
    expect(replies[0]!.status).toBe("sent");
    expect(replies[0]!.body).toMatch(/open shifts|No open shifts/i);
    // Also visible in the Slack outbox.
    expect((await t.outbox(ev.event.channel, "slack")).map((m) => m.text)).toEqual([replies[0]!.body]);
  });

  it("answers an app_mention inside the thread it was written in", async () => {
    const ev = fixtureJson<SlackEvent & { event: { thread_ts: string } }>("slack/event-app-mention.json");
    ev.event.channel = "C0MENTION";
    ev.event.text = "<@U0BOT0001> help";
    const res = await send("/webhooks/slack/events", JSON.stringify(ev));
    expect(await res.json()).toEqual({ ok: true, duplicate: false });
    await t.inbound.idle();
    const replies = await slackRows("C0MENTION");
    expect(replies).toHaveLength(1);
    expect(replies[0]!.thread_ts).toBe(ev.event.thread_ts);
    expect(replies[0]!.body).toContain("Coverline commands");
  });

  it("drops bot messages (our own posts) without recording them", async () => {
    const ev = fixtureJson<SlackEvent>("slack/event-bot-message.json");
    const res = await send("/webhooks/slack/events", JSON.stringify(ev));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, ignored: "bot message" });
    await t.inbound.idle();
    expect(await inboundCount(ev.event_id)).toBe(0);
  });

  it("does not act for (or text) a Slack user who is not a coordinator, and the turn does not fail", async () => {
    const ev = fixtureJson<SlackEvent>("slack/event-message.json");
    ev.event_id = "Ev0STRANGER1";
    ev.event.user = "U0STRANGER";
    ev.event.channel = "C0STRANGER";
    ev.event.text = "fill 109131818_20261123";
    const res = await send("/webhooks/slack/events", JSON.stringify(ev));
    expect(res.status).toBe(200);
    await t.inbound.idle();
    const { rows } = await t.db.pool.query<{ status: string }>("SELECT status FROM inbound_messages WHERE provider_message_id = $1", [ev.event_id]);
    expect(rows[0]!.status).toBe("processed");
    expect(await slackRows("C0STRANGER")).toHaveLength(0);
    const { rows: sms } = await t.db.pool.query("SELECT 1 FROM outbound_messages WHERE to_address = 'U0STRANGER'");
    expect(sms).toHaveLength(0);
    const fills = (await (await t.app.request("/api/fills")).json()) as { fills: unknown[] };
    expect(fills.fills).toHaveLength(0);
  });

  describe("slash commands", () => {
    /** An unassigned, upcoming shift from the stand-in (what a coordinator would /fill). */
    function openShiftKey(): string {
      const now = t.clock.now();
      const open = t.seed!.shifts.filter((s) => !s.caregiverId && s.status === "SCHEDULED" && s.start.getTime() > now.getTime() + 6 * 3600_000);
      expect(open.length).toBeGreaterThan(0);
      return open[0]!.key;
    }
    const slash = (overrides: Record<string, string>) => {
      const form = new URLSearchParams(fixtureText("slack/slash-fill.txt"));
      for (const [k, v] of Object.entries(overrides)) form.set(k, v);
      return form.toString();
    };

    it("refuses /fill from a Slack user who is not a coordinator, starting nothing", async () => {
      const key = openShiftKey();
      const res = await send("/webhooks/slack/commands", slash({ text: key, user_id: "U0NOTCOORD" }));
      expect(res.status).toBe(200);
      const body = (await res.json()) as { response_type: string; text: string };
      expect(body.response_type).toBe("ephemeral");
      expect(body.text).toMatch(/coordinators/);
      const fills = (await (await t.app.request("/api/fills")).json()) as { fills: { shiftKey: string }[] };
      expect(fills.fills.map((f) => f.shiftKey)).not.toContain(key);
    });

    it("starts the campaign on /fill <shift key> from a coordinator, and a second /fill reports the running one", async () => {
      const key = openShiftKey();
      const res = await send("/webhooks/slack/commands", slash({ text: key }));
      expect(res.status).toBe(200);
      const body = (await res.json()) as { response_type: string; text: string };
      expect(body.response_type).toBe("ephemeral");
      expect(body.text).toContain(`Started outreach for \`${key}\``);
      const fills = (await (await t.app.request("/api/fills")).json()) as { fills: { id: number; shiftKey: string; status: string }[] };
      const campaign = fills.fills.find((f) => f.shiftKey === key);
      expect(campaign?.status).toBe("open");

      const again = (await (await send("/webhooks/slack/commands", slash({ text: key }))).json()) as { text: string };
      expect(again.text).toContain("already running");
      expect(again.text).toContain(String(campaign!.id));
    });

    it("answers /fill for an unknown shift with a warning, not an error", async () => {
      const res = await send("/webhooks/slack/commands", slash({ text: "999999999_20300101" }));
      expect(res.status).toBe(200);
      expect(((await res.json()) as { text: string }).text).toMatch(/^⚠️/);
    });

    it("answers Slack's unsigned ssl_check probe with 200", async () => {
      const res = await t.app.request("/webhooks/slack/commands", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "ssl_check=1&token=gIkuvaNzQIHg97ATvDxqgjtO",
      });
      expect(res.status).toBe(200);
      // Only the commands route skips the signature for it.
      const events = await t.app.request("/webhooks/slack/events", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "ssl_check=1" });
      expect(events.status).toBe(401);
    });

    it("rejects a malformed slash command form with the 400 envelope", async () => {
      const res = await send("/webhooks/slack/commands", "command=%2Ffill&text=x");
      expect(res.status).toBe(400);
      expect(((await res.json()) as Envelope).error.code).toBe("invalid_command");
    });
  });

  it("refuses an escalation button click from a non-coordinator", async () => {
    const payload = fixtureJson<{ user: { id: string }; actions: { action_id: string; value: string }[] }>("slack/block-actions.json");
    payload.user.id = "U0NOTCOORD";
    payload.actions[0]!.action_id = "fill_assign";
    payload.actions[0]!.value = "1|3306122";
    const res = await send("/webhooks/slack/interactive", new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
    expect(res.status).toBe(200);
    expect(((await res.json()) as { text: string }).text).toMatch(/Only the agency's coordinators/);
  });
});
