import { DateTime } from "luxon";
import { signSlackRequest } from "../channels/slack/verify.js";
import { migrate } from "../db/migrate.js";
import { openDatabase, type Database, type Queryable } from "../db/pool.js";
import { upsertDirectory } from "../db/repos/directory.js";
import { getCampaign, type Campaign } from "../db/repos/fill.js";
import type { Shift } from "../domain/types.js";
import { generateAgency, startWellSkyFake, type SeedAgency, type WellSkyFake } from "../integrations/wellsky/fake/index.js";
import type { RankResult } from "../domain/matching/index.js";
import { OffsetClock } from "../lib/clock.js";
import { rankForShift } from "../workflows/shift-fill/rank.js";
import { TZ, type TestCoverline } from "./harness.js";

/**
 * Helpers for the shift-fill integration tests: read what went out (by idempotency key, the workflow's own
 * names for its messages), click Slack buttons signed as Slack signs them, preview rankings, and run several
 * app instances against one database and one WellSky stand-in.
 */

/** Polls `cond` until truthy; unlike `t.waitFor` it does not wait for one instance's inbound queue. */
export async function waitUntil<T>(cond: () => Promise<T | undefined | null | false>, ms = 20_000, what = "condition"): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await cond();
    if (v) return v;
    if (Date.now() > end) throw new Error(`waitUntil: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface SentRow {
  id: number;
  key: string;
  channel: "sms" | "slack";
  to: string;
  text: string;
  blocks: unknown;
  status: string;
}

/** Outbound rows (any status), oldest first, filtered by recipient, channel and an idempotency-key LIKE pattern. */
export async function sent(q: Queryable, f: { to?: string; channel?: "sms" | "slack"; key?: string; afterId?: number } = {}): Promise<SentRow[]> {
  const { rows } = await q.query(
    `SELECT id, idempotency_key, channel, to_address, body, blocks, status FROM outbound_messages
     WHERE ($1::text IS NULL OR to_address = $1) AND ($2::text IS NULL OR channel = $2) AND ($3::text IS NULL OR idempotency_key LIKE $3)
       AND id > $4
     ORDER BY id`,
    [f.to ?? null, f.channel ?? null, f.key ?? null, f.afterId ?? 0],
  );
  return rows.map((r) => ({ id: Number(r.id), key: r.idempotency_key, channel: r.channel, to: r.to_address, text: r.body, blocks: r.blocks, status: r.status }));
}

/** Audit actions of one campaign, in order. */
export async function auditOf(q: Queryable, campaignId: number): Promise<{ action: string; actor: string; at: Date; reason: string | null; data: Record<string, unknown> }[]> {
  const { rows } = await q.query(
    "SELECT action, actor, at, reason, data FROM audit_events WHERE subject_type = 'fill_campaign' AND subject_id = $1 ORDER BY id",
    [String(campaignId)],
  );
  return rows.map((r) => ({ action: r.action, actor: r.actor, at: new Date(r.at), reason: r.reason, data: r.data ?? {} }));
}

export interface OfferRow {
  id: number;
  campaignId: number;
  caregiverId: string;
  offerMessageId: number;
  optionNumber: number;
  wave: number;
  status: string;
}

export async function offersWhere(q: Queryable, f: { campaignId?: number; caregiverId?: string } = {}): Promise<OfferRow[]> {
  const { rows } = await q.query(
    `SELECT * FROM offers WHERE ($1::bigint IS NULL OR campaign_id = $1) AND ($2::text IS NULL OR caregiver_id = $2) ORDER BY id`,
    [f.campaignId ?? null, f.caregiverId ?? null],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    campaignId: Number(r.campaign_id),
    caregiverId: r.caregiver_id,
    offerMessageId: Number(r.offer_message_id),
    optionNumber: r.option_number,
    wave: r.wave,
    status: r.status,
  }));
}

export async function campaign(q: Queryable, id: number): Promise<Campaign> {
  const c = await getCampaign(q, id);
  if (!c) throw new Error(`no campaign ${id}`);
  return c;
}

/** POST /api/fills {shiftId} (what a coordinator's tool does); returns the campaign id. */
export async function startFill(t: Pick<TestCoverline, "app">, shiftKey: string): Promise<number> {
  const res = await t.app.request("/api/fills", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ shiftId: shiftKey }) });
  if (res.status !== 201) throw new Error(`POST /api/fills ${shiftKey} → ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { id: number }).id;
}

/**
 * A Slack block_actions click, form-encoded (`payload=<json>`) and signed with the signing secret exactly as
 * Slack signs it (test/fixtures/slack/block-actions.txt is the real shape).
 */
export async function slackClick(
  t: Pick<TestCoverline, "app" | "config" | "clock">,
  click: { userId: string; actionId: string; value: string; secret?: string },
): Promise<Response> {
  const payload = {
    type: "block_actions",
    user: { id: click.userId, username: "someone", name: "someone", team_id: "T0FAKE001" },
    api_app_id: "A0COVERLINE",
    token: "legacy-token",
    container: { type: "message", message_ts: "1795446060.000300", channel_id: "C0SCHEDULE", is_ephemeral: false },
    trigger_id: "13345224609.738474920.8088930838d88f008e0",
    team: { id: "T0FAKE001", domain: "coverline-dev" },
    channel: { id: "C0SCHEDULE", name: "scheduling" },
    response_url: "https://hooks.slack.com/actions/T0FAKE001/1234567890/ZyXwVuTsRqPoNmLkJiHgFeDc",
    actions: [{ action_id: click.actionId, block_id: "b1", text: { type: "plain_text", text: "Assign", emoji: true }, value: click.value, type: "button", action_ts: "1795446120.553401" }],
  };
  const rawBody = `payload=${encodeURIComponent(JSON.stringify(payload))}`;
  const timestamp = String(Math.floor(t.clock.now().getTime() / 1000));
  const signature = signSlackRequest({ rawBody, timestamp, signingSecret: click.secret ?? t.config.SLACK_SIGNING_SECRET });
  return t.app.request("/webhooks/slack/interactive", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-slack-request-timestamp": timestamp, "x-slack-signature": signature },
    body: rawBody,
  });
}

/** Every button (action_id, value) in a Slack message's blocks. */
export function buttonsOf(blocks: unknown): { actionId: string; value: string }[] {
  const out: { actionId: string; value: string }[] = [];
  const visit = (b: unknown) => {
    if (!b || typeof b !== "object") return;
    if (Array.isArray(b)) return b.forEach(visit);
    const o = b as Record<string, unknown>;
    if (o.type === "button" && typeof o.action_id === "string") out.push({ actionId: o.action_id, value: String(o.value ?? "") });
    for (const v of Object.values(o)) visit(v);
  };
  visit(blocks);
  return out;
}

/** The ranking the engine would compute for a shift right now (no campaign is created). */
export async function previewRanking(t: Pick<TestCoverline, "fill">, shift: Shift): Promise<RankResult> {
  const client = await t.fill.ctx.client(shift.clientId);
  if (!client) throw new Error(`no client ${shift.clientId}`);
  return (await rankForShift(t.fill.ctx, shift, client, { originalCaregiverId: shift.caregiverId, campaignId: 0 })).result;
}

/** Scheduled seed shifts starting between `fromHours` and `toHours` from now, in start order. */
export function upcomingShifts(seed: SeedAgency, now: Date, fromHours: number, toHours: number): Shift[] {
  const from = now.getTime() + fromHours * 3600_000;
  const to = now.getTime() + toHours * 3600_000;
  return seed.shifts.filter((s) => s.status === "SCHEDULED" && s.start.getTime() >= from && s.start.getTime() < to).sort((a, b) => a.start.getTime() - b.start.getTime());
}

export const localTime = (d: Date) => DateTime.fromJSDate(d, { zone: TZ }).toFormat("ccc HH:mm");

/**
 * A WellSky stand-in started on its own (not by an app instance), with the directory loaded into `db`, so
 * app instances can come and go (restart tests) while WellSky keeps its state. Pass `env` to the harness.
 */
export async function standaloneWellSky(at: Date, db: Database, seed = 42): Promise<{ agency: SeedAgency; fake: WellSkyFake; env: Record<string, string> }> {
  const agency = generateAgency({ seed, today: at, timezone: TZ });
  const fake = await startWellSkyFake({ port: 0, host: "127.0.0.1", agency, clock: new OffsetClock(at) });
  await upsertDirectory(db.pool, { coordinators: agency.coordinators, clientPreferences: agency.clientPreferences, caregiverProfiles: agency.caregiverProfiles });
  return { agency, fake, env: { WELLSKY_BASE_URL: fake.url } };
}

/**
 * A second pool on an existing schema of the PostgreSQL server: what a second process would open. Closing it
 * only ends the pool (the schema belongs to whoever created it).
 */
export async function attachToSchema(url: string, schema: string): Promise<Database> {
  const db = await openDatabase({ url, schema, poolMax: 10 });
  await migrate(db);
  return db;
}
