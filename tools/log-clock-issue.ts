import { z } from "zod";
import { notify } from "./notify-coordinator.js";
import { ShiftKeyInput, assertMayActOnShift, loadShift } from "./shared.js";
import { ToolError, type AgentTool } from "./types.js";

export const LogClockIssueInput = z.object({
  shiftKey: ShiftKeyInput.optional(),
  problem: z.enum(["cannot_clock_in", "cannot_clock_out", "forgot_clock_in", "forgot_clock_out", "wrong_time", "other"]),
});
export const LogClockIssueOutput = z.object({ notedInWellSky: z.boolean(), coordinatorTold: z.boolean() });

/** EVV trouble (app won't clock in, forgot to clock out): noted on the shift and routed to the coordinator. */
export const logClockIssue: AgentTool<z.infer<typeof LogClockIssueInput>, z.infer<typeof LogClockIssueOutput>> = {
  name: "log_clock_issue",
  description: "Records a clock-in/clock-out (EVV) problem on the caregiver's shift and tells the coordinator to fix the times.",
  inputSchema: LogClockIssueInput,
  outputSchema: LogClockIssueOutput,
  effect: "write",
  async run({ ctx, input }) {
    if (ctx.actor.kind !== "caregiver" && ctx.actor.kind !== "coordinator") throw new ToolError("forbidden", "Only caregivers and coordinators log clock issues.");
    let clientId: string | undefined;
    let noted = false;
    if (input.shiftKey) {
      const shift = await loadShift(ctx, input.shiftKey);
      assertMayActOnShift(ctx, shift);
      clientId = shift.clientId;
      noted = await ctx.writer
        .noteOnShift(shift.key, { title: "Clock issue", description: `Caregiver reports: ${input.problem.replace(/_/g, " ")}.` })
        .then(() => true)
        .catch(() => false);
    }
    const cg = ctx.actor.kind === "caregiver" ? await ctx.agency.getCaregiver(ctx.actor.id) : null;
    await notify(ctx, {
      clientId,
      kind: "clock_issue",
      summary: `${cg ? `${cg.firstName} ${cg.lastName}` : "A caregiver"}: ${input.problem.replace(/_/g, " ")}${input.shiftKey ? ` (shift ${input.shiftKey})` : ""}. Please check EVV times.`,
      dedupeKey: `clock:${ctx.conversationId}:${input.shiftKey ?? "none"}:${input.problem}:${ctx.clock.now().toISOString().slice(0, 13)}`,
    });
    return { notedInWellSky: noted, coordinatorTold: true };
  },
};
