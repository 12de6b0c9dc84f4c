/**
 * `npm run --silent classify < cases.jsonl`
 *
 * Reads JSON lines `{"id","text","context":{"kind","options"?},"languageHint"?}` from stdin and prints one
 * line per input: `{"id","intent","lang","selection"?,"confidence"}`, or `{"id","error"}` for a line that
 * is not valid (the run continues). Blank lines are not inputs and print nothing. Uses the embedded rules
 * interpreter only (no server, no model), the system clock, and AGENCY_TIMEZONE (default America/Denver).
 * Exit code 0 unless stdin cannot be read.
 */
import { createInterface } from "node:readline";
import { z } from "zod";
import { ConversationContext } from "../domain/intents.js";
import { Language } from "../domain/types.js";
import { interpret } from "../agent/interpreter/index.js";
import { ianaTimezone } from "../config/env.js";

const Env = z.object({ AGENCY_TIMEZONE: ianaTimezone.default("America/Denver") });

const InputLine = z.object({
  id: z.union([z.string().max(200), z.number()]),
  text: z.string().max(2000),
  // An omitted context means nothing was asked, which is also what the agent assumes.
  context: ConversationContext.default({ kind: "none" }),
  languageHint: Language.optional(),
});

/** The id of a line that failed validation, if one can be read at all. */
function idOf(value: unknown): string | number | null {
  if (value && typeof value === "object" && "id" in value) {
    const id = (value as { id: unknown }).id;
    if (typeof id === "string" || typeof id === "number") return id;
  }
  return null;
}

function describe(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join(".") || "(line)"}: ${i.message}`).join("; ");
}

/** Classifies one input line into one output line (never throws). */
function classifyLine(line: string, timezone: string): string {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch (e) {
    return JSON.stringify({ id: null, error: `invalid JSON: ${(e as Error).message}` });
  }
  const parsed = InputLine.safeParse(raw);
  if (!parsed.success) return JSON.stringify({ id: idOf(raw), error: describe(parsed.error) });
  const { id, text, context, languageHint } = parsed.data;
  try {
    const r = interpret(text, context, { now: new Date(), timezone, languageHint });
    return JSON.stringify({
      id,
      intent: r.intent,
      lang: r.language,
      ...(r.entities.selection ? { selection: r.entities.selection } : {}),
      confidence: r.confidence,
    });
  } catch (e) {
    return JSON.stringify({ id, error: `interpreter failed: ${(e as Error).message}` });
  }
}

function main(): void {
  const env = Env.safeParse(process.env);
  if (!env.success) {
    process.stderr.write(`classify: ${describe(env.error)}\n`);
    process.exit(2);
  }
  const timezone = env.data.AGENCY_TIMEZONE;
  process.stdin.on("error", (e) => {
    process.stderr.write(`classify: cannot read stdin: ${e.message}\n`);
    process.exit(1);
  });
  // A reader that closes the pipe early (`| head`) is not an error.
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(0);
    throw e;
  });
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  lines.on("line", (line) => {
    if (line.trim() === "") return;
    process.stdout.write(classifyLine(line, timezone) + "\n");
  });
}

main();
