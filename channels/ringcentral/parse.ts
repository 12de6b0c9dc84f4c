import { z } from "zod";
import { InboundMessage } from "../../domain/messages.js";
import { toE164 } from "../phone.js";

/**
 * Pure parsing of RingCentral webhook notifications (message-store/instant?type=SMS and /voicemail) into
 * `InboundMessage`s. Shapes follow the developer guide samples (channels-platform.md §1.4–1.5); every field we
 * do not use is tolerated, every field we use is checked.
 */

const Id = z.union([z.string().min(1), z.number()]).transform(String);

const Party = z.looseObject({
  phoneNumber: z.string().optional(),
  name: z.string().optional(),
});

const Attachment = z.looseObject({
  id: Id.optional(),
  uri: z.string().optional(),
  type: z.string(),
  contentType: z.string().optional(),
  /** Seconds of an AudioRecording. Informational: a malformed value is dropped, never a reason to lose the voicemail. */
  vmDuration: z.number().nonnegative().optional().catch(undefined),
});

/** A message-store record: the notification `body`, and what GET …/message-store/{id} returns. */
const MessageRecord = z.looseObject({
  id: Id,
  type: z.string(),
  direction: z.string(),
  from: Party.optional(),
  to: z.array(Party).optional(),
  subject: z.string().optional(),
  creationTime: z.string().optional(),
  attachments: z.array(Attachment).optional(),
  vmTranscriptionStatus: z.string().optional(),
});

const Envelope = z.looseObject({
  uuid: z.string().optional(),
  event: z.string(),
  timestamp: z.string().optional(),
  body: z.record(z.string(), z.unknown()),
});

/** A voicemail known before its transcript text: everything of the InboundMessage except `text`. */
export type VoicemailStub = Omit<InboundMessage, "text">;

export type RingCentralParseResult =
  /** An SMS ready to record. */
  | { kind: "message"; message: InboundMessage }
  /** A transcribed voicemail: fetch `uri` (transport.fetchVoicemailTranscript), then `withTranscript`. */
  | { kind: "needs_transcript_fetch"; uri: string; voicemail: VoicemailStub }
  /**
   * Transcription not finished (InProgress, or Completed before the attachment exists): re-read
   * message-store/{messageId} later and parse it again.
   */
  | { kind: "transcript_pending"; messageId: string; transcriptionStatus: string; durationSeconds?: number; voicemail: VoicemailStub }
  /** A voicemail that will never have a transcript (NotAvailable, Failed, TimedOut, …): tell a human. */
  | { kind: "voicemail_untranscribed"; transcriptionStatus: string; durationSeconds?: number; voicemail: VoicemailStub }
  /** Valid but not for us (our own outbound SMS, fax, change summaries, …). Acknowledge and drop. */
  | { kind: "ignored"; reason: string }
  /** Not a RingCentral notification we understand. Acknowledge, log the reason, do not retry. */
  | { kind: "error"; error: string };

/** Statuses after which a transcript attachment is (or will never be) available (RingCentral OpenAPI enum). */
const TRANSCRIBED = new Set(["Completed", "CompletedPartially"]);
const PENDING = new Set(["InProgress"]);

/** Parses a webhook notification (the whole JSON body RingCentral POSTs). Never throws. */
export function parseRingCentralNotification(payload: unknown): RingCentralParseResult {
  const env = Envelope.safeParse(payload);
  if (!env.success) return { kind: "error", error: `RingCentral notification: ${describeIssues(env.error)}` };
  if ("changes" in env.data.body && !("id" in env.data.body)) {
    // The plain message-store filter sends only counts; we subscribe to message-store/instant for full messages.
    return { kind: "ignored", reason: "message-store change summary (subscribe to message-store/instant?type=SMS)" };
  }
  return parseRingCentralMessage(env.data.body, { fallbackTime: env.data.timestamp });
}

/**
 * Parses one message-store record — a notification's `body`, or the JSON of GET …/message-store/{id} when
 * re-reading a voicemail whose transcript was pending. Never throws.
 */
export function parseRingCentralMessage(record: unknown, opts: { fallbackTime?: string } = {}): RingCentralParseResult {
  const parsed = MessageRecord.safeParse(record);
  if (!parsed.success) return { kind: "error", error: `RingCentral message: ${describeIssues(parsed.error, "body")}` };
  const m = parsed.data;

  if (m.direction !== "Inbound") return { kind: "ignored", reason: `direction ${m.direction} (our own message)` };
  if (m.type !== "SMS" && m.type !== "VoiceMail") return { kind: "ignored", reason: `unsupported message type ${m.type}` };

  const receivedAt = parseTime(m.creationTime) ?? parseTime(opts.fallbackTime);
  if (!receivedAt) return { kind: "error", error: "RingCentral message: body.creationTime is missing or not a timestamp" };

  const from = toE164(m.from?.phoneNumber);
  const to = toE164(m.to?.[0]?.phoneNumber);

  if (m.type === "SMS") {
    if (!from) return { kind: "error", error: "RingCentral message: body.from.phoneNumber is missing or not a phone number" };
    const message: InboundMessage = {
      provider: "ringcentral",
      providerMessageId: m.id,
      channel: "sms",
      from,
      to,
      // The SMS text is `subject` (the Text attachment holds the same text). An MMS with only a picture has none.
      text: m.subject ?? "",
      receivedAt,
    };
    return { kind: "message", message };
  }

  // Voicemail from a withheld number: nobody to identify or answer.
  if (!from) return { kind: "ignored", reason: "voicemail without a caller phone number" };
  const voicemail: VoicemailStub = { provider: "ringcentral", providerMessageId: m.id, channel: "voice", from, to, receivedAt };
  const status = m.vmTranscriptionStatus ?? "Unknown";
  const transcript = m.attachments?.find((a) => a.type === "AudioTranscription" && a.uri);
  if (TRANSCRIBED.has(status) && transcript?.uri) return { kind: "needs_transcript_fetch", uri: transcript.uri, voicemail };
  const durationSeconds = m.attachments?.find((a) => a.type === "AudioRecording")?.vmDuration;
  const extra = { transcriptionStatus: status, ...(durationSeconds !== undefined ? { durationSeconds } : {}), voicemail };
  // Completed without the attachment happens on notifications built before the transcript was attached:
  // the message-store record will have it when read again.
  if (PENDING.has(status) || TRANSCRIBED.has(status)) return { kind: "transcript_pending", messageId: m.id, ...extra };
  return { kind: "voicemail_untranscribed", ...extra };
}

/** Completes a voicemail with its fetched transcript text. */
export function withTranscript(voicemail: VoicemailStub, transcript: string): InboundMessage {
  return InboundMessage.parse({ ...voicemail, text: transcript.trim() });
}

function parseTime(s: string | undefined): Date | null {
  if (!s) return null;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? null : d;
}

function describeIssues(err: z.ZodError, prefix?: string): string {
  return err.issues
    .slice(0, 5)
    .map((i) => {
      const path = [...(prefix ? [prefix] : []), ...i.path.map(String)].join(".");
      return `${path || "payload"}: ${i.message}`;
    })
    .join("; ");
}
