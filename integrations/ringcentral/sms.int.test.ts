import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseRingCentralMessage, parseRingCentralNotification, withTranscript } from "../../channels/ringcentral/parse.js";
import { fixtureJson } from "../../test/fixtures/read.js";
import { RINGCENTRAL_FAKE_CLIENT_ID, RINGCENTRAL_FAKE_CLIENT_SECRET, startRingCentralFake, type RingCentralFake } from "./fake/server.js";
import { createRingCentralSms, RingCentralError, type RingCentralSmsOptions } from "./sms.js";

const FROM = "+13035550100";
const JWT = "eyJraWQiOiJmYWtlIn0.fake-user-jwt.signature";
let fake: RingCentralFake;

beforeEach(async () => {
  fake = await startRingCentralFake({ jwt: JWT, ownedNumbers: [FROM] });
});
afterEach(async () => {
  await fake.close();
});

function client(over: Partial<RingCentralSmsOptions> = {}) {
  return createRingCentralSms({
    serverUrl: fake.url,
    clientId: RINGCENTRAL_FAKE_CLIENT_ID,
    clientSecret: RINGCENTRAL_FAKE_CLIENT_SECRET,
    jwt: JWT,
    fromNumber: FROM,
    ...over,
  });
}

const smsPosts = () => fake.requests.filter((r) => r.method === "POST" && r.path.endsWith("/sms"));

describe("RingCentral SMS through the real SDK", () => {
  it("logs in once with the JWT and reuses the session for every send", async () => {
    const rc = client();
    const a = await rc.sendSms({ to: "+13035550142", text: "Can you cover Wed 2/4, 12-3 pm?" });
    const b = await rc.sendSms({ to: "+13035550163", text: "Thanks, you're confirmed." });
    expect(a).toEqual({ transport: "ringcentral", providerMessageId: fake.sent[0]!.id, messageStatus: "Queued" });
    expect(b.providerMessageId).toBe(fake.sent[1]!.id);
    expect(fake.logins).toBe(1);
    expect(fake.sent.map((s) => ({ from: s.from, to: s.to, text: s.text }))).toEqual([
      { from: FROM, to: ["+13035550142"], text: "Can you cover Wed 2/4, 12-3 pm?" },
      { from: FROM, to: ["+13035550163"], text: "Thanks, you're confirmed." },
    ]);
    await rc.close();
  });

  it("concurrent first sends share one login", async () => {
    const rc = client();
    await Promise.all([1, 2, 3].map((i) => rc.sendSms({ to: "+13035550142", text: `msg ${i}` })));
    expect(fake.logins).toBe(1);
    expect(fake.sent).toHaveLength(3);
  });

  it("wrong client credentials or JWT fail with a RingCentralError, and a later call tries again", async () => {
    const badSecret = client({ clientSecret: "wrong" });
    await expect(badSecret.sendSms({ to: "+13035550142", text: "x" })).rejects.toMatchObject({ name: "RingCentralError", status: 401 });
    const badJwt = client({ jwt: "not-the-jwt" });
    const err = await badJwt.sendSms({ to: "+13035550142", text: "x" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RingCentralError);
    expect(err).toMatchObject({ status: 400, errorCode: "OAU-213" });
    await expect(badJwt.sendSms({ to: "+13035550142", text: "x" })).rejects.toBeInstanceOf(RingCentralError);
    // No cached failed login: each call asks again. The SDK itself retries a 401 once (the bad-secret call),
    // so 2 + 1 + 1 token requests — well inside the Auth group's 5 per minute only because nothing loops.
    expect(fake.requests.filter((r) => r.path === "/restapi/oauth/token")).toHaveLength(4);
    expect(fake.sent).toEqual([]);
  });

  it("RingCentral rejections surface status and error code", async () => {
    const rc = client({ fromNumber: "+13035550199" });
    await expect(rc.sendSms({ to: "+13035550142", text: "x" })).rejects.toMatchObject({ status: 400, errorCode: "FeatureNotAvailable" });
    await expect(client().sendSms({ to: "+13035550142", text: "x".repeat(1001) })).rejects.toThrow(/at most 1000/);
  });

  it("honours 429 Retry-After: waits, then the same send succeeds", async () => {
    const rc = client();
    await rc.sendSms({ to: "+13035550142", text: "warm-up" });
    fake.failNext(429, 1, { retryAfterSeconds: 1 });
    const started = Date.now();
    const r = await rc.sendSms({ to: "+13035550142", text: "after the penalty" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(r.providerMessageId).toBe(fake.sent[1]!.id);
    const posts = smsPosts();
    expect(posts).toHaveLength(3);
    expect(posts[2]!.at - posts[1]!.at).toBeGreaterThanOrEqual(950);
  });

  it("a penalty longer than we wait fails the send, and holds back the next one until it is over", async () => {
    const rc = client({ maxRetryAfterMs: 500 });
    await rc.sendSms({ to: "+13035550142", text: "warm-up" });
    fake.failNext(429, 1, { retryAfterSeconds: 1 });
    const err = await rc.sendSms({ to: "+13035550142", text: "rate limited" }).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: "RingCentralError", status: 429, errorCode: "CMN-301", retryAfterMs: 1000 });
    await rc.sendSms({ to: "+13035550142", text: "next" });
    const posts = smsPosts();
    // Any request inside the penalty window restarts it at RingCentral, so the next send waited it out.
    expect(posts[2]!.at - posts[1]!.at).toBeGreaterThanOrEqual(950);
  });

  it("gives up after the configured number of consecutive 429s", async () => {
    const rc = client({ maxRateLimitRetries: 1 });
    fake.failNext(429, 2, { retryAfterSeconds: 0 });
    await expect(rc.sendSms({ to: "+13035550142", text: "x" })).rejects.toMatchObject({ status: 429 });
    expect(fake.sent).toEqual([]);
  });

  it("throttles to smsPerMinute", async () => {
    const rc = client({ smsPerMinute: 2, throttleWindowMs: 600 });
    const started = Date.now();
    await Promise.all([1, 2, 3].map((i) => rc.sendSms({ to: "+13035550142", text: `m${i}` })));
    expect(Date.now() - started).toBeGreaterThanOrEqual(550);
    expect(fake.sent).toHaveLength(3);
  });

  it("a 5xx fails the send without retrying in-process (the messenger's retry job owns that)", async () => {
    const rc = client();
    fake.failNext(503, 1);
    await expect(rc.sendSms({ to: "+13035550142", text: "x" })).rejects.toMatchObject({ status: 503 });
    expect(smsPosts()).toHaveLength(1);
  });
});

describe("voicemail transcripts", () => {
  it("fetches an AudioTranscription attachment as text", async () => {
    const path = "/restapi/v1.0/account/809646016/extension/629893001/message-store/82063400004/content/82063400005";
    fake.addTranscript(path, "Hi this is Rosa, I can't come in tomorrow morning, my son is sick.\n");
    const rc = client();
    expect(await rc.fetchVoicemailTranscript(`${fake.url}${path}`)).toBe("Hi this is Rosa, I can't come in tomorrow morning, my son is sick.");
    expect(await rc.fetchVoicemailTranscript(path)).toMatch(/^Hi this is Rosa/);
  });

  it("refuses URIs on other hosts instead of sending them our token", async () => {
    const rc = client();
    const uri = "https://attacker.example/restapi/v1.0/account/1/extension/1/message-store/1/content/2";
    await expect(rc.fetchVoicemailTranscript(uri)).rejects.toThrow(/refusing/);
    await expect(rc.fetchVoicemailTranscript(`${fake.url}/elsewhere`)).rejects.toThrow(/refusing/);
    expect(fake.requests).toEqual([]);
  });

  it("InProgress → re-read the message later → fetch the transcript → a voice InboundMessage", async () => {
    const pending = parseRingCentralNotification(fixtureJson("ringcentral/voicemail-in-progress.json"));
    if (pending.kind !== "transcript_pending") throw new Error(pending.kind);

    // Later, RingCentral has finished: the message-store record now carries the transcript attachment.
    const record = fixtureJson<{ attachments: { uri: string }[] }>("ringcentral/message-store-voicemail-completed.json");
    for (const a of record.attachments) a.uri = a.uri.replace("https://platform.ringcentral.com", fake.url);
    fake.addMessage({ id: "82063400120", ...record });
    fake.addTranscript(record.attachments[1]!.uri, "This is Tom, I'm running about twenty minutes late to Mrs. Lopez.");

    const rc = client();
    const reread = parseRingCentralMessage(await rc.getMessage(pending.messageId));
    if (reread.kind !== "needs_transcript_fetch") throw new Error(reread.kind);
    const message = withTranscript(reread.voicemail, await rc.fetchVoicemailTranscript(reread.uri));
    expect(message).toMatchObject({
      provider: "ringcentral",
      providerMessageId: "82063400120",
      channel: "voice",
      from: "+13035550163",
      text: "This is Tom, I'm running about twenty minutes late to Mrs. Lopez.",
    });
  });

  it("an unknown message id is a 404 RingCentralError", async () => {
    await expect(client().getMessage("999")).rejects.toMatchObject({ status: 404, errorCode: "MSG-333" });
    await expect(client().getMessage("../../oauth")).rejects.toThrow(/numeric/);
  });
});
