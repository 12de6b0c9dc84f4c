/**
 * Deterministic scorers for the promptfoo suite (`javascript` assertions, `file://assertions.ts:<name>`):
 * exact match of the graph's output against the case's labels. No model grades anything.
 */
import { scoreTurn } from "./graph-report.js";
import type { TurnOutput } from "./graph-runner.js";

interface AssertContext {
  vars: Record<string, unknown>;
}
interface GradingResult {
  pass: boolean;
  score: number;
  reason: string;
}

interface Expect {
  intent: string;
  lang: string;
  selection?: number[];
}

const result = (pass: boolean, reason: string): GradingResult => ({ pass, score: pass ? 1 : 0, reason });
const expectOf = (ctx: AssertContext): Expect => (JSON.parse(String(ctx.vars.case)) as { expect: Expect }).expect;

export function intent(output: string, ctx: AssertContext): GradingResult {
  const got = JSON.parse(output) as TurnOutput;
  const want = expectOf(ctx);
  return result(scoreTurn(got, want).intent, `intent: expected ${want.intent}, got ${got.intent} (${got.outcome})`);
}

export function language(output: string, ctx: AssertContext): GradingResult {
  const got = JSON.parse(output) as TurnOutput;
  const want = expectOf(ctx);
  return result(scoreTurn(got, want).lang, `language: expected ${want.lang}, got ${got.lang}`);
}

export function selection(output: string, ctx: AssertContext): GradingResult {
  const got = JSON.parse(output) as TurnOutput;
  const want = expectOf(ctx);
  return result(scoreTurn(got, want).selection, `selection: expected ${JSON.stringify(want.selection)}, got ${JSON.stringify(got.selection)}`);
}

/** Every turn of a script: intent, and the selection / availability direction where the script labels them. */
export function conversation(output: string, ctx: AssertContext): GradingResult {
  const { turns } = JSON.parse(output) as { turns: TurnOutput[] };
  const script = JSON.parse(String(ctx.vars.conversation)) as { turns: { text: string; expect: { intent: string; selection?: number[]; availability?: string } }[] };
  const wrong: string[] = [];
  script.turns.forEach((t, k) => {
    const got = turns[k];
    if (!got) {
      wrong.push(`turn ${k + 1}: no output`);
      return;
    }
    const s = scoreTurn(got, t.expect);
    if (!s.intent || !s.selection || !s.availability) {
      wrong.push(`turn ${k + 1} ${JSON.stringify(t.text)}: expected ${t.expect.intent}, got ${got.intent} (${got.outcome}, context ${got.context.kind}/${got.context.origin})`);
    }
  });
  return result(wrong.length === 0, wrong.length === 0 ? `${script.turns.length} turns right` : wrong.join("; "));
}
