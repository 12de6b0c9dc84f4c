import { DateTime } from "luxon";
import type { AgentDeps } from "../deps.js";
import type { AgentStateType, AgentUpdate } from "../state.js";

/**
 * interpret_message: the embedded interpreter first; Claude only when the rules are unsure and a key is set
 * (at most one call per message). The model's answer is schema-validated by its client and only replaces the
 * rules' answer when it is more confident — it never decides anything by itself.
 */
export function interpretMessage(deps: AgentDeps) {
  return async (state: AgentStateType): Promise<AgentUpdate> => {
    const inbound = state.inbound!;
    const now = deps.clock.now();
    const tz = deps.settings.timezone;
    const rules = deps.interpret(inbound.text, state.context, { now, timezone: tz, languageHint: state.language });
    let interpretation = rules;
    if (deps.model && rules.confidence < deps.settings.llmFallbackBelow) {
      const llm = await deps.model.interpret({
        text: inbound.text,
        context: state.context,
        rulesGuess: rules,
        today: DateTime.fromJSDate(now, { zone: tz }).toISODate()!,
        timezone: tz,
        languageHint: state.language,
      });
      if (llm && llm.confidence > rules.confidence) interpretation = llm;
    }
    // Seed: "if caregiver responds in a different language, detect and switch" — only on a confident read.
    const switchLanguage = interpretation.confidence >= 0.8 && inbound.text.trim().split(/\s+/).length >= 2;
    return { interpretation, language: switchLanguage ? interpretation.language : state.language };
  };
}
