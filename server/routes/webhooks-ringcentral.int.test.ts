import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureJson } from "../../test/fixtures/read.js";
import { startTestCoverline, type TestCoverline } from "../../test/harness.js";
import { RINGCENTRAL_FAKE_CLIENT_ID, RINGCENTRAL_FAKE_CLIENT_SECRET, startRingCentralFake, type RingCentralFake } from "../../integrations/ringcentral/fake/server.js";
import { caregiversWithOneShiftOn, localDay } from "../../test/seed-picks.js";

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
  const { rows } = await t.db.pool.query<{ id: string; status: string; channel: string; body: string; intent: string | null; attempts: number }>(
    "SELECT id, status, channel, body, intent, attempts FROM inbound_messages WHERE provider = 'ringcentral' AND provider_message_id = $1",
    [providerMessageId],
  );
  return rows;
}

/** A voicemail notification (the real in-progress payload) from `from`, with the given transcription status. */
function voicemailNotification(t: TestCoverline, id: string, from: string, status: string): Notification {
  const n = fixtureJson<Notification>("ringcentral/voicemail-in-progress.json");
  n.uuid = `n-${id}`;
  n.body.id = id;
  n.body.from.phoneNumber = from;
  n.body.vmTranscriptionStatus = status;
  n.body.creationTime = t.clock.now().toISOString();
  return n;
}

/** Slack messages about untranscribed voicemails (sent rows, any recipient). */
async function voicemailAlerts(t: TestCoverline, mentioning: string) {
  return (await t.outbox(undefined, "slack")).filter((m) => m.text.includes("Voicemail with no transcript") && m.text.includes(mentioning));
}

/** Long enough for the job queue (0.5 s polling in tests) to have run anything a replay queued. */
const settle = () => new Promise((r) => setTimeout(r, 2_000));

/** The Slack id of the coordinator of `clientId` in the seeded directory. */
function coordinatorSlackId(t: TestCoverline, clientId: string): string {
  const coordinatorId = t.seed!.clientPreferences.find((p) => p.clientId === clientId)!.coordinatorId;
  return t.seed!.coordinators.find((c) => c.id === coordinatorId)!.slackUserId;
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
  it("records a caregiver's voicemail that has no transcript and tells their client's coordinator to listen to it; a replay alerts nothing", async () => {
    const { cg, shift } = caregiversWithOneShiftOn(t, localDay(t, 0))[0]!;
    const n = voicemailNotification(t, "82063400201", cg.phone, "Failed");
    // Left as their shift today starts: that shift's client's coordinator is who must hear it.
    n.body.creationTime = shift.start.toISOString();

    const res = await post(t, JSON.stringify(n));
    expect(res.status).toBe(200);
    const first = (await res.json()) as { status: string; id: number };
    expect(first.status).toBe("accepted");

    const rows = await inboundRows(t, n.body.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ channel: "voice", status: "ignored", intent: "voicemail_untranscribed", body: "[voicemail: no transcript — Failed]" });
    expect(Number(rows[0]!.id)).toBe(first.id);

    const alerts = await t.waitFor(async () => {
      const a = await voicemailAlerts(t, `${cg.firstName} ${cg.lastName}`);
      return a.length > 0 ? a : undefined;
    });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.to).toBe(coordinatorSlackId(t, shift.clientId));
    expect(alerts[0]!.text).toContain(`${cg.firstName} ${cg.lastName} (caregiver, `);
    expect(alerts[0]!.text).toContain("today at ");
    expect(alerts[0]!.text).toContain("22 s long");
    expect(alerts[0]!.text).toContain("(Failed)");
    expect(alerts[0]!.text).toContain("listen to it in RingCentral");

    // RingCentral redelivers the same voicemail: a duplicate, no second row, no second alert.
    const replay = await post(t, JSON.stringify({ ...n, uuid: "n-82063400201-again" }));
    expect(await replay.json()).toEqual({ status: "duplicate", id: first.id });
    await settle();
    expect(await inboundRows(t, n.body.id)).toHaveLength(1);
    expect(await voicemailAlerts(t, `${cg.firstName} ${cg.lastName}`)).toHaveLength(1);

    // Never handed to the agent: the sweeper leaves it alone and the caller gets no text.
    await t.inbound.sweep();
    await t.inbound.idle();
    expect((await inboundRows(t, n.body.id))[0]).toMatchObject({ status: "ignored", attempts: 0 });
    expect(await t.outbox(cg.phone, "sms")).toHaveLength(0);
  });

  it("alerts the alerts channel about an untranscribed voicemail from an unknown number, showing the number", async () => {
    const unknown = "+17205550199";
    expect(await t.agency.findPersonByPhone(unknown)).toEqual({ kind: "unknown" });
    const n = voicemailNotification(t, "82063400202", unknown, "NotAvailable");
    n.body.attachments = [];

    const res = await post(t, JSON.stringify(n));
    expect(((await res.json()) as { status: string }).status).toBe("accepted");
    const alerts = await t.waitFor(async () => {
      const a = await voicemailAlerts(t, "(720) 555-0199");
      return a.length > 0 ? a : undefined;
    });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.to).toBe(t.config.SLACK_ALERTS_CHANNEL);
    expect(alerts[0]!.text).toMatch(/^📞 Voicemail with no transcript from \(720\) 555-0199 \(unknown number\), today at [^,]+\.\n/);
    expect(alerts[0]!.text).toContain("(NotAvailable)");
    expect((await inboundRows(t, n.body.id))[0]).toMatchObject({ channel: "voice", status: "ignored", intent: "voicemail_untranscribed" });
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

  it("records a voicemail whose transcript never completed after the last re-read, and alerts its client's coordinator once", async () => {
    const client = t.seed!.clients.find((c) => c.phone && t.seed!.clientPreferences.some((p) => p.clientId === c.id))!;
    const record = fixtureJson<{ id: string; from: { phoneNumber: string }; attachments: unknown[]; vmTranscriptionStatus: string }>("ringcentral/message-store-voicemail-completed.json");
    record.id = "82063400301";
    record.from.phoneNumber = client.phone!;
    record.vmTranscriptionStatus = "InProgress";
    record.attachments = record.attachments.slice(0, 1);
    rc.addMessage(record);

    // The re-read job as the route's notification would have scheduled it, at its last attempt.
    await t.jobs.send("voicemail.reread", { messageId: record.id, attempt: 5 });
    const alerts = await t.waitFor(async () => {
      const a = await voicemailAlerts(t, `${client.firstName} ${client.lastName}`);
      return a.length > 0 ? a : undefined;
    });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.to).toBe(coordinatorSlackId(t, client.id));
    expect(alerts[0]!.text).toContain(`${client.firstName} ${client.lastName} (client, `);
    expect(alerts[0]!.text).toContain("(still InProgress after 5 re-reads)");
    expect(alerts[0]!.text).toContain("listen to it in RingCentral");
    const rows = await inboundRows(t, record.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ channel: "voice", status: "ignored", intent: "voicemail_untranscribed", body: "[voicemail: no transcript — still InProgress after 5 re-reads]" });

    // The job run again (a pg-boss retry): still one row and one alert.
    await t.jobs.send("voicemail.reread", { messageId: record.id, attempt: 5 });
    await t.waitFor(async () => rc.requests.filter((r) => r.path.endsWith(`/message-store/${record.id}`)).length >= 2);
    await settle();
    expect(await inboundRows(t, record.id)).toHaveLength(1);
    expect(await voicemailAlerts(t, `${client.firstName} ${client.lastName}`)).toHaveLength(1);
  });

  it("a re-read that finds the transcription failed records and alerts it at once", async () => {
    const unknown = "+17205550198";
    const record = fixtureJson<{ id: string; from: { phoneNumber: string }; attachments: unknown[]; vmTranscriptionStatus: string }>("ringcentral/message-store-voicemail-completed.json");
    record.id = "82063400302";
    record.from.phoneNumber = unknown;
    record.vmTranscriptionStatus = "TimedOut";
    record.attachments = record.attachments.slice(0, 1);
    rc.addMessage(record);
    await t.jobs.send("voicemail.reread", { messageId: record.id, attempt: 2 });
    const alerts = await t.waitFor(async () => {
      const a = await voicemailAlerts(t, "(720) 555-0198");
      return a.length > 0 ? a : undefined;
    });
    expect(alerts[0]!.text).toContain("(TimedOut)");
    expect((await inboundRows(t, record.id))[0]).toMatchObject({ status: "ignored", intent: "voicemail_untranscribed", body: "[voicemail: no transcript — TimedOut]" });
  });

  it("an untranscribed voicemail notification is recorded and alerted the same way with RingCentral configured", async () => {
    const n = voicemailNotification(t, "82063400303", "+17205550197", "Failed");
    const res = await post(t, JSON.stringify(n));
    expect(((await res.json()) as { status: string }).status).toBe("accepted");
    await t.waitFor(async () => (await voicemailAlerts(t, "(720) 555-0197")).length === 1);
    // Nothing was fetched from RingCentral for it.
    expect(rc.requests.some((r) => r.path.includes("82063400303"))).toBe(false);
  });
});
