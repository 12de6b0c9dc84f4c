import { DateTime } from "luxon";
import { z } from "zod";
import type { Shift } from "../domain/types.js";
import { ToolError, type ToolContext } from "./types.js";

/** What a caregiver may see about a shift: client first name, city, times; the address only for their own. */
export const ShiftSummary = z.object({
  shiftKey: z.string(),
  start: z.string().describe("ISO-8601 with the agency's offset"),
  end: z.string(),
  clientId: z.string(),
  clientFirstName: z.string(),
  city: z.string(),
  address: z.string().nullable(),
  caregiverId: z.string().nullable(),
  status: z.string(),
});
export type ShiftSummary = z.infer<typeof ShiftSummary>;

export const ShiftKeyInput = z.string().min(3).max(40).regex(/^[0-9A-Za-z_-]+$/, "a shift key like 109131818_20261123").describe("Shift key from get_schedule");

/** A caregiver acts only on shifts assigned to them; coordinators and the system on any. */
export function assertMayActOnShift(ctx: ToolContext, shift: Shift): void {
  const a = ctx.actor;
  if (a.kind === "coordinator" || a.kind === "system") return;
  if (a.kind === "caregiver" && shift.caregiverId === a.id) return;
  throw new ToolError("forbidden", "That shift is not yours.");
}

/** Reads may also be done by a client's family about that client's shifts. */
export function assertMayReadShift(ctx: ToolContext, shift: Shift): void {
  const a = ctx.actor;
  if ((a.kind === "family" || a.kind === "client") && shift.clientId === (a.kind === "family" ? a.clientId : a.id)) return;
  assertMayActOnShift(ctx, shift);
}

export async function summarize(ctx: ToolContext, shift: Shift): Promise<ShiftSummary> {
  const client = await ctx.agency.getClient(shift.clientId);
  const own = ctx.actor.kind === "caregiver" ? shift.caregiverId === ctx.actor.id : ctx.actor.kind === "coordinator" || ctx.actor.kind === "system";
  const tz = ctx.settings.timezone;
  return {
    shiftKey: shift.key,
    start: DateTime.fromJSDate(shift.start, { zone: tz }).toISO()!,
    end: DateTime.fromJSDate(shift.end, { zone: tz }).toISO()!,
    clientId: shift.clientId,
    clientFirstName: client?.firstName ?? "",
    city: client?.address.city ?? "",
    address: own && client ? `${client.address.line}, ${client.address.city}` : null,
    caregiverId: ctx.actor.kind === "caregiver" ? null : shift.caregiverId,
    status: shift.status,
  };
}

export async function loadShift(ctx: ToolContext, shiftKey: string): Promise<Shift> {
  const shift = await ctx.agency.getShift(shiftKey);
  if (!shift) throw new ToolError("not_found", `No shift ${shiftKey}.`);
  return shift;
}

/** Local-day window [start of `date`, + days) in the agency timezone, as UTC instants. */
export function localWindow(date: string, days: number, timezone: string): { from: Date; to: Date } {
  const start = DateTime.fromISO(date, { zone: timezone }).startOf("day");
  if (!start.isValid) throw new ToolError("invalid", `Not a date: ${date}`);
  return { from: start.toJSDate(), to: start.plus({ days }).toJSDate() };
}
