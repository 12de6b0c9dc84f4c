import type { Queryable } from "../pool.js";

export interface AuditEvent {
  at: Date;
  /** system | agent | caregiver:<id> | coordinator:<id> */
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string;
  reason?: string;
  /** Ids, intents, decisions. Never phone numbers or message bodies. */
  data?: Record<string, unknown>;
}

/** Appends one audit event: every workflow step records what happened, when, by whom and why. */
export async function recordAudit(q: Queryable, e: AuditEvent): Promise<void> {
  await q.query("INSERT INTO audit_events (at, actor, action, subject_type, subject_id, reason, data) VALUES ($1,$2,$3,$4,$5,$6,$7)", [
    e.at,
    e.actor,
    e.action,
    e.subjectType,
    e.subjectId,
    e.reason ?? null,
    JSON.stringify(e.data ?? {}),
  ]);
}

export async function auditTrail(q: Queryable, subjectType: string, subjectId: string): Promise<(AuditEvent & { id: number })[]> {
  const { rows } = await q.query(
    "SELECT id, at, actor, action, subject_type, subject_id, reason, data FROM audit_events WHERE subject_type = $1 AND subject_id = $2 ORDER BY at, id",
    [subjectType, subjectId],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    at: new Date(r.at),
    actor: r.actor,
    action: r.action,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    reason: r.reason ?? undefined,
    data: r.data,
  }));
}
