import { DateTime } from "luxon";
import { openQuestion } from "../../db/repos/questions.js";
import { isBusinessHours, nextBusinessOpen } from "../../domain/business-hours.js";
import { coordinatorMessage, notify } from "../../tools/notify-coordinator.js";
import { recordCallOff } from "../../tools/record-call-off.js";
import { runTool } from "../../tools/types.js";
import { sms } from "../copy.js";
import type { AgentDeps } from "../deps.js";
import { findShiftFor } from "../find-shift.js";
import type { AgentStateType, AgentUpdate } from "../state.js";
import { toolContext } from "../turn.js";

/**
 * handle_call_off: during business hours, or after hours for a shift within the urgent window (4 h), the
 * shift goes straight to the fill workflow. Otherwise the seed's after-hours auto-reply offers URGENT and the
 * call-off waits in the coordinators' morning queue.
 */
export function handleCallOff(deps: AgentDeps) {
  return async (state: AgentStateType): Promise<AgentUpdate> => {
    const lang = state.language;
    const cgId = state.sender!.id!;
    const { shift, ambiguous } = await findShiftFor(deps, cgId, state.interpretation!);
    if (!shift) {
      if (ambiguous.length > 0) return { replies: [{ text: sms(deps, lang, "clarify", { question: "which_shift" }) }], outcome: "call_off.which_shift" };
      return { replies: [{ text: sms(deps, lang, "call_off_no_shift", { day: dayOf(state.interpretation!.entities.date, deps.settings.timezone) }) }], outcome: "call_off.no_shift" };
    }
    const now = deps.clock.now();
    const ctx = toolContext(deps, state);
    const withinUrgent = shift.start.getTime() - now.getTime() < deps.settings.urgentWindowHours * 3600_000;
    const hours = { timezone: deps.settings.timezone, ...deps.settings.businessHours };
    if (!isBusinessHours(now, hours) && !withinUrgent) {
      await openQuestion(deps.pool, {
        address: state.inbound!.from,
        kind: "after_hours",
        ref: { shiftKey: shift.key, inboundId: state.inbound!.id },
        options: null,
        askedAt: now,
        expiresAt: shift.start,
      });
      // The morning queue: the coordinator hears about it when the office opens, not in the middle of the night.
      const item = {
        clientId: shift.clientId,
        kind: "morning_queue" as const,
        summary: `After-hours call-off from ${state.sender!.firstName ?? "a caregiver"} for shift ${shift.key} (${DateTime.fromJSDate(shift.start, { zone: deps.settings.timezone }).toFormat("ccc LLL d h:mma")}). If they replied URGENT, a fill is already running.`,
        dedupeKey: `morning:${shift.key}`,
      };
      if (deps.later) {
        const { coordinatorId: _routedTo, ...req } = await coordinatorMessage(ctx, item);
        await deps.later.sendAt(nextBusinessOpen(now, hours), req);
      }
      else await notify(ctx, item);
      return { replies: [{ text: sms(deps, lang, "call_off_after_hours", { opensAt: nextBusinessOpen(now, hours), urgentWithinHours: deps.settings.urgentWindowHours }) }], tools: [...state.tools, "notify_coordinator"], outcome: "call_off.after_hours_queued" };
    }
    const r = await runTool(recordCallOff, ctx, { shiftKey: shift.key });
    const client = await deps.agency.getClient(shift.clientId);
    return {
      replies: [{ text: sms(deps, lang, "call_off_ack", { firstName: state.sender!.firstName ?? "there", start: shift.start, end: shift.end, clientFirstName: client?.firstName }) }],
      tools: [...state.tools, "record_call_off"],
      outcome: r.created ? "call_off.fill_started" : "call_off.already_filling",
    };
  };
}

/** A referenced local date as a Date at local noon (for "not scheduled on <day>" wording). */
export function dayOf(date: string | undefined, timezone: string): Date | undefined {
  return date ? DateTime.fromISO(date, { zone: timezone }).set({ hour: 12 }).toJSDate() : undefined;
}
