import { sms } from "../copy.js";
import type { AgentDeps } from "../deps.js";
import type { AgentStateType, AgentUpdate } from "../state.js";

/**
 * unknown_sender: a number not in WellSky or the directory gets the office number and nothing else — no
 * schedule, no names — however the message is phrased. Replied to once per number per day (no loops).
 */
export function unknownSenderNode(deps: AgentDeps) {
  return async (state: AgentStateType): Promise<AgentUpdate> => ({
    replies: [{ text: sms(deps, state.interpretation?.language ?? "en", "unknown_sender", {}) }],
    outcome: "unknown_sender.answered",
  });
}
