import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../db/pool.js";
import { ANTHROPIC_FAKE_API_KEY, startAnthropicFake, type AnthropicFake } from "../integrations/anthropic/fake/server.js";
import { testDatabase } from "../test/db.js";
import { startGraphEval, type GraphEvalApp } from "./graph-runner.js";

/**
 * The graph eval's model path: with ANTHROPIC_API_KEY set, the runner's Coverline (compose.ts) asks Claude —
 * here the real SDK against the local Messages API fake — only when the rules are unsure, and the turn reports
 * the model's validated answer (`source: "llm"`).
 */
describe("graph eval with a key: Claude as the fallback", () => {
  let db: Database;
  let fake: AnthropicFake;
  let app: GraphEvalApp;

  beforeAll(async () => {
    fake = await startAnthropicFake({ apiKey: ANTHROPIC_FAKE_API_KEY });
    db = await testDatabase();
    app = await startGraphEval({ db, env: { ANTHROPIC_API_KEY: ANTHROPIC_FAKE_API_KEY, ANTHROPIC_BASE_URL: fake.url } });
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await db?.close();
    await fake?.close();
  }, 60_000);

  it("asks the model about an unclear message and uses its answer", async () => {
    expect(app.usesModel).toBe(true);
    fake.script([{ kind: "tool_use", input: { intent: "running_late", language: "en", confidence: 0.9, entities: { etaMinutes: 20 } } }]);
    // Unclear to the rules (other, 0.45): a late arrival only a reader of Denver traffic would see.
    const out = await app.runMessage({ id: "llm-1", text: "colfax is a parking lot rn", context: { kind: "none" } });
    expect(fake.requests).toHaveLength(1);
    expect(out).toMatchObject({ intent: "running_late", source: "llm", confidence: 0.9 });
    expect(out.tools).toContain("identify_sender");
  });

  it("does not ask when the rules are sure", async () => {
    const before = fake.requests.length;
    const out = await app.runMessage({ id: "llm-2", text: "running 10 min late, sorry", context: { kind: "none" } });
    expect(fake.requests.length).toBe(before);
    expect(out).toMatchObject({ intent: "running_late", source: "rules" });
  });
});
