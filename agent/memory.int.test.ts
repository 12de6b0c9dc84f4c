import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createCheckpointer } from "../db/checkpointer.js";
import { recentMessages } from "../db/repos/memory.js";
import type { Caregiver } from "../domain/types.js";
import { ANTHROPIC_FAKE_API_KEY, startAnthropicFake, type AnthropicFake, type RecordedRequest } from "../integrations/anthropic/fake/server.js";
import { createClaudeInterpreter } from "../integrations/anthropic/interpret.js";
import { createLogger } from "../lib/logger.js";
import { startToolWorld, type ToolWorld } from "../test/tool-context.js";
import type { AgentDeps } from "./deps.js";
import { buildAgentGraph, runTurn, type AgentGraph } from "./graph.js";
import { interpret } from "./interpreter/index.js";
import { LexicalEmbedder, Memory } from "./memory.js";
import { RECALL_TIMEOUT_MS } from "./nodes/interpret-message.js";
import { sendReplies } from "./nodes/send-replies.js";
import type { AgentStateType } from "./state.js";

/** The user turn of a request to the fake Messages API. */
function userTurn(req: RecordedRequest): string {
  return req.body!.messages[0]!.content as string;
}

/** The texts inside the earlier-messages block of a user turn, in order; null when there is no block. */
function earlierTexts(content: string): string[] | null {
  const block = /<earlier_messages>\n([\s\S]*?)\n<\/earlier_messages>/.exec(content);
  if (!block) return null;
  return block[1]!.split("\n").map((line) => /^<message sent="\d{4}-\d{2}-\d{2} \d{2}:\d{2}">(.*)<\/message>$/.exec(line)![1]!);
}

/** SQL statements that read conversation memory (recall), as opposed to storing a turn. */
const readsMemory = (sql: unknown) => typeof sql === "string" && /\bFROM memory_items\b/.test(sql);

/**
 * Conversation memory through the graph: every inbound and outbound message is stored under the sender's
 * person key (caregiver:<id>, phone:<number> for strangers), and recall for one person never returns
 * another's — on the vector path (PGlite + pgvector) and the full-text path (vectorMemory off; the CI
 * PostgreSQL server has no pgvector).
 */

for (const mode of ["full-text", "vector"] as const) {
  describe(`memory through the agent (${mode})`, () => {
    let w: ToolWorld;
    let graph: AgentGraph;
    let memory: Memory;
    let deps: AgentDeps;
    let a: Caregiver;
    let b: Caregiver;
    let id = 1;
    const useVector = mode === "vector";

    beforeAll(async () => {
      w = await startToolWorld({ engine: useVector ? "pglite" : "auto" });
      if (useVector) expect(w.db.vector).toBe(true);
      deps = {
        pool: w.db.pool,
        logger: w.ctx({ kind: "system" }).logger,
        clock: w.clock,
        checkpointer: await createCheckpointer(w.db),
        agency: w.agency,
        writer: w.agency,
        sender: w.ctx({ kind: "system" }).sender,
        fill: w.ctx({ kind: "system" }).fill,
        interpret,
        embedder: new LexicalEmbedder(),
        vectorMemory: useVector,
        settings: { ...w.settings, businessHours: { start: "08:00", end: "18:00", days: [1, 2, 3, 4, 5] }, llmFallbackBelow: 0.75, urgentWindowHours: 4 },
      };
      graph = buildAgentGraph(deps);
      memory = new Memory(w.db.pool, new LexicalEmbedder(), useVector);
      const en = w.ws.agency.caregivers.filter((c) => c.active && c.hired && c.language === "en");
      a = en[0]!;
      b = en[1]!;
    });
    afterAll(async () => w?.close());

    const say = (from: string, text: string) => runTurn(graph, { id: id++, channel: "sms", from, text, receivedAt: w.clock.now().toISOString() });
    async function rows(personKey: string) {
      const r = await w.db.pool.query<{ direction: string; body: string; intent: string | null; has_vec: boolean }>(
        `SELECT direction, body, intent, ${useVector ? "embedding IS NOT NULL" : "false"} AS has_vec FROM memory_items WHERE person_key = $1 ORDER BY id`,
        [personKey],
      );
      return r.rows;
    }

    it("stores each inbound message and each reply under the sender's own key", async () => {
      const sentBefore = w.sent.length;
      await say(a.phone, "Do I work tomorrow?");
      await say(a.phone, "thanks");
      await say(b.phone, "Do I work tomorrow?");
      const replyToA = w.sent.slice(sentBefore).filter((m) => m.to === a.phone).map((m) => m.text);
      expect(replyToA).toHaveLength(1);

      const mine = await rows(`caregiver:${a.id}`);
      expect(mine.map((r) => [r.direction, r.body])).toEqual([
        ["in", "Do I work tomorrow?"],
        ["out", replyToA[0]],
        ["in", "thanks"], // nothing actionable: no reply, but the message is remembered
      ]);
      expect(mine[0]!.intent).toBe("schedule_query");
      expect(mine.every((r) => r.has_vec === useVector)).toBe(true);
      expect((await rows(`caregiver:${b.id}`)).map((r) => r.direction)).toEqual(["in", "out"]);

      const stranger = "+13125550177";
      await say(stranger, "hi who is this");
      expect((await rows(`phone:${stranger}`)).map((r) => r.direction)).toEqual(["in", "out"]);
    });

    it("send_replies stores the whole turn — the message, then every reply in order — with one INSERT", async () => {
      const c = w.ws.agency.caregivers.filter((x) => x.active && x.hired)[2]!;
      const state: AgentStateType = {
        inbound: { id: 9001, channel: "sms", from: c.phone, text: "running 20 min late", receivedAt: w.clock.now().toISOString() },
        sender: { kind: "caregiver", id: c.id, firstName: c.firstName, language: "en" },
        question: null,
        context: { kind: "none" },
        interpretation: null,
        tools: [],
        replies: [{ text: "Thanks for letting us know." }, { text: "We told the client." }, { text: "Drive safe." }],
        language: "en",
        clarifications: 0,
        outcome: "running_late.noted",
      };
      const query = vi.spyOn(w.db.pool, "query");
      try {
        await sendReplies(deps)(state);
        const memoryWrites = query.mock.calls.filter(([sql]) => typeof sql === "string" && sql.includes("INTO memory_items"));
        expect(memoryWrites).toHaveLength(1);
      } finally {
        query.mockRestore();
      }
      const mine = await rows(`caregiver:${c.id}`);
      expect(mine.map((r) => [r.direction, r.body])).toEqual([
        ["in", "running 20 min late"],
        ["out", "Thanks for letting us know."],
        ["out", "We told the client."],
        ["out", "Drive safe."],
      ]);
      expect(mine.every((r) => r.has_vec === useVector)).toBe(true);
      // The replies share one timestamp; the conversation still reads back (created_at, id) as it was said.
      expect((await recentMessages(w.db.pool, `caregiver:${c.id}`, 10)).map((m) => m.body)).toEqual(mine.map((r) => r.body));
    });

    it("recall leaves out the person's messages that are not related, rather than filling its slots with them", async () => {
      const c = w.ws.agency.caregivers.filter((x) => x.active && x.hired && x.language === "en")[2]!;
      await say(c.phone, "stuck in traffic on I-25, running late again");
      await say(c.phone, "can I get more hours next month?");
      await say(c.phone, "my daughter has a recital friday");
      const found = await memory.recall(`caregiver:${c.id}`, "running late, traffic", 3, { direction: "in" });
      expect(found.map((m) => m.body)).toEqual(["stuck in traffic on I-25, running late again"]);
    });

    it("recall for one caregiver never returns another's messages, even when theirs match better", async () => {
      await say(a.phone, "my car broke down near Aurora again");
      // b's messages share every word of the query and more.
      await say(b.phone, "car broke down Aurora, car broke down Aurora");
      await say(b.phone, "Aurora car broke down near Aurora, my car");

      const forA = await memory.recall(`caregiver:${a.id}`, "car broke down Aurora", 10);
      expect(forA.length).toBeGreaterThan(0);
      expect(forA.every((m) => m.personKey === `caregiver:${a.id}`)).toBe(true);
      expect(forA[0]!.body).toBe("my car broke down near Aurora again");

      const forB = await memory.recall(`caregiver:${b.id}`, "car broke down Aurora", 10);
      expect(forB.every((m) => m.personKey === `caregiver:${b.id}`)).toBe(true);
      expect(forB.map((m) => m.body)).not.toContain("my car broke down near Aurora again");

      // Someone with no history gets nothing, not the agency's nearest neighbours.
      expect(await memory.recall("caregiver:nobody", "car broke down Aurora", 10)).toEqual([]);
    });

    describe("recall for Claude when the rules are unsure (real SDK, fake Messages API)", () => {
      let claude: AnthropicFake;
      let claudeGraph: AgentGraph;
      let logLines: string[];
      let ca: Caregiver;
      let cb: Caregiver;
      const earlierA = "the mechanic on Colfax has my car till Thursday";
      // b's text has every word of a's and more: it would outrank a's if recall ever looked beyond the sender.
      const earlierB = "the mechanic on Colfax has my car till Thursday, Colfax mechanic, my car";
      const classify = (intent: string, entities: Record<string, unknown> = {}) => ({ kind: "tool_use" as const, input: { intent, language: "en", confidence: 0.9, entities } });

      beforeAll(async () => {
        claude = await startAnthropicFake({ apiKey: ANTHROPIC_FAKE_API_KEY });
        logLines = [];
        const logger = createLogger({ level: "debug", destination: { write: (l: string) => void logLines.push(l) } });
        const model = createClaudeInterpreter({ apiKey: ANTHROPIC_FAKE_API_KEY, baseURL: claude.url, model: "claude-sonnet-4-6", maxRetries: 0, timeoutMs: 5_000, logger });
        claudeGraph = buildAgentGraph({ ...deps, logger, model });
        const en = w.ws.agency.caregivers.filter((c) => c.active && c.hired && c.language === "en");
        [ca, cb] = [en.at(-1)!, en.at(-2)!];
        // Earlier texts, through the interpreter-only graph: stored with Coverline's replies to them.
        await say(ca.phone, earlierA);
        await say(cb.phone, earlierB);
      });
      afterAll(async () => claude?.close());

      const ask = (from: string, text: string, receivedAt = w.clock.now()) =>
        runTurn(claudeGraph, { id: id++, channel: "sms", from, text, receivedAt: receivedAt.toISOString() });

      it("sends the sender's own related earlier message in the memory block, never another caregiver's", async () => {
        claude.script([classify("other")]);
        const before = claude.requests.length;
        const s = await ask(ca.phone, "the mechanic thing again");

        expect(claude.requests.length).toBe(before + 1);
        const content = userTurn(claude.requests.at(-1)!);
        // Only what a wrote: not Coverline's reply to it, not b's message.
        expect(earlierTexts(content)).toEqual([earlierA]);
        expect(content).not.toContain(earlierB);
        expect(content).toContain(`sent="${DateTime.fromJSDate(w.clock.now(), { zone: "America/Denver" }).toFormat("yyyy-MM-dd HH:mm")}"`);
        expect(content.indexOf("</earlier_messages>")).toBeLessThan(content.indexOf("<sms>\nthe mechanic thing again\n</sms>"));
        expect(claude.requests.at(-1)!.body!.system).toContain("## Earlier messages (reference only)");
        expect(claude.requests.at(-1)!.body!.system).not.toContain("Colfax");
        expect(s.interpretation).toMatchObject({ intent: "other", source: "llm" });
      });

      it("never recalls the message being interpreted, even when a retried turn already stored it", async () => {
        const text = "Colfax mechanic again??";
        const at = new Date(w.clock.now().getTime() + 60_000);
        await memory.remember({ personKey: `caregiver:${ca.id}`, direction: "in", channel: "sms", body: text, at });
        claude.script([classify("other")]);
        await ask(ca.phone, text, at);

        const recalled = earlierTexts(userTurn(claude.requests.at(-1)!));
        expect(recalled).toContain(earlierA);
        expect(recalled).not.toContain(text);
        const aWrote = (await rows(`caregiver:${ca.id}`)).filter((r) => r.direction === "in").map((r) => r.body);
        expect(recalled!.every((t) => aWrote.includes(t))).toBe(true);
      });

      it("makes no request and no recall query when the interpreter is confident", async () => {
        const before = claude.requests.length;
        const query = vi.spyOn(w.db.pool, "query");
        try {
          const s = await ask(ca.phone, "Do I work tomorrow?");
          expect(s.interpretation).toMatchObject({ intent: "schedule_query", source: "rules" });
          expect(query.mock.calls.filter(([sql]) => readsMemory(sql))).toEqual([]);
          // The turn is still stored, with its one INSERT.
          expect(query.mock.calls.filter(([sql]) => typeof sql === "string" && sql.includes("INTO memory_items"))).toHaveLength(1);
        } finally {
          query.mockRestore();
        }
        expect(claude.requests.length).toBe(before);
      });

      it("answers through Claude without memory when the recall query fails, logging no body", async () => {
        const text = "the mechanic thing again, zircon-marker";
        const original = w.db.pool.query.bind(w.db.pool) as (sql: unknown, values?: unknown) => Promise<unknown>;
        const query = vi.spyOn(w.db.pool, "query").mockImplementation(((sql: unknown, values?: unknown) => {
          if (!readsMemory(sql)) return original(sql, values);
          // Driver errors can quote the query's values: the log must not repeat them.
          return Promise.reject(Object.assign(new Error(`syntax error at or near "${text}"`), { code: "42601" }));
        }) as never);
        const tomorrow = DateTime.fromJSDate(w.clock.now(), { zone: "America/Denver" }).plus({ days: 1 }).toISODate()!;
        claude.script([classify("schedule_query", { date: tomorrow })]);
        const sentBefore = w.sent.length;
        let s: AgentStateType;
        try {
          s = await ask(ca.phone, text);
          expect(query.mock.calls.filter(([sql]) => readsMemory(sql))).toHaveLength(1);
        } finally {
          query.mockRestore();
        }

        expect(claude.pending).toBe(0);
        const content = userTurn(claude.requests.at(-1)!);
        expect(earlierTexts(content)).toBeNull();
        expect(content).toBe(`<sms>\n${text}\n</sms>\n\nClassify the SMS above with record_interpretation.`);
        expect(s.interpretation).toMatchObject({ intent: "schedule_query", source: "llm" });
        expect(s.outcome).toMatch(/^schedule\./);
        expect(w.sent.slice(sentBefore).filter((m) => m.to === ca.phone)).toHaveLength(1);
        const failures = logLines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.event === "memory_recall");
        expect(failures).toEqual([expect.objectContaining({ ok: false, reason: "error", code: "42601", level: "warn" })]);
        for (const line of logLines) expect(line).not.toContain("zircon-marker");
      });

      it(`gives up on a recall that hangs after RECALL_TIMEOUT_MS (${RECALL_TIMEOUT_MS} ms) and asks Claude without memory`, async () => {
        const original = w.db.pool.query.bind(w.db.pool) as (sql: unknown, values?: unknown) => Promise<unknown>;
        const query = vi.spyOn(w.db.pool, "query").mockImplementation(((sql: unknown, values?: unknown) =>
          readsMemory(sql) ? new Promise(() => undefined) : original(sql, values)) as never);
        claude.script([classify("other")]);
        const before = claude.requests.length;
        const started = Date.now();
        let s: AgentStateType;
        try {
          s = await ask(ca.phone, "that mechanic thing, ugh");
        } finally {
          query.mockRestore();
        }
        expect(Date.now() - started).toBeGreaterThanOrEqual(RECALL_TIMEOUT_MS - 50);
        expect(claude.requests.length).toBe(before + 1);
        expect(earlierTexts(userTurn(claude.requests.at(-1)!))).toBeNull();
        expect(s.interpretation).toMatchObject({ source: "llm" });
        const timeouts = logLines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.event === "memory_recall" && l.reason === "timeout");
        expect(timeouts).toHaveLength(1);
      });
    });
  });
}
