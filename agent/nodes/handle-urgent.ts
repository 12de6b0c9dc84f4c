import { getQuestion } from "../../db/repos/questions.js";
import { recordCallOff } from "../../tools/record-call-off.js";
import { runTool, ToolError } from "../../tools/types.js";
import { sms } from "../copy.js";
import type { AgentDeps } from "../deps.js";
import type { AgentStateType, AgentUpdate } from "../state.js";
import { toolContext } from "../turn.js";
import { handleCallOff } from "./handle-call-off.js";
import { escalateToCoordinator } from "./escalate-to-coordinator.js";

/**
 * handle_urgent: "URGENT" after the after-hours auto-reply starts the fill for the shift that call-off was
 * about, right now. URGENT with nothing pending is treated as a call-off if it names a shift, else a page.
 */
export function handleUrgent(deps: AgentDeps) {
  const callOff = handleCallOff(deps);
  const page = escalateToCoordinator(deps);
  return async (state: AgentStateType): Promise<AgentUpdate> => {
    const q = state.question?.kind === "after_hours" ? await getQuestion(deps.pool, state.question.id) : null;
    const shiftKey = q?.ref.shiftKey;
    if (typeof shiftKey === "string") {
      const ctx = toolContext(deps, state);
      try {
        const r = await runTool(recordCallOff, ctx, { shiftKey, reason: "after-hours URGENT" });
        return { replies: [{ text: sms(deps, state.language, "urgent_ack", { firstName: state.sender?.firstName }) }], tools: [...state.tools, "record_call_off"], outcome: r.created ? "urgent.fill_started" : "urgent.already_filling" };
      } catch (err) {
        // The shift changed since the call-off (reassigned, ended): a human sorts it out; the caregiver is answered.
        if (!(err instanceof ToolError)) throw err;
        return page(state);
      }
    }
    if (state.interpretation?.entities.date) return callOff(state);
    return page(state);
  };
}
