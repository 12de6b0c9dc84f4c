import { DateTime } from "luxon";
import { openQuestion } from "../../db/repos/questions.js";
import { getSchedule } from "../../tools/get-schedule.js";
import { runTool } from "../../tools/types.js";
import { sms } from "../copy.js";
import { dayOf } from "./handle-call-off.js";
import type { AgentDeps } from "../deps.js";
import type { AgentStateType, AgentUpdate } from "../state.js";
import { toolContext } from "../turn.js";

/**
 * answer_schedule: "Do I work tomorrow?" answered from WellSky for the local day asked (default today), in
 * the agency's timezone, with the seed's "Reply CONFIRM" follow-up recorded as an open question.
 */
export function answerSchedule(deps: AgentDeps) {
  return async (state: AgentStateType): Promise<AgentUpdate> => {
    const tz = deps.settings.timezone;
    const now = deps.clock.now();
    const date = state.interpretation!.entities.date ?? DateTime.fromJSDate(now, { zone: tz }).toISODate()!;
    const { shifts } = await runTool(getSchedule, toolContext(deps, state), { date, days: 1 });
    if (shifts.length === 0) return { replies: [{ text: sms(deps, state.language, "schedule_none", { day: dayOf(date, tz) }) }], tools: [...state.tools, "get_schedule"], outcome: "schedule.none" };
    await openQuestion(deps.pool, {
      address: state.inbound!.from,
      kind: "confirm_request",
      ref: { shiftKeys: shifts.map((s) => s.shiftKey) },
      options: null,
      askedAt: now,
      expiresAt: new Date(shifts[shifts.length - 1]!.start),
    });
    const listed = shifts.slice(0, 5).map((s) => ({ start: new Date(s.start), end: new Date(s.end), clientFirstName: s.clientFirstName || "your client", address: s.address ?? s.city }));
    return { replies: [{ text: sms(deps, state.language, "schedule_answer", { shifts: listed }) }], tools: [...state.tools, "get_schedule"], outcome: `schedule.${shifts.length}` };
  };
}
