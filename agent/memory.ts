import { EMBEDDING_DIMENSIONS, queryWords, rememberMessages, recallSimilar, type RecallFilter, type RecalledMemory } from "../db/repos/memory.js";
import type { Pool } from "../db/pool.js";

/** Turns text into a fixed-size vector for memory recall. */
export interface Embedder {
  readonly dimensions: number;
  /**
   * Cosine similarity under which two texts are unrelated for this embedder: recall drops such neighbours
   * rather than filling its slots with the nearest noise. Model-specific, so each embedder states its own.
   */
  readonly minSimilarity: number;
  embed(text: string): Promise<number[]>;
}

/**
 * The lexical embedder's floor. Measured on caregiver texts: related pairs ("stuck in traffic, running late
 * again" / "running late 10 min": 0.56; "…traffic…" / "traffic on I-25, be there at 9:20": 0.23) sit above it,
 * while texts that only share short trigrams ("stuck in traffic" / "do I work tomorrow?": 0.21; most pairs
 * under 0.1) sit below.
 */
export const LEXICAL_MIN_SIMILARITY = 0.22;

/**
 * The embedded default: a lexical "hashing trick" embedder (word unigrams and character trigrams hashed into
 * 256 buckets, L2-normalised). It is not semantic — it finds past messages that share words — but it is
 * deterministic, offline and cheap. A real embedding endpoint (EMBEDDING_URL) replaces it.
 */
export class LexicalEmbedder implements Embedder {
  readonly dimensions = EMBEDDING_DIMENSIONS;
  readonly minSimilarity = LEXICAL_MIN_SIMILARITY;
  async embed(text: string): Promise<number[]> {
    return lexicalVector(text, this.dimensions);
  }
}

export function lexicalVector(text: string, dims = EMBEDDING_DIMENSIONS): number[] {
  const v = new Array<number>(dims).fill(0);
  const norm = text.toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "");
  const words = norm.match(/[\p{L}\p{N}]+/gu) ?? [];
  for (const w of words) {
    v[hash(`w:${w}`) % dims]! += 1;
    const padded = `#${w}#`;
    for (let i = 0; i + 3 <= padded.length; i++) v[hash(`t:${padded.slice(i, i + 3)}`) % dims]! += 0.5;
  }
  const len = Math.hypot(...v);
  return len === 0 ? v : v.map((x) => x / len);
}

/** FNV-1a, 32-bit: stable across runs and machines. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

const EMBEDDING_TIMEOUT_MS = 5_000;

/** An embedder calling an HTTP endpoint that answers `{ embedding: number[] }` for `{ input }`. */
export class HttpEmbedder implements Embedder {
  constructor(
    private readonly url: string,
    private readonly apiKey: string | undefined,
    /** EMBEDDING_MIN_SIMILARITY: depends on the model behind the endpoint. */
    readonly minSimilarity: number,
    readonly dimensions = EMBEDDING_DIMENSIONS,
  ) {}
  async embed(text: string): Promise<number[]> {
    const res = await fetch(this.url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(this.apiKey ? { authorization: `Bearer ${this.apiKey}` } : {}) },
      body: JSON.stringify({ input: text }),
      // A stuck endpoint must not hold a turn (send_replies stores memory after the replies are out).
      signal: AbortSignal.timeout(EMBEDDING_TIMEOUT_MS),
    });
    if (!res.ok) throw new Error(`embedding endpoint answered ${res.status}`);
    const body = (await res.json()) as { embedding?: unknown };
    if (!Array.isArray(body.embedding) || body.embedding.length !== this.dimensions) throw new Error("embedding endpoint returned a malformed vector");
    return body.embedding.map(Number);
  }
}

/** One message to remember: who it belongs to, which way it went, and when. */
export interface Remembered {
  personKey: string;
  direction: "in" | "out";
  channel: string;
  body: string;
  intent?: string | null;
  at: Date;
}

/** Conversation memory of one person: everything stored; recall filtered to that person before similarity. */
export class Memory {
  constructor(
    private readonly pool: Pool,
    private readonly embedder: Embedder,
    private readonly useVector: boolean,
  ) {}

  async remember(item: Remembered): Promise<void> {
    await this.rememberAll([item]);
  }

  /**
   * Stores several messages (a whole turn) with one INSERT, in the order given. Embeddings are computed first,
   * so nothing is written if one fails.
   */
  async rememberAll(items: readonly Remembered[]): Promise<void> {
    if (items.length === 0) return;
    const embeddings = this.useVector ? await Promise.all(items.map((i) => this.embedder.embed(i.body))) : undefined;
    await rememberMessages(
      this.pool,
      items.map((item, i) => ({
        personKey: item.personKey,
        direction: item.direction,
        channel: item.channel,
        body: item.body,
        intent: item.intent ?? null,
        createdAt: item.at,
        embedding: embeddings?.[i],
      })),
    );
  }

  /**
   * The person's own past messages most related to `text`, best first (see recallSimilar); on the vector path
   * only those at least the embedder's `minSimilarity` alike (full-text matches share a word already). Text without a
   * content word ("ok", "👍", "?") recalls nothing on either path, without a query: there is nothing to
   * relate, and an all-zero vector has no cosine distance (pgvector answers NaN for every row).
   */
  async recall(personKey: string, text: string, limit = 3, filter: RecallFilter = {}): Promise<RecalledMemory[]> {
    if (queryWords(text).length === 0) return [];
    const embedding = this.useVector ? await this.embedder.embed(text) : undefined;
    return recallSimilar(this.pool, personKey, { embedding, minSimilarity: this.embedder.minSimilarity, text, limit, useVector: this.useVector, filter });
  }
}
