/**
 * promptfoo custom provider: runs each test through the real Coverline graph (evals/graph-runner.ts) and
 * answers with what the turn did, as JSON: `{intent, lang, selection, confidence, tools, outcome, replies}`
 * for a message test, `{turns: [...]}` for a conversation test. No model is needed: offline the embedded
 * interpreter answers; with ANTHROPIC_API_KEY set, the composition root adds Claude as the fallback.
 *
 * Types are declared here rather than imported from promptfoo, so the root typecheck passes without the
 * evals install (promptfoo lives only in evals/node_modules).
 */
import { startGraphEval, type GraphEvalApp } from "./graph-runner.js";
import { ConversationCase, MessageCase } from "./interpreter-report.js";

interface CallApiContext {
  vars?: Record<string, unknown>;
}
interface ProviderResponse {
  output?: string;
  error?: string;
  metadata?: Record<string, unknown>;
  latencyMs?: number;
}

let app: Promise<GraphEvalApp> | undefined;

/** The eval's single Coverline, started on first use and shared by every test (cases run one at a time). */
function shared(): Promise<GraphEvalApp> {
  app ??= startGraphEval();
  return app;
}

export default class CoverlineGraphProvider {
  constructor(private readonly options: { id?: string } = {}) {}

  id(): string {
    return this.options.id ?? "coverline-graph";
  }

  async callApi(_prompt: string, context?: CallApiContext): Promise<ProviderResponse> {
    const vars = context?.vars ?? {};
    try {
      const g = await shared();
      const started = performance.now();
      if (typeof vars.conversation === "string") {
        const conv = ConversationCase.parse(JSON.parse(vars.conversation));
        const turns = await g.runConversation(conv);
        return { output: JSON.stringify({ turns }), latencyMs: Math.round(performance.now() - started), metadata: { usesModel: g.usesModel } };
      }
      if (typeof vars.case !== "string") return { error: "test has neither vars.case nor vars.conversation" };
      const c = MessageCase.parse(JSON.parse(vars.case));
      const out = await g.runMessage(c);
      return { output: JSON.stringify(out), latencyMs: Math.round(performance.now() - started), metadata: { usesModel: g.usesModel, tools: out.tools } };
    } catch (err) {
      return { error: `graph eval failed: ${(err as Error).stack ?? String(err)}` };
    }
  }

  /** Called by promptfoo after the run (not after a run below the pass threshold; the process exits then). */
  async cleanup(): Promise<void> {
    const a = app;
    app = undefined;
    if (a) await (await a).close();
  }
}
