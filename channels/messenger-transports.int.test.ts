import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getOutbound } from "../db/repos/messages.js";
import { createOutboundStore } from "../db/repos/outbound-store.js";
import type { Database } from "../db/pool.js";
import { RINGCENTRAL_FAKE_CLIENT_ID, RINGCENTRAL_FAKE_CLIENT_SECRET, startRingCentralFake, type RingCentralFake } from "../integrations/ringcentral/fake/server.js";
import { createRingCentralSms } from "../integrations/ringcentral/sms.js";
import { SLACK_FAKE_TOKEN, startSlackFake, type SlackFake } from "../integrations/slack/fake/server.js";
import { createSlackTransport } from "../integrations/slack/transport.js";
import { ManualClock } from "../lib/clock.js";
import { silentLogger } from "../lib/logger.js";
import { testDatabase } from "../test/db.js";
import { createMessenger, type Messenger } from "./messenger.js";
import { section } from "./slack/format.js";

/** The messenger wired as server/main.ts would wire it with credentials: real SDKs, local fakes behind them. */
let db: Database;
let rcFake: RingCentralFake;
let slackFake: SlackFake;
let clock: ManualClock;
let messenger: Messenger;

beforeAll(async () => {
  [db, rcFake, slackFake] = await Promise.all([testDatabase(), startRingCentralFake(), startSlackFake({ channels: ["C0SCHEDULE"] })]);
  clock = new ManualClock("2026-11-23T16:00:00Z");
  const sms = createRingCentralSms({
    serverUrl: rcFake.url,
    clientId: RINGCENTRAL_FAKE_CLIENT_ID,
    clientSecret: RINGCENTRAL_FAKE_CLIENT_SECRET,
    jwt: "fake-jwt",
    fromNumber: "+13035550100",
  });
  const slack = createSlackTransport({ token: SLACK_FAKE_TOKEN, apiUrl: slackFake.url, retries: 0 });
  messenger = createMessenger({ store: createOutboundStore(db.pool), transports: { sms, slack }, clock, logger: silentLogger });
});
afterAll(async () => {
  await Promise.all([db?.close(), rcFake?.close(), slackFake?.close()]);
});

describe("messenger over the RingCentral and Slack SDKs", () => {
  it("an SMS fails on a RingCentral outage, then the retry job delivers it exactly once", async () => {
    rcFake.failNext(503, 1);
    const req = { channel: "sms" as const, to: "+13035550142", text: "Can you cover Wed 2/4, 12-3 pm for Margaret?", idempotencyKey: "offer:e2e" };
    const failed = await messenger.send(req);
    expect(failed).toMatchObject({ status: "failed", error: expect.stringMatching(/503/) });
    expect(rcFake.sent).toEqual([]);

    clock.advance(30_000);
    const [retried] = await messenger.retryFailed();
    expect(retried).toEqual({ status: "sent", id: failed.id, transport: "ringcentral", duplicate: false });
    expect(await messenger.send(req)).toMatchObject({ status: "sent", duplicate: true });
    expect(rcFake.sent).toHaveLength(1);
    expect(rcFake.sent[0]).toMatchObject({ from: "+13035550100", to: ["+13035550142"], text: req.text });
    expect(await getOutbound(db.pool, failed.id)).toMatchObject({ transport: "ringcentral", providerMessageId: rcFake.sent[0]!.id, attempts: 2 });
  });

  it("a Slack alert with blocks, then a reply in its thread", async () => {
    const blocks = [section("*Maria* called out of *Tue 9am*")];
    const top = await messenger.send({ channel: "slack", to: "C0SCHEDULE", text: "Maria called out of Tue 9am", blocks, idempotencyKey: "alert:e2e" });
    expect(top).toMatchObject({ status: "sent", transport: "slack" });
    const ts = (await getOutbound(db.pool, top.id))!.providerMessageId!;
    await messenger.send({ channel: "slack", to: "C0SCHEDULE", text: "Ana accepted", threadTs: ts, idempotencyKey: "alert:e2e:reply" });
    expect(slackFake.posts.map((p) => [p.text, p.threadTs, p.blocks])).toEqual([
      ["Maria called out of Tue 9am", null, blocks],
      ["Ana accepted", ts, null],
    ]);
  });

  it("Slack's ok:false is recorded as a failed row with Slack's error code", async () => {
    const out = await messenger.send({ channel: "slack", to: "C0GONE", text: "hello", idempotencyKey: "alert:gone" });
    expect(out).toMatchObject({ status: "failed", error: "SlackApiError: Slack chat.postMessage failed: channel_not_found" });
  });
});
