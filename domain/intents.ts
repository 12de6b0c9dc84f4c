import { z } from "zod";
import { Language } from "./types.js";

/** One intent per inbound message (issue #3). Order matters only for documentation. */
export const Intent = z.enum([
  "call_off",
  "running_late",
  "offer_accept",
  "offer_decline",
  "offer_question",
  "offer_partial",
  "schedule_query",
  "availability_update",
  "confirm",
  "clock_issue",
  "schedule_change",
  "incident",
  "urgent",
  "opt_out",
  "help",
  "other",
]);
export type Intent = z.infer<typeof Intent>;
export const INTENTS = Intent.options;

/** What the last outbound question to this person asked; decides what "yes"/"k"/👍 means. */
export const ContextKind = z.enum(["none", "offer", "confirm_request", "availability_checkin", "clock_nudge", "after_hours"]);
export type ContextKind = z.infer<typeof ContextKind>;

export const OfferOption = z.object({
  n: z.number().int().min(1).max(9).describe("Option number as shown in the offer text"),
  label: z.string().max(200).describe("Human label, e.g. 'Mon Jun 2, 2-6pm, Aurora'"),
});
export type OfferOption = z.infer<typeof OfferOption>;

export const ConversationContext = z.object({
  kind: ContextKind,
  options: z.array(OfferOption).max(9).optional(),
});
export type ConversationContext = z.infer<typeof ConversationContext>;

/** A local time range mentioned in a message, minutes after local midnight (e.g. "8:30–11:30" → 510–690). */
export const TimeRange = z.object({
  startMinutes: z.number().int().min(0).max(1440),
  endMinutes: z.number().int().min(0).max(2880),
});
export type TimeRange = z.infer<typeof TimeRange>;

export const Entities = z.object({
  /** A date the message refers to, relative to "today" in the agency timezone: ISO date YYYY-MM-DD. */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().describe("Referenced local date, YYYY-MM-DD"),
  /** A clock time mentioned ("at 9"), minutes after local midnight. */
  timeMinutes: z.number().int().min(0).max(1440).optional().describe("Mentioned local time, minutes after midnight"),
  /** Minutes late / until arrival ("15 min late", "be there at 9:20" resolved by the caller). */
  etaMinutes: z.number().int().min(0).max(24 * 60).optional().describe("Minutes until arrival"),
  /** Offer option numbers the person picked; "ALL" expands to every option in context. */
  selection: z.array(z.number().int().min(1).max(9)).max(9).optional().describe("Selected offer option numbers"),
  timeRange: TimeRange.optional().describe("A proposed or mentioned local time range"),
  /** Availability direction for check-in replies. */
  availability: z.enum(["more", "same", "less"]).optional(),
});
export type Entities = z.infer<typeof Entities>;

/** The validated result of understanding one message, from rules or from a model. */
export const Interpretation = z.object({
  intent: Intent,
  language: Language,
  confidence: z.number().min(0).max(1),
  entities: Entities,
  source: z.enum(["rules", "llm"]),
});
export type Interpretation = z.infer<typeof Interpretation>;

/** Below this, a message never moves a shift: ask one clarifying question, then hand to a coordinator. */
export const MIN_ACTIONABLE_CONFIDENCE = 0.7;
