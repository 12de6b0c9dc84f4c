import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createCheckpointer } from "../db/checkpointer.js";
import { recentMessages } from "../db/repos/memory.js";
import type { Caregiver } from "../domain/types.js";
import { startToolWorld, type ToolWorld } from "../test/tool-context.js";
import type { AgentDeps } from "./deps.js";
import { buildAgentGraph, runTurn, type AgentGraph } from "./graph.js";
import { interpret } from "./interpreter/index.js";
import { LexicalEmbedder, Memory } from "./memory.js";
import { sendReplies } from "./nodes/send-replies.js";
import type { AgentStateType } from "./state.js";

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
  });
}
