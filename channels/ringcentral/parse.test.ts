import { describe, expect, it } from "vitest";
import { InboundMessage } from "../../domain/messages.js";
import { fixtureJson } from "../../test/fixtures/read.js";
import { parseRingCentralMessage, parseRingCentralNotification, withTranscript, type RingCentralParseResult } from "./parse.js";

type Notification = { body: Record<string, unknown> & { from: Record<string, unknown>; attachments: Record<string, unknown>[] } };

function expectKind<K extends RingCentralParseResult["kind"]>(r: RingCentralParseResult, kind: K): Extract<RingCentralParseResult, { kind: K }> {
  expect(r.kind, JSON.stringify(r)).toBe(kind);
  return r as Extract<RingCentralParseResult, { kind: K }>;
}

describe("inbound SMS notification", () => {
  it("becomes an InboundMessage: text from body.subject, dedup id body.id, E.164 numbers", () => {
    const r = expectKind(parseRingCentralNotification(fixtureJson("ringcentral/sms-inbound.json")), "message");
    expect(r.message).toEqual({
      provider: "ringcentral",
      providerMessageId: "3062991514017",
      channel: "sms",
      from: "+13035550142",
      to: "+13035550100",
      text: "Hi, I'm sick and can't make my 9am shift with Margaret today",
      receivedAt: new Date("2026-11-23T15:12:44.000Z"),
    });
    expect(InboundMessage.safeParse(r.message).success).toBe(true);
  });

  it("normalises a national-format sender number to E.164", () => {
    const n = fixtureJson<Notification>("ringcentral/sms-inbound.json");
    n.body.from.phoneNumber = "(303) 555-0142";
    expect(expectKind(parseRingCentralNotification(n), "message").message.from).toBe("+13035550142");
  });

  it("uses the notification timestamp when creationTime is absent", () => {
    const n = fixtureJson<Notification>("ringcentral/sms-inbound.json");
    delete n.body.creationTime;
    expect(expectKind(parseRingCentralNotification(n), "message").message.receivedAt).toEqual(new Date("2026-11-23T15:12:45.034Z"));
  });

  it("accepts a numeric message id", () => {
    const n = fixtureJson<Notification>("ringcentral/sms-inbound.json");
    n.body.id = 3062991514017;
    expect(expectKind(parseRingCentralNotification(n), "message").message.providerMessageId).toBe("3062991514017");
  });

  it("an MMS with only a picture has empty text", () => {
    const n = fixtureJson<Notification>("ringcentral/sms-inbound.json");
    delete n.body.subject;
    n.body.attachments = [{ id: "1", type: "MmsAttachment", contentType: "image/jpeg", uri: "/restapi/v1.0/x" }];
    expect(expectKind(parseRingCentralNotification(n), "message").message.text).toBe("");
  });

  it("parsing the same notification twice gives the same dedup key (replays are detectable)", () => {
    const a = expectKind(parseRingCentralNotification(fixtureJson("ringcentral/sms-inbound.json")), "message");
    const b = expectKind(parseRingCentralNotification(fixtureJson("ringcentral/sms-inbound.json")), "message");
    expect([a.message.provider, a.message.providerMessageId]).toEqual([b.message.provider, b.message.providerMessageId]);
  });
});

describe("ignored notifications", () => {
  it("ignores our own outbound SMS", () => {
    const r = expectKind(parseRingCentralNotification(fixtureJson("ringcentral/sms-outbound.json")), "ignored");
    expect(r.reason).toMatch(/Outbound/);
  });

  it("ignores non-SMS, non-voicemail types", () => {
    const n = fixtureJson<Notification>("ringcentral/sms-inbound.json");
    n.body.type = "Fax";
    expect(expectKind(parseRingCentralNotification(n), "ignored").reason).toMatch(/Fax/);
  });

  it("ignores message-store change summaries", () => {
    const r = parseRingCentralNotification({
      uuid: "1",
      event: "/restapi/v1.0/account/~/extension/~/message-store",
      timestamp: "2026-11-23T15:00:00Z",
      body: { extensionId: 1, lastUpdated: "2026-11-23T15:00:00Z", changes: [{ type: "SMS", newCount: 1, updatedCount: 0 }] },
    });
    expect(expectKind(r, "ignored").reason).toMatch(/change summary/);
  });

  it("ignores a voicemail from a withheld number", () => {
    const n = fixtureJson<Notification>("ringcentral/voicemail-transcribed.json");
    n.body.from = { name: "Anonymous" };
    expect(expectKind(parseRingCentralNotification(n), "ignored").reason).toMatch(/caller/);
  });
});

describe("voicemail notifications", () => {
  it("with a completed transcript: asks for the AudioTranscription attachment, then completes the message", () => {
    const r = expectKind(parseRingCentralNotification(fixtureJson("ringcentral/voicemail-transcribed.json")), "needs_transcript_fetch");
    expect(r.uri).toBe("https://platform.ringcentral.com/restapi/v1.0/account/809646016/extension/629893001/message-store/82063400004/content/82063400005");
    expect(r.voicemail).toMatchObject({ provider: "ringcentral", providerMessageId: "82063400004", channel: "voice", from: "+13035550157", to: "+13035550100" });
    const msg = withTranscript(r.voicemail, "  Hi this is Rosa, I can't come in tomorrow morning.\n");
    expect(msg.text).toBe("Hi this is Rosa, I can't come in tomorrow morning.");
    expect(msg.channel).toBe("voice");
  });

  it("with transcription InProgress: needs a later re-read of the message", () => {
    const r = expectKind(parseRingCentralNotification(fixtureJson("ringcentral/voicemail-in-progress.json")), "transcript_pending");
    expect(r.messageId).toBe("82063400120");
    expect(r.voicemail.from).toBe("+13035550163");
  });

  it("the re-read message-store record, once Completed, yields the transcript URI", () => {
    const r = expectKind(parseRingCentralMessage(fixtureJson("ringcentral/message-store-voicemail-completed.json")), "needs_transcript_fetch");
    expect(r.uri).toMatch(/content\/82063400121$/);
    expect(r.voicemail.providerMessageId).toBe("82063400120");
  });

  it("Completed but without the attachment yet: still pending", () => {
    const n = fixtureJson<Notification>("ringcentral/voicemail-transcribed.json");
    n.body.attachments = n.body.attachments.filter((a) => a.type !== "AudioTranscription");
    expectKind(parseRingCentralNotification(n), "transcript_pending");
  });

  it.each(["NotAvailable", "Failed", "TimedOut"])("transcription %s: a voicemail a human must hear", (status) => {
    const n = fixtureJson<Notification>("ringcentral/voicemail-in-progress.json");
    n.body.vmTranscriptionStatus = status;
    const r = expectKind(parseRingCentralNotification(n), "voicemail_untranscribed");
    expect(r.transcriptionStatus).toBe(status);
    expect(r.durationSeconds).toBe(22);
    expect(r.voicemail).toMatchObject({ providerMessageId: "82063400120", channel: "voice", from: "+13035550163" });
  });

  it("a voicemail without a transcription status is untranscribed (Unknown)", () => {
    const n = fixtureJson<Notification>("ringcentral/voicemail-in-progress.json");
    delete n.body.vmTranscriptionStatus;
    expect(expectKind(parseRingCentralNotification(n), "voicemail_untranscribed").transcriptionStatus).toBe("Unknown");
  });

  it("the recording's length is carried while the transcript is pending, and a malformed length is dropped, not fatal", () => {
    const pending = expectKind(parseRingCentralNotification(fixtureJson("ringcentral/voicemail-in-progress.json")), "transcript_pending");
    expect([pending.transcriptionStatus, pending.durationSeconds]).toEqual(["InProgress", 22]);
    const n = fixtureJson<Notification>("ringcentral/voicemail-in-progress.json");
    n.body.vmTranscriptionStatus = "Failed";
    n.body.attachments[0]!.vmDuration = "twenty";
    const r = expectKind(parseRingCentralNotification(n), "voicemail_untranscribed");
    expect(r.durationSeconds).toBeUndefined();
    expect("durationSeconds" in r).toBe(false);
  });
});

describe("malformed payloads", () => {
  it.each([
    ["not an object", "hello", /RingCentral notification/],
    ["null", null, /RingCentral notification/],
    ["no body", { uuid: "1", event: "/restapi/v1.0/x" }, /body/],
    ["no event", { uuid: "1", body: {} }, /event/],
  ])("%s → error result", (_name, payload, pattern) => {
    const r = expectKind(parseRingCentralNotification(payload), "error");
    expect(r.error).toMatch(pattern);
  });

  it("a body without id or direction names the missing fields", () => {
    const n = fixtureJson<Notification>("ringcentral/sms-inbound.json");
    delete n.body.id;
    delete n.body.direction;
    const r = expectKind(parseRingCentralNotification(n), "error");
    expect(r.error).toMatch(/body\.id/);
    expect(r.error).toMatch(/body\.direction/);
  });

  it("an SMS whose sender is not a phone number", () => {
    const n = fixtureJson<Notification>("ringcentral/sms-inbound.json");
    n.body.from.phoneNumber = "not-a-number";
    expect(expectKind(parseRingCentralNotification(n), "error").error).toMatch(/from\.phoneNumber/);
  });

  it("a wrong field type is reported, not thrown", () => {
    const n = fixtureJson<Notification>("ringcentral/sms-inbound.json");
    n.body.from.phoneNumber = 3035550142;
    expect(expectKind(parseRingCentralNotification(n), "error").error).toMatch(/body\.from\.phoneNumber/);
  });

  it("an unparseable creationTime with no fallback", () => {
    const r = parseRingCentralMessage({ ...fixtureJson<Notification>("ringcentral/sms-inbound.json").body, creationTime: "yesterday" });
    expect(expectKind(r, "error").error).toMatch(/creationTime/);
  });
});
