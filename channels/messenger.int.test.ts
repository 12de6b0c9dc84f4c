import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createOutboundStore } from "../db/repos/outbound-store.js";
import { getOutbound, insertOutbound, listOutbox, setConsent } from "../db/repos/messages.js";
import type { Database, Queryable } from "../db/pool.js";
import type { OutboundRequest } from "../domain/messages.js";
import { ManualClock } from "../lib/clock.js";
import { createLogger } from "../lib/logger.js";
import { testDatabase } from "../test/db.js";
import { createMessenger, InvalidOutboundRequestError, type Messenger } from "./messenger.js";
import { createOutboxTransport } from "./outbox-transport.js";
import type { SlackTransport, SmsTransport } from "./transport.js";

/**
 * A transport that really hands messages to the outbox but can be told to fail the next N sends — the
 * provider outage the messenger must survive. Records every attempt.
 */
function flakyTransport() {
  const outbox = createOutboxTransport();
  const attempts: { kind: "sms" | "slack"; to: string; text: string; blocks?: unknown; threadTs?: string }[] = [];
  let failures = 0;
  const t: SmsTransport & SlackTransport & { attempts: typeof attempts; failNext(n: number): void } = {
    name: "outbox",
    attempts,
    failNext(n) {
      failures = n;
    },
    async sendSms(msg) {
      attempts.push({ kind: "sms", ...msg });
      if (failures > 0) {
        failures--;
        throw new Error("RingCentral send SMS failed: 503 Service temporarily unavailable for +13035550142");
      }
      return outbox.sendSms(msg);
    },
    async postMessage(msg) {
      attempts.push({ kind: "slack", to: msg.channel, text: msg.text, blocks: msg.blocks, ...(msg.threadTs ? { threadTs: msg.threadTs } : {}) });
      if (failures > 0) {
        failures--;
        throw new Error("Slack chat.postMessage failed: channel_not_found");
      }
      return outbox.postMessage(msg);
    },
  };
  return t;
}

let db: Database;
let clock: ManualClock;
let transport: ReturnType<typeof flakyTransport>;
let logLines: string[];
let messenger: Messenger;

beforeAll(async () => {
  db = await testDatabase();
});
afterAll(async () => {
  await db?.close();
});
beforeEach(async () => {
  await db.pool.query("TRUNCATE outbound_messages, sms_consent RESTART IDENTITY CASCADE");
  clock = new ManualClock("2026-11-23T16:00:00Z");
  transport = flakyTransport();
  logLines = [];
  const logger = createLogger({ level: "debug", destination: { write: (s: string) => void logLines.push(s) } });
  messenger = createMessenger({ store: createOutboundStore(db.pool), transports: { sms: transport, slack: transport }, clock, logger });
});

const phone = "+13035550142";
const sms = (key: string, over: Partial<OutboundRequest> = {}): OutboundRequest => ({
  channel: "sms",
  to: phone,
  text: "Hi Ana, can you cover Wed 2/4, 12-3 pm for Margaret? Reply YES or NO",
  idempotencyKey: key,
  ...over,
});

describe("send", () => {
  it("sends once, records the row as sent and shows it in the outbox", async () => {
    const outcome = await messenger.send(sms("offer:1"));
    expect(outcome).toEqual({ status: "sent", id: outcome.id, transport: "outbox", duplicate: false });
    expect(transport.attempts).toHaveLength(1);
    const row = await getOutbound(db.pool, outcome.id);
    expect(row).toMatchObject({ status: "sent", transport: "outbox", attempts: 1, createdAt: clock.now(), sentAt: clock.now() });
    expect(await listOutbox(db.pool, { to: phone, limit: 10 })).toEqual([
      { id: outcome.id, channel: "sms", to: phone, text: sms("x").text, createdAt: clock.now() },
    ]);
  });

  it("the same idempotency key twice sends once and reports the first outcome", async () => {
    const first = await messenger.send(sms("offer:1"));
    const second = await messenger.send(sms("offer:1", { text: "a retried tool call with other wording" }));
    expect(second).toEqual({ ...first, duplicate: true });
    expect(transport.attempts).toHaveLength(1);
  });

  it("concurrent sends with one key still send once", async () => {
    const outcomes = await Promise.all([messenger.send(sms("race")), messenger.send(sms("race")), messenger.send(sms("race"))]);
    expect(transport.attempts).toHaveLength(1);
    expect(outcomes.filter((o) => !o.duplicate)).toHaveLength(1);
    expect(new Set(outcomes.map((o) => o.id)).size).toBe(1);
  });

  it("checks consent at send time: an opted-out number is recorded as suppressed and never sent", async () => {
    await setConsent(db.pool, phone, true, "keyword");
    const outcome = await messenger.send(sms("offer:2"));
    expect(outcome).toEqual({ status: "suppressed", id: outcome.id, reason: "opted_out", duplicate: false });
    expect(transport.attempts).toEqual([]);
    expect((await getOutbound(db.pool, outcome.id))?.status).toBe("suppressed");
    expect(await messenger.send(sms("offer:2"))).toEqual({ ...outcome, duplicate: true });
    // START again: new messages flow.
    await setConsent(db.pool, phone, false, "keyword");
    expect((await messenger.send(sms("offer:3"))).status).toBe("sent");
  });

  it("a STOP recorded after the reply was planned wins: consent is read by the send itself", async () => {
    const planned = sms("reply:41:0");
    await setConsent(db.pool, phone, true, "keyword");
    const outcome = await messenger.send(planned);
    expect(outcome).toMatchObject({ status: "suppressed", duplicate: false });
    expect(transport.attempts).toEqual([]);
    expect(await getOutbound(db.pool, outcome.id)).toMatchObject({ status: "suppressed", attempts: 0, sentAt: null });
  });

  it("a repeated key reports the first outcome, whatever consent says by then", async () => {
    const sent = await messenger.send(sms("k:sent"));
    await setConsent(db.pool, phone, true, "keyword");
    const suppressed = await messenger.send(sms("k:suppressed"));
    // After STOP, the key that was sent still reports sent (and is not sent again) ...
    expect(await messenger.send(sms("k:sent"))).toEqual({ ...sent, duplicate: true });
    await setConsent(db.pool, phone, false, "keyword");
    // ... and after START, the key that was suppressed stays suppressed rather than going out late.
    expect(await messenger.send(sms("k:suppressed"))).toEqual({ ...suppressed, duplicate: true });
    expect(sent.status).toBe("sent");
    expect(suppressed.status).toBe("suppressed");
    expect(transport.attempts).toHaveLength(1);
  });

  it("costs two statements per message sent (insert with the consent read, then the result), one when suppressed", async () => {
    const statements: string[] = [];
    const counting: Queryable = {
      query: (text, values) => {
        statements.push(text.replace(/\s+/g, " ").trim().split(" ").slice(0, 3).join(" "));
        return db.pool.query(text, values);
      },
    };
    const m = createMessenger({ store: createOutboundStore(counting), transports: { sms: transport, slack: transport }, clock, logger: createLogger({ level: "silent" }) });
    await m.send(sms("count:1"));
    expect(statements).toEqual(["INSERT INTO outbound_messages", "UPDATE outbound_messages SET"]);
    statements.length = 0;
    await setConsent(db.pool, phone, true, "keyword");
    expect((await m.send(sms("count:2"))).status).toBe("suppressed");
    expect(statements).toEqual(["INSERT INTO outbound_messages"]);
    statements.length = 0;
    // Only a duplicate reads the existing row.
    expect((await m.send(sms("count:1"))).duplicate).toBe(true);
    expect(statements).toEqual(["INSERT INTO outbound_messages", "SELECT id, idempotency_key,"]);
  });

  it("consent only gates SMS", async () => {
    await setConsent(db.pool, "C0SCHEDULE", true, "api");
    expect((await messenger.send({ channel: "slack", to: "C0SCHEDULE", text: "FYI", idempotencyKey: "s" })).status).toBe("sent");
  });

  it("passes Slack blocks and thread to the transport", async () => {
    const blocks = [{ type: "section", text: { type: "mrkdwn", text: "*Maria* called out" } }];
    const outcome = await messenger.send({ channel: "slack", to: "C0SCHEDULE", text: "Maria called out", blocks, threadTs: "1795446000.000200", idempotencyKey: "alert:1" });
    expect(outcome.status).toBe("sent");
    expect(transport.attempts).toEqual([{ kind: "slack", to: "C0SCHEDULE", text: "Maria called out", blocks, threadTs: "1795446000.000200" }]);
  });

  it("a transport failure does not throw: the row is failed with a phone-free error", async () => {
    transport.failNext(1);
    const outcome = await messenger.send(sms("offer:4"));
    expect(outcome).toMatchObject({ status: "failed", duplicate: false });
    if (outcome.status !== "failed") return;
    expect(outcome.error).toMatch(/503/);
    expect(outcome.error).not.toContain("5550142");
    expect(await getOutbound(db.pool, outcome.id)).toMatchObject({ status: "failed", error: outcome.error });
    // A repeat of the same key does not resend by itself; the retry job owns failed rows.
    expect(await messenger.send(sms("offer:4"))).toEqual({ ...outcome, duplicate: true });
    expect(transport.attempts).toHaveLength(1);
  });

  it("a repeat while the first send is still in flight is not sent again", async () => {
    await insertOutbound(db.pool, sms("inflight"), "outbox", { createdAt: clock.now() });
    const outcome = await messenger.send(sms("inflight"));
    expect(outcome).toMatchObject({ status: "failed", duplicate: true, error: expect.stringMatching(/in progress/) });
    expect(transport.attempts).toEqual([]);
  });

  it("rejects malformed requests before touching the database", async () => {
    await expect(messenger.send(sms("bad", { to: "303-555-0142" }))).rejects.toBeInstanceOf(InvalidOutboundRequestError);
    await expect(messenger.send(sms("bad", { text: "" }))).rejects.toThrow(/text/);
    await expect(messenger.send({ ...sms("bad"), channel: "fax" } as unknown as OutboundRequest)).rejects.toThrow(/channel/);
    const { rows } = await db.pool.query("SELECT count(*)::int AS n FROM outbound_messages");
    expect(rows[0].n).toBe(0);
  });

  it("logs ids and statuses, never phone numbers or message text", async () => {
    await messenger.send(sms("offer:5"));
    transport.failNext(1);
    await messenger.send(sms("offer:6"));
    await setConsent(db.pool, phone, true, "keyword");
    await messenger.send(sms("offer:7"));
    const all = logLines.join("\n");
    expect(logLines.length).toBeGreaterThanOrEqual(3);
    expect(all).toMatch(/"outboundId":\d+/);
    expect(all).toMatch(/"status":"sent"/);
    expect(all).toMatch(/"status":"failed"/);
    expect(all).toMatch(/"status":"suppressed"/);
    expect(all).not.toContain("5550142");
    expect(all).not.toContain("Margaret");
  });
});

describe("retryFailed", () => {
  it("resends a failed message once its backoff has passed", async () => {
    transport.failNext(1);
    const failed = await messenger.send(sms("offer:8"));
    expect(failed.status).toBe("failed");
    expect(await messenger.retryFailed()).toEqual([]); // not due yet
    clock.advance(30_000);
    expect(await messenger.retryFailed()).toEqual([{ status: "sent", id: failed.id, transport: "outbox", duplicate: false }]);
    expect(transport.attempts).toHaveLength(2);
    expect(await getOutbound(db.pool, failed.id)).toMatchObject({ status: "sent", attempts: 2, error: null });
    // Nothing left to retry, and the key now reports sent.
    clock.advance(3_600_000);
    expect(await messenger.retryFailed()).toEqual([]);
    expect(await messenger.send(sms("offer:8"))).toMatchObject({ status: "sent", duplicate: true });
  });

  it("re-checks consent: a STOP after the first attempt suppresses the retry", async () => {
    transport.failNext(1);
    const failed = await messenger.send(sms("offer:9"));
    await setConsent(db.pool, phone, true, "keyword");
    clock.advance(30_000);
    expect(await messenger.retryFailed()).toEqual([{ status: "suppressed", id: failed.id, reason: "opted_out", duplicate: false }]);
    expect(transport.attempts).toHaveLength(1);
    expect((await getOutbound(db.pool, failed.id))?.status).toBe("suppressed");
  });

  it("gives up after the attempt cap and leaves the row failed", async () => {
    transport.failNext(100);
    const m = createMessenger({ store: createOutboundStore(db.pool), transports: { sms: transport, slack: transport }, clock, logger: createLogger({ level: "silent" }), maxAttempts: 3, retryBackoffMs: 1_000 });
    const first = await m.send(sms("offer:10"));
    for (let i = 0; i < 5; i++) {
      clock.advance(60_000);
      await m.retryFailed();
    }
    expect(transport.attempts).toHaveLength(3);
    expect(await getOutbound(db.pool, first.id)).toMatchObject({ status: "failed", attempts: 3 });
  });

  it("retries a batch up to the limit", async () => {
    transport.failNext(3);
    for (const k of ["a", "b", "c"]) await messenger.send(sms(k));
    clock.advance(30_000);
    expect(await messenger.retryFailed(2)).toHaveLength(2);
    expect(await messenger.retryFailed(2)).toHaveLength(1);
  });
});
