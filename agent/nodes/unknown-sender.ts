import { sms } from "../copy.js";
import type { AgentDeps } from "../deps.js";
import type { AgentStateType, AgentUpdate } from "../state.js";

/**
 * unknown_sender: a number not in WellSky or the directory gets the office number and nothing else — no
 * schedule, no names — however the message is phrased. Replied to once per number per day (no loops).
 */
export function unknownSenderNode(deps: AgentDeps) {
  return async (state: AgentStateType): Promise<AgentUpdate> => {
    // A Slack user who is not a coordinator (anyone in a channel the app is in) has no phone to text, and
    // answering every such message in a channel would be noise: nothing is done and nothing is said.
    if (state.inbound?.channel === "slack") return { outcome: "unknown_sender.slack_ignored" };
    return { replies: [{ text: sms(deps, state.interpretation?.language ?? "en", "unknown_sender", {}) }], outcome: "unknown_sender.answered" };
  };
}
