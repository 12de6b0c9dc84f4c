import { Annotation } from "@langchain/langgraph";
import type { ConversationContext, Interpretation } from "../domain/intents.js";
import type { Language } from "../domain/types.js";

/** The message being handled, as stored (dates as ISO strings so checkpoints serialise plainly). */
export interface TurnInbound {
  id: number;
  channel: "sms" | "voice" | "slack";
  from: string;
  text: string;
  receivedAt: string;
  replyTarget?: { channel: string; threadTs?: string };
}

export interface SenderInfo {
  kind: "caregiver" | "client" | "family" | "coordinator" | "unknown";
  id?: string;
  clientId?: string;
  firstName?: string;
  language: Language;
}

/** The open question this message answers, if any (correlation: newest unanswered first). */
export interface AnsweredQuestion {
  id: number;
  kind: "offer" | "confirm_request" | "availability_checkin" | "clock_nudge" | "after_hours" | "clarify";
  ref: Record<string, unknown>;
}

export interface PlannedReply {
  text: string;
  /** Where: the sender by SMS (default) or a Slack channel/thread for coordinators. */
  slack?: { channel: string; threadTs?: string; blocks?: Record<string, unknown>[] };
}

const last = <T>(d: () => T) => Annotation<T>({ reducer: (_a, b) => b, default: d });

/** Agent state: one schema; per-turn fields are reset by load_context, the rest persist per sender thread. */
export const AgentState = Annotation.Root({
  /** The inbound message of this turn. */
  inbound: last<TurnInbound | null>(() => null),
  /** Who sent it (WellSky / directory lookup). */
  sender: last<SenderInfo | null>(() => null),
  /** The open question the message is correlated with, or null. */
  question: last<AnsweredQuestion | null>(() => null),
  /** What was last asked, as the interpreter sees it. */
  context: last<ConversationContext>(() => ({ kind: "none" })),
  /** The validated understanding of the message. */
  interpretation: last<Interpretation | null>(() => null),
  /** Tool names called this turn, in order (logs and evals key on them). */
  tools: last<string[]>(() => []),
  /** Replies planned this turn; the reply node sends them. */
  replies: last<PlannedReply[]>(() => []),
  /** Language to answer in (caregiver's profile, switched when they write in another language). */
  language: last<Language>(() => "en"),
  /** Persistent: how many clarifying questions in a row we've asked this sender (one, then a coordinator). */
  clarifications: last<number>(() => 0),
  /** Outcome label of this turn, for logs and tests (e.g. "call_off.fill_started"). */
  outcome: last<string>(() => ""),
});

export type AgentStateType = typeof AgentState.State;
export type AgentUpdate = typeof AgentState.Update;
