import type { Queryable } from "../pool.js";

/** Rows of the shift-fill workflow (db/migrations/0002_shift_fill.sql). */

export type CampaignStatus = "open" | "filled" | "escalated" | "cancelled" | "unfilled";
export type OfferStatus = "sent" | "accepted" | "declined" | "question" | "countered" | "lost" | "withdrawn";

export interface Campaign {
  id: number;
  shiftKey: string;
  appointmentId: string;
  clientId: string;
  shiftStart: Date;
  shiftEnd: Date;
  source: "call_off" | "coordinator" | "unassigned_scan";
  originalCaregiverId: string | null;
  status: CampaignStatus;
  wave: number;
  escalationLevel: number;
  winnerCaregiverId: string | null;
  winnerOfferId: number | null;
  assignmentStatus: "pending" | "written" | "failed" | null;
  createdAt: Date;
  filledAt: Date | null;
  closedAt: Date | null;
  createdBy: string;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- row mappers read untyped pg rows */
const toCampaign = (r: any): Campaign => ({
  id: Number(r.id),
  shiftKey: r.shift_key,
  appointmentId: r.appointment_id,
  clientId: r.client_id,
  shiftStart: new Date(r.shift_start),
  shiftEnd: new Date(r.shift_end),
  source: r.source,
  originalCaregiverId: r.original_caregiver_id,
  status: r.status,
  wave: r.wave,
  escalationLevel: r.escalation_level,
  winnerCaregiverId: r.winner_caregiver_id,
  winnerOfferId: r.winner_offer_id === null ? null : Number(r.winner_offer_id),
  assignmentStatus: r.assignment_status,
  createdAt: new Date(r.created_at),
  filledAt: r.filled_at ? new Date(r.filled_at) : null,
  closedAt: r.closed_at ? new Date(r.closed_at) : null,
  createdBy: r.created_by,
});

export interface NewCampaign {
  shiftKey: string;
  appointmentId: string;
  clientId: string;
  shiftStart: Date;
  shiftEnd: Date;
  source: Campaign["source"];
  originalCaregiverId: string | null;
  createdAt: Date;
  createdBy: string;
}

/** Creates the live campaign for a shift, or returns the one already live (one per shift, by unique index). */
export async function createCampaign(q: Queryable, c: NewCampaign): Promise<{ campaign: Campaign; created: boolean }> {
  const ins = await q.query(
    `INSERT INTO fill_campaigns (shift_key, appointment_id, client_id, shift_start, shift_end, source, original_caregiver_id, status, created_at, created_by)
     VALUES ($1,$2,$3,$4,$5,$6,$7,'open',$8,$9)
     ON CONFLICT (shift_key) WHERE status IN ('open','escalated') DO NOTHING
     RETURNING *`,
    [c.shiftKey, c.appointmentId, c.clientId, c.shiftStart, c.shiftEnd, c.source, c.originalCaregiverId, c.createdAt, c.createdBy],
  );
  if (ins.rows[0]) return { campaign: toCampaign(ins.rows[0]), created: true };
  const live = await liveCampaignForShift(q, c.shiftKey);
  if (!live) throw new Error(`campaign for ${c.shiftKey} neither created nor found`);
  return { campaign: live, created: false };
}

export async function getCampaign(q: Queryable, id: number): Promise<Campaign | null> {
  const { rows } = await q.query("SELECT * FROM fill_campaigns WHERE id = $1", [id]);
  return rows[0] ? toCampaign(rows[0]) : null;
}

export async function liveCampaignForShift(q: Queryable, shiftKey: string): Promise<Campaign | null> {
  const { rows } = await q.query("SELECT * FROM fill_campaigns WHERE shift_key = $1 AND status IN ('open','escalated')", [shiftKey]);
  return rows[0] ? toCampaign(rows[0]) : null;
}

export async function listCampaigns(q: Queryable, opts: { status?: CampaignStatus; limit?: number } = {}): Promise<Campaign[]> {
  const { rows } = await q.query(
    `SELECT * FROM fill_campaigns WHERE ($1::text IS NULL OR status = $1) ORDER BY created_at DESC, id DESC LIMIT $2`,
    [opts.status ?? null, opts.limit ?? 100],
  );
  return rows.map(toCampaign);
}

/** Live campaigns (open or escalated), oldest first: candidates for multi-shift bundles. */
export async function liveCampaigns(q: Queryable): Promise<Campaign[]> {
  const { rows } = await q.query("SELECT * FROM fill_campaigns WHERE status IN ('open','escalated') ORDER BY shift_start, id");
  return rows.map(toCampaign);
}

/**
 * The exactly-one-winner rule: a conditional update that only succeeds while the campaign is live. Under any
 * number of concurrent YES replies, across processes, exactly one caller gets `true`.
 */
export async function claimWin(q: Queryable, campaignId: number, caregiverId: string, offerId: number | null, at: Date): Promise<boolean> {
  const res = await q.query(
    `UPDATE fill_campaigns SET status = 'filled', winner_caregiver_id = $2, winner_offer_id = $3, filled_at = $4, assignment_status = 'pending'
     WHERE id = $1 AND status IN ('open','escalated')`,
    [campaignId, caregiverId, offerId, at],
  );
  return res.rowCount === 1;
}

/**
 * The campaigns a caregiver won with one reply to one offer text ("1 and 3", "ALL"): won through offers of the
 * same offer message, at the same instant (acceptOffer stamps every win of a reply with one time), by the same
 * caregiver, and still theirs. Ordered by option number.
 */
export async function campaignsWonTogether(q: Queryable, c: { winnerOfferId: number; winnerCaregiverId: string; filledAt: Date }): Promise<Campaign[]> {
  const { rows } = await q.query(
    `SELECT c.* FROM fill_campaigns c JOIN offers o ON o.id = c.winner_offer_id
     WHERE o.offer_message_id = (SELECT offer_message_id FROM offers WHERE id = $1)
       AND c.status = 'filled' AND c.winner_caregiver_id = $2 AND c.filled_at = $3
     ORDER BY o.option_number`,
    [c.winnerOfferId, c.winnerCaregiverId, c.filledAt],
  );
  return rows.map(toCampaign);
}

export async function setAssignmentStatus(q: Queryable, campaignId: number, status: "written" | "failed"): Promise<void> {
  await q.query("UPDATE fill_campaigns SET assignment_status = $2 WHERE id = $1", [campaignId, status]);
}

/**
 * After WellSky refused the assignment: the campaign is live again, so nothing is lost. The refused offer
 * becomes `withdrawn` (final), so the campaign never shows two accepted offers once someone else wins, and a
 * repeated YES from the refused caregiver is not taken for a win that was never written.
 */
export async function reopenCampaign(q: Queryable, campaignId: number): Promise<void> {
  await q.query(
    `WITH reopened AS (
       UPDATE fill_campaigns c SET status = 'open', winner_caregiver_id = NULL, winner_offer_id = NULL, filled_at = NULL, assignment_status = 'failed'
       FROM (SELECT id, winner_offer_id FROM fill_campaigns WHERE id = $1) old
       WHERE c.id = old.id AND c.status = 'filled'
       RETURNING old.winner_offer_id
     )
     UPDATE offers SET status = 'withdrawn' WHERE id IN (SELECT winner_offer_id FROM reopened)`,
    [campaignId],
  );
}

/** Moves the campaign to the next wave only once (timers may fire twice). */
export async function advanceWave(q: Queryable, campaignId: number, wave: number): Promise<boolean> {
  const res = await q.query("UPDATE fill_campaigns SET wave = $2 WHERE id = $1 AND wave < $2 AND status IN ('open','escalated')", [campaignId, wave]);
  return res.rowCount === 1;
}

/** Records an escalation level once (timers may fire twice). */
export async function escalateCampaign(q: Queryable, campaignId: number, level: number): Promise<boolean> {
  const res = await q.query(
    "UPDATE fill_campaigns SET status = 'escalated', escalation_level = $2 WHERE id = $1 AND escalation_level < $2 AND status IN ('open','escalated')",
    [campaignId, level],
  );
  return res.rowCount === 1;
}

export async function closeCampaign(q: Queryable, campaignId: number, status: "cancelled" | "unfilled", at: Date): Promise<boolean> {
  const res = await q.query("UPDATE fill_campaigns SET status = $2, closed_at = $3 WHERE id = $1 AND status IN ('open','escalated')", [campaignId, status, at]);
  return res.rowCount === 1;
}

export interface CandidateRow {
  caregiverId: string;
  rank: number;
  tier: 1 | 2 | 3;
  score: number;
  overtime: boolean;
  distanceMiles: number | null;
  breakdown: unknown;
}

const toCandidate = (r: any): CandidateRow => ({
  caregiverId: r.caregiver_id,
  rank: r.rank,
  tier: r.tier,
  score: Number(r.score),
  overtime: r.overtime,
  distanceMiles: r.distance_miles === null ? null : Number(r.distance_miles),
  breakdown: r.breakdown,
});

export async function saveCandidates(q: Queryable, campaignId: number, rows: CandidateRow[]): Promise<void> {
  if (rows.length === 0) return;
  await q.query(
    `INSERT INTO fill_candidates (campaign_id, caregiver_id, rank, tier, score, overtime, distance_miles, breakdown)
     SELECT $1, * FROM unnest($2::text[], $3::int[], $4::int[], $5::numeric[], $6::boolean[], $7::numeric[], $8::jsonb[])
     ON CONFLICT DO NOTHING`,
    [
      campaignId,
      rows.map((r) => r.caregiverId),
      rows.map((r) => r.rank),
      rows.map((r) => r.tier),
      rows.map((r) => r.score),
      rows.map((r) => r.overtime),
      rows.map((r) => r.distanceMiles),
      rows.map((r) => JSON.stringify(r.breakdown)),
    ],
  );
}

export async function listCandidates(q: Queryable, campaignId: number): Promise<CandidateRow[]> {
  const { rows } = await q.query("SELECT * FROM fill_candidates WHERE campaign_id = $1 ORDER BY rank", [campaignId]);
  return rows.map(toCandidate);
}

/** Candidates up to `maxTier` that have not been offered this campaign yet, in rank order. */
export async function unofferedCandidates(q: Queryable, campaignId: number, maxTier: number): Promise<CandidateRow[]> {
  const { rows } = await q.query(
    `SELECT c.* FROM fill_candidates c
     WHERE c.campaign_id = $1 AND c.tier <= $2
       AND NOT EXISTS (SELECT 1 FROM offers o WHERE o.campaign_id = c.campaign_id AND o.caregiver_id = c.caregiver_id)
     ORDER BY c.rank`,
    [campaignId, maxTier],
  );
  return rows.map(toCandidate);
}

export interface Offer {
  id: number;
  campaignId: number;
  caregiverId: string;
  offerMessageId: number;
  optionNumber: number;
  wave: number;
  status: OfferStatus;
  sentAt: Date;
  respondedAt: Date | null;
  response: Record<string, unknown> | null;
}

const toOffer = (r: any): Offer => ({
  id: Number(r.id),
  campaignId: Number(r.campaign_id),
  caregiverId: r.caregiver_id,
  offerMessageId: Number(r.offer_message_id),
  optionNumber: r.option_number,
  wave: r.wave,
  status: r.status,
  sentAt: new Date(r.sent_at),
  respondedAt: r.responded_at ? new Date(r.responded_at) : null,
  response: r.response,
});

export async function createOfferMessage(q: Queryable, m: { caregiverId: string; phone: string; language: string; sentAt: Date }): Promise<number> {
  const { rows } = await q.query("INSERT INTO offer_messages (caregiver_id, phone, language, sent_at) VALUES ($1,$2,$3,$4) RETURNING id", [
    m.caregiverId,
    m.phone,
    m.language,
    m.sentAt,
  ]);
  return Number(rows[0]!.id);
}

export async function linkOfferMessage(q: Queryable, offerMessageId: number, link: { outboundMessageId?: number; questionId?: number }): Promise<void> {
  await q.query("UPDATE offer_messages SET outbound_message_id = COALESCE($2, outbound_message_id), question_id = COALESCE($3, question_id) WHERE id = $1", [
    offerMessageId,
    link.outboundMessageId ?? null,
    link.questionId ?? null,
  ]);
}

/** Creates an offer; returns null if this caregiver was already offered this campaign (unique). */
export async function createOffer(
  q: Queryable,
  o: { campaignId: number; caregiverId: string; offerMessageId: number; optionNumber: number; wave: number; sentAt: Date },
): Promise<number | null> {
  const { rows } = await q.query(
    `INSERT INTO offers (campaign_id, caregiver_id, offer_message_id, option_number, wave, status, sent_at)
     VALUES ($1,$2,$3,$4,$5,'sent',$6) ON CONFLICT (campaign_id, caregiver_id) DO NOTHING RETURNING id`,
    [o.campaignId, o.caregiverId, o.offerMessageId, o.optionNumber, o.wave, o.sentAt],
  );
  return rows[0] ? Number(rows[0].id) : null;
}

export async function offersOfMessage(q: Queryable, offerMessageId: number): Promise<Offer[]> {
  const { rows } = await q.query("SELECT * FROM offers WHERE offer_message_id = $1 ORDER BY option_number", [offerMessageId]);
  return rows.map(toOffer);
}

export async function offersOfCampaign(q: Queryable, campaignId: number): Promise<Offer[]> {
  const { rows } = await q.query("SELECT * FROM offers WHERE campaign_id = $1 ORDER BY sent_at, id", [campaignId]);
  return rows.map(toOffer);
}

export async function getOffer(q: Queryable, offerId: number): Promise<Offer | null> {
  const { rows } = await q.query("SELECT * FROM offers WHERE id = $1", [offerId]);
  return rows[0] ? toOffer(rows[0]) : null;
}

/**
 * Records a caregiver's answer to an offer. Accepted, lost and withdrawn are final, so a duplicate or late
 * reply never overwrites them; a caregiver may still change a "no" into a "yes" while the shift is open.
 */
export async function recordOfferResponse(q: Queryable, offerId: number, status: OfferStatus, response: Record<string, unknown>, at: Date): Promise<boolean> {
  const res = await q.query(
    `UPDATE offers SET status = $2, response = $3, responded_at = COALESCE(responded_at, $4)
     WHERE id = $1 AND status IN ('sent','question','countered','declined')`,
    [offerId, status, JSON.stringify(response), at],
  );
  return res.rowCount === 1;
}

/** Offers of a campaign whose caregiver answered (any answer) but did not win: they get "filled, thanks". */
export async function respondersToThank(q: Queryable, campaignId: number, winnerCaregiverId: string): Promise<Offer[]> {
  const { rows } = await q.query(
    "SELECT * FROM offers WHERE campaign_id = $1 AND responded_at IS NOT NULL AND caregiver_id <> $2 ORDER BY responded_at",
    [campaignId, winnerCaregiverId],
  );
  return rows.map(toOffer);
}

/** Offers sent to each caregiver within [from, to) — for the per-caregiver daily cap. Bundles count once. */
export async function offerMessagesSent(q: Queryable, from: Date, to: Date): Promise<Map<string, number>> {
  const { rows } = await q.query("SELECT caregiver_id, count(*) AS n FROM offer_messages WHERE sent_at >= $1 AND sent_at < $2 GROUP BY caregiver_id", [from, to]);
  return new Map(rows.map((r: any) => [r.caregiver_id, Number(r.n)]));
}

/** Caregivers holding an unanswered offer on a live campaign whose shift overlaps [start, end) ± buffer. */
export async function openOfferConflicts(q: Queryable, start: Date, end: Date, bufferMinutes: number, exceptCampaignId: number): Promise<Set<string>> {
  const { rows } = await q.query(
    `SELECT DISTINCT o.caregiver_id FROM offers o JOIN fill_campaigns c ON c.id = o.campaign_id
     WHERE c.status IN ('open','escalated') AND o.status IN ('sent','question') AND c.id <> $4
       AND c.shift_start < $2::timestamptz + make_interval(mins => $3) AND c.shift_end > $1::timestamptz - make_interval(mins => $3)`,
    [start, end, bufferMinutes, exceptCampaignId],
  );
  return new Set(rows.map((r: any) => r.caregiver_id));
}

export interface OfferStats {
  caregiverId: string;
  offersReceived: number;
  offersResponded: number;
  offersAccepted: number;
  shiftsWorked: number;
  shiftsNoShow: number;
  lastAcceptedAt: Date | null;
}

export async function offerStats(q: Queryable): Promise<Map<string, OfferStats>> {
  const { rows } = await q.query("SELECT * FROM caregiver_offer_stats");
  return new Map(
    rows.map((r: any) => [
      r.caregiver_id,
      {
        caregiverId: r.caregiver_id,
        offersReceived: r.offers_received,
        offersResponded: r.offers_responded,
        offersAccepted: r.offers_accepted,
        shiftsWorked: r.shifts_worked,
        shiftsNoShow: r.shifts_no_show,
        lastAcceptedAt: r.last_accepted_at ? new Date(r.last_accepted_at) : null,
      },
    ]),
  );
}

/** Bumps a caregiver's offer counters; `accepted` also stamps last_accepted_at. */
export async function bumpOfferStats(q: Queryable, caregiverId: string, what: "received" | "responded" | "accepted", at: Date): Promise<void> {
  const col = { received: "offers_received", responded: "offers_responded", accepted: "offers_accepted" }[what];
  await q.query(
    `INSERT INTO caregiver_offer_stats (caregiver_id, ${col}, last_accepted_at, updated_at) VALUES ($1, 1, $2, $3)
     ON CONFLICT (caregiver_id) DO UPDATE SET ${col} = caregiver_offer_stats.${col} + 1,
       last_accepted_at = COALESCE($2, caregiver_offer_stats.last_accepted_at), updated_at = $3`,
    [caregiverId, what === "accepted" ? at : null, at],
  );
}
