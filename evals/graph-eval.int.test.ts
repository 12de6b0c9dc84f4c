import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../db/pool.js";
import { testDatabase } from "../test/db.js";
import { formatGraphReport, stratifiedSample, summarize, type GraphConversationResult, type GraphMessageResult } from "./graph-report.js";
import { startGraphEval, type GraphEvalApp } from "./graph-runner.js";
import { loadConversationCases, loadMessageCases } from "./interpreter-report.js";

/**
 * CI's guard for the promptfoo suite, without installing promptfoo: a stratified sample of the labelled
 * messages (plus every 7th bundle pick) and every conversation through the same runner the promptfoo provider uses (the real inbound path
 * and graph, interpreter only), scored by the same functions as its assertions.
 *
 * Floors are set just under what the full run measured (evals/README.md, "Through the graph": every case
 * right on 23 Nov 2026), leaving room to add a new miss as a case before fixing it. A failed turn (the inbound
 * row left `failed`) always fails.
 */
const SAMPLE = 120;

describe("graph eval (stratified sample + conversations through the real inbound path)", () => {
  let db: Database;
  let app: GraphEvalApp;
  const messages: GraphMessageResult[] = [];
  const conversations: GraphConversationResult[] = [];

  beforeAll(async () => {
    db = await testDatabase();
    // The interpreter alone, whatever the developer's environment holds: CI has no key, and floors are for it.
    app = await startGraphEval({ db, env: { ANTHROPIC_API_KEY: "" } });
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await db?.close();
  }, 60_000);

  it("runs the sample and every conversation", async () => {
    const all = loadMessageCases();
    const sample = stratifiedSample(all, SAMPLE);
    // Bundle picks ("1 and 3", "the tuesday one") are rare per stratum: add every 7th labelled selection.
    const picks = all.filter((c) => c.expect.selection && !sample.includes(c)).filter((_, i) => i % 7 === 0);
    const cases = [...sample, ...picks];
    expect(sample.length).toBeGreaterThanOrEqual(SAMPLE);
    for (const c of cases) messages.push({ c, got: await app.runMessage(c) });
    for (const c of loadConversationCases()) conversations.push({ c, got: await app.runConversation(c) });
    // Every intent and every language is represented.
    expect(new Set(cases.map((c) => c.expect.intent)).size).toBe(16);
    expect(new Set(cases.map((c) => c.expect.lang)).size).toBe(7);
    // ≈ 35 s alone on 2 cores; the margin is for CI running other test files beside it.
  }, 120_000);

  it("meets the accuracy floors", () => {
    const r = summarize(messages, conversations);
    console.log(formatGraphReport(r));
    const failed = [...messages.map((m) => m.got), ...conversations.flatMap((c) => c.got)].filter((t) => t.outcome.startsWith("failed"));
    expect(failed.map((t) => t.outcome)).toEqual([]);
    expect(r.intent.ok / r.intent.n).toBeGreaterThanOrEqual(0.99);
    expect(r.lang.ok / r.lang.n).toBeGreaterThanOrEqual(0.99);
    expect(r.selection.n).toBeGreaterThanOrEqual(10);
    expect(r.selection.ok / r.selection.n).toBeGreaterThanOrEqual(0.95);
    expect(r.turns.ok / r.turns.n).toBeGreaterThanOrEqual(0.97);
    expect(r.conversations.ok).toBeGreaterThanOrEqual(26);
  });

  it("reads a reply to a single-shift offer against that shift's hours, and answers AYUDA in Spanish", async () => {
    // The graph-level misses of the first full run: a single offer used to be stored without its hours, so
    // "I can be there by 3" to a 2-6 pm offer was an acceptance that assigned the whole shift.
    const byId = new Map(loadMessageCases().map((c) => [c.id, c]));
    const run = async (id: string) => app.runMessage(byId.get(id)!);
    for (const id of ["b-en-083", "c-en-062"]) {
      const got = await run(id);
      expect(got.intent, id).toBe("offer_partial");
      expect(got.outcome, id).not.toBe("offer.won");
    }
    expect((await run("en-187")).intent).toBe("offer_accept"); // "yes I can do 2-6": the whole shift
    expect(await run("es-033")).toMatchObject({ intent: "help", lang: "es", source: "keyword" });
  }, 60_000);

  it("drives the multi-step flows through the real workflow, not only the interpreter", () => {
    const conv = (id: string) => conversations.find((c) => c.c.id === id)!.got;
    // Call-off after hours → the agent itself opens the after-hours question → URGENT starts the fill.
    const afterHours = conv("calloff-after-hours-urgent");
    expect(afterHours.map((t) => t.outcome)).toEqual(["call_off.after_hours_queued", "urgent.fill_started"]);
    expect(afterHours[1]!.context).toMatchObject({ kind: "after_hours", origin: "system" });
    expect(afterHours[1]!.tools).toContain("record_call_off");
    // Offer → question → accept on the same offer, answered from the shift's facts, then won.
    const qa = conv("offer-question-accept");
    expect(qa.map((t) => t.outcome)).toEqual(["offer.answered", "offer.won"]);
    expect(qa[1]!.context.origin).toBe("system");
    // A bundle: "1 and 3" wins both shifts.
    const bundle = conv("multi-shift-1-and-3");
    expect(bundle[0]).toMatchObject({ intent: "offer_accept", selection: [1, 3], outcome: "offer.won" });
    // …and the caregiver hears it once the assignment is written (the durable fill.assign job).
    expect(bundle[0]!.replies.join("\n")).toMatch(/confirmed/i);
    // STOP mid-thread goes to the keyword path before the agent and is confirmed once.
    const stop = conv("stop-mid-offer");
    expect(stop[1]).toMatchObject({ intent: "opt_out", source: "keyword", outcome: "compliance.opt_out" });
    expect(stop[1]!.replies).toHaveLength(1);
  });
});
