import { z } from "zod";
import { ShiftKeyInput, ShiftSummary, assertMayReadShift, loadShift, summarize } from "./shared.js";
import type { AgentTool } from "./types.js";

export const GetShiftInput = z.object({ shiftKey: ShiftKeyInput });

/** One shift's facts; a caregiver may read only their own shifts, a family contact only their client's. */
export const getShift: AgentTool<z.infer<typeof GetShiftInput>, z.infer<typeof ShiftSummary>> = {
  name: "get_shift",
  description: "Reads one shift (time, client first name, city; address only for the assigned caregiver) by its key from get_schedule.",
  inputSchema: GetShiftInput,
  outputSchema: ShiftSummary,
  effect: "read",
  async run({ ctx, input }) {
    const shift = await loadShift(ctx, input.shiftKey);
    assertMayReadShift(ctx, shift);
    return summarize(ctx, shift);
  },
};
