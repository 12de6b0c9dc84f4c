import Anthropic, { APIConnectionError, APIConnectionTimeoutError, APIError } from "@anthropic-ai/sdk";
import { Interpretation, MIN_ACTIONABLE_CONFIDENCE, type ConversationContext } from "../../domain/intents.js";
import type { Language } from "../../domain/types.js";
import { silentLogger, type Logger } from "../../lib/logger.js";
import { MAX_EARLIER_MESSAGES, renderInterpreterSystemPrompt, renderInterpreterUserMessage, type EarlierMessage } from "./prompt.js";
import { INTERPRETATION_TOOL, INTERPRETATION_TOOL_NAME, ModelInterpretation } from "./schema.js";
import { constrainSelection } from "./selection.js";

/** The tool input is ~100 tokens; the cap bounds cost and latency if the model rambles. */
export const MAX_OUTPUT_TOKENS = 400;
/** An SMS reply waits on this call; past a few seconds the rules' answer is the better deal. */
export const DEFAULT_TIMEOUT_MS = 8_000;
/** One retry rides out a single 429/529/5xx blip without doubling the worst-case wait twice over. */
export const DEFAULT_MAX_RETRIES = 1;
/**
 * Confidence given to an answer whose option numbers were not all on offer: below
 * MIN_ACTIONABLE_CONFIDENCE, so the person is asked which shift they meant instead of one being assumed.
 */
export const UNRESOLVED_SELECTION_CONFIDENCE = Math.min(0.5, MIN_ACTIONABLE_CONFIDENCE);

const DEFAULT_BASE_URL = "https://api.anthropic.com";

/** Construction options; `server/main.ts` fills them from config. */
export interface ClaudeInterpreterOptions {
  apiKey: string;
  /** The API's origin; a local fake in tests. Passed explicitly so the SDK never falls back to ANTHROPIC_BASE_URL. */
  baseURL?: string;
  /** Model id, chosen by the caller (config). */
  model: string;
  /** Per HTTP attempt, in ms. */
  timeoutMs?: number;
  /** SDK retries within the one `messages.create` call (429, 529, 5xx, connection errors). */
  maxRetries?: number;
  logger?: Logger;
}

/** One inbound message and what the caller already knows about it. */
export interface InterpretArgs {
  /** The caregiver's SMS body, verbatim. Sent to the model as data; never logged. */
  text: string;
  /** What Coverline last asked this person, with the option numbers it showed. */
  context: ConversationContext;
  /** The embedded interpreter's answer; the caller keeps it when this returns null. Used here for logs only. */
  rulesGuess: Interpretation;
  /** Agency-local date, YYYY-MM-DD. */
  today: string;
  /** IANA zone of the agency. */
  timezone: string;
  /** The person's profile language. */
  languageHint?: Language;
  /**
   * The same person's earlier messages related to this one (recalled memory), sent as delimited reference
   * data in the user turn; at most MAX_EARLIER_MESSAGES, each cut to MAX_EARLIER_MESSAGE_CHARS. Never logged.
   */
  earlier?: readonly EarlierMessage[];
}

/** Understands one message with Claude, or returns null so the caller keeps the rules' interpretation. */
export interface ClaudeInterpreter {
  interpret(args: InterpretArgs): Promise<Interpretation | null>;
}

/** Why a call produced no interpretation; logged, never thrown. */
type Failure =
  | { reason: "timeout" | "connection" | "unexpected"; errorName?: string }
  | { reason: "api_error"; status: number | undefined; errorType: string | null; requestId: string | null | undefined }
  | { reason: "no_tool_use"; stopReason: string | null }
  | { reason: "invalid_tool_input"; stopReason: string | null; issues: { path: string; code: string }[] };

/** Error messages can quote request content; only the class, status and type go to the log. */
function describeError(err: unknown): Failure {
  if (err instanceof APIConnectionTimeoutError) return { reason: "timeout" };
  if (err instanceof APIConnectionError) return { reason: "connection" };
  if (err instanceof APIError) return { reason: "api_error", status: err.status, errorType: err.type, requestId: err.requestID };
  return { reason: "unexpected", errorName: err instanceof Error ? err.name : typeof err };
}

/** The first `record_interpretation` call in the reply, validated; anything else is a failure. */
function readToolOutput(message: Anthropic.Message): { ok: true; value: ModelInterpretation } | { ok: false; failure: Failure } {
  const block = message.content.find((b) => b.type === "tool_use" && b.name === INTERPRETATION_TOOL_NAME);
  if (!block || block.type !== "tool_use") return { ok: false, failure: { reason: "no_tool_use", stopReason: message.stop_reason } };
  const parsed = ModelInterpretation.safeParse(block.input);
  if (!parsed.success) {
    // Paths and codes only: the offending values are model output and may echo the caregiver's text.
    const issues = parsed.error.issues.slice(0, 5).map((i) => ({ path: i.path.join("."), code: i.code }));
    return { ok: false, failure: { reason: "invalid_tool_input", stopReason: message.stop_reason, issues } };
  }
  return { ok: true, value: parsed.data };
}

/**
 * Creates the Claude fallback interpreter. Each `interpret` makes at most one `messages.create` call with a
 * forced `record_interpretation` tool call, validates the tool input with zod, and returns an
 * `Interpretation` with `source: "llm"` — or null on any API error, timeout, missing or invalid tool call.
 * It never throws, and never logs the message text.
 */
export function createClaudeInterpreter(opts: ClaudeInterpreterOptions): ClaudeInterpreter {
  const log = opts.logger ?? silentLogger;
  const client = new Anthropic({
    apiKey: opts.apiKey,
    baseURL: opts.baseURL ?? DEFAULT_BASE_URL,
    timeout: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxRetries: opts.maxRetries ?? DEFAULT_MAX_RETRIES,
    // Pinned so ANTHROPIC_LOG=debug cannot make the SDK print request bodies (SMS text) to the console, and
    // its messages go to our redacting logger without the SDK's extra arguments.
    logLevel: "warn",
    logger: {
      error: (msg: string) => log.error({ event: "anthropic_sdk" }, msg),
      warn: (msg: string) => log.warn({ event: "anthropic_sdk" }, msg),
      info: (msg: string) => log.info({ event: "anthropic_sdk" }, msg),
      debug: (msg: string) => log.debug({ event: "anthropic_sdk" }, msg),
    },
    // Spans (if the app registers a tracer) carry timings and token counts, never the SMS text.
    openTelemetry: { traces: { contentMode: "metadata_only" } },
  });

  async function interpret(args: InterpretArgs): Promise<Interpretation | null> {
    const started = performance.now();
    const base = {
      event: "llm_interpretation",
      model: opts.model,
      rulesIntent: args.rulesGuess.intent,
      contextKind: args.context.kind,
      earlierMessages: Math.min(args.earlier?.length ?? 0, MAX_EARLIER_MESSAGES),
    };
    const latency = () => Math.round(performance.now() - started);

    let message: Anthropic.Message;
    try {
      // Note: no `temperature`. API version 2026-10-21 (SDK ≥1.0) rejects every sampling parameter with a
      // 400, even at its default; the forced tool call and the zod check are what keep the output bound.
      message = await client.messages.create({
        model: opts.model,
        max_tokens: MAX_OUTPUT_TOKENS,
        system: renderInterpreterSystemPrompt(args),
        messages: [{ role: "user", content: renderInterpreterUserMessage(args.text, args.earlier) }],
        tools: [INTERPRETATION_TOOL],
        tool_choice: { type: "tool", name: INTERPRETATION_TOOL_NAME, disable_parallel_tool_use: true },
      });
    } catch (err) {
      log.warn({ ...base, ok: false, latencyMs: latency(), ...describeError(err) }, "claude interpretation failed; keeping rules");
      return null;
    }

    try {
      const out = readToolOutput(message);
      if (!out.ok) {
        log.warn({ ...base, ok: false, latencyMs: latency(), messageId: message.id, ...out.failure }, "claude interpretation unusable; keeping rules");
        return null;
      }
      const { entities, dropped } = constrainSelection(out.value.entities, args.context);
      const confidence = dropped.length > 0 ? Math.min(out.value.confidence, UNRESOLVED_SELECTION_CONFIDENCE) : out.value.confidence;
      const result = Interpretation.parse({ ...out.value, entities, confidence, source: "llm" });
      // debug: the agent writes the one info line per turn; this adds latency and tokens when asked for.
      log.debug(
        {
          ...base,
          ok: true,
          intent: result.intent,
          language: result.language,
          confidence: result.confidence,
          agreesWithRules: result.intent === args.rulesGuess.intent,
          selectionDropped: dropped.length > 0 ? dropped : undefined,
          latencyMs: latency(),
          inputTokens: message.usage?.input_tokens,
          outputTokens: message.usage?.output_tokens,
        },
        "claude interpretation",
      );
      return result;
    } catch (err) {
      // Defensive: nothing above should throw, but the caller's contract is "null, never an exception".
      log.warn({ ...base, ok: false, latencyMs: latency(), ...describeError(err) }, "claude interpretation failed; keeping rules");
      return null;
    }
  }

  return { interpret };
}
