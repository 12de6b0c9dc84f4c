import { z } from "zod";

/**
 * Variables for coordinator-facing Slack messages. Coordinators see full names and phone numbers (the seed's
 * escalation lists "[Name1] - [Phone]"), so unlike the SMS schemas these carry them.
 */
const name = z.string().trim().min(1).max(80);
const phone = z.string().min(7).max(20).describe("E.164");
const id = z.string().min(1).max(100).regex(/^[^|]+$/, "ids travel in button values joined by '|'");
const shift = { clientName: name, start: z.date(), end: z.date(), city: z.string().trim().min(1).max(60) };
const slackUser = z.string().regex(/^[UW][A-Z0-9]+$/).optional().describe("Slack user id to @-mention");

export const SlackAnswer = z.enum(["declined", "question", "counter", "accepted_late", "unclear"]);

export const SLACK_VARS = {
  /** Seed "NO RESPONSE ESCALATION". */
  escalation: z.object({
    campaignId: id,
    ...shift,
    contacted: z.number().int().min(0),
    responses: z.array(z.object({ name, answer: SlackAnswer, detail: z.string().max(200).optional() })).max(50).default([]),
    topCandidates: z.array(z.object({ caregiverId: id, name, phone })).max(10),
    mention: slackUser,
  }),
  fill_result: z.object({
    ...shift,
    outcome: z.enum(["filled", "unfilled"]),
    caregiverName: name.optional(),
    caregiverPhone: phone.optional(),
    minutesToFill: z.number().min(0).optional(),
    contacted: z.number().int().min(0),
    clientContactNotified: z.boolean().default(false),
    wellskyUpdated: z.boolean().default(false),
  }),
  call_off_notice: z.object({
    ...shift,
    caregiverName: name,
    caregiverPhone: phone.optional(),
    /** The caregiver's own words, quoted. */
    message: z.string().max(1000).optional(),
    action: z.enum(["fill_started", "queued_for_morning"]),
    contacting: z.number().int().min(0).optional(),
  }),
  urgent_page: z.object({
    ...shift,
    caregiverName: name,
    caregiverPhone: phone.optional(),
    reason: z.string().max(300).optional(),
    fillRunning: z.boolean(),
    mention: slackUser,
  }),
  running_late_notice: z.object({
    clientName: name,
    start: z.date(),
    caregiverName: name,
    caregiverPhone: phone.optional(),
    eta: z.date().optional(),
    clientContactNotified: z.boolean(),
  }),
  morning_queue_item: z.object({
    receivedAt: z.date(),
    caregiverName: name,
    caregiverPhone: phone,
    intent: z.string().min(1).max(40),
    message: z.string().max(1000),
    shift: z.object(shift).optional(),
  }),
  /** "I could do 8:30–11:30": the part they offer and the gaps a split would leave. */
  counter_offer: z.object({
    campaignId: id,
    caregiverId: id,
    caregiverName: name,
    caregiverPhone: phone.optional(),
    ...shift,
    proposedStart: z.date(),
    proposedEnd: z.date(),
  }),
  /** A caregiver's question about an offered shift: answered with its time and place, and passed on. */
  offer_question: z.object({
    caregiverName: name,
    caregiverPhone: phone.optional(),
    ...shift,
    question: z.string().trim().min(1).max(1000),
  }),
  /** Seed clock-in/out escalation: "⚠️ [Caregiver] hasn't clocked in for [Client] shift (started 9:00 AM)". */
  clock_escalation: z.object({
    kind: z.enum(["clock_in", "clock_out"]),
    caregiverName: name,
    caregiverPhone: phone.optional(),
    clientName: name,
    at: z.date().describe("Scheduled start (clock_in) or end (clock_out)"),
    lastContactAt: z.date().optional(),
  }),
  /**
   * A voicemail with no transcript (transcription failed, unavailable, or never finished): nobody has read it,
   * so a coordinator must listen. Unknown callers have no name; coordinators are staff and see the number.
   */
  voicemail_untranscribed: z.object({
    callerPhone: phone,
    callerName: name.optional(),
    callerKind: z.enum(["caregiver", "client", "family", "coordinator", "unknown"]),
    /** For a family member: whose family. */
    clientName: name.optional(),
    receivedAt: z.date(),
    durationSeconds: z.number().min(0).max(86_400).optional(),
    /** RingCentral's vmTranscriptionStatus (Failed, NotAvailable, …), or why we stopped waiting for it. */
    transcriptionStatus: z.string().trim().min(1).max(80),
  }),
  /**
   * The transcript of a voicemail we had alerted as untranscribed ("please listen to it"), arrived after all:
   * the same coordinator gets what was said.
   */
  voicemail_transcript_late: z.object({
    callerPhone: phone,
    callerName: name.optional(),
    callerKind: z.enum(["caregiver", "client", "family", "coordinator", "unknown"]),
    clientName: name.optional(),
    receivedAt: z.date(),
    transcript: z.string().trim().min(1).max(2_000),
  }),
  /** Seed "ALERT: Notify coordinator of high-risk shift". */
  at_risk_shift: z.object({
    ...shift,
    caregiverName: name,
    score: z.number().min(0).max(100),
    level: z.enum(["low", "elevated", "high", "critical"]),
    confirmed: z.boolean(),
    factors: z.array(z.object({ detail: z.string().max(120), points: z.number() })).max(20),
  }),
} as const;

export type SlackTemplateId = keyof typeof SLACK_VARS;
export const SLACK_TEMPLATE_IDS = Object.keys(SLACK_VARS) as SlackTemplateId[];
export type SlackVars = { [K in SlackTemplateId]: z.output<(typeof SLACK_VARS)[K]> };
export type SlackVarsInput = { [K in SlackTemplateId]: z.input<(typeof SLACK_VARS)[K]> };

export const SlackContext = z.object({ timezone: z.string(), now: z.date() });
export type SlackContext = z.infer<typeof SlackContext>;
