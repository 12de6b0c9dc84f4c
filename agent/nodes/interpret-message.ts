import { DateTime } from "luxon";
import type { AgentDeps, EarlierMessage } from "../deps.js";
import { Memory } from "../memory.js";
import type { AgentStateType, AgentUpdate } from "../state.js";
import { personKey } from "../turn.js";

/** Earlier messages recalled for the model: a few related ones explain "the car thing again"; more crowd the SMS. */
export const MAX_RECALLED_MESSAGES = 3;
/** Recall runs before the model call the SMS reply already waits on; past this the model is asked without it. */
export const RECALL_TIMEOUT_MS = 1_500;

class RecallTimeout extends Error {
  override name = "RecallTimeout";
}

/**
 * The sender's own earlier messages related to this one, oldest first, for the model — or none. Only what they
 * wrote (not Coverline's replies, which carry schedule details the model never sees), never the message being
 * interpreted, and never anyone else's (memory is keyed by person). A failure or a slow embedder costs the
 * model its memory, not the turn: logged without bodies, and the model is asked without it.
 */
async function recallEarlier(deps: AgentDeps, memory: Memory, state: AgentStateType): Promise<EarlierMessage[]> {
  const inbound = state.inbound!;
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const recall = memory.recall(personKey(state), inbound.text, MAX_RECALLED_MESSAGES, {
      direction: "in",
      excluding: { body: inbound.text, createdAt: new Date(inbound.receivedAt) },
    });
    // When the timeout wins, a later rejection of the recall must not surface as an unhandled rejection.
    recall.catch(() => undefined);
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new RecallTimeout()), RECALL_TIMEOUT_MS);
    });
    const found = await Promise.race([recall, timeout]);
    return found
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id)
      .map((m) => ({ text: m.body, sentAt: DateTime.fromJSDate(m.createdAt, { zone: deps.settings.timezone }).toFormat("yyyy-MM-dd HH:mm") }));
  } catch (err) {
    // Name and SQLSTATE only: driver messages can quote the query's values, i.e. the SMS.
    const code = (err as { code?: unknown } | null)?.code;
    deps.logger.warn(
      {
        event: "memory_recall",
        ok: false,
        reason: err instanceof RecallTimeout ? "timeout" : "error",
        errorName: err instanceof Error ? err.name : typeof err,
        code: typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) ? code : undefined,
        latencyMs: Math.round(performance.now() - started),
      },
      "memory recall failed; asking the model without it",
    );
    return [];
  } finally {
    clearTimeout(timer);
  }
}

/**
 * interpret_message: the embedded interpreter first; Claude only when the rules are unsure and a key is set
 * (at most one call per message). Only then is memory recalled — the sender's own related earlier messages,
 * as reference for the model — so the common, interpreter-only path makes no extra query. The model's answer
 * is schema-validated by its client and only replaces the rules' answer when it is more confident — it never
 * decides anything by itself.
 */
export function interpretMessage(deps: AgentDeps) {
  const memory = new Memory(deps.pool, deps.embedder, deps.vectorMemory);
  return async (state: AgentStateType): Promise<AgentUpdate> => {
    const inbound = state.inbound!;
    const now = deps.clock.now();
    const tz = deps.settings.timezone;
    const rules = deps.interpret(inbound.text, state.context, { now, timezone: tz, languageHint: state.language });
    let interpretation = rules;
    // An unknown number gets the generic answer whatever it means (routeTurn): asking Claude would only cost.
    const modelMatters = state.sender?.kind !== "unknown";
    if (deps.model && modelMatters && rules.confidence < deps.settings.llmFallbackBelow) {
      const earlier = await recallEarlier(deps, memory, state);
      const llm = await deps.model.interpret({
        text: inbound.text,
        context: state.context,
        rulesGuess: rules,
        today: DateTime.fromJSDate(now, { zone: tz }).toISODate()!,
        timezone: tz,
        languageHint: state.language,
        earlier,
      });
      if (llm && llm.confidence > rules.confidence) interpretation = llm;
    }
    // Seed: "if caregiver responds in a different language, detect and switch" — only on a confident read.
    const switchLanguage = interpretation.confidence >= 0.8 && inbound.text.trim().split(/\s+/).length >= 2;
    return { interpretation, language: switchLanguage ? interpretation.language : state.language };
  };
}
