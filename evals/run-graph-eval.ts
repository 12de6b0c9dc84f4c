/**
 * The graph-level eval without promptfoo: every labelled message (or `--sample N`, stratified) and every
 * conversation through the real inbound path, scored with the same functions as the promptfoo assertions.
 *
 *   npx tsx evals/run-graph-eval.ts               # all 1,226 messages + 27 conversations
 *   npx tsx evals/run-graph-eval.ts --sample 150  # the vitest guard's sample
 *
 * Prints the accuracy tables and misses; exit code 0. With ANTHROPIC_API_KEY set, Claude is the fallback.
 */
import os from "node:os";
import { parseArgs } from "node:util";
import { startGraphEval } from "./graph-runner.js";
import { formatGraphReport, stratifiedSample, summarize, type GraphConversationResult, type GraphMessageResult } from "./graph-report.js";
import { loadConversationCases, loadMessageCases } from "./interpreter-report.js";

const { values } = parseArgs({ options: { sample: { type: "string" }, "no-conversations": { type: "boolean", default: false } } });
const all = loadMessageCases();
const cases = values.sample ? stratifiedSample(all, Number(values.sample)) : all;
const convs = values["no-conversations"] ? [] : loadConversationCases();

const t0 = performance.now();
const app = await startGraphEval();
const startup = performance.now() - t0;
const messages: GraphMessageResult[] = [];
const conversations: GraphConversationResult[] = [];
try {
  for (const [k, c] of cases.entries()) {
    messages.push({ c, got: await app.runMessage(c) });
    if ((k + 1) % 200 === 0) process.stderr.write(`${k + 1}/${cases.length}\n`);
  }
  for (const c of convs) conversations.push({ c, got: await app.runConversation(c) });
} finally {
  await app.close();
}
const total = (performance.now() - t0) / 1000;
const cpu = os.cpus()[0]?.model ?? "unknown CPU";
console.log(
  `Graph eval, ${new Date().toISOString().slice(0, 10)}: node ${process.version}, ${os.cpus().length} cores (${cpu}), ${app.usesModel ? "interpreter + Claude fallback" : "interpreter only (no ANTHROPIC_API_KEY)"}; ` +
    `start-up ${(startup / 1000).toFixed(1)} s, total ${total.toFixed(1)} s.`,
);
console.log(formatGraphReport(summarize(messages, conversations)));
