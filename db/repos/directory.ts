import type { Queryable } from "../pool.js";
import type { CaregiverProfile, ClientPreferences, Coordinator, Language, ShiftType, Skill } from "../../domain/types.js";

/**
 * The agency-side directory: coordinators and their escalation chain, client care preferences and caregiver
 * profiles — facts WellSky's Connect API does not expose, kept in Postgres.
 */

interface CoordinatorRow {
  id: string;
  name: string;
  phone: string;
  slack_user_id: string;
  backup_id: string | null;
  supervisor_id: string | null;
}

const toCoordinator = (r: CoordinatorRow): Coordinator => ({
  id: r.id,
  name: r.name,
  phone: r.phone,
  slackUserId: r.slack_user_id,
  backupId: r.backup_id,
  supervisorId: r.supervisor_id,
});

export async function listCoordinators(q: Queryable): Promise<Coordinator[]> {
  const { rows } = await q.query<CoordinatorRow>("SELECT * FROM coordinators ORDER BY id");
  return rows.map(toCoordinator);
}

/**
 * Direct read, for the Slack routes' authority check (buttons that assign shifts): a coordinator removed a
 * moment ago must lose access now, not when coordinatorIndex's copy refreshes.
 */
export async function coordinatorBySlackUser(q: Queryable, slackUserId: string): Promise<Coordinator | null> {
  const { rows } = await q.query<CoordinatorRow>("SELECT * FROM coordinators WHERE slack_user_id = $1", [slackUserId]);
  return rows[0] ? toCoordinator(rows[0]) : null;
}

/**
 * How long a process serves coordinator lookups from its copy of the table. The directory is small and changes
 * rarely (an agency import); a write through upsertDirectory in this process drops the copy at once, and this
 * bounds how long a write by another process (or by hand) can go unseen.
 */
export const COORDINATOR_CACHE_TTL_MS = 60_000;

/** Coordinators indexed for identifying a sender; a phone shared by two coordinators maps to the lower id. */
export interface CoordinatorIndex {
  byPhone: ReadonlyMap<string, Coordinator>;
  bySlackUser: ReadonlyMap<string, Coordinator>;
}

interface CachedIndex {
  generation: number;
  loadedAt: number;
  index: Promise<CoordinatorIndex>;
}

/** Per pool (so per database: tests open many), dropped with the pool. */
const coordinatorCache = new WeakMap<Queryable, CachedIndex>();
/** Bumped by every directory write in this process: copies loaded under an older generation are stale. */
let directoryGeneration = 0;

/**
 * The coordinators table, indexed by phone and Slack user id, from an in-process copy per `q` (the pool)
 * refreshed every COORDINATOR_CACHE_TTL_MS and after upsertDirectory. Identifying the sender of every message
 * needs it; reading it from the database each time cost a statement per turn. Concurrent callers share one
 * load, and a failed load is not kept.
 */
export async function coordinatorIndex(q: Queryable): Promise<CoordinatorIndex> {
  const now = performance.now();
  const hit = coordinatorCache.get(q);
  if (hit && hit.generation === directoryGeneration && now - hit.loadedAt < COORDINATOR_CACHE_TTL_MS) return hit.index;
  const entry: CachedIndex = { generation: directoryGeneration, loadedAt: now, index: loadCoordinatorIndex(q) };
  coordinatorCache.set(q, entry);
  entry.index.catch(() => {
    if (coordinatorCache.get(q) === entry) coordinatorCache.delete(q);
  });
  return entry.index;
}

async function loadCoordinatorIndex(q: Queryable): Promise<CoordinatorIndex> {
  const byPhone = new Map<string, Coordinator>();
  const bySlackUser = new Map<string, Coordinator>();
  for (const c of await listCoordinators(q)) {
    if (!byPhone.has(c.phone)) byPhone.set(c.phone, c);
    bySlackUser.set(c.slackUserId, c);
  }
  return { byPhone, bySlackUser };
}

/**
 * Drops every in-process copy of the coordinators table. upsertDirectory calls it; call it after any other
 * write to the table (or after committing a transaction that called upsertDirectory).
 */
export function invalidateCoordinatorCache(): void {
  directoryGeneration++;
}

/**
 * The escalation chain for a client: assigned coordinator, then their backup, then their supervisor
 * (deduplicated, in that order). Empty when the client has no assigned coordinator.
 */
export async function escalationChain(q: Queryable, clientId: string): Promise<Coordinator[]> {
  const { rows } = await q.query<CoordinatorRow & { level: number }>(
    `SELECT c.*, 1 AS level FROM client_preferences p JOIN coordinators c ON c.id = p.coordinator_id WHERE p.client_id = $1
     UNION ALL
     SELECT b.*, 2 FROM client_preferences p JOIN coordinators c ON c.id = p.coordinator_id JOIN coordinators b ON b.id = c.backup_id WHERE p.client_id = $1
     UNION ALL
     SELECT s.*, 3 FROM client_preferences p JOIN coordinators c ON c.id = p.coordinator_id JOIN coordinators s ON s.id = c.supervisor_id WHERE p.client_id = $1
     ORDER BY level`,
    [clientId],
  );
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.id) && seen.add(r.id)).map(toCoordinator);
}

interface PrefsRow {
  client_id: string;
  coordinator_id: string;
  required_skills: string[];
  required_language: string | null;
  preferred_caregiver_ids: string[];
  do_not_send_caregiver_ids: string[];
  gender_preference: string | null;
}

export async function clientPreferences(q: Queryable, clientId: string): Promise<ClientPreferences | null> {
  const { rows } = await q.query<PrefsRow>("SELECT * FROM client_preferences WHERE client_id = $1", [clientId]);
  const r = rows[0];
  if (!r) return null;
  return {
    clientId: r.client_id,
    coordinatorId: r.coordinator_id,
    requiredSkills: r.required_skills as Skill[],
    requiredLanguage: r.required_language as Language | null,
    preferredCaregiverIds: r.preferred_caregiver_ids,
    doNotSendCaregiverIds: r.do_not_send_caregiver_ids,
    genderPreference: r.gender_preference as ClientPreferences["genderPreference"],
  };
}

/** Clients a coordinator is responsible for (their ids). */
export async function clientsOfCoordinator(q: Queryable, coordinatorId: string): Promise<string[]> {
  const { rows } = await q.query<{ client_id: string }>("SELECT client_id FROM client_preferences WHERE coordinator_id = $1 ORDER BY client_id", [coordinatorId]);
  return rows.map((r) => r.client_id);
}

interface ProfileRow {
  caregiver_id: string;
  avg_rating: string | null;
  hire_date: Date | string | null;
  preferred_shift_types: string[];
  max_distance_miles: string | null;
  weekly_hours_target: string | null;
}

export async function caregiverProfiles(q: Queryable, caregiverIds?: string[]): Promise<Map<string, CaregiverProfile>> {
  const { rows } = caregiverIds
    ? await q.query<ProfileRow>("SELECT * FROM caregiver_profiles WHERE caregiver_id = ANY($1)", [caregiverIds])
    : await q.query<ProfileRow>("SELECT * FROM caregiver_profiles");
  return new Map(
    rows.map((r) => [
      r.caregiver_id,
      {
        caregiverId: r.caregiver_id,
        avgRating: r.avg_rating === null ? null : Number(r.avg_rating),
        hireDate: r.hire_date === null ? null : new Date(r.hire_date).toISOString().slice(0, 10),
        preferredShiftTypes: r.preferred_shift_types as ShiftType[],
        maxDistanceMiles: r.max_distance_miles === null ? null : Number(r.max_distance_miles),
        weeklyHoursTarget: r.weekly_hours_target === null ? null : Number(r.weekly_hours_target),
      },
    ]),
  );
}

/** Recorded time off overlapping [from, to) (open-ended time off has no end). */
export async function timeOffBetween(q: Queryable, from: Date, to: Date): Promise<{ caregiverId: string; start: Date; end: Date }[]> {
  const { rows } = await q.query<{ caregiver_id: string; starts_at: Date; ends_at: Date | null }>(
    `SELECT caregiver_id, starts_at, ends_at FROM caregiver_availability
     WHERE kind = 'time_off' AND starts_at < $2 AND (ends_at IS NULL OR ends_at > $1)`,
    [from, to],
  );
  return rows.map((r) => ({ caregiverId: r.caregiver_id, start: new Date(r.starts_at), end: r.ends_at ? new Date(r.ends_at) : new Date(8.64e15) }));
}

/** Phones (E.164) that replied STOP and have not opted back in. */
export async function optedOutPhones(q: Queryable, phones: readonly string[]): Promise<Set<string>> {
  const { rows } = await q.query<{ phone: string }>("SELECT phone FROM sms_consent WHERE opted_out AND phone = ANY($1)", [phones]);
  return new Set(rows.map((r) => r.phone));
}

export interface DirectorySnapshot {
  coordinators: Coordinator[];
  clientPreferences: ClientPreferences[];
  caregiverProfiles: CaregiverProfile[];
}

/**
 * Loads (upserts) the agency-side directory. Used by the agency's import and, in development, to load the
 * seeded agency that backs the WellSky stand-in. Idempotent.
 */
export async function upsertDirectory(q: Queryable, snap: DirectorySnapshot): Promise<void> {
  // Before and after: a lookup that loads while the upsert runs must not keep its half-written copy.
  invalidateCoordinatorCache();
  try {
    await writeDirectory(q, snap);
  } finally {
    invalidateCoordinatorCache();
  }
}

async function writeDirectory(q: Queryable, snap: DirectorySnapshot): Promise<void> {
  for (const c of snap.coordinators) {
    await q.query(
      `INSERT INTO coordinators (id, name, phone, slack_user_id, backup_id, supervisor_id) VALUES ($1,$2,$3,$4,NULL,NULL)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, phone = EXCLUDED.phone, slack_user_id = EXCLUDED.slack_user_id`,
      [c.id, c.name, c.phone, c.slackUserId],
    );
  }
  // Chain links after every coordinator exists, so references resolve in any order.
  for (const c of snap.coordinators) {
    await q.query("UPDATE coordinators SET backup_id = $2, supervisor_id = $3 WHERE id = $1", [c.id, c.backupId, c.supervisorId]);
  }
  for (const p of snap.clientPreferences) {
    await q.query(
      `INSERT INTO client_preferences (client_id, coordinator_id, required_skills, required_language, preferred_caregiver_ids, do_not_send_caregiver_ids, gender_preference)
       VALUES ($1,$2,$3,$4,$5,$6,$7)
       ON CONFLICT (client_id) DO UPDATE SET coordinator_id = EXCLUDED.coordinator_id, required_skills = EXCLUDED.required_skills,
         required_language = EXCLUDED.required_language, preferred_caregiver_ids = EXCLUDED.preferred_caregiver_ids,
         do_not_send_caregiver_ids = EXCLUDED.do_not_send_caregiver_ids, gender_preference = EXCLUDED.gender_preference`,
      [p.clientId, p.coordinatorId, p.requiredSkills, p.requiredLanguage, p.preferredCaregiverIds, p.doNotSendCaregiverIds, p.genderPreference],
    );
  }
  for (const p of snap.caregiverProfiles) {
    await q.query(
      `INSERT INTO caregiver_profiles (caregiver_id, avg_rating, hire_date, preferred_shift_types, max_distance_miles, weekly_hours_target)
       VALUES ($1,$2,$3,$4,$5,$6)
       ON CONFLICT (caregiver_id) DO UPDATE SET avg_rating = EXCLUDED.avg_rating, hire_date = EXCLUDED.hire_date,
         preferred_shift_types = EXCLUDED.preferred_shift_types, max_distance_miles = EXCLUDED.max_distance_miles,
         weekly_hours_target = EXCLUDED.weekly_hours_target`,
      [p.caregiverId, p.avgRating, p.hireDate, p.preferredShiftTypes, p.maxDistanceMiles, p.weeklyHoursTarget],
    );
  }
}

export async function directoryIsEmpty(q: Queryable): Promise<boolean> {
  const { rows } = await q.query<{ n: string }>("SELECT count(*) AS n FROM coordinators");
  return Number(rows[0]?.n ?? 0) === 0;
}
