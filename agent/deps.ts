import type { BaseCheckpointSaver } from "@langchain/langgraph";
import type { Pool } from "../db/pool.js";
import type { OutboundRequest } from "../domain/messages.js";
import type { ConversationContext, Interpretation } from "../domain/intents.js";
import type { Language } from "../domain/types.js";
import type { Clock } from "../lib/clock.js";
import type { Logger } from "../lib/logger.js";
import type { AgencyReader, AgencyWriter, FillStarter, Sender } from "../tools/ports.js";
import type { OfferReplies, ToolSettings } from "../tools/types.js";
import type { Embedder } from "./memory.js";

/** The embedded rules interpreter's signature (agent/interpreter). */
export type RulesInterpreter = (text: string, context: ConversationContext, opts: { now: Date; timezone: string; languageHint?: Language }) => Interpretation;

/** What the model may return for a coordinator's free text: a command of the documented grammar. */
export interface ModelCoordinatorCommand {
  command: "who_works_with" | "open_shifts" | "caregiver_messages" | "fill" | "help";
  clientName?: string;
  caregiverName?: string;
  day?: string;
  shiftKey?: string;
}

/** One of the sender's own earlier messages, recalled from memory for the model (reference only, untrusted). */
export interface EarlierMessage {
  text: string;
  /** Agency-local `YYYY-MM-DD HH:mm`. */
  sentAt: string;
}

/** Claude, asked only when the rules are unsure; returns null when it cannot help (no key, error, invalid output). */
export interface ModelInterpreter {
  interpret(args: {
    text: string;
    context: ConversationContext;
    rulesGuess: Interpretation;
    today: string;
    timezone: string;
    languageHint?: Language;
    /** The sender's own related earlier messages (never anyone else's); absent or empty when none. */
    earlier?: readonly EarlierMessage[];
  }): Promise<Interpretation | null>;
}

export interface AgentSettings extends ToolSettings {
  businessHours: { start: string; end: string; days: number[] };
  /** Ask the model when the rules' confidence is below this. */
  llmFallbackBelow: number;
  /** After hours, a call-off for a shift starting within this many hours is handled at once. */
  urgentWindowHours: number;
}

/** Everything the agent graph needs, injected by server/main.ts (or a test). */
export interface AgentDeps {
  pool: Pool;
  logger: Logger;
  clock: Clock;
  checkpointer?: BaseCheckpointSaver;
  agency: AgencyReader;
  writer: AgencyWriter;
  sender: Sender;
  fill: FillStarter & OfferReplies;
  interpret: RulesInterpreter;
  model?: ModelInterpreter;
  /** Claude mapping coordinators' free text onto the command grammar (when a key is set). */
  coordinatorModel?: { parse(text: string, today: string, timezone: string): Promise<ModelCoordinatorCommand | null> };
  embedder: Embedder;
  /** Sends a message later (durable job): the after-hours morning queue. Sends at once when absent. */
  later?: { sendAt(at: Date, req: OutboundRequest): Promise<void> };
  /** pgvector present and enabled (VECTOR_MEMORY). */
  vectorMemory: boolean;
  settings: AgentSettings;
}
