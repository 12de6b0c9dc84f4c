import { DateTime } from "luxon";
import { answerQuestion } from "../../db/repos/questions.js";
import { sendMessage } from "../../tools/send-message.js";
import { runTool } from "../../tools/types.js";
import type { AgentDeps } from "../deps.js";
import { Memory, type Remembered } from "../memory.js";
import type { AgentStateType, AgentUpdate } from "../state.js";
import { personKey, toolContext } from "../turn.js";

/**
 * send_replies: sends the planned replies (idempotent per inbound message, so a retried turn never texts
 * twice), marks the answered question, and stores the turn in the sender's memory.
 */
export function sendReplies(deps: AgentDeps) {
  const memory = new Memory(deps.pool, deps.embedder, deps.vectorMemory);
  return async (state: AgentStateType): Promise<AgentUpdate> => {
    const inbound = state.inbound!;
    const ctx = toolContext(deps, state);
    const now = deps.clock.now();
    const key = personKey(state);
    // The turn goes into memory in one INSERT after the sends: the inbound message first, then each reply.
    const turn: Remembered[] = [
      { personKey: key, direction: "in", channel: inbound.channel, body: inbound.text, intent: state.interpretation?.intent ?? null, at: new Date(inbound.receivedAt) },
    ];
    const tools = [...state.tools];
    for (const [i, reply] of state.replies.entries()) {
      const idempotencyKey = `reply:${inbound.id}:${i}`;
      if (reply.slack) {
        await deps.sender.send({ channel: "slack", to: reply.slack.channel, text: reply.text, blocks: reply.slack.blocks, threadTs: reply.slack.threadTs, idempotencyKey });
      } else if (state.sender?.kind === "unknown") {
        // One answer per unknown number per local day, whatever they send: no loops with bots or spam.
        const day = DateTime.fromJSDate(now, { zone: deps.settings.timezone }).toISODate();
        await runTool(sendMessage, ctx, { text: reply.text, idempotencyKey: `unknown:${inbound.from}:${day}` });
      } else {
        await runTool(sendMessage, ctx, { text: reply.text, idempotencyKey });
      }
      tools.push("send_message");
      turn.push({ personKey: key, direction: "out", channel: reply.slack ? "slack" : "sms", body: reply.text, at: now });
    }
    await memory.rememberAll(turn);
    const answered = state.question && isFinalAnswer(state.question.kind, state.outcome);
    if (answered) await answerQuestion(deps.pool, state.question!.id, now);
    return { tools, clarifications: state.outcome === "clarify.asked" ? state.clarifications : 0 };
  };
}

/** Whether a turn's outcome closes the question: an offer stays open through questions and counter-offers. */
function isFinalAnswer(kind: string, outcome: string): boolean {
  if (outcome === "clarify.asked" || outcome.startsWith("other.") || outcome === "") return false;
  if (kind === "offer") return ["offer.won", "offer.declined", "offer.already_filled"].includes(outcome);
  return true;
}
