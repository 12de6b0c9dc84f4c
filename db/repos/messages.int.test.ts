import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { InboundMessage, OutboundRequest } from "../../domain/messages.js";
import { parseRingCentralNotification } from "../../channels/ringcentral/parse.js";
import { fixtureJson } from "../../test/fixtures/read.js";
import { serverUrl, testDatabase } from "../../test/db.js";
import { withTransaction, type Database } from "../pool.js";
import {
  claimFailedOutbound,
  claimInbound,
  claimUnprocessedInbound,
  getConsent,
  getInbound,
  getOutbound,
  insertOutbound,
  insertOutboundCheckingConsent,
  listOutbox,
  markInbound,
  markOutbound,
  recordInbound,
  setConsent,
} from "./messages.js";

let db: Database;
beforeAll(async () => {
  db = await testDatabase();
});
afterAll(async () => {
  await db?.close();
});
beforeEach(async () => {
  await db.pool.query("TRUNCATE outbound_messages, inbound_messages, sms_consent RESTART IDENTITY CASCADE");
});

function inbound(id: string, over: Partial<InboundMessage> = {}): InboundMessage {
  return {
    provider: "ringcentral",
    providerMessageId: id,
    channel: "sms",
    from: "+13035550142",
    to: "+13035550100",
    text: "running 10 min late",
    receivedAt: new Date("2026-11-23T15:00:00Z"),
    ...over,
  };
}

function outbound(key: string, over: Partial<OutboundRequest> = {}): OutboundRequest {
  return { channel: "sms", to: "+13035550142", text: "Can you cover Wed 2/4, 12-3 pm?", idempotencyKey: key, ...over };
}

describe("inbound messages", () => {
  it("a replayed webhook (same provider message id) is recorded once", async () => {
    const parsed = parseRingCentralNotification(fixtureJson("ringcentral/sms-inbound.json"));
    if (parsed.kind !== "message") throw new Error(parsed.kind);
    const first = await recordInbound(db.pool, parsed.message);
    const replay = parseRingCentralNotification(fixtureJson("ringcentral/sms-inbound.json"));
    if (replay.kind !== "message") throw new Error(replay.kind);
    const second = await recordInbound(db.pool, replay.message);
    expect(first.duplicate).toBe(false);
    expect(second).toEqual({ id: first.id, duplicate: true });
    const row = await getInbound(db.pool, first.id);
    expect(row).toMatchObject({
      provider: "ringcentral",
      providerMessageId: "3062991514017",
      channel: "sms",
      from: "+13035550142",
      to: "+13035550100",
      status: "received",
      attempts: 0,
    });
    expect(row?.receivedAt).toEqual(new Date("2026-11-23T15:12:44.000Z"));
    const { rows } = await db.pool.query("SELECT count(*)::int AS n FROM inbound_messages");
    expect(rows[0].n).toBe(1);
  });

  it("the same id from another provider is a different message", async () => {
    const a = await recordInbound(db.pool, inbound("42"));
    const b = await recordInbound(db.pool, inbound("42", { provider: "slack", channel: "slack", from: "U0COORD01", to: null }));
    expect(a.duplicate || b.duplicate).toBe(false);
    expect(a.id).not.toBe(b.id);
  });

  it("a Slack message keeps its reply target (channel and thread) for re-processing after a restart", async () => {
    const slack = (id: string, replyTarget: InboundMessage["replyTarget"]) =>
      inbound(id, { provider: "slack", channel: "slack", from: "U0COORD01", to: null, text: "who can cover?", ...(replyTarget ? { replyTarget } : {}) });
    const threaded = await recordInbound(db.pool, slack("Ev1", { channel: "C0SCHEDULE", threadTs: "1795446000.000200" }));
    const dm = await recordInbound(db.pool, slack("Ev2", { channel: "D0DIRECT1" }));
    const none = await recordInbound(db.pool, slack("Ev3", undefined));
    expect(await getInbound(db.pool, threaded.id)).toMatchObject({ to: null, replyTarget: { channel: "C0SCHEDULE", threadTs: "1795446000.000200" } });
    expect((await getInbound(db.pool, dm.id))?.replyTarget).toEqual({ channel: "D0DIRECT1" });
    expect((await getInbound(db.pool, none.id))?.replyTarget).toBeUndefined();
    const swept = await claimUnprocessedInbound(db.pool, 10);
    expect(swept.find((r) => r.id === threaded.id)?.replyTarget).toEqual({ channel: "C0SCHEDULE", threadTs: "1795446000.000200" });
    // SMS rows keep their number and have no reply target.
    const sms = await recordInbound(db.pool, inbound("sms1"));
    expect(await getInbound(db.pool, sms.id)).toMatchObject({ to: "+13035550100" });
    expect((await getInbound(db.pool, sms.id))?.replyTarget).toBeUndefined();
  });

  it("claim → processed records intent and time; a second claim loses", async () => {
    const { id } = await recordInbound(db.pool, inbound("1"));
    expect(await claimInbound(db.pool, id)).toMatchObject({ id, status: "processing", attempts: 1, text: "running 10 min late" });
    expect(await claimInbound(db.pool, id)).toBeNull();
    await markInbound(db.pool, id, "processed", { intent: "running_late" });
    const row = await getInbound(db.pool, id);
    expect(row).toMatchObject({ status: "processed", intent: "running_late", attempts: 1, error: null });
    expect(row?.processedAt).toBeInstanceOf(Date);
  });

  it("a failed message can be claimed again and keeps its error until then", async () => {
    const { id } = await recordInbound(db.pool, inbound("1"));
    await claimInbound(db.pool, id);
    await markInbound(db.pool, id, "failed", { error: "wellsky timeout" });
    expect(await getInbound(db.pool, id)).toMatchObject({ status: "failed", error: "wellsky timeout", processedAt: null });
    expect(await claimInbound(db.pool, id)).toMatchObject({ status: "processing", attempts: 2, error: null });
  });

  it("a sender's messages are claimed in order, whichever process asks; other senders are not held back", async () => {
    const first = await recordInbound(db.pool, inbound("1"));
    const second = await recordInbound(db.pool, inbound("2", { text: "actually 20 min" }));
    const other = await recordInbound(db.pool, inbound("3", { from: "+13035550199" }));
    expect(await claimInbound(db.pool, second.id)).toBe("waiting");
    expect(await claimInbound(db.pool, other.id)).toMatchObject({ id: other.id });
    expect(await claimInbound(db.pool, first.id)).toMatchObject({ id: first.id });
    expect(await claimInbound(db.pool, second.id)).toBe("waiting"); // the first is still being handled
    await markInbound(db.pool, first.id, "processed");
    expect(await claimInbound(db.pool, second.id)).toMatchObject({ id: second.id, text: "actually 20 min" });
  });

  it("a failed earlier message does not hold its sender's next one back", async () => {
    const first = await recordInbound(db.pool, inbound("1"));
    const second = await recordInbound(db.pool, inbound("2"));
    await claimInbound(db.pool, first.id);
    await markInbound(db.pool, first.id, "failed", { error: "wellsky timeout" });
    expect(await claimInbound(db.pool, second.id)).toMatchObject({ id: second.id });
  });

  it("a claim whose process died stops holding the sender back, and the sweeper takes the message again", async () => {
    const first = await recordInbound(db.pool, inbound("1"));
    const second = await recordInbound(db.pool, inbound("2"));
    await claimInbound(db.pool, first.id);
    await db.pool.query("UPDATE inbound_messages SET claimed_at = now() - interval '301 seconds' WHERE id = $1", [first.id]);
    expect(await claimInbound(db.pool, second.id)).toMatchObject({ id: second.id });
    const retaken = await claimUnprocessedInbound(db.pool, 10);
    expect(retaken.map((r) => [r.id, r.attempts])).toEqual([[first.id, 2]]);
    // A live claim is left alone.
    expect(await claimUnprocessedInbound(db.pool, 10)).toEqual([]);
  });

  it("the restart sweeper claims received/failed rows under the attempt cap, oldest first, once", async () => {
    const a = await recordInbound(db.pool, inbound("a", { receivedAt: new Date("2026-11-23T15:00:02Z") }));
    const b = await recordInbound(db.pool, inbound("b", { receivedAt: new Date("2026-11-23T15:00:01Z") }));
    const done = await recordInbound(db.pool, inbound("done"));
    await markInbound(db.pool, done.id, "processed");
    const exhausted = await recordInbound(db.pool, inbound("x"));
    await db.pool.query("UPDATE inbound_messages SET status = 'failed', attempts = 3 WHERE id = $1", [exhausted.id]);
    const fresh = await recordInbound(db.pool, inbound("fresh", { receivedAt: new Date("2026-11-23T15:05:00Z") }));

    const claimed = await claimUnprocessedInbound(db.pool, 10, { maxAttempts: 3, receivedBefore: new Date("2026-11-23T15:04:00Z") });
    expect(claimed.map((r) => r.id)).toEqual([b.id, a.id]);
    expect(claimed.every((r) => r.status === "processing" && r.attempts === 1)).toBe(true);
    expect(await claimUnprocessedInbound(db.pool, 10, { maxAttempts: 3, receivedBefore: new Date("2026-11-23T15:04:00Z") })).toEqual([]);
    // Without the cut-off the fresh one is due too.
    expect((await claimUnprocessedInbound(db.pool, 10)).map((r) => r.id)).toEqual([fresh.id]);
  });

  it("the sweeper honours its limit", async () => {
    for (const id of ["1", "2", "3"]) await recordInbound(db.pool, inbound(id));
    expect(await claimUnprocessedInbound(db.pool, 2)).toHaveLength(2);
    expect(await claimUnprocessedInbound(db.pool, 2)).toHaveLength(1);
  });

  it.runIf(serverUrl())("two sweepers at once never claim the same row (SKIP LOCKED)", async () => {
    for (let i = 0; i < 6; i++) await recordInbound(db.pool, inbound(`p${i}`));
    let releaseFirst!: () => void;
    const firstHolding = new Promise<void>((r) => (releaseFirst = r));
    let firstClaimed!: (ids: number[]) => void;
    const firstIds = new Promise<number[]>((r) => (firstClaimed = r));
    const first = withTransaction(db.pool, async (tx) => {
      const rows = await claimUnprocessedInbound(tx, 3);
      firstClaimed(rows.map((r) => r.id));
      await firstHolding; // keep the row locks while the second sweeper runs
    });
    const ids1 = await firstIds;
    const rows2 = await withTransaction(db.pool, (tx) => claimUnprocessedInbound(tx, 10));
    releaseFirst();
    await first;
    expect(ids1).toHaveLength(3);
    expect(rows2).toHaveLength(3);
    expect(rows2.map((r) => r.id).filter((id) => ids1.includes(id))).toEqual([]);
  });
});

describe("outbound messages", () => {
  it("inserts once per idempotency key and returns the existing row on a repeat", async () => {
    const blocks = [{ type: "section", text: { type: "mrkdwn", text: "*Approve?*" } }];
    const first = await insertOutbound(db.pool, outbound("offer:1", { channel: "slack", to: "C0SCHEDULE", blocks, threadTs: "1795446000.000200" }), "slack");
    expect(first.duplicate).toBe(false);
    expect(first.row).toMatchObject({ status: "queued", attempts: 1, transport: "slack", blocks, threadTs: "1795446000.000200", sentAt: null });
    const again = await insertOutbound(db.pool, outbound("offer:1", { text: "different text" }), "outbox");
    expect(again.duplicate).toBe(true);
    expect(again.id).toBe(first.id);
    expect(again.row.text).toBe("Can you cover Wed 2/4, 12-3 pm?");
  });

  it("insertOutboundCheckingConsent reads SMS consent as it inserts: opted out → suppressed, otherwise queued", async () => {
    const to = "+13035550142";
    expect((await insertOutboundCheckingConsent(db.pool, outbound("none"), "outbox")).row).toMatchObject({ status: "queued", attempts: 1 });
    await setConsent(db.pool, to, true, "keyword");
    const stopped = await insertOutboundCheckingConsent(db.pool, outbound("stopped"), "outbox", { createdAt: new Date("2026-11-23T16:00:00Z") });
    expect(stopped).toMatchObject({ duplicate: false, row: { status: "suppressed", attempts: 0, createdAt: new Date("2026-11-23T16:00:00Z") } });
    // Another number, and Slack (consent is SMS only, even for an id that looks opted out), are unaffected.
    expect((await insertOutboundCheckingConsent(db.pool, outbound("other", { to: "+13035550163" }), "outbox")).row.status).toBe("queued");
    await setConsent(db.pool, "C0SCHEDULE", true, "api");
    expect((await insertOutboundCheckingConsent(db.pool, outbound("slack", { channel: "slack", to: "C0SCHEDULE" }), "slack")).row.status).toBe("queued");
    // A repeat returns the first row as it is, even after START.
    await setConsent(db.pool, to, false, "keyword");
    expect(await insertOutboundCheckingConsent(db.pool, outbound("stopped"), "outbox")).toEqual({ id: stopped.id, duplicate: true, row: stopped.row });
    expect((await insertOutboundCheckingConsent(db.pool, outbound("after-start"), "outbox")).row.status).toBe("queued");
  });

  it("records a suppressed row without an attempt", async () => {
    const r = await insertOutbound(db.pool, outbound("k"), "outbox", { status: "suppressed" });
    expect(r.row).toMatchObject({ status: "suppressed", attempts: 0 });
  });

  it("keeps the reply link to the inbound message", async () => {
    const { id: inId } = await recordInbound(db.pool, inbound("1"));
    const r = await insertOutbound(db.pool, outbound("reply:1", { inReplyTo: inId }), "outbox");
    expect(r.row.inReplyTo).toBe(inId);
  });

  it("markOutbound sent stamps time and provider id and clears the error", async () => {
    const { id } = await insertOutbound(db.pool, outbound("k"), "ringcentral");
    await markOutbound(db.pool, id, { status: "failed", error: "503" });
    const at = new Date("2026-11-23T16:00:05Z");
    const row = await markOutbound(db.pool, id, { status: "sent", providerMessageId: "3062991600000", at });
    expect(row).toMatchObject({ status: "sent", providerMessageId: "3062991600000", error: null, sentAt: at });
    expect((await getOutbound(db.pool, id))?.status).toBe("sent");
  });

  it("claimFailedOutbound waits for the backoff, flips to queued once, stops at the attempt cap", async () => {
    const created = new Date("2026-11-23T16:00:00Z");
    const { id } = await insertOutbound(db.pool, outbound("k"), "ringcentral", { createdAt: created });
    await markOutbound(db.pool, id, { status: "failed", error: "boom" });
    const opts = { limit: 10, maxAttempts: 3, backoffMs: 30_000 };
    // attempts = 1 → due 30 s after creation.
    expect(await claimFailedOutbound(db.pool, { ...opts, now: new Date(created.getTime() + 29_000) })).toEqual([]);
    const claimed = await claimFailedOutbound(db.pool, { ...opts, now: new Date(created.getTime() + 30_000) });
    expect(claimed.map((r) => [r.id, r.status, r.attempts])).toEqual([[id, "queued", 2]]);
    expect(await claimFailedOutbound(db.pool, { ...opts, now: new Date(created.getTime() + 600_000) })).toEqual([]);
    // attempts = 2 → due 60 s after creation; attempts = 3 → never (cap).
    await markOutbound(db.pool, id, { status: "failed", error: "boom" });
    expect(await claimFailedOutbound(db.pool, { ...opts, now: new Date(created.getTime() + 59_000) })).toEqual([]);
    expect(await claimFailedOutbound(db.pool, { ...opts, now: new Date(created.getTime() + 60_000) })).toHaveLength(1);
    await markOutbound(db.pool, id, { status: "failed", error: "boom" });
    expect(await claimFailedOutbound(db.pool, { ...opts, now: new Date(created.getTime() + 3_600_000) })).toEqual([]);
  });

  it("listOutbox returns sent messages, filtered, newest `limit` in chronological order", async () => {
    const t = (m: number) => new Date(Date.UTC(2026, 10, 23, 16, m));
    const rows = [
      await insertOutbound(db.pool, outbound("1", { text: "one" }), "outbox", { createdAt: t(1) }),
      await insertOutbound(db.pool, outbound("2", { text: "two" }), "outbox", { createdAt: t(2) }),
      await insertOutbound(db.pool, outbound("3", { text: "three", to: "+13035550163" }), "outbox", { createdAt: t(3) }),
      await insertOutbound(db.pool, outbound("4", { text: "four", channel: "slack", to: "C0SCHEDULE" }), "outbox", { createdAt: t(4) }),
      await insertOutbound(db.pool, outbound("5", { text: "five" }), "outbox", { createdAt: t(5) }),
    ];
    for (const r of rows.slice(0, 4)) await markOutbound(db.pool, r.id, { status: "sent" });
    // #5 stays queued: not in the outbox.
    expect((await listOutbox(db.pool, { limit: 10 })).map((o) => o.text)).toEqual(["one", "two", "three", "four"]);
    expect((await listOutbox(db.pool, { limit: 2 })).map((o) => o.text)).toEqual(["three", "four"]);
    expect((await listOutbox(db.pool, { to: "+13035550142", limit: 10 })).map((o) => o.text)).toEqual(["one", "two"]);
    expect((await listOutbox(db.pool, { channel: "slack", limit: 10 })).map((o) => o.text)).toEqual(["four"]);
    const since = await listOutbox(db.pool, { since: t(2), limit: 10 });
    expect(since.map((o) => o.text)).toEqual(["three", "four"]);
    expect(since[0]).toEqual({ id: rows[2]!.id, channel: "sms", to: "+13035550163", text: "three", createdAt: t(3) });
  });
});

describe("SMS consent", () => {
  it("is unknown until set; the latest STOP/START wins", async () => {
    expect(await getConsent(db.pool, "+13035550142")).toBeNull();
    await setConsent(db.pool, "+13035550142", true, "keyword", new Date("2026-11-23T16:00:00Z"));
    expect(await getConsent(db.pool, "+13035550142")).toEqual({
      phone: "+13035550142",
      optedOut: true,
      source: "keyword",
      updatedAt: new Date("2026-11-23T16:00:00Z"),
    });
    await setConsent(db.pool, "+13035550142", false, "coordinator");
    expect(await getConsent(db.pool, "+13035550142")).toMatchObject({ optedOut: false, source: "coordinator" });
  });
});
