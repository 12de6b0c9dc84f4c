import type { Queryable } from "../pool.js";
import { toDate, toId } from "./rows.js";

/** Dimensions of memory_items.embedding (0003_memory_vector.sql). */
export const EMBEDDING_DIMENSIONS = 256;

/** One remembered message of one person. */
export interface MemoryItem {
  id: number;
  personKey: string;
  direction: "in" | "out";
  channel: string;
  body: string;
  intent: string | null;
  createdAt: Date;
}

/** A recalled memory with its relevance (cosine similarity with vectors, ts_rank without). */
export interface RecalledMemory extends MemoryItem {
  score: number;
}

const COLUMNS = "id, person_key, direction, channel, body, intent, created_at";

function memoryRow(r: Record<string, unknown>): MemoryItem {
  return {
    id: toId(r.id),
    personKey: String(r.person_key),
    direction: r.direction as "in" | "out",
    channel: String(r.channel),
    body: String(r.body),
    intent: (r.intent as string | null) ?? null,
    createdAt: toDate(r.created_at),
  };
}

/** Formats a vector as pgvector's text input `[a,b,…]`; rejects NaN/Infinity, which pgvector cannot store. */
export function toVectorLiteral(embedding: readonly number[]): string {
  for (const x of embedding) {
    if (!Number.isFinite(x)) throw new Error("embedding contains a non-finite number");
  }
  return `[${embedding.join(",")}]`;
}

/** A message to store in a person's memory. */
export interface NewMemoryItem {
  personKey: string;
  direction: "in" | "out";
  channel: string;
  body: string;
  intent?: string | null;
  createdAt: Date;
  /** Only when vector memory is on: the column exists only where pgvector is installed. */
  embedding?: readonly number[];
}

/** Columns of one stored memory row, in INSERT order. */
const INSERT_COLUMNS = ["person_key", "direction", "channel", "body", "intent", "created_at"] as const;

/** Stores one message in a person's memory (see rememberMessages). */
export async function rememberMessage(q: Queryable, item: NewMemoryItem): Promise<{ id: number }> {
  const [id] = await rememberMessages(q, [item]);
  return { id: id! };
}

/**
 * Stores several messages in one INSERT (a turn: the inbound message and its replies). Rows get ids in the
 * order of `items` — the VALUES list is inserted in order — so messages with the same timestamp still read
 * back (ORDER BY created_at, id) as they were said. Pass `embedding` only when vector memory is on; with any
 * item carrying one, the others store NULL. Returns the ids in the order of `items`.
 */
export async function rememberMessages(q: Queryable, items: readonly NewMemoryItem[]): Promise<number[]> {
  if (items.length === 0) return [];
  const withVector = items.some((i) => i.embedding !== undefined);
  const width = INSERT_COLUMNS.length + (withVector ? 1 : 0);
  const params: unknown[] = [];
  const tuples = items.map((item, row) => {
    params.push(item.personKey, item.direction, item.channel, item.body, item.intent ?? null, item.createdAt);
    if (withVector) params.push(item.embedding ? toVectorLiteral(item.embedding) : null);
    const at = (col: number) => `$${row * width + col + 1}`;
    const cells = INSERT_COLUMNS.map((_, col) => at(col));
    if (withVector) cells.push(`${at(INSERT_COLUMNS.length)}::vector`);
    return `(${cells.join(", ")})`;
  });
  const columns = [...INSERT_COLUMNS, ...(withVector ? ["embedding"] : [])].join(", ");
  const { rows } = await q.query<{ id: string }>(`INSERT INTO memory_items (${columns}) VALUES ${tuples.join(", ")} RETURNING id`, params);
  return rows.map((r) => toId(r.id)).sort((a, b) => a - b);
}

/** The person's last `limit` messages, oldest first (ready to read as a conversation). */
export async function recentMessages(q: Queryable, personKey: string, limit: number): Promise<MemoryItem[]> {
  const { rows } = await q.query(
    `SELECT * FROM (
       SELECT ${COLUMNS} FROM memory_items WHERE person_key = $1 ORDER BY created_at DESC, id DESC LIMIT $2
     ) last ORDER BY created_at, id`,
    [personKey, limit],
  );
  return rows.map(memoryRow);
}

/** Which of the person's rows recall may return (applied with the person filter, before any ranking). */
export interface RecallFilter {
  /** Only messages that went this way: "in" for what the person wrote, "out" for Coverline's replies. */
  direction?: "in" | "out";
  /**
   * One message to leave out, matched on body and time (rows carry no message id): the message being
   * interpreted, which a retried turn may already have stored.
   */
  excluding?: { body: string; createdAt: Date };
}

/** SQL conditions (each starting with AND) and their parameters, numbered from `$${first}`. */
function filterConditions(filter: RecallFilter, first: number): { sql: string; params: unknown[] } {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const next = (value: unknown) => {
    params.push(value);
    return `$${first + params.length - 1}`;
  };
  if (filter.direction) conditions.push(`AND direction = ${next(filter.direction)}`);
  if (filter.excluding) {
    conditions.push(`AND NOT (body = ${next(filter.excluding.body)} AND created_at = ${next(filter.excluding.createdAt)})`);
  }
  return { sql: conditions.join(" "), params };
}

/**
 * Recalls the person's own past messages most related to `text` (or `embedding`). Never returns another
 * person's memory: the person filter (and `filter`, see RecallFilter) is applied before any ranking.
 *
 * - `useVector` with an embedding: cosine distance (`<=>`) over the person's rows only. The rows are selected
 *   first in a MATERIALIZED CTE and searched exactly, because an HNSW index scan filters *after* finding the
 *   nearest neighbours globally and can return too few (or none) of this person's rows. Rows less alike than
 *   `minSimilarity` (cosine) are left out: the nearest of unrelated messages is still unrelated.
 * - otherwise: full-text on the stored `search` tsvector ('simple' config). The query is
 *   `plainto_tsquery('simple', words)` with its AND turned into OR — a whole SMS as an all-words query almost
 *   never matches — and `ts_rank` orders by how much overlaps. `words` are the text's content words
 *   (see queryWords): 'simple' keeps stop words, and with OR a "to" or "the" would match every message.
 */
export async function recallSimilar(
  q: Queryable,
  personKey: string,
  opts: { embedding?: readonly number[]; minSimilarity?: number; text: string; limit: number; useVector: boolean; filter?: RecallFilter },
): Promise<RecalledMemory[]> {
  if (opts.useVector && opts.embedding) {
    const extra = filterConditions(opts.filter ?? {}, 5);
    const { rows } = await q.query(
      `WITH mine AS MATERIALIZED (
         SELECT ${COLUMNS}, embedding FROM memory_items WHERE person_key = $1 AND embedding IS NOT NULL ${extra.sql}
       )
       SELECT ${COLUMNS}, 1 - (embedding <=> $2::vector) AS score
       FROM mine WHERE 1 - (embedding <=> $2::vector) >= $4
       ORDER BY embedding <=> $2::vector, created_at DESC LIMIT $3`,
      [personKey, toVectorLiteral(opts.embedding), opts.limit, opts.minSimilarity ?? -1, ...extra.params],
    );
    return rows.map((r) => ({ ...memoryRow(r), score: Number(r.score) }));
  }
  const words = queryWords(opts.text);
  if (words.length === 0) return [];
  const extra = filterConditions(opts.filter ?? {}, 4);
  const { rows } = await q.query(
    `WITH query AS (
       SELECT replace(plainto_tsquery('simple', $2)::text, ' & ', ' | ') AS t
     ), tsq AS (
       -- Cast (not to_tsquery): the lexemes are already normalised and must not be parsed again.
       SELECT CASE WHEN t = '' THEN NULL ELSE t::tsquery END AS q FROM query
     )
     SELECT ${COLUMNS}, ts_rank(search, tsq.q) AS score
     FROM memory_items, tsq
     WHERE person_key = $1 AND tsq.q IS NOT NULL AND search @@ tsq.q ${extra.sql}
     ORDER BY score DESC, created_at DESC LIMIT $3`,
    [personKey, words.join(" "), opts.limit, ...extra.params],
  );
  return rows.map((r) => ({ ...memoryRow(r), score: Number(r.score) }));
}

/**
 * Function words of the languages caregivers write in (English, Spanish). Only used to trim recall queries;
 * stored bodies keep every word.
 */
const STOP_WORDS = new Set(
  (
    "the and for are but not you your yours with from that this these those was were will would can could " +
    "have has had into about what when where which who how our out all any its " +
    "just too very also then than them they their there here been being get got " +
    "que los las del por para con una uno unos unas pero como mas más muy este esta esto ese esa eso sus ella " +
    "ellos ellas nos les sin sobre también tambien hay fue ser estoy está"
  ).split(" "),
);

/**
 * Content words of a recall query: lower-cased runs of letters/digits, at least 3 characters (2 for numbers,
 * so "25" in "I-25" counts), minus stop words, deduplicated. Plain alphanumerics also mean nothing the user
 * typed can act as tsquery syntax.
 */
export function queryWords(text: string): string[] {
  const words = text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => (/^\p{N}+$/u.test(w) ? w.length >= 2 : w.length >= 3) && !STOP_WORDS.has(w));
  return [...new Set(words)];
}
