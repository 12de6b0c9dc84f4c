import type { InboundChannel, InboundMessage, OutboundChannel, OutboundRequest } from "../../domain/messages.js";
import type { Queryable } from "../pool.js";
import { jsonParam, toDate, toDateOrNull, toId } from "./rows.js";

// ---------------------------------------------------------------------------------------------------------
// Inbound
// ---------------------------------------------------------------------------------------------------------

export type InboundStatus = "received" | "processing" | "processed" | "failed" | "ignored";

/** An inbound message as stored: the InboundMessage it was recorded from, plus its processing state. */
export interface InboundRow extends InboundMessage {
  id: number;
  channel: InboundChannel;
  status: InboundStatus;
  attempts: number;
  error: string | null;
  intent: string | null;
  processedAt: Date | null;
}

const INBOUND_COLUMNS = `id, provider, provider_message_id, channel, from_address, to_address, body, received_at,
  status, attempts, error, intent, processed_at`;

/**
 * Slack messages have no "to" address but must be answered where they were said. Without a column for it,
 * to_address holds the reply target as `channel` or `channel/threadTs` (Slack ids and ts never contain "/"),
 * so a message re-processed after a restart still knows where to answer. SMS/voice keep the E.164 number.
 */
function encodeReplyTarget(t: NonNullable<InboundMessage["replyTarget"]>): string {
  return t.threadTs ? `${t.channel}/${t.threadTs}` : t.channel;
}

function decodeReplyTarget(v: string): NonNullable<InboundMessage["replyTarget"]> {
  const i = v.indexOf("/");
  return i < 0 ? { channel: v } : { channel: v.slice(0, i), threadTs: v.slice(i + 1) };
}

function inboundRow(r: Record<string, unknown>): InboundRow {
  const channel = r.channel as InboundChannel;
  const toAddress = r.to_address === null || r.to_address === undefined ? null : String(r.to_address);
  const slack = channel === "slack";
  return {
    id: toId(r.id),
    provider: r.provider as InboundRow["provider"],
    providerMessageId: String(r.provider_message_id),
    channel,
    from: String(r.from_address),
    to: slack ? null : toAddress,
    ...(slack && toAddress ? { replyTarget: decodeReplyTarget(toAddress) } : {}),
    text: String(r.body),
    receivedAt: toDate(r.received_at),
    status: r.status as InboundStatus,
    attempts: Number(r.attempts),
    error: (r.error as string | null) ?? null,
    intent: (r.intent as string | null) ?? null,
    processedAt: toDateOrNull(r.processed_at),
  };
}

/**
 * Stores an inbound message once (for Slack, with its reply target; see encodeReplyTarget). A provider redelivering the same message (webhook retry, replay) hits the
 * (provider, provider_message_id) unique key and gets `duplicate: true` with the original row's id.
 */
export async function recordInbound(q: Queryable, msg: InboundMessage): Promise<{ id: number; duplicate: boolean }> {
  const ins = await q.query<{ id: string }>(
    `INSERT INTO inbound_messages (provider, provider_message_id, channel, from_address, to_address, body, received_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (provider, provider_message_id) DO NOTHING
     RETURNING id`,
    [
      msg.provider,
      msg.providerMessageId,
      msg.channel,
      msg.from,
      msg.channel === "slack" && msg.replyTarget ? encodeReplyTarget(msg.replyTarget) : msg.to,
      msg.text,
      msg.receivedAt,
    ],
  );
  if (ins.rows[0]) return { id: toId(ins.rows[0].id), duplicate: false };
  const existing = await q.query<{ id: string }>(
    "SELECT id FROM inbound_messages WHERE provider = $1 AND provider_message_id = $2",
    [msg.provider, msg.providerMessageId],
  );
  // The conflicting row exists (DO NOTHING only skips on a conflict) unless it was deleted in between.
  if (!existing.rows[0]) throw new Error("inbound message conflicted but the existing row is gone");
  return { id: toId(existing.rows[0].id), duplicate: true };
}

/** Reads one inbound message by id. */
/**
 * Puts a transcript that arrived late on a voicemail recorded without one (`ignored`, with `intent`); the row
 * stays ignored. True when the row was such a voicemail.
 */
export async function addLateTranscript(q: Queryable, id: number, intent: string, transcript: string): Promise<boolean> {
  const { rowCount } = await q.query("UPDATE inbound_messages SET body = $3 WHERE id = $1 AND status = 'ignored' AND intent = $2", [id, intent, transcript]);
  return (rowCount ?? 0) > 0;
}

export async function getInbound(q: Queryable, id: number): Promise<InboundRow | null> {
  const { rows } = await q.query(`SELECT ${INBOUND_COLUMNS} FROM inbound_messages WHERE id = $1`, [id]);
  return rows[0] ? inboundRow(rows[0]) : null;
}

/**
 * A claim holds this long. A turn takes seconds; a row still `processing` after this belonged to a process that
 * died mid-turn, so it no longer holds its sender's later messages back and the sweeper may take it again.
 */
export const INBOUND_CLAIM_TIMEOUT_SECONDS = 300;

/** An earlier message from the same sender that is still to be handled (received, or claimed and alive). */
const EARLIER_PENDING = `EXISTS (
  SELECT 1 FROM inbound_messages e
  WHERE e.from_address = m.from_address AND e.id < m.id
    AND (e.status = 'received' OR (e.status = 'processing' AND e.claimed_at > now() - make_interval(secs => ${INBOUND_CLAIM_TIMEOUT_SECONDS}))))`;

/**
 * Claims one message for processing (received/failed → processing, attempts + 1) and returns it. Messages from
 * one sender are handled in order across every process sharing the database: while an earlier message from
 * the same sender is still pending, the claim is refused with "waiting" (the caller retries shortly). `null`
 * means another worker — the request path or the restart sweeper — already has it, or it does not exist.
 */
export async function claimInbound(q: Queryable, id: number): Promise<InboundRow | "waiting" | null> {
  const { rows } = await q.query(
    `UPDATE inbound_messages m SET status = 'processing', attempts = m.attempts + 1, error = NULL, claimed_at = now()
     WHERE m.id = $1 AND m.status IN ('received', 'failed') AND NOT ${EARLIER_PENDING}
     RETURNING ${INBOUND_COLUMNS}`,
    [id],
  );
  if (rows[0]) return inboundRow(rows[0]);
  // Only on a refusal: was it taken, or is it waiting behind its sender's earlier message?
  const { rows: still } = await q.query(`SELECT status FROM inbound_messages WHERE id = $1 AND status IN ('received', 'failed')`, [id]);
  return still.length > 0 ? "waiting" : null;
}

/**
 * Sets the processing outcome. `processed`/`ignored` stamp processed_at; `error` is stored as given (callers keep
 * phone numbers and message text out of it) and cleared when omitted.
 */
export async function markInbound(
  q: Queryable,
  id: number,
  status: InboundStatus,
  extra: { intent?: string; error?: string } = {},
): Promise<void> {
  await q.query(
    `UPDATE inbound_messages
     SET status = $2, intent = COALESCE($3, intent), error = $4,
         processed_at = CASE WHEN $2 IN ('processed', 'ignored') THEN now() ELSE processed_at END
     WHERE id = $1`,
    [id, status, extra.intent ?? null, extra.error ?? null],
  );
}

/** After this many attempts a message stays `failed` for a human to look at instead of looping. */
export const MAX_INBOUND_ATTEMPTS = 3;

/**
 * For the restart sweeper: claims up to `limit` messages still `received` or `failed`, or `processing` under a
 * claim that timed out (its process died mid-turn), with attempts below `maxAttempts`, oldest first, marking
 * them `processing`. `FOR UPDATE SKIP LOCKED` lets several instances
 * sweep at once without taking the same row. `receivedBefore` leaves very fresh messages to the request path
 * that is about to process them.
 */
export async function claimUnprocessedInbound(
  q: Queryable,
  limit: number,
  opts: { maxAttempts?: number; receivedBefore?: Date } = {},
): Promise<InboundRow[]> {
  const { rows } = await q.query(
    `WITH picked AS (
       SELECT id FROM inbound_messages
       WHERE (status IN ('received', 'failed') OR (status = 'processing' AND claimed_at < now() - make_interval(secs => ${INBOUND_CLAIM_TIMEOUT_SECONDS})))
         AND attempts < $2 AND ($3::timestamptz IS NULL OR received_at < $3)
       ORDER BY received_at, id
       LIMIT $1
       FOR UPDATE SKIP LOCKED
     )
     UPDATE inbound_messages m SET status = 'processing', attempts = m.attempts + 1, error = NULL, claimed_at = now()
     FROM picked WHERE m.id = picked.id
     RETURNING ${INBOUND_COLUMNS.split(",").map((c) => `m.${c.trim()}`).join(", ")}`,
    [limit, opts.maxAttempts ?? MAX_INBOUND_ATTEMPTS, opts.receivedBefore ?? null],
  );
  return rows.map(inboundRow).sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime() || a.id - b.id);
}

// ---------------------------------------------------------------------------------------------------------
// Outbound
// ---------------------------------------------------------------------------------------------------------

export type OutboundStatus = "queued" | "sent" | "failed" | "suppressed";

/** An outbound message as stored. */
export interface OutboundRow {
  id: number;
  idempotencyKey: string;
  channel: OutboundChannel;
  to: string;
  text: string;
  blocks: Record<string, unknown>[] | null;
  threadTs: string | null;
  status: OutboundStatus;
  transport: string;
  providerMessageId: string | null;
  error: string | null;
  attempts: number;
  inReplyTo: number | null;
  createdAt: Date;
  sentAt: Date | null;
}

const OUTBOUND_COLUMNS = `id, idempotency_key, channel, to_address, body, blocks, thread_ts, status, transport,
  provider_message_id, error, attempts, in_reply_to, created_at, sent_at`;

function outboundRow(r: Record<string, unknown>): OutboundRow {
  return {
    id: toId(r.id),
    idempotencyKey: String(r.idempotency_key),
    channel: r.channel as OutboundChannel,
    to: String(r.to_address),
    text: String(r.body),
    blocks: (r.blocks as Record<string, unknown>[] | null) ?? null,
    threadTs: (r.thread_ts as string | null) ?? null,
    status: r.status as OutboundStatus,
    transport: String(r.transport),
    providerMessageId: (r.provider_message_id as string | null) ?? null,
    error: (r.error as string | null) ?? null,
    attempts: Number(r.attempts),
    inReplyTo: r.in_reply_to === null || r.in_reply_to === undefined ? null : toId(r.in_reply_to),
    createdAt: toDate(r.created_at),
    sentAt: toDateOrNull(r.sent_at),
  };
}

/**
 * Inserts an outbound message under its idempotency key. A second insert with the same key changes nothing and
 * returns the existing row with `duplicate: true` — the caller must not send again.
 * `init.status` is `queued` (about to be sent: attempts starts at 1, the sender owns it) or `suppressed`
 * (recorded but never sent, e.g. the recipient opted out). `init.createdAt` defaults to the database clock.
 */
export async function insertOutbound(
  q: Queryable,
  req: OutboundRequest,
  transport: string,
  init: { status?: "queued" | "suppressed"; error?: string; createdAt?: Date } = {},
): Promise<{ id: number; duplicate: boolean; row: OutboundRow }> {
  return insertOutboundRow(q, req, transport, { status: init.status ?? "queued", checkConsent: false, error: init.error, createdAt: init.createdAt });
}

/**
 * insertOutbound for a message about to be sent, with SMS consent read in the same statement: an SMS to a
 * number that has opted out (STOP in sms_consent) at this moment is stored `suppressed`, anything else `queued`.
 * One round trip instead of a consent SELECT and an INSERT; a repeated key still returns the first row (and
 * so the first outcome) with `duplicate: true`, whatever consent says now.
 */
export async function insertOutboundCheckingConsent(
  q: Queryable,
  req: OutboundRequest,
  transport: string,
  init: { createdAt?: Date } = {},
): Promise<{ id: number; duplicate: boolean; row: OutboundRow }> {
  return insertOutboundRow(q, req, transport, { status: "queued", checkConsent: req.channel === "sms", createdAt: init.createdAt });
}

async function insertOutboundRow(
  q: Queryable,
  req: OutboundRequest,
  transport: string,
  init: { status: "queued" | "suppressed"; checkConsent: boolean; error?: string; createdAt?: Date },
): Promise<{ id: number; duplicate: boolean; row: OutboundRow }> {
  // The consent read is an uncorrelated subquery (an InitPlan: one index probe on sms_consent.phone) inside
  // the VALUES row; it appears twice because attempts follows the status. This plans cheaper than a CTE with
  // INSERT ... SELECT; with $12 false (no consent check) the subquery is never run.
  const optedOut = "($12::boolean AND EXISTS (SELECT 1 FROM sms_consent WHERE phone = $3 AND opted_out))";
  const ins = await q.query(
    `INSERT INTO outbound_messages
       (idempotency_key, channel, to_address, body, blocks, thread_ts, status, transport, error, attempts, in_reply_to, created_at)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6,
       CASE WHEN ${optedOut} THEN 'suppressed' ELSE $7 END, $8, $9,
       CASE WHEN ${optedOut} OR $7 = 'suppressed' THEN 0 ELSE 1 END, $10, COALESCE($11::timestamptz, now()))
     ON CONFLICT (idempotency_key) DO NOTHING
     RETURNING ${OUTBOUND_COLUMNS}`,
    [
      req.idempotencyKey,
      req.channel,
      req.to,
      req.text,
      jsonParam(req.blocks),
      req.threadTs ?? null,
      init.status,
      transport,
      init.error ?? null,
      req.inReplyTo ?? null,
      init.createdAt ?? null,
      init.checkConsent,
    ],
  );
  if (ins.rows[0]) {
    const row = outboundRow(ins.rows[0]);
    return { id: row.id, duplicate: false, row };
  }
  const existing = await getOutboundByKey(q, req.idempotencyKey);
  if (!existing) throw new Error("outbound message conflicted but the existing row is gone");
  return { id: existing.id, duplicate: true, row: existing };
}

export async function getOutbound(q: Queryable, id: number): Promise<OutboundRow | null> {
  const { rows } = await q.query(`SELECT ${OUTBOUND_COLUMNS} FROM outbound_messages WHERE id = $1`, [id]);
  return rows[0] ? outboundRow(rows[0]) : null;
}

export async function getOutboundByKey(q: Queryable, idempotencyKey: string): Promise<OutboundRow | null> {
  const { rows } = await q.query(`SELECT ${OUTBOUND_COLUMNS} FROM outbound_messages WHERE idempotency_key = $1`, [idempotencyKey]);
  return rows[0] ? outboundRow(rows[0]) : null;
}

/**
 * Records the result of a send attempt. `sent` stamps sent_at (with `at`, default the database clock) and
 * clears any earlier error; `failed` keeps the row for retryFailedOutbound.
 */
export async function markOutbound(
  q: Queryable,
  id: number,
  result: { status: OutboundStatus; providerMessageId?: string; error?: string; at?: Date },
): Promise<OutboundRow | null> {
  const { rows } = await q.query(
    `UPDATE outbound_messages
     SET status = $2,
         provider_message_id = COALESCE($3, provider_message_id),
         error = $4,
         sent_at = CASE WHEN $2 = 'sent' THEN COALESCE($5::timestamptz, now()) ELSE sent_at END
     WHERE id = $1
     RETURNING ${OUTBOUND_COLUMNS}`,
    [id, result.status, result.providerMessageId ?? null, result.error ?? null, result.at ?? null],
  );
  return rows[0] ? outboundRow(rows[0]) : null;
}

/**
 * Claims failed messages for another attempt: failed → queued and attempts + 1 in one statement, so two
 * instances running the retry job never resend the same row. A row becomes due `backoffMs * 2^(attempts-1)`
 * after it was created (30 s, 60 s, 120 s … with the default), and is left alone once `maxAttempts` is reached.
 */
export async function claimFailedOutbound(
  q: Queryable,
  opts: { now: Date; limit: number; maxAttempts: number; backoffMs: number },
): Promise<OutboundRow[]> {
  const { rows } = await q.query(
    `WITH due AS (
       SELECT id FROM outbound_messages
       WHERE status = 'failed' AND attempts < $3
         AND created_at + make_interval(secs => $4::double precision / 1000 * power(2, GREATEST(attempts - 1, 0))) <= $1
       ORDER BY created_at, id
       LIMIT $2
       FOR UPDATE SKIP LOCKED
     )
     UPDATE outbound_messages o SET status = 'queued', attempts = o.attempts + 1
     FROM due WHERE o.id = due.id
     RETURNING ${OUTBOUND_COLUMNS.split(",").map((c) => `o.${c.trim()}`).join(", ")}`,
    [opts.now, opts.limit, opts.maxAttempts, opts.backoffMs],
  );
  return rows.map(outboundRow).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id);
}

/** One line of the development outbox (`GET /dev/outbox`). */
export interface OutboxItem {
  id: number;
  channel: OutboundChannel;
  to: string;
  text: string;
  createdAt: Date;
}

/**
 * Messages that went out (status `sent`, any transport — with no credentials that is the outbox transport),
 * optionally for one recipient/channel and after `since`. Returns the newest `limit`, oldest first, so a
 * simulator can print them as a conversation.
 */
export async function listOutbox(
  q: Queryable,
  opts: { to?: string; channel?: OutboundChannel; since?: Date; limit: number },
): Promise<OutboxItem[]> {
  const { rows } = await q.query(
    `SELECT * FROM (
       SELECT id, channel, to_address, body, created_at FROM outbound_messages
       WHERE status = 'sent'
         AND ($1::text IS NULL OR to_address = $1)
         AND ($2::text IS NULL OR channel = $2)
         AND ($3::timestamptz IS NULL OR created_at > $3)
       ORDER BY created_at DESC, id DESC
       LIMIT $4
     ) newest ORDER BY created_at, id`,
    [opts.to ?? null, opts.channel ?? null, opts.since ?? null, opts.limit],
  );
  return rows.map((r) => ({
    id: toId(r.id),
    channel: r.channel as OutboundChannel,
    to: String(r.to_address),
    text: String(r.body),
    createdAt: toDate(r.created_at),
  }));
}

// ---------------------------------------------------------------------------------------------------------
// SMS consent
// ---------------------------------------------------------------------------------------------------------

export type ConsentSource = "keyword" | "api" | "coordinator";

export interface Consent {
  phone: string;
  optedOut: boolean;
  source: ConsentSource;
  updatedAt: Date;
}

/** The recorded consent for an E.164 number, or null when none was ever recorded (= not opted out). */
export async function getConsent(q: Queryable, phone: string): Promise<Consent | null> {
  const { rows } = await q.query("SELECT phone, opted_out, source, updated_at FROM sms_consent WHERE phone = $1", [phone]);
  const r = rows[0];
  if (!r) return null;
  return { phone: String(r.phone), optedOut: r.opted_out === true, source: r.source as ConsentSource, updatedAt: toDate(r.updated_at) };
}

/** Records STOP (optedOut true) or START (false) for a number; the latest call wins. */
export async function setConsent(q: Queryable, phone: string, optedOut: boolean, source: ConsentSource, at?: Date): Promise<void> {
  await q.query(
    `INSERT INTO sms_consent (phone, opted_out, source, updated_at) VALUES ($1, $2, $3, COALESCE($4::timestamptz, now()))
     ON CONFLICT (phone) DO UPDATE SET opted_out = EXCLUDED.opted_out, source = EXCLUDED.source, updated_at = EXCLUDED.updated_at`,
    [phone, optedOut, source, at ?? null],
  );
}
