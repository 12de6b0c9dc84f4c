import { z } from "zod";
import { Interpretation } from "../domain/intents.js";
import { ToolError, type AgentTool } from "./types.js";

export const RespondToOfferInput = z.object({
  offerMessageId: z.number().int().positive().describe("The offer text being answered (from the open question)"),
  interpretation: Interpretation,
  inboundId: z.number().int().positive(),
});
export const RespondToOfferOutput = z.object({ kind: z.string() });

/** Passes a caregiver's reply to an offer to the fill workflow; only the offered caregiver may answer it. */
export const respondToOffer: AgentTool<z.infer<typeof RespondToOfferInput>, z.infer<typeof RespondToOfferOutput>> = {
  name: "respond_to_offer",
  description: "Applies the caregiver's answer (accept, decline, question, counter, selection) to the shift offer they were sent.",
  inputSchema: RespondToOfferInput,
  outputSchema: RespondToOfferOutput,
  effect: "write",
  async run({ ctx, input }) {
    if (ctx.actor.kind !== "caregiver") throw new ToolError("forbidden", "Only the offered caregiver can answer an offer.");
    const r = await ctx.fill.handleReply({ caregiverId: ctx.actor.id, offerMessageId: input.offerMessageId, interpretation: input.interpretation, inboundId: input.inboundId });
    if (r.kind === "not_yours") throw new ToolError("forbidden", "That offer was not sent to you.");
    return { kind: r.kind };
  },
};
