import { z } from "zod";
import type Anthropic from "@anthropic-ai/sdk";
import { Intent, Interpretation } from "../../domain/intents.js";
import { Language } from "../../domain/types.js";

/** The one tool the interpreter forces; logs and evals key on this name, so it is stable. */
export const INTERPRETATION_TOOL_NAME = "record_interpretation";

/**
 * What the model may fill in: an `Interpretation` without `source` (we set that, the model does not).
 * The enums are the domain's own, so the tool schema cannot drift from `Intent` or `Language`; `.extend`
 * only adds the descriptions the model reads.
 */
export const ModelInterpretation = Interpretation.omit({ source: true }).extend({
  intent: Intent.describe("The single best intent for the whole message; see the intent list in the instructions"),
  language: Language.describe("ISO 639-1 code of the language the message is written in"),
  confidence: Interpretation.shape.confidence.describe("Probability (0-1) that the intent is right"),
  entities: Interpretation.shape.entities.describe("Only what the message states; omit every field it does not"),
});
export type ModelInterpretation = z.infer<typeof ModelInterpretation>;

/** JSON Schema of `ModelInterpretation`, shaped as the Messages API's `input_schema` (an object schema). */
function toInputSchema(schema: z.ZodType): Anthropic.Tool.InputSchema {
  // `$schema` names the dialect and constrains nothing; the API documents draft 2020-12 anyway.
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema) as Record<string, unknown>;
  return { ...rest, type: "object" };
}

/** The forced tool: its only job is to carry a schema-bound classification back to us. */
export const INTERPRETATION_TOOL: Anthropic.Tool = {
  name: INTERPRETATION_TOOL_NAME,
  description:
    "Record the classification of one caregiver SMS: intent, language, confidence and the entities it states. " +
    "Call it exactly once. It takes no action and returns nothing to the sender.",
  input_schema: toInputSchema(ModelInterpretation),
};
