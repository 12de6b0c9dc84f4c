/**
 * LangGraph's own cost per turn, with empty nodes, before and after agent/run-context.ts:
 *   npx tsx scripts/bench-langgraph.ts [--turns 3000]
 * A graph shaped like the agent's (4 steps: 3 conditional hops, an in-memory checkpointer, durability "exit"),
 * so what it prints is runtime overhead, not our nodes. The library path runs first because the light run
 * context, once installed, stays for the process.
 */
import os from "node:os";
import { parseArgs } from "node:util";
import { Annotation, END, MemorySaver, START, StateGraph } from "@langchain/langgraph";
import { installLightRunContext } from "../agent/run-context.js";

const { values } = parseArgs({ options: { turns: { type: "string", default: "3000" } } });
const turns = Number(values.turns);

const State = Annotation.Root({ n: Annotation<number>(), note: Annotation<string>() });

function agentShapedGraph() {
  const step = async (s: { n: number }) => ({ n: s.n + 1 });
  return new StateGraph(State)
    .addNode("load_context", step)
    .addNode("interpret_message", step)
    .addNode("act", step)
    .addNode("send_replies", step)
    .addEdge(START, "load_context")
    .addConditionalEdges("load_context", () => "interpret_message", ["interpret_message"])
    .addConditionalEdges("interpret_message", () => "act", ["act"])
    .addEdge("act", "send_replies")
    .addEdge("send_replies", END)
    .compile({ checkpointer: new MemorySaver() });
}

async function msPerTurn(): Promise<number> {
  const graph = agentShapedGraph();
  const run = (i: number) => graph.invoke({ n: 0 }, { configurable: { thread_id: `phone:${i % 50}` }, durability: "exit" });
  for (let i = 0; i < 300; i++) await run(i); // warm up the JIT
  const t0 = performance.now();
  for (let i = 0; i < turns; i++) await run(i);
  return (performance.now() - t0) / turns;
}

console.log(`LangGraph runtime per turn, empty nodes, ${turns} turns — node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}`);
console.log(`  library run context:      ${(await msPerTurn()).toFixed(2)} ms`);
installLightRunContext();
console.log(`  light run context (ours): ${(await msPerTurn()).toFixed(2)} ms`);
