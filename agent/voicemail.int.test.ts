import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig, type Config } from "../config/env.js";
import type { Database } from "../db/pool.js";
import { listOutbox } from "../db/repos/messages.js";
import { RINGCENTRAL_FAKE_CLIENT_ID, RINGCENTRAL_FAKE_CLIENT_SECRET, startRingCentralFake, type RingCentralFake } from "../integrations/ringcentral/fake/server.js";
import { OffsetClock } from "../lib/clock.js";
import { createLogger } from "../lib/logger.js";
import { startCoverline, type Coverline } from "../server/compose.js";
import { testDatabase } from "../test/db.js";
import { fixtureJson } from "../test/fixtures/read.js";
import { nextTuesdayMorning } from "../test/harness.js";

/**
 * Voicemails on the whole app (compose.ts) with RingCentral configured (the local stand-in, through the real SDK)
 * and the service's real logger: whatever happens to them — recorded, alerted, replayed, the caller lookup
 * failing, RingCentral failing to serve a transcript or a message — nothing is lost or alerted twice, and the log
 * lines carry ids, never the caller's number. (test/harness.ts starts the app with a silent logger and production
 * retry delays, so this file starts it itself.)
 */

type Notification = { uuid: string; body: Record<string, unknown> & { id: string; from: { phoneNumber: string }; creationTime: string; vmTranscriptionStatus: string } };

/** Every way a US number could appear in a log line. */
function phoneForms(e164: string): string[] {
  const d = e164.slice(2);
  return [e164, d, `(${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6)}`, `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6)}`, `${d.slice(3, 6)}-${d.slice(6)}`];
}

const RETRY_DELAYS = [0.2, 0.2, 0.2];
const TRIES = RETRY_DELAYS.length + 1;

/** Long enough for the job queue (0.5 s polling) to have run anything a replay queued. */
const settle = () => new Promise((r) => setTimeout(r, 1_500));

describe("voicemails on the whole app: alerts, RingCentral failures and logs", () => {
  let db: Database;
  let rc: RingCentralFake;
  let cov: Coverline;
  let config: Config;
  const lines: string[] = [];

  beforeAll(async () => {
    db = await testDatabase();
    rc = await startRingCentralFake({ ownedNumbers: ["+13035550100"] });
    config = loadConfig({
      NODE_ENV: "test",
      WELLSKY_FAKE_PORT: "0",
      WELLSKY_RATE_LIMIT_PER_SECOND: "100",
      FILL_ESCALATE_AFTER: "3600",
      RINGCENTRAL_SERVER_URL: rc.url,
      RINGCENTRAL_CLIENT_ID: RINGCENTRAL_FAKE_CLIENT_ID,
      RINGCENTRAL_CLIENT_SECRET: RINGCENTRAL_FAKE_CLIENT_SECRET,
      RINGCENTRAL_JWT: "fake-jwt-for-tests",
      RINGCENTRAL_FROM_NUMBER: "+13035550100",
    });
    const logger = createLogger({ level: "debug", destination: { write: (s: string) => void lines.push(s) } });
    cov = await startCoverline(config, {
      logger,
      clock: new OffsetClock(nextTuesdayMorning()),
      db,
      jobPollingSeconds: 0.5,
      sweepers: false,
      // Three retries a fifth of a second apart: four tries, then the fallback.
      voicemailTimings: { rereadDelaySeconds: 0.2, retryDelaysSeconds: RETRY_DELAYS },
    });
  });
  afterAll(async () => {
    await cov?.close();
    await rc?.close();
    await db?.close();
  });

  function post(n: Notification) {
    return cov.app.request("/webhooks/ringcentral", {
      method: "POST",
      headers: { "content-type": "application/json", "verification-token": config.RINGCENTRAL_WEBHOOK_VERIFICATION_TOKEN },
      body: JSON.stringify(n),
    });
  }

  function notification(id: string, from: string, status: string): Notification {
    const n = fixtureJson<Notification>("ringcentral/voicemail-in-progress.json");
    n.uuid = `n-${id}`;
    n.body.id = id;
    n.body.from.phoneNumber = from;
    n.body.vmTranscriptionStatus = status;
    return n;
  }

  async function alertAbout(mentioning: string) {
    const end = Date.now() + 20_000;
    for (;;) {
      const found = (await listOutbox(db.pool, { channel: "slack", limit: 1000 })).filter((m) => m.text.includes("Voicemail with no transcript") && m.text.includes(mentioning));
      if (found.length > 0) return found;
      if (Date.now() > end) throw new Error(`no voicemail alert mentioning ${mentioning}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async function until<T>(cond: () => Promise<T | undefined | false>, what: string): Promise<T> {
    const end = Date.now() + 20_000;
    for (;;) {
      const v = await cond();
      if (v) return v;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async function inboundRows(providerMessageId: string) {
    const { rows } = await db.pool.query<{ status: string; channel: string; body: string; intent: string | null }>(
      "SELECT status, channel, body, intent FROM inbound_messages WHERE provider = 'ringcentral' AND provider_message_id = $1",
      [providerMessageId],
    );
    return rows;
  }

  /** A transcribed-voicemail notification (the real payload) whose attachments live on the stand-in; returns the transcript's URI. */
  function transcribed(id: string, from: string): { n: Notification; transcriptUri: string } {
    const n = fixtureJson<Notification & { body: { attachments: { uri: string; type: string }[] } }>("ringcentral/voicemail-transcribed.json");
    n.uuid = `n-${id}`;
    n.body.id = id;
    n.body.from.phoneNumber = from;
    for (const a of n.body.attachments) a.uri = a.uri.replace("https://platform.ringcentral.com", rc.url).replace("/message-store/82063400004/", `/message-store/${id}/`);
    return { n, transcriptUri: n.body.attachments.find((a) => a.type === "AudioTranscription")!.uri };
  }

  /** GETs the stand-in saw for a URI or a path ending. */
  const requestsTo = (uriOrPath: string) => {
    const path = uriOrPath.startsWith("http") ? new URL(uriOrPath).pathname : uriOrPath;
    return rc.requests.filter((r) => r.method === "GET" && r.path.endsWith(path)).length;
  };
  const logged = (msg: string, messageId: string) => lines.filter((l) => l.includes(`"msg":"${msg}"`) && l.includes(`"messageId":"${messageId}"`));
  const expectNoPhone = (phone: string) => {
    for (const form of phoneForms(phone)) expect(lines.filter((l) => l.includes(form)), form).toEqual([]);
  };

  it("a caregiver's, an unknown caller's, a replayed and a never-transcribed voicemail are alerted with no phone number in any log line", async () => {
    const cg = cov.seed!.caregivers.find((c) => c.active && c.hired)!;
    const unknown = "+17205550191";
    const stillPending = "+17205550192";

    expect(((await (await post(notification("82063400401", cg.phone, "Failed"))).json()) as { status: string }).status).toBe("accepted");
    expect(((await (await post(notification("82063400402", unknown, "NotAvailable"))).json()) as { status: string }).status).toBe("accepted");
    expect(((await (await post({ ...notification("82063400402", unknown, "NotAvailable"), uuid: "replayed" })).json()) as { status: string }).status).toBe("duplicate");
    const record = fixtureJson<Record<string, unknown> & { from: { phoneNumber: string }; attachments: unknown[] }>("ringcentral/message-store-voicemail-completed.json");
    rc.addMessage({ ...record, id: "82063400403", from: { phoneNumber: stillPending }, vmTranscriptionStatus: "InProgress", attachments: record.attachments.slice(0, 1) });
    await cov.jobs.send("voicemail.reread", { messageId: "82063400403", attempt: 5 });

    await alertAbout(`${cg.firstName} ${cg.lastName}`);
    await alertAbout("(720) 555-0191");
    await alertAbout("(720) 555-0192");
    await cov.inbound.idle();

    const voicemailLines = lines.filter((l) => /voicemail/.test(l));
    expect(voicemailLines.filter((l) => l.includes('"msg":"voicemail alert"'))).toHaveLength(3);
    expect(voicemailLines.filter((l) => l.includes("coordinator alert queued")).length).toBeGreaterThanOrEqual(4);
    for (const phone of [cg.phone, unknown, stillPending]) {
      for (const form of phoneForms(phone)) expect(lines.filter((l) => l.includes(form)), form).toEqual([]);
    }
  });

  it("when the caller cannot be looked up (WellSky failing), the alert still goes out, with the number, to the alerts channel", async () => {
    const phone = "+17205550193";
    cov.fake!.faults.add({ kind: "http500", times: 100, match: /practitioners|patients|relatedPersons/i });
    try {
      await post(notification("82063400404", phone, "Failed"));
      const [alert] = await alertAbout("(720) 555-0193");
      expect(alert!.to).toBe(config.SLACK_ALERTS_CHANNEL);
      expect(alert!.text).toContain("(unknown number)");
    } finally {
      cov.fake!.faults.clear();
    }
    expect(lines.some((l) => l.includes("voicemail caller lookup failed"))).toBe(true);
    for (const form of phoneForms(phone)) expect(lines.filter((l) => l.includes(form)), form).toEqual([]);
  });

  it("a transcript fetch that fails twice is retried by its job: one voice message with the transcript, processed by the agent", async () => {
    const cg = cov.seed!.caregivers.filter((c) => c.active && c.hired)[1]!;
    const { n, transcriptUri } = transcribed("82063400501", cg.phone);
    rc.addTranscript(transcriptUri, " Hi, it's me. Thanks, see you tomorrow. ");
    rc.failNext(503, 2);

    const res = await post(n);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "accepted" });
    const rows = await until(async () => {
      await cov.inbound.idle();
      const r = await inboundRows(n.body.id);
      return r[0]?.status === "processed" && r;
    }, "the voicemail to be processed");
    expect(rows).toEqual([expect.objectContaining({ channel: "voice", status: "processed", body: "Hi, it's me. Thanks, see you tomorrow." })]);
    expect(requestsTo(transcriptUri)).toBe(3);
    expect(logged("transcript fetch failed; will retry", n.body.id)).toHaveLength(2);
    expect(logged("transcript fetch failed; will retry", n.body.id)[0]).toContain('"status":503');

    // RingCentral redelivers the notification: the fetch job is keyed per message id, so nothing is fetched again.
    expect(await (await post({ ...n, uuid: "n-82063400501-again" })).json()).toEqual({ status: "accepted" });
    await settle();
    await cov.inbound.idle();
    expect(await inboundRows(n.body.id)).toHaveLength(1);
    expect(requestsTo(transcriptUri)).toBe(3);
    expect(lines.filter((l) => l.includes("giving up"))).toEqual([]);
    expectNoPhone(cg.phone);
  });

  it("a transcript RingCentral cannot serve — gone (404) at once, or failing past the last retry — is recorded untranscribed and alerted once", async () => {
    const gonePhone = "+17205550194";
    const gone = transcribed("82063400502", gonePhone);
    // No transcript at that URI on the stand-in: 404, which no retry changes.
    await post(gone.n);
    const [goneAlert] = await alertAbout("(720) 555-0194");
    expect(goneAlert!.text).toContain("(transcript could not be fetched: HTTP 404)");
    expect(requestsTo(gone.transcriptUri)).toBe(1);
    expect(await inboundRows(gone.n.body.id)).toEqual([
      { channel: "voice", status: "ignored", intent: "voicemail_untranscribed", body: "[voicemail: no transcript — transcript could not be fetched: HTTP 404]" },
    ]);

    const downPhone = "+17205550195";
    const down = transcribed("82063400503", downPhone);
    rc.addTranscript(down.transcriptUri, "Never heard: RingCentral fails every try.");
    rc.failNext(503, TRIES);
    await post(down.n);
    const [downAlert] = await alertAbout("(720) 555-0195");
    expect(downAlert!.text).toContain(`(transcript could not be fetched after ${TRIES} tries: HTTP 503)`);
    expect(requestsTo(down.transcriptUri)).toBe(TRIES);
    expect(logged("transcript fetch failed; will retry", down.n.body.id)).toHaveLength(TRIES - 1);
    expect(logged("transcript fetch failed; giving up", down.n.body.id)).toHaveLength(1);

    // Replays of both: no second fetch, row or alert.
    await post({ ...gone.n, uuid: "again-1" });
    await post({ ...down.n, uuid: "again-2" });
    await settle();
    expect(requestsTo(gone.transcriptUri)).toBe(1);
    expect(requestsTo(down.transcriptUri)).toBe(TRIES);
    expect(await alertAbout("(720) 555-0194")).toHaveLength(1);
    expect(await alertAbout("(720) 555-0195")).toHaveLength(1);
    expect(await inboundRows(down.n.body.id)).toEqual([expect.objectContaining({ status: "ignored", intent: "voicemail_untranscribed" })]);
    expectNoPhone(gonePhone);
    expectNoPhone(downPhone);
  });

  it("a re-read whose message RingCentral keeps failing to serve is recorded untranscribed after the last retry and alerted once", async () => {
    const phone = "+17205550196";
    const n = notification("82063400504", phone, "InProgress");
    const record = fixtureJson<Record<string, unknown> & { attachments: unknown[] }>("ringcentral/message-store-voicemail-completed.json");
    rc.addMessage({ ...record, id: n.body.id, from: { phoneNumber: phone }, vmTranscriptionStatus: "InProgress", attachments: record.attachments.slice(0, 1) });
    rc.failNext(503, TRIES);
    const messagePath = `/message-store/${n.body.id}`;

    expect(await (await post(n)).json()).toEqual({ status: "accepted" });
    const [alert] = await alertAbout("(720) 555-0196");
    expect(alert!.text).toContain(`(voicemail could not be re-read from RingCentral after ${TRIES} tries: HTTP 503)`);
    expect(alert!.text).toContain("22 s long");
    expect(await inboundRows(n.body.id)).toEqual([
      { channel: "voice", status: "ignored", intent: "voicemail_untranscribed", body: `[voicemail: no transcript — voicemail could not be re-read from RingCentral after ${TRIES} tries: HTTP 503]` },
    ]);
    expect(requestsTo(messagePath)).toBe(TRIES);
    expect(logged("voicemail re-read failed; will retry", n.body.id)).toHaveLength(TRIES - 1);

    // A replay schedules no second re-read (same job key), and nothing is alerted twice.
    await post({ ...n, uuid: "again-3" });
    await settle();
    expect(requestsTo(messagePath)).toBe(TRIES);
    expect(await alertAbout("(720) 555-0196")).toHaveLength(1);
    expect(await inboundRows(n.body.id)).toHaveLength(1);
    expectNoPhone(phone);
  });

  it("a re-read that gets back a record it cannot read is recorded untranscribed and alerted once", async () => {
    const phone = "+17205550197";
    const n = notification("82063400505", phone, "InProgress");
    const record = fixtureJson<Record<string, unknown> & { attachments: unknown[] }>("ringcentral/message-store-voicemail-completed.json");
    rc.addMessage({ ...record, id: n.body.id, from: { phoneNumber: phone }, vmTranscriptionStatus: "InProgress", attachments: record.attachments.slice(0, 1) });
    expect(await (await post(n)).json()).toEqual({ status: "accepted" });
    // Before the re-read, RingCentral's record turns into something that is not a voicemail at all.
    rc.addMessage({ id: n.body.id, type: "Fax", direction: "Inbound" });
    const [alert] = await alertAbout("(720) 555-0197");
    expect(alert!.text).toContain("(RingCentral's record of it could not be read)");
    expect(await inboundRows(n.body.id)).toEqual([
      { channel: "voice", status: "ignored", intent: "voicemail_untranscribed", body: "[voicemail: no transcript — RingCentral's record of it could not be read]" },
    ]);
    await settle();
    expect(await alertAbout("(720) 555-0197")).toHaveLength(1);
    expectNoPhone(phone);
  });

  it("a transcript that comes back empty (silence, noise) is recorded untranscribed and alerted, not handed to the agent", async () => {
    const phone = "+17205550189";
    const { n, transcriptUri } = transcribed("82063400506", phone);
    rc.addTranscript(transcriptUri, "  \n ");
    expect(await (await post(n)).json()).toEqual({ status: "accepted" });
    const [alert] = await alertAbout("(720) 555-0189");
    expect(alert!.text).toContain("(the transcript is empty)");
    expect(await inboundRows(n.body.id)).toEqual([
      { channel: "voice", status: "ignored", intent: "voicemail_untranscribed", body: "[voicemail: no transcript — the transcript is empty]" },
    ]);
    expectNoPhone(phone);
  });

  it("a transcript that arrives after the voicemail was alerted untranscribed goes to the same coordinator, once; the agent does not act on it", async () => {
    const phone = "+17205550188";
    const n = notification("82063400507", phone, "InProgress");
    const record = fixtureJson<Record<string, unknown> & { attachments: unknown[] }>("ringcentral/message-store-voicemail-completed.json");
    // Still being transcribed at every re-read: recorded untranscribed and alerted.
    rc.addMessage({ ...record, id: n.body.id, from: { phoneNumber: phone }, vmTranscriptionStatus: "InProgress", attachments: record.attachments.slice(0, 1) });
    await post(n);
    const [alert] = await alertAbout("(720) 555-0188");

    // RingCentral finishes after all and notifies again, with the transcript.
    const late = transcribed(n.body.id, phone);
    rc.addTranscript(late.transcriptUri, "Hi, it's about tomorrow morning, I can't come in.");
    expect(await (await post(late.n)).json()).toEqual({ status: "accepted" });
    const followUps = async () => (await listOutbox(db.pool, { channel: "slack", limit: 1000 })).filter((m) => m.text.includes("has a transcript after all") && m.text.includes("(720) 555-0188"));
    const [followUp] = await until(async () => {
      const f = await followUps();
      return f.length > 0 && f;
    }, "the late transcript in Slack");
    expect(followUp!.text).toContain("> Hi, it's about tomorrow morning, I can't come in.");
    expect(followUp!.to).toBe(alert!.to);
    // Kept on the row for "what did … say?", and still not the agent's: nothing was started or answered.
    expect(await inboundRows(n.body.id)).toEqual([{ channel: "voice", status: "ignored", intent: "voicemail_untranscribed", body: "Hi, it's about tomorrow morning, I can't come in." }]);
    expect((await listOutbox(db.pool, { channel: "sms", limit: 1000 })).filter((m) => m.to === phone)).toEqual([]);

    // A replay of the late notification adds nothing.
    await post({ ...late.n, uuid: "again-late" });
    await settle();
    expect(await followUps()).toHaveLength(1);
    expect(await alertAbout("(720) 555-0188")).toHaveLength(1);
    expect(lines.filter((l) => l.includes("can't come in"))).toEqual([]);
    expectNoPhone(phone);
  });
});
