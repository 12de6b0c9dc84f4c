/**
 * promptfoo test generator: one test per labelled message (evals/cases/messages.jsonl) and one multi-step
 * test per conversation (evals/cases/conversations.jsonl). Each test carries exact-match `javascript`
 * assertions from evals/assertions.ts under named metrics, so promptfoo's summary shows accuracy per intent
 * (`intent/<name>`) and per language (`lang/<code>`) as well as overall.
 *
 * `EVAL_SAMPLE=150` runs the stratified sample the vitest guard uses instead of every message.
 */
import { stratifiedSample } from "./graph-report.js";
import { loadConversationCases, loadMessageCases } from "./interpreter-report.js";

interface Assertion {
  type: "javascript" | "is-json";
  value?: string;
  metric?: string;
}
interface TestCase {
  description: string;
  vars: Record<string, string>;
  assert: Assertion[];
  metadata: Record<string, string>;
}

const check = (fn: string, metric: string): Assertion => ({ type: "javascript", value: `file://assertions.ts:${fn}`, metric });

export default function generateTests(): TestCase[] {
  const all = loadMessageCases();
  const sample = Number(process.env.EVAL_SAMPLE ?? "0");
  const cases = sample > 0 ? stratifiedSample(all, sample) : all;
  const tests: TestCase[] = cases.map((c) => ({
    description: `${c.id} [${c.context.kind}] ${c.text}`.slice(0, 160),
    vars: { text: c.text, case: JSON.stringify(c) },
    metadata: { kind: "message", id: c.id, intent: c.expect.intent, lang: c.expect.lang },
    assert: [
      { type: "is-json" },
      check("intent", "intent"),
      check("intent", `intent/${c.expect.intent}`),
      check("language", "language"),
      check("language", `lang/${c.expect.lang}`),
      ...(c.expect.selection ? [check("selection", "selection")] : []),
    ],
  }));
  for (const conv of loadConversationCases()) {
    tests.push({
      description: `conversation ${conv.id}: ${conv.description}`,
      vars: { text: conv.turns.map((t) => t.text).join(" ⏎ "), conversation: JSON.stringify(conv) },
      metadata: { kind: "conversation", id: conv.id },
      assert: [{ type: "is-json" }, check("conversation", "conversation")],
    });
  }
  return tests;
}
