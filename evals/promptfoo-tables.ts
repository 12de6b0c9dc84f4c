/**
 * The accuracy tables of a promptfoo run, from its JSON output (what evals/README.md quotes):
 *   npx tsx evals/promptfoo-tables.ts evals/out/results.json
 * promptfoo's own summary has the named metrics (`intent/<name>`, `lang/<code>`); this adds intent accuracy
 * per language and the misses, with the same scorer.
 */
import { readFileSync } from "node:fs";
import { formatGraphReport, summarize, type GraphConversationResult, type GraphMessageResult } from "./graph-report.js";
import type { TurnOutput } from "./graph-runner.js";
import { ConversationCase, MessageCase } from "./interpreter-report.js";

interface PromptfooRow {
  vars: Record<string, string>;
  response?: { output?: string };
}

const file = process.argv[2] ?? new URL("./out/results.json", import.meta.url).pathname;
const rows = (JSON.parse(readFileSync(file, "utf8")) as { results: { results: PromptfooRow[] } }).results.results;
const messages: GraphMessageResult[] = [];
const conversations: GraphConversationResult[] = [];
for (const row of rows) {
  if (!row.response?.output) continue; // a provider error: promptfoo reports it itself
  if (row.vars.conversation) {
    conversations.push({ c: ConversationCase.parse(JSON.parse(row.vars.conversation)), got: (JSON.parse(row.response.output) as { turns: TurnOutput[] }).turns });
  } else if (row.vars.case) {
    messages.push({ c: MessageCase.parse(JSON.parse(row.vars.case)), got: JSON.parse(row.response.output) as TurnOutput });
  }
}
console.log(`${file}: ${rows.length} tests`);
console.log(formatGraphReport(summarize(messages, conversations)));
