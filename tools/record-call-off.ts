import { z } from "zod";
import { ShiftKeyInput, assertMayActOnShift, loadShift } from "./shared.js";
import { ToolError, type AgentTool } from "./types.js";

export const RecordCallOffInput = z.object({
  shiftKey: ShiftKeyInput,
  reason: z.string().max(200).optional().describe("Short reason if given (sick, car trouble); stays in Coverline"),
});
export const RecordCallOffOutput = z.object({ campaignId: z.number().int(), created: z.boolean(), urgent: z.boolean(), candidates: z.number().int() });

/**
 * A caregiver calls off their own shift: hands it to the fill workflow, which unassigns them in WellSky,
 * notes it on the shift, ranks replacements and starts outreach. Idempotent per shift (one live campaign).
 */
export const recordCallOff: AgentTool<z.infer<typeof RecordCallOffInput>, z.infer<typeof RecordCallOffOutput>> = {
  name: "record_call_off",
  description: "Records that the caregiver cannot work one of their shifts (key from get_schedule) and starts finding a replacement.",
  inputSchema: RecordCallOffInput,
  outputSchema: RecordCallOffOutput,
  effect: "write",
  async run({ ctx, input }) {
    const shift = await loadShift(ctx, input.shiftKey);
    assertMayActOnShift(ctx, shift);
    if (shift.end <= ctx.clock.now()) throw new ToolError("invalid", "That shift has already ended.");
    const actor = ctx.actor.kind === "caregiver" ? `caregiver:${ctx.actor.id}` : ctx.actor.kind === "coordinator" ? `coordinator:${ctx.actor.id}` : "system";
    const r = await ctx.fill.start({
      shiftKey: shift.key,
      source: ctx.actor.kind === "caregiver" ? "call_off" : "coordinator",
      actor,
      callerCaregiverId: ctx.actor.kind === "caregiver" ? ctx.actor.id : undefined,
      reason: input.reason ? "call-off (reason given)" : "call-off",
    });
    return { campaignId: r.campaign.id, created: r.created, urgent: r.urgent, candidates: r.candidates };
  },
};
