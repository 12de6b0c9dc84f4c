/**
 * Anthropic integration: the Claude fallback interpreter (one forced tool call per message, validated with
 * zod) and its prompt and tool schema. The fake Messages API in `./fake/` is for dev and tests only.
 */
export {
  createClaudeInterpreter,
  DEFAULT_MAX_RETRIES,
  DEFAULT_TIMEOUT_MS,
  MAX_OUTPUT_TOKENS,
  UNRESOLVED_SELECTION_CONFIDENCE,
  type ClaudeInterpreter,
  type ClaudeInterpreterOptions,
  type InterpretArgs,
} from "./interpret.js";
export { INTERPRETATION_TOOL, INTERPRETATION_TOOL_NAME, ModelInterpretation } from "./schema.js";
export {
  MAX_EARLIER_MESSAGE_CHARS,
  MAX_EARLIER_MESSAGES,
  renderInterpreterSystemPrompt,
  renderInterpreterUserMessage,
  type EarlierMessage,
  type SystemPromptArgs,
} from "./prompt.js";
export { constrainSelection } from "./selection.js";
