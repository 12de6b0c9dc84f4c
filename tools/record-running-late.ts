import { DateTime } from "luxon";
import { z } from "zod";
import { renderSms } from "../prompts/sms/index.js";
import { notify } from "./notify-coordinator.js";
import { ShiftKeyInput, assertMayActOnShift, loadShift } from "./shared.js";
import type { AgentTool } from "./types.js";

export const RecordRunningLateInput = z.object({
  shiftKey: ShiftKeyInput,
  etaMinutes: z.number().int().min(0).max(600).nullable().describe("Minutes late; null when not said"),
});
export const RecordRunningLateOutput = z.object({ notedInWellSky: z.boolean(), coordinatorTold: z.boolean(), clientContactTold: z.boolean() });

/**
 * Notes a late arrival on the shift in WellSky, tells the coordinator, and — when the delay is over the
 * agency's threshold (15 min) — tells the client's primary contact who is coming and when.
 */
export const recordRunningLate: AgentTool<z.infer<typeof RecordRunningLateInput>, z.infer<typeof RecordRunningLateOutput>> = {
  name: "record_running_late",
  description: "Records that the caregiver will be late to their shift (key from get_schedule), with an ETA in minutes when known.",
  inputSchema: RecordRunningLateInput,
  outputSchema: RecordRunningLateOutput,
  effect: "write",
  async run({ ctx, input }) {
    const shift = await loadShift(ctx, input.shiftKey);
    assertMayActOnShift(ctx, shift);
    const cg = shift.caregiverId ? await ctx.agency.getCaregiver(shift.caregiverId) : null;
    const client = await ctx.agency.getClient(shift.clientId);
    const eta = input.etaMinutes;
    const day = DateTime.fromJSDate(ctx.clock.now(), { zone: ctx.settings.timezone }).toISODate();
    let noted = true;
    await ctx.writer
      .noteOnShift(shift.key, { title: "Running late", description: `Caregiver reports running late${eta !== null ? ` (~${eta} min)` : ""}.` })
      .catch(() => {
        noted = false;
      });
    const who = cg ? `${cg.firstName} ${cg.lastName}` : "A caregiver";
    const clientName = client ? `${client.firstName} ${client.lastName}` : shift.clientId;
    await notify(ctx, {
      clientId: shift.clientId,
      kind: "running_late",
      summary: `${who} is running late to ${clientName}'s shift${eta !== null ? ` (~${eta} min)` : " (no ETA yet)"}.`,
      dedupeKey: `late:${shift.key}:${day}:${eta ?? "?"}`,
    });
    let clientTold = false;
    if (eta !== null && eta > ctx.settings.lateNoticeMinutes && cg && client) {
      const arrival = new Date(Math.max(shift.start.getTime(), ctx.clock.now().getTime()) + eta * 60_000);
      for (const contact of (await ctx.agency.clientContacts(client.id)).filter((c) => c.primary && c.phone)) {
        const text = renderSms(
          "client_running_late",
          contact.language,
          { contactFirstName: contact.firstName, clientFirstName: client.firstName, caregiverFirstName: cg.firstName, eta: arrival },
          { agencyName: ctx.settings.agencyName, officePhone: ctx.settings.officePhone, timezone: ctx.settings.timezone, now: ctx.clock.now() },
        );
        const r = await ctx.sender.send({ channel: "sms", to: contact.phone!, text, idempotencyKey: `late:${shift.key}:${day}:client:${contact.id}` });
        clientTold = clientTold || r.status === "sent";
      }
    }
    return { notedInWellSky: noted, coordinatorTold: true, clientContactTold: clientTold };
  },
};
