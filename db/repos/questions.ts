import type { Queryable } from "../pool.js";
import { jsonParam, toDate, toDateOrNull, toId } from "./rows.js";

/** Kinds allowed by the open_questions CHECK constraint. */
export type QuestionKind = "offer" | "confirm_request" | "availability_checkin" | "clock_nudge" | "after_hours" | "clarify";

/** An outbound question waiting for (or given) an answer, so a reply can be correlated with what it answers. */
export interface OpenQuestion {
  id: number;
  /** Who was asked (E.164). */
  address: string;
  kind: QuestionKind;
  /** What it is about: offer ids, shift keys, original message id. */
  ref: Record<string, unknown>;
  /** Numbered options shown (bundles), if any. */
  options: unknown;
  askedAt: Date;
  expiresAt: Date;
  answeredAt: Date | null;
  closedReason: string | null;
}

const COLUMNS = "id, address, kind, ref, options, asked_at, expires_at, answered_at, closed_reason";

function questionRow(r: Record<string, unknown>): OpenQuestion {
  return {
    id: toId(r.id),
    address: String(r.address),
    kind: r.kind as QuestionKind,
    ref: (r.ref as Record<string, unknown> | null) ?? {},
    options: r.options ?? null,
    askedAt: toDate(r.asked_at),
    expiresAt: toDate(r.expires_at),
    answeredAt: toDateOrNull(r.answered_at),
    closedReason: (r.closed_reason as string | null) ?? null,
  };
}

/** Records a question just asked; returns its id. */
export async function openQuestion(
  q: Queryable,
  input: { address: string; kind: QuestionKind; ref: Record<string, unknown>; options?: unknown; askedAt: Date; expiresAt: Date },
): Promise<number> {
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO open_questions (address, kind, ref, options, asked_at, expires_at)
     VALUES ($1, $2, $3::jsonb, $4::jsonb, $5, $6) RETURNING id`,
    [input.address, input.kind, jsonParam(input.ref) ?? "{}", jsonParam(input.options), input.askedAt, input.expiresAt],
  );
  return toId(rows[0]!.id);
}

/** Reads one question by id. */
export async function getQuestion(q: Queryable, id: number): Promise<OpenQuestion | null> {
  const { rows } = await q.query(`SELECT ${COLUMNS} FROM open_questions WHERE id = $1`, [id]);
  return rows[0] ? questionRow(rows[0]) : null;
}

/**
 * The newest question to `address` that is neither answered, closed nor expired at `now` — what a bare "yes"
 * most likely answers. Newest first because the person is replying to the last thing they read.
 */
export async function latestOpenQuestion(q: Queryable, address: string, now: Date): Promise<OpenQuestion | null> {
  const { rows } = await q.query(
    `SELECT ${COLUMNS} FROM open_questions
     WHERE address = $1 AND answered_at IS NULL AND closed_reason IS NULL AND expires_at > $2
     ORDER BY asked_at DESC, id DESC LIMIT 1`,
    [address, now],
  );
  return rows[0] ? questionRow(rows[0]) : null;
}

/** All questions still open for `address` at `now`, newest first (to detect an ambiguous reply). */
export async function openQuestionsFor(q: Queryable, address: string, now: Date): Promise<OpenQuestion[]> {
  const { rows } = await q.query(
    `SELECT ${COLUMNS} FROM open_questions
     WHERE address = $1 AND answered_at IS NULL AND closed_reason IS NULL AND expires_at > $2
     ORDER BY asked_at DESC, id DESC`,
    [address, now],
  );
  return rows.map(questionRow);
}

/** Marks a question answered. Returns false when it was already answered or closed (a second reply). */
export async function answerQuestion(q: Queryable, id: number, at: Date): Promise<boolean> {
  const { rowCount } = await q.query(
    "UPDATE open_questions SET answered_at = $2 WHERE id = $1 AND answered_at IS NULL AND closed_reason IS NULL",
    [id, at],
  );
  return rowCount === 1;
}

/**
 * Closes every unanswered question whose `ref` contains `refMatch` (JSON containment, e.g. `{ campaignId: 7 }`
 * when the shift was filled), optionally only for one address. Returns how many were closed.
 */
export async function closeQuestions(
  q: Queryable,
  opts: { refMatch: Record<string, unknown>; reason?: string; address?: string },
): Promise<number> {
  if (Object.keys(opts.refMatch).length === 0) {
    // `ref @> '{}'` matches every row: refuse rather than close every open question in the agency.
    throw new Error("closeQuestions needs a non-empty refMatch");
  }
  const { rowCount } = await q.query(
    `UPDATE open_questions SET closed_reason = $2
     WHERE ref @> $1::jsonb AND answered_at IS NULL AND closed_reason IS NULL AND ($3::text IS NULL OR address = $3)`,
    [JSON.stringify(opts.refMatch), opts.reason ?? "closed", opts.address ?? null],
  );
  return rowCount ?? 0;
}
