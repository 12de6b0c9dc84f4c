import { notify } from "../../tools/notify-coordinator.js";
import { sms } from "../copy.js";
import { clientOfNearestShift } from "../find-shift.js";
import type { AgentDeps } from "../deps.js";
import type { AgentStateType, AgentUpdate } from "../state.js";
import { toolContext } from "../turn.js";

/**
 * escalate_to_coordinator: incidents (falls, hospital, no answer at the door), client- or family-initiated
 * schedule changes and urgent pages go to a human — the client's own coordinator — with the message attached.
 */
export function escalateToCoordinator(deps: AgentDeps) {
  return async (state: AgentStateType): Promise<AgentUpdate> => {
    const i = state.interpretation!;
    const s = state.sender!;
    const clientId = s.kind === "family" ? s.clientId : s.kind === "client" ? s.id : await currentClientOf(deps, state);
    const kind = i.intent === "incident" ? "incident" : i.intent === "schedule_change" ? "schedule_change" : i.intent === "urgent" ? "urgent" : "handoff";
    await notify(toolContext(deps, state), {
      clientId,
      kind,
      summary: `${s.firstName ?? "Unknown sender"} (${s.kind}) wrote: "${state.inbound!.text.slice(0, 600)}"`,
      dedupeKey: `inbound:${state.inbound!.id}`,
    });
    const text = i.intent === "incident" || i.intent === "urgent" ? sms(deps, state.language, "incident_ack", { firstName: s.firstName }) : sms(deps, state.language, "handoff", { firstName: s.firstName });
    return { replies: [{ text }], tools: [...state.tools, "notify_coordinator"], outcome: `${kind}.escalated` };
  };
}

/** For a caregiver: the client of the shift they are on (or next), so the right coordinator hears it. */
async function currentClientOf(deps: AgentDeps, state: AgentStateType): Promise<string | undefined> {
  if (state.sender?.kind !== "caregiver" || !state.sender.id) return undefined;
  return clientOfNearestShift(deps.agency, state.sender.id, deps.clock.now());
}
