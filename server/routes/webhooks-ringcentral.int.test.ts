import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureJson } from "../../test/fixtures/read.js";
import { startTestCoverline, type TestCoverline } from "../../test/harness.js";
import { RINGCENTRAL_FAKE_CLIENT_ID, RINGCENTRAL_FAKE_CLIENT_SECRET, startRingCentralFake, type RingCentralFake } from "../../integrations/ringcentral/fake/server.js";

/**
 * POST /webhooks/ringcentral on the whole app (compose.ts): the subscription handshake, the Verification-Token
 * check, dedup on the message id, and what happens to outbound echoes and voicemails — with the payload
 * shapes RingCentral sends (test/fixtures/ringcentral).
 */

type Notification = { uuid: string; body: Record<string, unknown> & { id: string; from: { phoneNumber: string }; attachments?: { uri?: string }[] } };
type Envelope = { error: { code: string; message: string; requestId: string } };

const TOKEN = "dev-verification-token";

function post(t: TestCoverline, body: string, headers: Record<string, string> = {}) {
  return t.app.request("/webhooks/ringcentral", {
    method: "POST",
    headers: { "content-type": "application/json", "verification-token": TOKEN, ...headers },
    body,
  });
}

async function inboundRows(t: TestCoverline, providerMessageId: string) {
  const { rows } = await t.db.pool.query<{ id: string; status: string; channel: string; body: string }>(
    "SELECT id, status, channel, body FROM inbound_messages WHERE provider = 'ringcentral' AND provider_message_id = $1",
    [providerMessageId],
  );
  return rows;
}

describe("RingCentral webhook (outbox transports)", () => {
  let t: TestCoverline;
  beforeAll(async () => {
    t = await startTestCoverline();
  });
  afterAll(async () => t?.stop());

  it("answers the subscription handshake by echoing Validation-Token with Content-Type application/json", async () => {
    const res = await t.app.request("/webhooks/ringcentral", { method: "POST", headers: { "validation-token": "a1b2c3d4-e5f6-7890-abcd-ef0123456789" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("validation-token")).toBe("a1b2c3d4-e5f6-7890-abcd-ef0123456789");
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await res.text()).toBe("");
  });

  it("does not reflect a header-injection attempt from the handshake into the response", async () => {
    // Not token-shaped → treated as an ordinary notification, which then lacks its Verification-Token.
    const res = await t.app.request("/webhooks/ringcentral", { method: "POST", headers: { "validation-token": "x y<script>" } });
    expect(res.headers.get("validation-token")).toBeNull();
    expect(res.status).toBe(401);
  });

  it("rejects a missing or wrong Verification-Token with 401 in the error envelope, recording nothing", async () => {
    const fixture = fixtureJson<Notification>("ringcentral/sms-inbound.json");
    fixture.body.id = "9000000000001";
    for (const headers of [{ "verification-token": "" }, { "verification-token": "wrong-token-value" }, { "verification-token": `${TOKEN}x` }]) {
      const res = await post(t, JSON.stringify(fixture), headers);
      expect(res.status).toBe(401);
      const body = (await res.json()) as Envelope;
      expect(body.error.code).toBe("unauthorized");
      expect(body.error.message).toMatch(/Verification-Token/);
      expect(body.error.requestId).toBe(res.headers.get("x-request-id"));
    }
    const noHeader = await t.app.request("/webhooks/ringcentral", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(fixture) });
    expect(noHeader.status).toBe(401);
    expect(await inboundRows(t, "9000000000001")).toHaveLength(0);
  });

  it("answers malformed JSON with 400 invalid_json and a notification of the wrong shape with 400 invalid_notification", async () => {
    const bad = await post(t, '{"uuid": "1", "body": ');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as Envelope).error.code).toBe("invalid_json");
    const wrong = await post(t, JSON.stringify({ uuid: "1", body: { id: "1" } }));
    expect(wrong.status).toBe(400);
    const env = (await wrong.json()) as Envelope;
    expect(env.error.code).toBe("invalid_notification");
    expect(env.error.requestId).toBeTruthy();
  });

  it("accepts the real inbound-SMS notification, and a replay of the same message id is a duplicate processed once", async () => {
    const fixture = fixtureJson<Notification>("ringcentral/sms-inbound.json");
    const from = fixture.body.from.phoneNumber;
    const first = await post(t, JSON.stringify(fixture));
    expect(first.status).toBe(200);
    const a = (await first.json()) as { status: string; id: number };
    expect(a.status).toBe("accepted");

    // RingCentral redelivers: a new notification uuid, the same message (body.id).
    const replay = { ...fixture, uuid: "6242343638330009999" };
    const second = await post(t, JSON.stringify(replay));
    expect(second.status).toBe(200);
    const b = (await second.json()) as { status: string; id: number };
    expect(b).toEqual({ status: "duplicate", id: a.id });

    await t.inbound.idle();
    const rows = await inboundRows(t, fixture.body.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.status).toBe("processed");
    expect(rows[0]!.body).toBe("Hi, I'm sick and can't make my 9am shift with Margaret today");
    // Exactly one answer, whoever the number belongs to.
    expect(await t.outbox(from, "sms")).toHaveLength(1);
    // A third delivery after processing is still a duplicate and still answers nothing.
    expect(((await (await post(t, JSON.stringify(fixture))).json()) as { status: string }).status).toBe("duplicate");
    await t.inbound.idle();
    expect(await t.outbox(from, "sms")).toHaveLength(1);
  });

  it("ignores the notification of our own outbound SMS (no record, no reply)", async () => {
    const fixture = fixtureJson<Notification>("ringcentral/sms-outbound.json");
    const res = await post(t, JSON.stringify(fixture));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; reason: string };
    expect(body.status).toBe("ignored");
    expect(body.reason).toMatch(/Outbound/);
    await t.inbound.idle();
    expect(await inboundRows(t, fixture.body.id)).toHaveLength(0);
  });

  it("acknowledges voicemails it cannot read without RingCentral credentials, and pending transcripts, without recording them", async () => {
    const done = fixtureJson<Notification>("ringcentral/voicemail-transcribed.json");
    const r1 = await post(t, JSON.stringify(done));
    expect(r1.status).toBe(200);
    expect(await r1.json()).toEqual({ status: "ignored", reason: "voicemail transcripts need RingCentral credentials" });

    const pending = fixtureJson<Notification>("ringcentral/voicemail-in-progress.json");
    const r2 = await post(t, JSON.stringify(pending));
    expect(r2.status).toBe(200);
    expect(await r2.json()).toEqual({ status: "ignored", reason: "voicemail transcripts need RingCentral credentials" });
    await t.inbound.idle();
    expect(await inboundRows(t, done.body.id)).toHaveLength(0);
    expect(await inboundRows(t, pending.body.id)).toHaveLength(0);
  });
});

describe("RingCentral webhook with RingCentral configured (local RingCentral stand-in)", () => {
  let t: TestCoverline;
  let rc: RingCentralFake;
  beforeAll(async () => {
    rc = await startRingCentralFake({ ownedNumbers: ["+13035550100"] });
    t = await startTestCoverline({
      RINGCENTRAL_SERVER_URL: rc.url,
      RINGCENTRAL_CLIENT_ID: RINGCENTRAL_FAKE_CLIENT_ID,
      RINGCENTRAL_CLIENT_SECRET: RINGCENTRAL_FAKE_CLIENT_SECRET,
      RINGCENTRAL_JWT: "fake-jwt-for-tests",
      RINGCENTRAL_FROM_NUMBER: "+13035550100",
    });
  });
  afterAll(async () => {
    await t?.stop();
    await rc?.close();
  });

  it("fetches a completed voicemail's transcript after acknowledging, then handles it as a voice message from the caller", async () => {
    const fixture = fixtureJson<Notification>("ringcentral/voicemail-transcribed.json");
    // The transcript lives on RingCentral's server: point the attachment URIs at the stand-in.
    for (const a of fixture.body.attachments ?? []) a.uri = a.uri!.replace("https://platform.ringcentral.com", rc.url);
    const transcriptUri = fixture.body.attachments!.find((a) => a.uri!.endsWith("82063400005"))!.uri!;
    rc.addTranscript(transcriptUri, "  Hi this is Rosa, I can't come in tomorrow morning, my son is sick.  ");

    const res = await post(t, JSON.stringify(fixture));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "accepted" });

    const rows = await t.waitFor(async () => {
      const r = await inboundRows(t, fixture.body.id);
      return r.length === 1 && r[0]!.status === "processed" ? r : undefined;
    });
    expect(rows[0]!.channel).toBe("voice");
    expect(rows[0]!.body).toBe("Hi this is Rosa, I can't come in tomorrow morning, my son is sick.");
    expect(rc.requests.some((r) => r.method === "GET" && transcriptUri.endsWith(r.path))).toBe(true);
    // The caller is answered by SMS through RingCentral.
    await t.waitFor(async () => rc.sent.some((m) => m.to.includes(fixture.body.from.phoneNumber)));
  });
});
