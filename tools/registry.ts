import { getSchedule } from "./get-schedule.js";
import { getShift } from "./get-shift.js";
import { identifySender } from "./identify-sender.js";
import { listOpenShifts, recentMessages, whoWorksWith } from "./coordinator-queries.js";
import { logClockIssue } from "./log-clock-issue.js";
import { notifyCoordinator } from "./notify-coordinator.js";
import { recordCallOff } from "./record-call-off.js";
import { recordRunningLate } from "./record-running-late.js";
import { respondToOffer } from "./respond-to-offer.js";
import { sendMessage } from "./send-message.js";
import { updateAvailability } from "./update-availability.js";
import type { AgentTool } from "./types.js";

/** Every tool, by its stable snake_case name (prompts, evals and logs key on these). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a heterogeneous registry; each entry is typed at its definition
export const TOOLS: Record<string, AgentTool<any, any>> = Object.fromEntries(
  [identifySender, getSchedule, getShift, recordCallOff, recordRunningLate, updateAvailability, logClockIssue, notifyCoordinator, sendMessage, respondToOffer, listOpenShifts, whoWorksWith, recentMessages].map((t) => [t.name, t]),
);

export {
  identifySender,
  getSchedule,
  getShift,
  recordCallOff,
  recordRunningLate,
  updateAvailability,
  logClockIssue,
  notifyCoordinator,
  sendMessage,
  respondToOffer,
  listOpenShifts,
  whoWorksWith,
  recentMessages,
};
