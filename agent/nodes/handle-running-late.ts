import { recordRunningLate } from "../../tools/record-running-late.js";
import { runTool } from "../../tools/types.js";
import { sms } from "../copy.js";
import type { AgentDeps } from "../deps.js";
import { findShiftFor } from "../find-shift.js";
import type { AgentStateType, AgentUpdate } from "../state.js";
import { toolContext } from "../turn.js";

/** How far ahead a "running late" text may refer to; later shifts are not "late" yet. */
const RUNNING_LATE_WINDOW_HOURS = 4;

/** handle_running_late: the shift they're heading to gets a WellSky note; coordinator and (ETA > 15) client told. */
export function handleRunningLate(deps: AgentDeps) {
  return async (state: AgentStateType): Promise<AgentUpdate> => {
    // "Running late" is about the shift they're on their way to: one starting within the next few hours.
    const { shift } = await findShiftFor(deps, state.sender!.id!, { ...state.interpretation!, entities: { ...state.interpretation!.entities, date: undefined } }, { withinHours: RUNNING_LATE_WINDOW_HOURS });
    if (!shift) return { replies: [{ text: sms(deps, state.language, "running_late_no_shift", {}) }], outcome: "running_late.no_shift" };
    const eta = state.interpretation!.entities.etaMinutes ?? null;
    const r = await runTool(recordRunningLate, toolContext(deps, state), { shiftKey: shift.key, etaMinutes: eta });
    return {
      replies: [
        {
          text: sms(deps, state.language, "running_late_ack", {
            firstName: state.sender!.firstName ?? "there",
            clientFirstName: (await deps.agency.getClient(shift.clientId))?.firstName,
            eta: eta === null ? undefined : new Date(Math.max(shift.start.getTime(), deps.clock.now().getTime()) + eta * 60_000),
            familyTold: r.clientContactTold,
          }),
        },
      ],
      tools: [...state.tools, "record_running_late"],
      outcome: r.clientContactTold ? "running_late.client_told" : "running_late.noted",
    };
  };
}
