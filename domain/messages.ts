import { z } from "zod";

/** Channels a message can arrive on. `voice` = a voicemail transcript. */
export const InboundChannel = z.enum(["sms", "voice", "slack"]);
export type InboundChannel = z.infer<typeof InboundChannel>;

/** A message from any channel, normalised by channels/<provider>/parse.ts. */
export const InboundMessage = z.object({
  provider: z.enum(["ringcentral", "slack", "dev"]),
  /** The provider's id for the message (RingCentral body.id, Slack event_id): the dedup key. */
  providerMessageId: z.string().min(1),
  channel: InboundChannel,
  /** E.164 phone for sms/voice; Slack user id for slack. */
  from: z.string().min(1),
  to: z.string().nullable(),
  text: z.string(),
  receivedAt: z.date(),
  /** Slack: where to answer (channel id and thread). */
  replyTarget: z.object({ channel: z.string(), threadTs: z.string().optional() }).optional(),
});
export type InboundMessage = z.infer<typeof InboundMessage>;

export const OutboundChannel = z.enum(["sms", "slack"]);
export type OutboundChannel = z.infer<typeof OutboundChannel>;

/** A message to send. The idempotency key makes a retried send a no-op. */
export const OutboundRequest = z.object({
  channel: OutboundChannel,
  /** E.164 phone for sms; Slack channel or user id for slack. */
  to: z.string().min(1),
  text: z.string().min(1).max(1600),
  idempotencyKey: z.string().min(1).max(300),
  blocks: z.array(z.record(z.string(), z.unknown())).optional(),
  threadTs: z.string().optional(),
  inReplyTo: z.number().int().optional(),
});
export type OutboundRequest = z.infer<typeof OutboundRequest>;

export type SendOutcome =
  | { status: "sent"; id: number; transport: string; duplicate: boolean }
  | { status: "suppressed"; id: number; reason: "opted_out"; duplicate: boolean }
  | { status: "failed"; id: number; error: string; duplicate: boolean };

/** STOP/START/HELP keywords (CTIA + RingCentral's lists), matched on the whole trimmed message. */
export const OPT_OUT_KEYWORDS = ["STOP", "STOPALL", "UNSUBSCRIBE", "QUIT", "CANCEL", "END", "OPTOUT", "OPT-OUT", "REVOKE"];
export const OPT_IN_KEYWORDS = ["START", "SUBSCRIBE", "RESUME", "CONTINUE", "UNSTOP", "YES START"];
export const HELP_KEYWORDS = ["HELP", "INFO", "AYUDA"];

export type ComplianceKeyword = "opt_out" | "opt_in" | "help";

/** Classifies a message that is exactly a compliance keyword; anything else is left to the agent. */
export function complianceKeyword(text: string): ComplianceKeyword | null {
  const t = text.trim().replace(/[.!]+$/, "").toUpperCase();
  if (OPT_OUT_KEYWORDS.includes(t)) return "opt_out";
  if (OPT_IN_KEYWORDS.includes(t)) return "opt_in";
  if (HELP_KEYWORDS.includes(t)) return "help";
  return null;
}
