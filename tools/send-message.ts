import { z } from "zod";
import { ToolError, type AgentTool } from "./types.js";

export const SendMessageInput = z.object({
  text: z.string().min(1).max(1000).describe("Reply text, already rendered from a template"),
  idempotencyKey: z.string().min(1).max(200).describe("Same key → sent once"),
});
export const SendMessageOutput = z.object({ status: z.string(), id: z.number().int() });

/**
 * Sends the agent's reply to the person it is talking to — and only to them: the recipient is the actor,
 * never an argument, so no input (or injected text) can redirect a message to someone else.
 */
export const sendMessage: AgentTool<z.infer<typeof SendMessageInput>, z.infer<typeof SendMessageOutput>> = {
  name: "send_message",
  description: "Replies by SMS to the person in this conversation.",
  inputSchema: SendMessageInput,
  outputSchema: SendMessageOutput,
  effect: "write",
  async run({ ctx, input }) {
    const a = ctx.actor;
    const to = a.kind === "caregiver" || a.kind === "family" || a.kind === "client" ? a.phone : a.kind === "unknown" ? a.address : null;
    if (!to) throw new ToolError("invalid", "No SMS recipient for this actor.");
    const r = await ctx.sender.send({ channel: "sms", to, text: input.text, idempotencyKey: input.idempotencyKey });
    return { status: r.status, id: r.id };
  },
};
