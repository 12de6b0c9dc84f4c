import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../test/db.js";
import type { Database } from "../pool.js";
import { EMBEDDING_DIMENSIONS, queryWords, recallSimilar, recentMessages, rememberMessage, rememberMessages, toVectorLiteral } from "./memory.js";

const at = (m: number) => new Date(Date.UTC(2026, 10, 23, 16, m));
const ana = "caregiver:ana";
const ben = "caregiver:ben";

/** A unit vector along axis `i` (plus a little of axis `j`), so nearest neighbours are obvious. */
function vec(i: number, j?: number, w = 0.1): number[] {
  const v = new Array<number>(EMBEDDING_DIMENSIONS).fill(0);
  v[i] = 1;
  if (j !== undefined) v[j] = w;
  return v;
}

describe("toVectorLiteral", () => {
  it("formats pgvector text and rejects non-finite numbers", () => {
    expect(toVectorLiteral([1, -0.5, 2e-3])).toBe("[1,-0.5,0.002]");
    expect(() => toVectorLiteral([1, Number.NaN])).toThrow(/non-finite/);
  });
});

describe("memory without vectors (both engines)", () => {
  let db: Database;
  beforeAll(async () => {
    db = await testDatabase();
    await rememberMessage(db.pool, { personKey: ana, direction: "in", channel: "sms", body: "My car broke down again, I need a ride to Aurora", intent: "other", createdAt: at(1) });
    await rememberMessage(db.pool, { personKey: ana, direction: "out", channel: "sms", body: "Sorry to hear that. We can look at shifts closer to home.", createdAt: at(2) });
    await rememberMessage(db.pool, { personKey: ana, direction: "in", channel: "sms", body: "I prefer morning shifts with Margaret", createdAt: at(3) });
    await rememberMessage(db.pool, { personKey: ben, direction: "in", channel: "sms", body: "My car is in the shop, no Aurora shifts please", createdAt: at(4) });
  });
  afterAll(async () => {
    await db?.close();
  });

  it("recentMessages: the person's last N, oldest first", async () => {
    const items = await recentMessages(db.pool, ana, 2);
    expect(items.map((i) => i.body)).toEqual(["Sorry to hear that. We can look at shifts closer to home.", "I prefer morning shifts with Margaret"]);
    expect(items[1]).toMatchObject({ personKey: ana, direction: "in", channel: "sms", intent: null, createdAt: at(3) });
  });

  it("full-text recall ranks the person's own messages by overlap and never returns someone else's", async () => {
    const r = await recallSimilar(db.pool, ana, { text: "car trouble getting to Aurora", limit: 5, useVector: false });
    expect(r.map((m) => m.body)).toEqual(["My car broke down again, I need a ride to Aurora"]);
    expect(r.every((m) => m.personKey === ana)).toBe(true);
    expect(r[0]!.score).toBeGreaterThan(0);
    const benR = await recallSimilar(db.pool, ben, { text: "car Aurora Margaret", limit: 5, useVector: false });
    expect(benR.map((m) => m.personKey)).toEqual([ben]);
  });

  it("any shared word matches (OR), more overlap ranks higher", async () => {
    const r = await recallSimilar(db.pool, ana, { text: "morning shifts near home", limit: 5, useVector: false });
    expect(r[0]!.body).toBe("I prefer morning shifts with Margaret");
    expect(r.map((m) => m.body)).toContain("Sorry to hear that. We can look at shifts closer to home.");
  });

  it("empty or punctuation-only text recalls nothing", async () => {
    expect(await recallSimilar(db.pool, ana, { text: "  ", limit: 5, useVector: false })).toEqual([]);
    expect(await recallSimilar(db.pool, ana, { text: "?!", limit: 5, useVector: false })).toEqual([]);
  });

  it("rememberMessages stores a whole turn in one INSERT, in order, even with one timestamp for all replies", async () => {
    const carl = "caregiver:carl";
    const sql: string[] = [];
    const counting = { query: (text: string, values?: unknown[]) => (sql.push(text), db.pool.query(text, values)) };
    const ids = await rememberMessages(counting, [
      { personKey: carl, direction: "in", channel: "sms", body: "running 20 min late", intent: "running_late", createdAt: at(10) },
      { personKey: carl, direction: "out", channel: "sms", body: "Thanks, we told the client.", createdAt: at(11) },
      { personKey: carl, direction: "out", channel: "sms", body: "Drive safe.", createdAt: at(11) },
    ]);
    expect(sql).toHaveLength(1);
    expect(ids).toHaveLength(3);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    const items = await recentMessages(db.pool, carl, 10);
    expect(items.map((i) => [i.id, i.direction, i.body, i.intent])).toEqual([
      [ids[0], "in", "running 20 min late", "running_late"],
      [ids[1], "out", "Thanks, we told the client.", null],
      [ids[2], "out", "Drive safe.", null],
    ]);
    expect(await rememberMessages(counting, [])).toEqual([]);
    expect(sql).toHaveLength(1);
  });

  it("a filter keeps one direction and leaves out one message (matched on body and time) before ranking", async () => {
    const text = "car Aurora home";
    const all = await recallSimilar(db.pool, ana, { text, limit: 5, useVector: false });
    expect(all.map((m) => m.direction).sort()).toEqual(["in", "out"]);
    const mine = await recallSimilar(db.pool, ana, { text, limit: 5, useVector: false, filter: { direction: "in" } });
    expect(mine.map((m) => m.body)).toEqual(["My car broke down again, I need a ride to Aurora"]);
    const current = { body: "My car broke down again, I need a ride to Aurora", createdAt: at(1) };
    expect(await recallSimilar(db.pool, ana, { text, limit: 5, useVector: false, filter: { direction: "in", excluding: current } })).toEqual([]);
    // The same words said at another time are another message, and stay.
    const other = await recallSimilar(db.pool, ana, { text, limit: 5, useVector: false, filter: { direction: "in", excluding: { ...current, createdAt: at(9) } } });
    expect(other.map((m) => m.body)).toEqual([current.body]);
  });

  it("text with tsquery syntax is treated as words, not operators", async () => {
    const r = await recallSimilar(db.pool, ana, { text: "car & !(Aurora) | 'ride':*", limit: 5, useVector: false });
    expect(r.map((m) => m.body)).toEqual(["My car broke down again, I need a ride to Aurora"]);
  });
});

// The CI PostgreSQL server has no pgvector; vector recall runs on PGlite, which ships it.
describe("memory with vectors (PGlite + pgvector)", () => {
  let db: Database;
  beforeAll(async () => {
    db = await testDatabase({ engine: "pglite" });
  });
  afterAll(async () => {
    await db?.close();
  });

  it("orders the person's memories by cosine distance, after filtering by person", async () => {
    expect(db.vector).toBe(true);
    const near = await rememberMessage(db.pool, { personKey: ana, direction: "in", channel: "sms", body: "near", createdAt: at(1), embedding: vec(0, 1, 0.1) });
    const far = await rememberMessage(db.pool, { personKey: ana, direction: "in", channel: "sms", body: "far", createdAt: at(2), embedding: vec(5) });
    const mid = await rememberMessage(db.pool, { personKey: ana, direction: "in", channel: "sms", body: "mid", createdAt: at(3), embedding: vec(0, 1, 1.5) });
    await rememberMessage(db.pool, { personKey: ana, direction: "out", channel: "sms", body: "no embedding", createdAt: at(4) });
    // Many closer vectors of other people: a global nearest-neighbour search would fill the limit with them.
    for (let k = 0; k < 60; k++) {
      await rememberMessage(db.pool, { personKey: `caregiver:other${k}`, direction: "in", channel: "sms", body: `other ${k}`, createdAt: at(5), embedding: vec(0) });
    }
    const r = await recallSimilar(db.pool, ana, { embedding: vec(0), text: "", limit: 3, useVector: true });
    expect(r.map((m) => m.id)).toEqual([near.id, mid.id, far.id]);
    expect(r.every((m) => m.personKey === ana)).toBe(true);
    expect(r[0]!.score).toBeGreaterThan(r[1]!.score);
    expect(r[2]!.score).toBeCloseTo(0, 5);
  });

  it("rememberMessages stores each row's own embedding (NULL where an item has none)", async () => {
    const dee = "caregiver:dee";
    const [a, b, c] = await rememberMessages(db.pool, [
      { personKey: dee, direction: "in", channel: "sms", body: "a", createdAt: at(1), embedding: vec(3) },
      { personKey: dee, direction: "out", channel: "sms", body: "b", createdAt: at(2) },
      { personKey: dee, direction: "out", channel: "sms", body: "c", createdAt: at(2), embedding: vec(4) },
    ]);
    const { rows } = await db.pool.query<{ id: string; body: string; has_vec: boolean }>(
      "SELECT id, body, embedding IS NOT NULL AS has_vec FROM memory_items WHERE person_key = $1 ORDER BY id",
      [dee],
    );
    expect(rows.map((r) => [Number(r.id), r.body, r.has_vec])).toEqual([
      [a, "a", true],
      [b, "b", false],
      [c, "c", true],
    ]);
    const r = await recallSimilar(db.pool, dee, { embedding: vec(4), text: "", limit: 1, useVector: true });
    expect(r.map((m) => m.body)).toEqual(["c"]);
  });

  it("the filter applies to the vector path too, inside the person's rows", async () => {
    const eve = "caregiver:eve";
    await rememberMessages(db.pool, [
      { personKey: eve, direction: "in", channel: "sms", body: "asked", createdAt: at(1), embedding: vec(6, 7, 0.5) },
      { personKey: eve, direction: "out", channel: "sms", body: "answered", createdAt: at(2), embedding: vec(6) },
      { personKey: eve, direction: "in", channel: "sms", body: "current", createdAt: at(3), embedding: vec(6) },
    ]);
    const r = await recallSimilar(db.pool, eve, { embedding: vec(6), text: "", limit: 3, useVector: true, filter: { direction: "in", excluding: { body: "current", createdAt: at(3) } } });
    expect(r.map((m) => m.body)).toEqual(["asked"]);
  });

  it("useVector false on a vector database falls back to full text", async () => {
    await rememberMessage(db.pool, { personKey: ben, direction: "in", channel: "sms", body: "flat tire on I-25", createdAt: at(1), embedding: vec(9) });
    const r = await recallSimilar(db.pool, ben, { embedding: vec(9), text: "tire", limit: 5, useVector: false });
    expect(r.map((m) => m.body)).toEqual(["flat tire on I-25"]);
  });
});

describe("queryWords", () => {
  it("keeps content words and numbers, drops stop words, short words and syntax", () => {
    expect(queryWords("Can you take the I-25 shift at 9 in Aurora? ¿Puedo ir mañana?")).toEqual(["take", "25", "shift", "aurora", "puedo", "mañana"]);
    expect(queryWords("to the & | !")).toEqual([]);
  });
});
