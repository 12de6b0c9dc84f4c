import { DateTime } from "luxon";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createCheckpointer } from "../db/checkpointer.js";
import type { Interpretation } from "../domain/intents.js";
import type { Caregiver } from "../domain/types.js";
import { ANTHROPIC_FAKE_API_KEY, startAnthropicFake, type AnthropicFake } from "../integrations/anthropic/fake/server.js";
import { createClaudeInterpreter } from "../integrations/anthropic/interpret.js";
import { startToolWorld, type ToolWorld } from "../test/tool-context.js";
import type { AgentDeps, ModelInterpreter } from "./deps.js";
import { buildAgentGraph, runTurn, type AgentGraph } from "./graph.js";
import { interpret } from "./interpreter/index.js";
import { LexicalEmbedder } from "./memory.js";
import type { AgentStateType } from "./state.js";

/**
 * The graph itself (buildAgentGraph) with a scripted ModelInterpreter, then with the real Claude client against
 * the fake Messages API: the model is asked only when the rules are below LLM_FALLBACK_BELOW, at most once per
 * message, and only a more confident answer replaces the rules'; the Postgres checkpointer keeps each sender's
 * thread (the clarification count) across turns and across a rebuilt graph (a restart).
 */

type Scripted = Interpretation | null | ((args: Parameters<ModelInterpreter["interpret"]>[0]) => Interpretation | null);

/** A model that answers from a script and records every call; an unscripted call fails the turn. */
class ScriptedModel implements ModelInterpreter {
  calls: Parameters<ModelInterpreter["interpret"]>[0][] = [];
  private queue: Scripted[] = [];
  script(...answers: Scripted[]) {
    this.queue.push(...answers);
  }
  get pending() {
    return this.queue.length;
  }
  async interpret(args: Parameters<ModelInterpreter["interpret"]>[0]) {
    this.calls.push(args);
    if (this.queue.length === 0) throw new Error(`model consulted unexpectedly for "${args.text}"`);
    const next = this.queue.shift()!;
    return typeof next === "function" ? next(args) : next;
  }
}

const llm = (intent: Interpretation["intent"], confidence: number, entities: Interpretation["entities"] = {}): Interpretation => ({ intent, language: "en", confidence, entities, source: "llm" });

let w: ToolWorld;
let checkpointer: Awaited<ReturnType<typeof createCheckpointer>>;
let nextId = 1000;
let cgs: Caregiver[];

beforeAll(async () => {
  w = await startToolWorld();
  checkpointer = await createCheckpointer(w.db);
  cgs = w.ws.agency.caregivers.filter((c) => c.active && c.hired && c.language === "en");
});
afterAll(async () => w?.close());

function deps(model?: ModelInterpreter, over: Partial<AgentDeps["settings"]> = {}): AgentDeps {
  return {
    pool: w.db.pool,
    logger: w.ctx({ kind: "system" }).logger,
    clock: w.clock,
    checkpointer,
    agency: w.agency,
    writer: w.agency,
    sender: w.ctx({ kind: "system" }).sender,
    fill: w.ctx({ kind: "system" }).fill,
    interpret,
    model,
    embedder: new LexicalEmbedder(),
    vectorMemory: false,
    settings: {
      ...w.settings,
      businessHours: { start: "08:00", end: "18:00", days: [1, 2, 3, 4, 5] },
      llmFallbackBelow: 0.75,
      urgentWindowHours: 4,
      ...over,
    },
  };
}

async function turn(graph: AgentGraph, from: string, text: string): Promise<AgentStateType> {
  return runTurn(graph, { id: nextId++, channel: "sms", from, text, receivedAt: w.clock.now().toISOString() });
}

describe("interpret_message with a scripted model", () => {
  let model: ScriptedModel;
  let graph: AgentGraph;
  beforeEach(() => {
    model = new ScriptedModel();
    graph = buildAgentGraph(deps(model));
  });

  it("does not consult the model when the rules are confident (≥ LLM_FALLBACK_BELOW)", async () => {
    const s = await turn(graph, cgs[0]!.phone, "Do I work tomorrow?");
    expect(model.calls).toHaveLength(0);
    expect(s.interpretation).toMatchObject({ intent: "schedule_query", source: "rules" });
    expect(s.tools).toContain("get_schedule");
  });

  it("consults it once when the rules are unsure, with the rules' guess and the agency-local day; a less confident answer is ignored", async () => {
    model.script(llm("call_off", 0.3));
    const s = await turn(graph, cgs[1]!.phone, "blorf zzq the thing");
    expect(model.calls).toHaveLength(1);
    const args = model.calls[0]!;
    expect(args.text).toBe("blorf zzq the thing");
    expect(args.rulesGuess).toMatchObject({ source: "rules", intent: "other" });
    expect(args.rulesGuess.confidence).toBeLessThan(0.75);
    expect(args.today).toBe(DateTime.fromJSDate(w.clock.now(), { zone: "America/Denver" }).toISODate());
    expect(args.timezone).toBe("America/Denver");
    expect(args.context).toEqual({ kind: "none" });
    expect(s.interpretation!.source).toBe("rules");
    expect(s.outcome).toBe("clarify.asked");
    expect(w.fillStarts).toHaveLength(0);
  });

  it("takes a more confident model answer in place of the rules' (and it is still routed by business rules)", async () => {
    const tomorrow = DateTime.fromJSDate(w.clock.now(), { zone: "America/Denver" }).plus({ days: 1 }).toISODate()!;
    model.script(llm("schedule_query", 0.93, { date: tomorrow }));
    const s = await turn(graph, cgs[2]!.phone, "so like what abt it");
    expect(model.calls).toHaveLength(1);
    expect(s.interpretation).toMatchObject({ intent: "schedule_query", source: "llm", entities: { date: tomorrow } });
    expect(s.tools).toContain("get_schedule");
  });

  it("keeps the rules when the model has no answer (null), still asking it only once", async () => {
    model.script(null);
    const s = await turn(graph, cgs[3]!.phone, "qqq zzz");
    expect(model.calls).toHaveLength(1);
    expect(s.interpretation!.source).toBe("rules");
    expect(s.outcome).toBe("clarify.asked");
  });

  it("a confident model answer below the actionable bar still never moves a shift", async () => {
    model.script(llm("call_off", 0.6));
    const s = await turn(graph, cgs[4]!.phone, "hmm idk maybe");
    expect(s.interpretation).toMatchObject({ source: "llm", intent: "call_off", confidence: 0.6 });
    expect(s.outcome).toBe("clarify.asked");
    expect(w.fillStarts).toHaveLength(0);
  });

  it("follows LLM_FALLBACK_BELOW: raised above the rules' confidence the model is asked, at it (strictly below) it is not", async () => {
    const high = new ScriptedModel();
    high.script(null);
    await turn(buildAgentGraph(deps(high, { llmFallbackBelow: 0.95 })), cgs[5]!.phone, "Do I work tomorrow?");
    expect(high.calls).toHaveLength(1);
    const rules = interpret("Do I work tomorrow?", { kind: "none" }, { now: w.clock.now(), timezone: "America/Denver" });
    const at = new ScriptedModel();
    // Another sender: the first turn opened a confirm_request for cgs[5], which changes how a message reads.
    await turn(buildAgentGraph(deps(at, { llmFallbackBelow: rules.confidence })), cgs[11]!.phone, "Do I work tomorrow?");
    expect(at.calls).toHaveLength(0);
  });

  it("never asks the model for coordinators (Slack)", async () => {
    const coord = w.ws.agency.coordinators[0]!;
    const s = await runTurn(graph, { id: nextId++, channel: "slack", from: coord.slackUserId, text: "zzq blorf", receivedAt: w.clock.now().toISOString(), replyTarget: { channel: "C0TEST" } });
    expect(model.calls).toHaveLength(0);
    expect(s.outcome).toBe("coordinator.help");
  });
});

describe("per-sender thread state in the Postgres checkpointer", () => {
  it("counts clarifications per sender, across turns and across a rebuilt graph", async () => {
    const [x, y] = [cgs[6]!, cgs[7]!];
    const g1 = buildAgentGraph(deps());
    const x1 = await turn(g1, x.phone, "blorf zzq");
    expect(x1.outcome).toBe("clarify.asked");
    expect(x1.clarifications).toBe(1);
    // Another sender's thread is separate: their first unclear message is clarified too.
    const y1 = await turn(g1, y.phone, "blorf zzq");
    expect(y1.outcome).toBe("clarify.asked");
    expect(y1.clarifications).toBe(1);

    // A restart: a new graph over the same checkpointer continues x's thread.
    const g2 = buildAgentGraph(deps());
    const x2 = await turn(g2, x.phone, "purple banana");
    expect(x2.outcome).toBe("handoff.coordinator");
    expect(x2.clarifications).toBe(0);
    const x3 = await turn(g2, x.phone, "zzz qqq");
    expect(x3.outcome).toBe("clarify.asked");

    // Per-turn fields do not leak from one turn into the next.
    const x4 = await turn(g2, x.phone, "Do I work tomorrow?");
    expect(x4.tools[0]).toBe("identify_sender");
    expect(x4.tools).not.toContain("notify_coordinator");
    expect(x4.clarifications).toBe(0);

    const saved = await checkpointer.getTuple({ configurable: { thread_id: `phone:${y.phone}` } });
    expect((saved?.checkpoint.channel_values as { clarifications?: number }).clarifications).toBe(1);
  });
});

describe("interpret_message with the real Claude client (fake Messages API)", () => {
  let claude: AnthropicFake;
  let graph: AgentGraph;
  beforeAll(async () => {
    claude = await startAnthropicFake({ apiKey: ANTHROPIC_FAKE_API_KEY });
    graph = buildAgentGraph(deps(createClaudeInterpreter({ apiKey: ANTHROPIC_FAKE_API_KEY, baseURL: claude.url, model: "claude-sonnet-5-5", maxRetries: 0, timeoutMs: 5_000 })));
  });
  afterAll(async () => claude?.close());

  it("sends one request for an unsure message and uses its validated tool answer; none for a confident one", async () => {
    claude.script([{ kind: "tool_use", input: { intent: "running_late", language: "en", confidence: 0.9, entities: { etaMinutes: 10 } } }]);
    const s = await turn(graph, cgs[8]!.phone, "uhh the thing w/ the stuff");
    expect(claude.requests).toHaveLength(1);
    expect(claude.requests[0]!.body!.tool_choice).toMatchObject({ type: "tool", name: "record_interpretation" });
    expect(claude.pending).toBe(0);
    expect(s.interpretation).toMatchObject({ intent: "running_late", source: "llm", entities: { etaMinutes: 10 } });

    await turn(graph, cgs[8]!.phone, "Do I work tomorrow?");
    expect(claude.requests).toHaveLength(1);
  });

  it("falls back to the rules on an API error or an out-of-schema answer, with one request per message", async () => {
    const before = claude.requests.length;
    claude.script([{ kind: "error", status: 529 }, { kind: "tool_use", input: { intent: "launch_missiles", language: "en", confidence: 0.99, entities: {} } }]);
    const a = await turn(graph, cgs[9]!.phone, "blorf zzq");
    const b = await turn(graph, cgs[10]!.phone, "blorf zzq");
    expect(claude.requests.length - before).toBe(2);
    expect(a.interpretation!.source).toBe("rules");
    expect(b.interpretation!.source).toBe("rules");
    expect(b.outcome).toBe("clarify.asked");
    expect(claude.pending).toBe(0);
  });
});
