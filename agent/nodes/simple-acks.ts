import { recordAudit } from "../../db/repos/audit.js";
import { logClockIssue } from "../../tools/log-clock-issue.js";
import { runTool } from "../../tools/types.js";
import { updateAvailability } from "../../tools/update-availability.js";
import { sms } from "../copy.js";
import type { AgentDeps } from "../deps.js";
import { findShiftFor } from "../find-shift.js";
import type { AgentStateType, AgentUpdate } from "../state.js";
import { toolContext } from "../turn.js";
import { openQuestion } from "../../db/repos/questions.js";
import { notify } from "../../tools/notify-coordinator.js";

/** handle_availability: check-in answers and "I can do more hours / need Friday off" recorded for matching. */
export function handleAvailability(deps: AgentDeps) {
  return async (state: AgentStateType): Promise<AgentUpdate> => {
    const e = state.interpretation!.entities;
    const kind = e.availability === "more" ? "more_hours" : e.availability === "less" ? (e.date ? "time_off" : "less_hours") : e.availability === "same" ? "same" : e.date ? "available" : "more_hours";
    await runTool(updateAvailability, toolContext(deps, state), { kind, date: e.date, days: 1 });
    return { replies: [{ text: sms(deps, state.language, "availability_ack", { answer: kind === "more_hours" ? "more" : kind === "same" ? "same" : kind === "less_hours" || kind === "time_off" ? "less" : "noted" }) }], tools: [...state.tools, "update_availability"], outcome: `availability.${kind}` };
  };
}

/** handle_confirm: CONFIRM after a schedule answer / confirmation request is recorded (audit) and thanked. */
export function handleConfirm(deps: AgentDeps) {
  return async (state: AgentStateType): Promise<AgentUpdate> => {
    if (state.question?.kind !== "confirm_request") return handleOther(deps)(state);
    await recordAudit(deps.pool, {
      at: deps.clock.now(),
      actor: `caregiver:${state.sender!.id}`,
      action: "shifts.confirmed",
      subjectType: "caregiver",
      subjectId: state.sender!.id!,
      data: { shiftKeys: state.question.ref.shiftKeys ?? [] },
    });
    const keys = (state.question.ref.shiftKeys as string[] | undefined) ?? [];
    const shifts = (await Promise.all(keys.map((k) => deps.agency.getShift(k)))).filter((s) => s !== null).map((s) => ({ start: s.start, end: s.end }));
    if (shifts.length === 0) return { outcome: "confirm.nothing_to_confirm" };
    return { replies: [{ text: sms(deps, state.language, "confirm_ack", { firstName: state.sender!.firstName ?? "there", shifts: shifts.slice(0, 7) }) }], outcome: "confirm.recorded" };
  };
}

/** handle_clock_issue: EVV trouble noted on the current shift and routed to the coordinator. */
export function handleClockIssue(deps: AgentDeps) {
  return async (state: AgentStateType): Promise<AgentUpdate> => {
    const { shift } = await findShiftFor(deps, state.sender!.id!, { ...state.interpretation!, entities: {} });
    const text = state.inbound!.text.toLowerCase();
    const problem = /out|sal[ií]|ra v[eề]/.test(text) ? "cannot_clock_out" : "cannot_clock_in";
    await runTool(logClockIssue, toolContext(deps, state), { shiftKey: shift?.key, problem });
    return { replies: [{ text: sms(deps, state.language, "clock_issue_ack", { firstName: state.sender!.firstName ?? "there", kind: problem === "cannot_clock_out" ? "clock_out" : "clock_in" }) }], tools: [...state.tools, "log_clock_issue"], outcome: "clock_issue.logged" };
  };
}

/** handle_other: "thanks", "ok", 👍 with nothing asked — nothing actionable, so no reply (no loops). */
export function handleOther(_deps: AgentDeps) {
  return async (_state: AgentStateType): Promise<AgentUpdate> => ({ outcome: "other.no_action" });
}

/**
 * clarify: low confidence never moves a shift. Ask one clarifying question (recorded, so the answer is read
 * in the same context); a second unclear message goes to a coordinator (hand_off).
 */
export function clarifyNode(deps: AgentDeps) {
  return async (state: AgentStateType): Promise<AgentUpdate> => {
    const now = deps.clock.now();
    await openQuestion(deps.pool, {
      address: state.inbound!.from,
      kind: "clarify",
      ref: { inboundId: state.inbound!.id, context: state.context, answersQuestion: state.question?.id ?? null },
      options: state.context.options ?? null,
      askedAt: now,
      expiresAt: new Date(now.getTime() + 2 * 3600_000),
    });
    const question = state.context.kind === "offer" ? "offer_yes_no" : "general";
    return { replies: [{ text: sms(deps, state.language, "clarify", { question }) }], clarifications: state.clarifications + 1, outcome: "clarify.asked" };
  };
}

export function handOff(deps: AgentDeps) {
  return async (state: AgentStateType): Promise<AgentUpdate> => {
    await notify(toolContext(deps, state), {
      kind: "handoff",
      summary: `Could not understand ${state.sender?.firstName ?? "a sender"} (${state.sender?.kind}) after one clarifying question: "${state.inbound!.text.slice(0, 600)}"`,
      dedupeKey: `handoff:${state.inbound!.id}`,
    });
    return { replies: [{ text: sms(deps, state.language, "handoff", { firstName: state.sender?.firstName }) }], clarifications: 0, tools: [...state.tools, "notify_coordinator"], outcome: "handoff.coordinator" };
  };
}
