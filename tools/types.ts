import type { z } from "zod";
import type { Pool } from "../db/pool.js";
import type { Clock } from "../lib/clock.js";
import type { Logger } from "../lib/logger.js";
import type { AgencyReader, AgencyWriter, FillStarter, Sender } from "./ports.js";
import type { Interpretation } from "../domain/intents.js";

/** Who is acting. A caregiver can only read and act on their own shifts and offers — tools enforce it. */
export type Actor =
  | { kind: "caregiver"; id: string; phone: string }
  | { kind: "coordinator"; id: string }
  | { kind: "family"; id: string; clientId: string; phone: string }
  | { kind: "client"; id: string; phone: string }
  | { kind: "system" }
  | { kind: "unknown"; address: string };

/** Offer replies go to the fill workflow through this interface. */
export interface OfferReplies {
  handleReply(reply: { caregiverId: string; offerMessageId: number; interpretation: Interpretation; inboundId: number }): Promise<{ kind: string }>;
}

export interface ToolSettings {
  agencyName: string;
  officePhone: string;
  timezone: string;
  alertsChannel: string;
  /** ETA above which the client's contact is told a caregiver is running late. */
  lateNoticeMinutes: number;
}

/** Everything a tool may touch. Built per turn by the agent; tests build one over stand-ins. */
export interface ToolContext {
  actor: Actor;
  conversationId: string;
  logger: Logger;
  clock: Clock;
  pool: Pool;
  agency: AgencyReader;
  writer: AgencyWriter;
  sender: Sender;
  fill: FillStarter & OfferReplies;
  settings: ToolSettings;
}

/** A typed tool (STYLE.md §4). Inputs are parsed, never cast; writes check authority and are idempotent. */
export interface AgentTool<I, O> {
  name: string;
  description: string;
  inputSchema: z.ZodType<I>;
  outputSchema: z.ZodType<O>;
  effect: "read" | "write";
  run(args: { ctx: ToolContext; input: I }): Promise<O>;
}

export class ToolError extends Error {
  constructor(
    readonly code: "forbidden" | "not_found" | "invalid" | "unavailable",
    message: string,
  ) {
    super(message);
    this.name = "ToolError";
  }
}

/** Runs a tool with its input parsed by its schema and its output validated (small, no extra personal data). */
export async function runTool<I, O>(tool: AgentTool<I, O>, ctx: ToolContext, rawInput: unknown): Promise<O> {
  const parsed = tool.inputSchema.safeParse(rawInput);
  if (!parsed.success) throw new ToolError("invalid", `${tool.name}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  const started = performance.now();
  const out = await tool.run({ ctx, input: parsed.data });
  ctx.logger.debug({ tool: tool.name, actor: ctx.actor.kind, latencyMs: Math.round(performance.now() - started) }, "tool");
  return tool.outputSchema.parse(out);
}
