import { getQuestion, latestOpenQuestion } from "../../db/repos/questions.js";
import type { ConversationContext, OfferOption } from "../../domain/intents.js";
import { Language } from "../../domain/types.js";
import { identifySender } from "../../tools/identify-sender.js";
import { runTool } from "../../tools/types.js";
import type { AgentDeps } from "../deps.js";
import type { AgentStateType, AgentUpdate, AnsweredQuestion } from "../state.js";
import { toolContext } from "../turn.js";

/**
 * load_context: who sent this (WellSky / directory by phone), which open question it answers (newest
 * unanswered, unexpired), and the interpreter context derived from that question. Resets per-turn fields.
 */
export function loadContext(deps: AgentDeps) {
  return async (state: AgentStateType): Promise<AgentUpdate> => {
    const inbound = state.inbound!;
    const ctx = toolContext(deps, { ...state, sender: null });
    const who = await runTool(identifySender, ctx, { address: inbound.from, channel: inbound.channel });
    const lang = Language.safeParse(who.language);
    const language = state.sender?.id === who.id && state.language ? state.language : lang.success ? lang.data : "en";
    let question: AnsweredQuestion | null = null;
    // "One clarifying question, then a coordinator" counts only while our clarifying question is still open.
    let answeringClarify = false;
    let context: ConversationContext = { kind: "none" };
    if (inbound.channel !== "slack") {
      let q = await latestOpenQuestion(deps.pool, inbound.from, deps.clock.now());
      answeringClarify = q?.kind === "clarify";
      // An answer to our clarifying question answers the question we were clarifying.
      const clarified = q?.kind === "clarify" && typeof q.ref.answersQuestion === "number" ? await getQuestion(deps.pool, q.ref.answersQuestion) : null;
      if (clarified && clarified.answeredAt === null) q = clarified;
      if (q) {
        question = { id: q.id, kind: q.kind, ref: q.ref };
        const options = Array.isArray(q.options) ? (q.options as OfferOption[]) : undefined;
        context = q.kind === "clarify" ? { kind: ((q.ref.context as { kind?: string } | undefined)?.kind ?? "none") as ConversationContext["kind"], options } : { kind: q.kind, options };
      }
    }
    return {
      sender: { kind: who.kind, id: who.id, clientId: who.clientId, firstName: who.firstName, language },
      language,
      question,
      context,
      interpretation: null,
      tools: ["identify_sender"],
      replies: [],
      outcome: "",
      clarifications: answeringClarify ? state.clarifications : 0,
    };
  };
}
