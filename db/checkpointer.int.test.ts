import { Annotation, END, MemorySaver, START, StateGraph, type BaseCheckpointSaver } from "@langchain/langgraph";
import { emptyCheckpoint, uuid6, type Checkpoint, type CheckpointMetadata } from "@langchain/langgraph-checkpoint";
import { afterEach, describe, expect, it } from "vitest";
import { testDatabase } from "../test/db.js";
import { createCheckpointer, LatestCheckpointSaver } from "./checkpointer.js";
import type { Database, Queryable } from "./pool.js";

/**
 * The agent's checkpoint saver on the database this run targets (PGlite, or the server when DATABASE_URL is
 * set): one row per (thread, namespace) holding the latest checkpoint and its pending writes, and a turn
 * costs one SELECT and one UPSERT.
 */

let db: Database | undefined;
afterEach(async () => {
  await db?.close();
  db = undefined;
});

async function open(): Promise<{ db: Database; saver: LatestCheckpointSaver }> {
  db = await testDatabase();
  return { db, saver: createCheckpointer(db) };
}

/** A Queryable that records the first word of every statement it runs. */
function counting(q: Queryable): Queryable & { statements: string[] } {
  const statements: string[] = [];
  return {
    statements,
    query: (text, values) => {
      statements.push(text.trim().split(/\s+/)[0]!.toUpperCase());
      return q.query(text, values);
    },
  };
}

function checkpoint(values: Record<string, unknown>): Checkpoint {
  const cp = emptyCheckpoint();
  cp.id = uuid6(-1);
  cp.channel_values = values;
  cp.channel_versions = Object.fromEntries(Object.keys(values).map((k) => [k, 1]));
  return cp;
}

const meta = (step: number): CheckpointMetadata => ({ source: "loop", step, parents: {} });
const thread = (thread_id: string, checkpoint_ns = "") => ({ configurable: { thread_id, checkpoint_ns } });

async function rowCount(d: Database, threadId: string): Promise<number> {
  const { rows } = await d.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM agent_checkpoints WHERE thread_id = $1", [threadId]);
  return rows[0]!.n;
}

describe("LatestCheckpointSaver", () => {
  it("round-trips a checkpoint, its metadata and its config", async () => {
    const { saver } = await open();
    const cp = checkpoint({ language: "es", clarifications: 1, sender: { kind: "caregiver", id: "cg-1" }, note: "línea\u0000nula" });
    const metadata = { ...meta(3), lc_agent_name: "coverline" };
    const saved = await saver.put(thread("phone:+15550001"), cp, metadata, {});
    expect(saved).toEqual({ configurable: { thread_id: "phone:+15550001", checkpoint_ns: "", checkpoint_id: cp.id } });

    const tuple = await saver.getTuple(thread("phone:+15550001"));
    expect(tuple?.checkpoint).toEqual(cp);
    expect(tuple?.metadata).toEqual(metadata);
    expect(tuple?.config).toEqual(saved);
    expect(tuple?.parentConfig).toBeUndefined();
    expect(tuple?.pendingWrites).toEqual([]);
    // By id: the stored one is found, any other is not (no history is kept).
    expect((await saver.getTuple(saved))?.checkpoint.id).toBe(cp.id);
    expect(await saver.getTuple({ configurable: { ...saved.configurable, checkpoint_id: uuid6(-1) } })).toBeUndefined();
    expect(await saver.getTuple(thread("phone:+15550002"))).toBeUndefined();
  });

  it("replaces the thread's checkpoint on the next put, in one row, recording the parent", async () => {
    const { db, saver } = await open();
    const first = await saver.put(thread("t"), checkpoint({ n: 1 }), meta(1), {});
    const second = checkpoint({ n: 2 });
    await saver.put(first, second, meta(2), {});

    expect(await rowCount(db, "t")).toBe(1);
    const tuple = await saver.getTuple(thread("t"));
    expect(tuple?.checkpoint.channel_values).toEqual({ n: 2 });
    expect(tuple?.parentConfig).toEqual(first);
    expect(await saver.getTuple(first)).toBeUndefined();
    const listed = [];
    for await (const t of saver.list({ configurable: { thread_id: "t" } })) listed.push(t.checkpoint.id);
    expect(listed).toEqual([second.id]);
  });

  it("never rolls a thread back to an older checkpoint (latest = greatest id, as in LangGraph's savers)", async () => {
    const { saver } = await open();
    const older = checkpoint({ n: 1 });
    const newer = checkpoint({ n: 2 });
    await saver.put(thread("t"), newer, meta(2), {});
    await saver.put(thread("t"), older, meta(1), {});
    expect((await saver.getTuple(thread("t")))?.checkpoint.id).toBe(newer.id);
  });

  it("returns pending writes of the current checkpoint in LangGraph's order, and drops them on the next put", async () => {
    const { saver } = await open();
    const at = await saver.put(thread("t"), checkpoint({ n: 1 }), meta(1), {});
    await saver.putWrites(at, [["n", 5], ["note", { a: 1 }]], "task-b", "~1");
    await saver.putWrites(at, [["n", 7]], "task-a", "~2");
    await saver.putWrites(at, [["__error__", { message: "first" }]], "task-c", "~3");
    // A retried task's ordinary write keeps the first value; an error (special write) is replaced.
    await saver.putWrites(at, [["n", 99]], "task-a", "~2");
    await saver.putWrites(at, [["__error__", { message: "second" }]], "task-c", "~3");

    // Ordered by (task path, task id, index), the order live execution applies them in.
    expect((await saver.getTuple(thread("t")))?.pendingWrites).toEqual([
      ["task-b", "n", 5],
      ["task-b", "note", { a: 1 }],
      ["task-a", "n", 7],
      ["task-c", "__error__", { message: "second" }],
    ]);

    const next = await saver.put(at, checkpoint({ n: 2 }), meta(2), {});
    expect((await saver.getTuple(thread("t")))?.pendingWrites).toEqual([]);
    // Late writes for the replaced checkpoint are stale and ignored.
    await saver.putWrites(at, [["n", 1]], "task-late");
    expect((await saver.getTuple(next))?.pendingWrites).toEqual([]);
  });

  it("keeps writes that arrive before the put of their checkpoint (LangGraph doesn't wait for it after a failure)", async () => {
    const { saver } = await open();
    const first = await saver.put(thread("t"), checkpoint({ n: 1 }), meta(1), {});
    const second = checkpoint({ n: 2 });
    await saver.putWrites({ configurable: { ...first.configurable, checkpoint_id: second.id } }, [["__error__", { message: "boom" }]], "task-x");
    // The writes are not the stored checkpoint's yet.
    expect((await saver.getTuple(thread("t")))?.pendingWrites).toEqual([]);
    await saver.put(first, second, meta(2), {});
    expect((await saver.getTuple(thread("t")))?.pendingWrites).toEqual([["task-x", "__error__", { message: "boom" }]]);

    // Also on a thread's very first checkpoint, when there is no row yet.
    const cp = checkpoint({ n: 1 });
    await saver.putWrites({ configurable: { thread_id: "new", checkpoint_ns: "", checkpoint_id: cp.id } }, [["n", 3]], "task-y");
    expect(await saver.getTuple(thread("new"))).toBeUndefined();
    await saver.put(thread("new"), cp, meta(1), {});
    expect((await saver.getTuple(thread("new")))?.pendingWrites).toEqual([["task-y", "n", 3]]);
  });

  it("keeps threads and namespaces apart, and deletes a whole thread", async () => {
    const { db, saver } = await open();
    await saver.put(thread("a"), checkpoint({ who: "a" }), meta(1), {});
    await saver.put(thread("a", "sub:1"), checkpoint({ who: "a/sub" }), meta(1), {});
    await saver.put(thread("b"), checkpoint({ who: "b" }), meta(1), {});

    expect((await saver.getTuple(thread("a")))?.checkpoint.channel_values).toEqual({ who: "a" });
    expect((await saver.getTuple(thread("a", "sub:1")))?.checkpoint.channel_values).toEqual({ who: "a/sub" });
    expect((await saver.getTuple(thread("b")))?.checkpoint.channel_values).toEqual({ who: "b" });
    const listed: string[] = [];
    for await (const t of saver.list({ configurable: { thread_id: "a" } })) listed.push(t.config.configurable!.checkpoint_ns as string);
    expect(listed.sort()).toEqual(["", "sub:1"]);
    const all: unknown[] = [];
    for await (const t of saver.list({}, { limit: 2 })) all.push(t);
    expect(all).toHaveLength(2);

    await saver.deleteThread("a");
    expect(await rowCount(db, "a")).toBe(0);
    expect(await saver.getTuple(thread("a", "sub:1"))).toBeUndefined();
    expect((await saver.getTuple(thread("b")))?.checkpoint.channel_values).toEqual({ who: "b" });
  });

  it("resumes a thread from a new saver instance on the same database (a restart)", async () => {
    const { db, saver } = await open();
    const cp = checkpoint({ clarifications: 1, language: "es" });
    await saver.put(thread("phone:+15550001"), cp, meta(4), {});
    const restarted = createCheckpointer(db);
    const tuple = await restarted.getTuple(thread("phone:+15550001"));
    expect(tuple?.checkpoint).toEqual(cp);
    expect(tuple?.metadata).toEqual(meta(4));
  });
});

const Counter = Annotation.Root({
  /** Summed across turns by its reducer, so it shows the previous turns' state was loaded. */
  count: Annotation<number>({ reducer: (a, b) => a + b, default: () => 0 }),
  /** Appended across turns. */
  seen: Annotation<string[]>({ reducer: (a, b) => a.concat(b), default: () => [] }),
  /** This turn's input. */
  text: Annotation<string>(),
});

/** a and c in parallel, then b; b throws once on "fail" so a failed run leaves pending writes. */
function counterGraph(saver: BaseCheckpointSaver, failures = { left: 0 }) {
  return new StateGraph(Counter)
    .addNode("a", (s) => ({ count: 1, seen: [`a:${s.text}`] }))
    .addNode("c", (s) => ({ seen: [`c:${s.text}`] }))
    .addNode("b", (s) => {
      if (s.text === "fail" && failures.left-- > 0) throw new Error("b failed");
      return { count: 10, seen: [`b:${s.text}`] };
    })
    .addEdge(START, "a")
    .addEdge(START, "c")
    .addEdge("a", "b")
    .addEdge("c", "b")
    .addEdge("b", END)
    .compile({ checkpointer: saver });
}

describe("LatestCheckpointSaver under a LangGraph StateGraph (durability: exit, as runTurn uses)", () => {
  const run = (id: string) => ({ configurable: { thread_id: id }, durability: "exit" as const });

  it("persists reducer state across turns and a restart, one SELECT and one UPSERT per turn", async () => {
    const { db } = await open();
    const q = counting(db.pool);
    const graph = counterGraph(new LatestCheckpointSaver(q));

    const counts: number[] = [];
    for (const text of ["one", "two", "three"]) {
      q.statements.length = 0;
      counts.push((await graph.invoke({ text }, run("phone:+15550001"))).count);
      // The saver's whole cost of a turn; more statements here is a performance regression.
      expect(q.statements).toEqual(["SELECT", "INSERT"]);
    }
    expect(counts).toEqual([11, 22, 33]);
    expect(await rowCount(db, "phone:+15550001")).toBe(1);
    // Another sender's thread starts from scratch.
    expect((await graph.invoke({ text: "x" }, run("phone:+15550002"))).count).toBe(11);

    const restarted = counterGraph(createCheckpointer(db));
    const after = await restarted.invoke({ text: "four" }, run("phone:+15550001"));
    expect(after.count).toBe(44);
    expect(after.seen.filter((s) => s.startsWith("b:"))).toEqual(["b:one", "b:two", "b:three", "b:four"]);
  });

  it("stores a failed turn's progress and error like MemorySaver does, and resumes it", async () => {
    const { saver } = await open();
    const results = [];
    for (const s of [new MemorySaver(), saver]) {
      const graph = counterGraph(s, { left: 1 });
      await graph.invoke({ text: "one" }, run("t"));
      await expect(graph.invoke({ text: "fail" }, run("t"))).rejects.toThrow("b failed");
      const failed = await s.getTuple({ configurable: { thread_id: "t" } });
      const resumed = await graph.invoke(null, run("t"));
      results.push({
        failedState: failed?.checkpoint.channel_values,
        failedWrites: failed?.pendingWrites?.map(([, channel, value]) => [channel, (value as Error).message]),
        resumed,
        next: await graph.invoke({ text: "three" }, run("t")),
      });
    }
    const [memory, latest] = results;
    expect(latest!.failedWrites).toEqual([["__error__", "b failed"]]);
    expect(latest!.resumed.count).toBe(22);
    expect(latest).toEqual(memory);
  });
});
