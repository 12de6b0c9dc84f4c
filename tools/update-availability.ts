import { z } from "zod";
import { notify } from "./notify-coordinator.js";
import { localWindow } from "./shared.js";
import { ToolError, type AgentTool } from "./types.js";

export const UpdateAvailabilityInput = z.object({
  kind: z.enum(["more_hours", "same", "less_hours", "time_off", "available"]).describe("What the caregiver told us"),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().describe("Local day it concerns (time off / available), YYYY-MM-DD"),
  days: z.number().int().min(1).max(14).default(1),
  note: z.string().max(300).optional(),
});
export const UpdateAvailabilityOutput = z.object({ recorded: z.boolean(), affectedShiftKeys: z.array(z.string()) });

/**
 * Records availability the caregiver tells us (the Connect API has no availability resource, so Coverline
 * keeps it). Time off that touches their scheduled shifts is flagged to the coordinator, never auto-cancelled.
 */
export const updateAvailability: AgentTool<z.input<typeof UpdateAvailabilityInput>, z.infer<typeof UpdateAvailabilityOutput>> = {
  name: "update_availability",
  description: "Records the caregiver's own availability (wants more hours, fewer, time off on a day). Flags affected shifts to the coordinator.",
  inputSchema: UpdateAvailabilityInput,
  outputSchema: UpdateAvailabilityOutput,
  effect: "write",
  async run({ ctx, input }) {
    const actor = ctx.actor;
    if (actor.kind !== "caregiver") throw new ToolError("forbidden", "Only a caregiver can update their own availability.");
    const { kind, date, days, note } = UpdateAvailabilityInput.parse(input);
    const win = date ? localWindow(date, days, ctx.settings.timezone) : null;
    await ctx.pool.query("INSERT INTO caregiver_availability (caregiver_id, kind, starts_at, ends_at, note, created_at) VALUES ($1,$2,$3,$4,$5,$6)", [
      actor.id,
      kind,
      win?.from ?? null,
      win?.to ?? null,
      note ?? null,
      ctx.clock.now(),
    ]);
    let affected: string[] = [];
    if ((kind === "time_off" || kind === "less_hours") && win) {
      const shifts = (await ctx.agency.scheduleBetween(win.from, win.to, [actor.id])).filter((s) => s.caregiverId === actor.id && s.status === "SCHEDULED");
      affected = shifts.map((s) => s.key);
      const cg = await ctx.agency.getCaregiver(actor.id);
      if (shifts.length > 0) {
        await notify(ctx, {
          clientId: shifts[0]!.clientId,
          kind: "availability",
          summary: `${cg ? `${cg.firstName} ${cg.lastName}` : "A caregiver"} asked for time off ${date}${days > 1 ? ` (+${days - 1} days)` : ""}; it touches ${shifts.length} scheduled shift(s): ${affected.join(", ")}.`,
          dedupeKey: `availability:${actor.id}:${date}:${days}`,
        });
      }
    }
    return { recorded: true, affectedShiftKeys: affected };
  },
};
