import { z } from "zod";
import { ShiftSummary, localWindow, summarize } from "./shared.js";
import { ToolError, type AgentTool } from "./types.js";

export const GetScheduleInput = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).describe("First local day, YYYY-MM-DD (agency timezone)"),
  days: z.number().int().min(1).max(7).default(1).describe("Number of days, 1–7"),
  caregiverId: z.string().max(20).optional().describe("Coordinators only: whose schedule; caregivers always get their own"),
});
export const GetScheduleOutput = z.object({ shifts: z.array(ShiftSummary) });

/** A caregiver's shifts on local days, read from WellSky. A caregiver always gets their own schedule only. */
export const getSchedule: AgentTool<z.input<typeof GetScheduleInput>, z.infer<typeof GetScheduleOutput>> = {
  name: "get_schedule",
  description: "Lists a caregiver's scheduled shifts for 1–7 local days from WellSky. Caregivers get only their own schedule.",
  inputSchema: GetScheduleInput,
  outputSchema: GetScheduleOutput,
  effect: "read",
  async run({ ctx, input }) {
    const { date, days, caregiverId } = GetScheduleInput.parse(input);
    const a = ctx.actor;
    const whose = a.kind === "caregiver" ? a.id : a.kind === "coordinator" || a.kind === "system" ? caregiverId : undefined;
    if (!whose) throw new ToolError("forbidden", "Only caregivers (their own) and coordinators can read schedules.");
    const { from, to } = localWindow(date, days, ctx.settings.timezone);
    const shifts = (await ctx.agency.scheduleBetween(from, to, [whose]))
      .filter((s) => s.caregiverId === whose && s.status !== "CANCELLED" && s.start >= from && s.start < to)
      .sort((x, y) => x.start.getTime() - y.start.getTime());
    return { shifts: await Promise.all(shifts.map((s) => summarize(ctx, s))) };
  },
};
