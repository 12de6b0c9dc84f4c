/**
 * `npm run bench:fill -- --seed 7 --weeks 10 --rate 0.04`
 *
 * The shift-fill engine over simulated agency weeks, in virtual time. What is real: `createFillEngine` with
 * its database repos (PGlite in memory, or a fresh schema of DATABASE_URL's server, dropped afterwards), the
 * domain ranking, the SMS templates, the messenger (idempotency keys, consent) and the embedded interpreter
 * (`interpret`), which reads every simulated reply in the context of the caregiver's open offer question,
 * exactly as the agent's load_context → interpret_message → handle_offer path does.
 *
 * What is simulated, and why:
 * - Time: a `ManualClock` and an in-memory priority queue implementing the workflow's `Scheduler`; due jobs
 *   run through `engine.runJob` as the clock jumps to them, so a week takes seconds and nothing waits.
 * - WellSky: an in-memory AgencyReader & AgencyWriter over the seeded agency (`generateAgency`, the same data
 *   the WellSky stand-in serves), not HTTP. Over HTTP a week of campaigns would be dominated by the client's
 *   rate limiter and per-person schedule reads (the Connect API has no agency-wide search), which measures
 *   WellSky's limits, not the workflow; the stand-in's HTTP path is covered by the integration tests.
 * - Call-offs: each scheduled, assigned shift of the week is called off with probability --rate (default 4%;
 *   the seed's 2–4 missed visits a week at a ~70% manual fill rate imply 7–13 call-offs a week, 2.5–4.6% of
 *   this agency's ~285 weekly shifts), with short, same-day and days-ahead notice mixed.
 * - Caregivers: per-caregiver response and acceptance rates (some never answer), lognormal reply latency
 *   (median ≈ 4 min, long tail), slower at night, some ask a question first, and replies that arrive after
 *   the shift is filled. Whether a caregiver would say yes to a given campaign, and how fast, is a fixed
 *   function of (seed, week, caregiver, campaign), so the lower bound below uses the same decisions.
 * - Coordinators do nothing: the numbers are what the automation achieves alone (escalations are counted).
 *
 * Reported: fill rate, time to fill (median, p90), texts per fill, escalations; the lower bound (per call-off,
 * the fastest qualified caregiver who would say yes, had everyone been texted at the call-off instant) and
 * the seed's manual baseline (30–60 min, ~70%); `rankCandidates` timing for 5,000 caregivers.
 *
 * Flags: --seed 7 (simulation) --agency-seed 42 (the seeded agency, WELLSKY_SEED's default) --weeks 10
 * (independent agency-weeks, each on a fresh database) --rate 0.04 --rank-runs 25 --wave-delays 0,300,600
 * (FILL_WAVE_DELAYS; a first value > 0 is the batching window that lets open shifts go out as one bundle).
 */
import os from "node:os";
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { DateTime } from "luxon";
import pg from "pg";
import { interpret } from "../agent/interpreter/index.js";
import { createMessenger } from "../channels/messenger.js";
import { createOutboxTransport } from "../channels/outbox-transport.js";
import { loadConfig } from "../config/env.js";
import { migrate } from "../db/migrate.js";
import { openDatabase, quoteIdent, type Database } from "../db/pool.js";
import { upsertDirectory } from "../db/repos/directory.js";
import { listCampaigns, listCandidates, offersOfMessage, type Campaign } from "../db/repos/fill.js";
import { createOutboundStore } from "../db/repos/outbound-store.js";
import { answerQuestion, latestOpenQuestion } from "../db/repos/questions.js";
import { MIN_ACTIONABLE_CONFIDENCE, type OfferOption } from "../domain/intents.js";
import { rankCandidates, type RankInput } from "../domain/matching/index.js";
import type { Caregiver, CaregiverProfile, Client, ClientContact, Language, Shift } from "../domain/types.js";
import { generateAgency, type SeedAgency } from "../integrations/wellsky/fake/index.js";
import { ManualClock } from "../lib/clock.js";
import { silentLogger } from "../lib/logger.js";
import { createFillEngine, FillError, type FillEngine } from "../workflows/shift-fill/engine.js";
import type { AgencyReader, AgencyWriter, FillJob, FillJobData, FillSettings, Scheduler, Sender } from "../workflows/shift-fill/ports.js";
import { mulberry32 } from "../lib/prng.js";

const { values: flags } = parseArgs({
  options: {
    seed: { type: "string", default: "7" },
    "agency-seed": { type: "string", default: "42" },
    weeks: { type: "string", default: "10" },
    rate: { type: "string", default: "0.04" },
    "rank-runs": { type: "string", default: "25" },
    /** Overrides FILL_WAVE_DELAYS, e.g. "60,300,600" to give first waves a batching window (bundles). */
    "wave-delays": { type: "string" },
  },
});
const SEED = int(flags.seed, 0, 2 ** 31, "--seed");
const AGENCY_SEED = int(flags["agency-seed"], 0, 2 ** 31, "--agency-seed");
const WEEKS = int(flags.weeks, 1, 52, "--weeks");
const RATE = Number(flags.rate);
if (!(RATE > 0 && RATE <= 0.5)) throw new Error("--rate must be in (0, 0.5]");
const RANK_RUNS = int(flags["rank-runs"], 3, 1000, "--rank-runs");

const TZ = "America/Denver";
/** Monday 23 Nov 2026, 00:00 in Denver: a fixed week, so a seed always means the same run. */
const WEEK_START = DateTime.fromISO("2026-11-23T00:00", { zone: TZ });
/** Defaults of config/env.ts (what `npm start` runs with), read rather than copied. */
const CONFIG = loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent", ...(flags["wave-delays"] ? { FILL_WAVE_DELAYS: flags["wave-delays"] } : {}) });
const SETTINGS: FillSettings = {
  timezone: TZ,
  waveDelaysSeconds: CONFIG.FILL_WAVE_DELAYS,
  escalateAfterSeconds: CONFIG.FILL_ESCALATE_AFTER,
  urgentWithinHours: CONFIG.FILL_URGENT_WITHIN_HOURS,
  maxDistanceMiles: CONFIG.FILL_MAX_DISTANCE_MILES,
  travelBufferMinutes: CONFIG.FILL_TRAVEL_BUFFER_MINUTES,
  overtimeCapHours: CONFIG.FILL_OVERTIME_CAP_HOURS,
  dailyOfferCap: CONFIG.FILL_DAILY_OFFER_CAP,
  officePhone: CONFIG.AGENCY_OFFICE_PHONE,
  agencyName: CONFIG.AGENCY_NAME,
  alertsChannel: CONFIG.SLACK_ALERTS_CHANNEL,
};
/** pg-boss's retry policy for fill jobs (db/jobs.ts): 5 s doubling; assignment writes 30 tries, timers 5. */
const RETRY_DELAY_S = 5;

function int(v: string | undefined, min: number, max: number, name: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be an integer in [${min}, ${max}]`);
  return n;
}

// ---------------------------------------------------------------------------------------------------------
// Deterministic randomness
// ---------------------------------------------------------------------------------------------------------

const rng = mulberry32;

/** FNV-1a over the parts: a seed for one named random stream. */
function hash(...parts: (string | number)[]): number {
  let h = 0x811c9dc5;
  for (const ch of parts.join("|")) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function normal(r: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
}

// ---------------------------------------------------------------------------------------------------------
// The seeded agency as an in-memory WellSky (AgencyReader & AgencyWriter)
// ---------------------------------------------------------------------------------------------------------

interface MemoryAgency extends AgencyReader, AgencyWriter {
  writes: number;
}

function memoryAgency(seed: SeedAgency, clock: ManualClock): MemoryAgency {
  const shifts = new Map(seed.shifts.map((s) => [s.key, { ...s }]));
  const caregivers = seed.caregivers.filter((c) => c.active && c.hired);
  const byId = new Map(seed.caregivers.map((c) => [c.id, c]));
  const clients = new Map(seed.clients.map((c) => [c.id, c]));
  const contacts = new Map<string, ClientContact[]>();
  for (const c of seed.contacts) contacts.set(c.clientId, [...(contacts.get(c.clientId) ?? []), c]);
  const overlapping = (s: Shift, from: Date, to: Date) => s.start < to && s.end > from;
  const agency: MemoryAgency = {
    writes: 0,
    async getShift(key) {
      const s = shifts.get(key);
      return s ? { ...s } : null;
    },
    getClient: async (id) => clients.get(id) ?? null,
    getCaregiver: async (id) => byId.get(id) ?? null,
    activeCaregivers: async () => caregivers,
    async scheduleBetween(from, to, ids) {
      const want = new Set(ids);
      return [...shifts.values()].filter((s) => s.caregiverId !== null && want.has(s.caregiverId) && overlapping(s, from, to)).map((s) => ({ ...s }));
    },
    async clientShiftsBetween(from, to, ids) {
      const want = new Set(ids);
      return [...shifts.values()].filter((s) => want.has(s.clientId) && overlapping(s, from, to)).map((s) => ({ ...s }));
    },
    activeClients: async () => [...clients.values()],
    async priorCaregiversOf(clientId) {
      const now = clock.now();
      return new Set([...shifts.values()].filter((s) => s.clientId === clientId && s.caregiverId && s.start < now && s.status === "COMPLETED").map((s) => s.caregiverId!));
    },
    clientContacts: async (clientId) => contacts.get(clientId) ?? [],
    async findPersonByPhone(phone) {
      const c = caregivers.find((x) => x.phone === phone);
      return c ? { kind: "caregiver", id: c.id, firstName: c.firstName, language: c.language } : { kind: "unknown" };
    },
    async assignCaregiver(key, caregiverId) {
      const s = shifts.get(key);
      if (!s) throw Object.assign(new Error(`no occurrence ${key}`), { status: 404 });
      s.caregiverId = caregiverId;
      agency.writes += 1;
    },
    async noteOnShift() {
      // A note is one or two WellSky calls off the fill's critical path (its failure is only logged); not measured here.
    },
  };
  return agency;
}

// ---------------------------------------------------------------------------------------------------------
// Virtual time: one event queue for job timers, call-offs and caregiver replies
// ---------------------------------------------------------------------------------------------------------

interface SimEvent {
  at: number;
  seq: number;
  run: () => Promise<void>;
}

class EventQueue {
  private heap: SimEvent[] = [];
  private seq = 0;
  get size() {
    return this.heap.length;
  }
  push(at: number, run: () => Promise<void>): void {
    const e = { at, seq: this.seq++, run };
    const h = this.heap;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (before(h[p]!, e)) break;
      h[i] = h[p]!;
      i = p;
    }
    h[i] = e;
  }
  pop(): SimEvent | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length === 0 || !last) return top;
    // Sift `last` down from the root.
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = -1;
      let best = last;
      if (l < h.length && before(h[l]!, best)) {
        m = l;
        best = h[l]!;
      }
      if (r < h.length && before(h[r]!, best)) {
        m = r;
        best = h[r]!;
      }
      if (m < 0) break;
      h[i] = h[m]!;
      i = m;
    }
    h[i] = last;
    return top;
  }
}

function before(a: SimEvent, b: SimEvent): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

/** The workflow's `Scheduler` on the event queue: keys dedupe (like pg-boss singleton keys), failures retry. */
function virtualScheduler(queue: EventQueue, clock: ManualClock, engine: () => FillEngine, stats: WeekStats): Scheduler {
  const seen = new Set<string>();
  const run = (job: FillJob, data: FillJobData, attempt: number) => async () => {
    try {
      await engine().runJob(job, data);
    } catch (err) {
      stats.jobFailures += 1;
      const limit = job === "fill.assign" ? 30 : 5;
      if (attempt < limit) queue.push(clock.now().getTime() + RETRY_DELAY_S * 1000 * 2 ** attempt, run(job, data, attempt + 1));
      else console.error(`job ${job} ${JSON.stringify(data)} gave up: ${(err as Error).message}`);
    }
  };
  return {
    async schedule(job, data, runAt, key) {
      if (seen.has(key)) return;
      seen.add(key);
      queue.push(Math.max(runAt.getTime(), clock.now().getTime()), run(job, data, 0));
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Simulated caregivers
// ---------------------------------------------------------------------------------------------------------

interface Persona {
  /** Chance of answering an offer at all (ghosts ≈ 0.05). */
  respond: number;
  /** Chance of a yes, given an answer. */
  accept: number;
  /** Median reply latency, minutes. */
  medianMin: number;
  askFirst: number;
  /** Answers texts at night instead of in the morning. */
  nightOwl: boolean;
}

function persona(week: number, caregiverId: string): Persona {
  const r = rng(hash(SEED, week, "persona", caregiverId));
  const ghost = r() < 0.12;
  return {
    respond: ghost ? 0.05 : 0.55 + 0.4 * r(),
    accept: 0.1 + 0.45 * r(),
    medianMin: Math.min(30, Math.max(0.7, Math.exp(Math.log(4) + 0.6 * normal(r)))),
    askFirst: 0.12,
    nightOwl: r() < 0.15,
  };
}

interface Decision {
  responds: boolean;
  accepts: boolean;
  asksFirst: boolean;
  /** Minutes from reading the text to answering, before the night-time shift. */
  latencyMin: number;
  followupMin: number;
}

/** What this caregiver does with an offer for this campaign: fixed per (seed, week, caregiver, campaign). */
function decide(week: number, caregiverId: string, campaignId: number): Decision {
  const p = persona(week, caregiverId);
  const r = rng(hash(SEED, week, "offer", caregiverId, campaignId));
  return {
    responds: r() < p.respond,
    accepts: r() < p.accept,
    asksFirst: r() < p.askFirst,
    latencyMin: Math.min(600, Math.max(0.3, p.medianMin * Math.exp(1.0 * normal(r)))),
    followupMin: Math.min(60, Math.max(0.3, Math.exp(Math.log(2) + 0.5 * normal(r)))),
  };
}

/** When the answer arrives for a text sent at `sentAt`: asleep 22:00–06:30 unless a night owl. */
function answerAt(week: number, caregiverId: string, d: Decision, sentAt: number): number {
  let t = sentAt + d.latencyMin * 60_000;
  const local = DateTime.fromMillis(t, { zone: TZ });
  const hour = local.hour + local.minute / 60;
  if (!persona(week, caregiverId).nightOwl && (hour >= 22 || hour < 6.5)) {
    const morning = (hour >= 22 ? local.plus({ days: 1 }) : local).set({ hour: 6, minute: 30, second: 0, millisecond: 0 });
    t = morning.toMillis() + rng(hash(SEED, week, "wake", caregiverId, sentAt))() * 45 * 60_000;
  }
  return d.asksFirst ? t + d.followupMin * 60_000 : t;
}

/** Reply phrasings per language (the interpreter reads them; they are not parsed here). */
const PHRASES: Record<string, { yes: string[]; no: string[]; question: string; all: string; one: (n: number) => string; two: (a: number, b: number) => string }> = {
  en: { yes: ["YES", "yes I can", "Sure 👍", "yes"], no: ["no sorry", "can't today, sorry", "No"], question: "what time does it start?", all: "ALL", one: (n) => `just ${n}`, two: (a, b) => `${a} and ${b}` },
  es: { yes: ["sí", "si puedo", "Sí 👍"], no: ["no puedo, lo siento", "no"], question: "¿a qué hora empieza?", all: "todos", one: (n) => `solo el ${n}`, two: (a, b) => `${a} y ${b}` },
  vi: { yes: ["có", "được"], no: ["không"], question: "mấy giờ bắt đầu?", all: "tất cả", one: (n) => `chỉ ${n}`, two: (a, b) => `${a} và ${b}` },
  tl: { yes: ["oo", "opo kaya ko"], no: ["hindi po"], question: "anong oras?", all: "lahat", one: (n) => `${n} lang`, two: (a, b) => `${a} at ${b}` },
  ht: { yes: ["wi"], no: ["non"], question: "ki lè?", all: "tout", one: (n) => `sèlman ${n}`, two: (a, b) => `${a} ak ${b}` },
  zh: { yes: ["可以", "好的"], no: ["不行"], question: "几点开始？", all: "全部", one: (n) => `只要${n}`, two: (a, b) => `${a}和${b}` },
  ru: { yes: ["да", "могу"], no: ["нет"], question: "во сколько?", all: "все", one: (n) => `только ${n}`, two: (a, b) => `${a} и ${b}` },
};

// ---------------------------------------------------------------------------------------------------------
// One agency-week
// ---------------------------------------------------------------------------------------------------------

interface WeekStats {
  callOffs: number;
  notStarted: number;
  campaigns: Campaign[];
  lowerBoundMin: (number | null)[];
  sms: Record<string, number>;
  slack: Record<string, number>;
  replies: Record<string, number>;
  unclear: number;
  jobFailures: number;
  wellskyWrites: number;
  scheduledShifts: number;
  /** Offer texts that carried two or three shifts. */
  bundles: number;
}

async function runWeek(week: number, db: Database, agencySeed: SeedAgency): Promise<WeekStats> {
  const weekStart = WEEK_START.toJSDate().getTime();
  const weekEnd = WEEK_START.plus({ weeks: 1 }).toJSDate().getTime();
  const clock = new ManualClock(new Date(weekStart));
  const agency = memoryAgency(agencySeed, clock);
  const queue = new EventQueue();
  const stats: WeekStats = { callOffs: 0, notStarted: 0, campaigns: [], lowerBoundMin: [], sms: {}, slack: {}, replies: {}, unclear: 0, jobFailures: 0, wellskyWrites: 0, scheduledShifts: 0, bundles: 0 };
  const bump = (m: Record<string, number>, k: string) => (m[k] = (m[k] ?? 0) + 1);
  const byPhone = new Map(agencySeed.caregivers.map((c) => [c.phone, c]));
  let inboundId = 0;

  const messenger = createMessenger({ store: createOutboundStore(db.pool), transports: { sms: createOutboxTransport(), slack: createOutboxTransport() }, clock, logger: silentLogger });
  // The real messenger (idempotency, consent), plus a tap that hands each new offer text to its caregiver.
  const sender: Sender = {
    async send(req) {
      const out = await messenger.send(req);
      if (out.duplicate || out.status !== "sent") return out;
      const kind = req.idempotencyKey.replace(/\d+/g, "#");
      if (req.channel === "slack") bump(stats.slack, kind);
      else bump(stats.sms, kind);
      const offer = /^offer:(\d+)$/.exec(req.idempotencyKey);
      const cg = byPhone.get(req.to);
      if (offer && cg) await onOffer(cg, Number(offer[1]));
      return out;
    },
  };
  // The scheduler runs jobs on the engine it is handed to: resolved lazily, once both exist.
  const engineRef: { current?: FillEngine } = {};
  const scheduler = virtualScheduler(queue, clock, () => engineRef.current!, stats);
  const engine = (engineRef.current = createFillEngine({ pool: db.pool, agency, writer: agency, sender, scheduler, clock, logger: silentLogger, settings: SETTINGS }));

  /**
   * A caregiver read an offer text: they answer (or not) when the first of its shifts they would answer
   * about comes due — after a question first, if that one is a question-asker.
   */
  async function onOffer(cg: Caregiver, offerMessageId: number): Promise<void> {
    const sentAt = clock.now().getTime();
    const due = (await offersOfMessage(db.pool, offerMessageId))
      .map((o) => decide(week, cg.id, o.campaignId))
      .filter((d) => d.responds)
      .map((d) => ({ d, at: answerAt(week, cg.id, d, sentAt) }))
      .sort((a, b) => a.at - b.at)[0];
    if (!due) return;
    if (due.d.asksFirst) queue.push(due.at - due.d.followupMin * 60_000, () => reply(cg, "question"));
    queue.push(due.at, () => reply(cg, "answer"));
  }

  /** The caregiver texts back; the agent's offer path: newest open question → interpreter → engine. */
  async function reply(cg: Caregiver, step: "question" | "answer", forcedText?: string): Promise<void> {
    const now = clock.now();
    const q = await latestOpenQuestion(db.pool, cg.phone, now);
    if (!q || q.kind !== "offer") {
      bump(stats.replies, "after_question_closed");
      return;
    }
    const offerMessageId = Number(q.ref.offerMessageId);
    const offers = await offersOfMessage(db.pool, offerMessageId);
    const lang = PHRASES[cg.language] ? cg.language : "en";
    const ph = PHRASES[lang]!;
    const pick = rng(hash(SEED, week, "text", cg.id, offerMessageId, step));
    let text: string;
    if (forcedText) text = forcedText;
    else if (step === "question") text = ph.question;
    else {
      const yes = offers.filter((o) => decide(week, cg.id, o.campaignId).accepts).map((o) => o.optionNumber);
      if (yes.length === 0) text = ph.no[Math.floor(pick() * ph.no.length)]!;
      else if (offers.length === 1) text = ph.yes[Math.floor(pick() * ph.yes.length)]!;
      else if (yes.length === offers.length) text = ph.all;
      else if (yes.length === 1) text = ph.one(yes[0]!);
      else text = ph.two(yes[0]!, yes[1]!);
    }
    const options = Array.isArray(q.options) ? (q.options as OfferOption[]) : undefined;
    const interpretation = interpret(text, { kind: "offer", options }, { now, timezone: TZ, languageHint: cg.language as Language });
    if (!interpretation.intent.startsWith("offer_") || interpretation.confidence < MIN_ACTIONABLE_CONFIDENCE) {
      // The agent would ask a clarifying question; the caregiver answers it plainly a couple of minutes later.
      stats.unclear += 1;
      const yes = offers.filter((o) => decide(week, cg.id, o.campaignId).accepts).map((o) => o.optionNumber);
      if (!forcedText) queue.push(now.getTime() + 2 * 60_000, () => reply(cg, step, step === "question" ? "what time?" : plainEnglish(offers.length, yes)));
      return;
    }
    const outcome = await engine.handleReply({ caregiverId: cg.id, offerMessageId, interpretation, inboundId: ++inboundId });
    bump(stats.replies, outcome.kind);
    // send_replies: these outcomes close the question (an offer stays open through questions and counters).
    if (["won", "declined", "already_filled"].includes(outcome.kind)) await answerQuestion(db.pool, q.id, now);
  }

  // Call-offs: each assigned, scheduled shift starting this week, at rate RATE, with mixed notice.
  const r = rng(hash(SEED, week, "calloffs"));
  const candidates = agencySeed.shifts.filter((s) => s.status === "SCHEDULED" && s.caregiverId && s.start.getTime() >= weekStart + 3600_000 && s.start.getTime() < weekEnd);
  stats.scheduledShifts = candidates.length;
  for (const s of candidates) {
    if (r() >= RATE) continue;
    const u = r();
    const leadH = u < 0.35 ? 0.25 + 2.75 * r() : u < 0.8 ? 3 + 21 * r() : 24 + 48 * r();
    const at = Math.max(weekStart, s.start.getTime() - leadH * 3600_000);
    stats.callOffs += 1;
    queue.push(at, async () => {
      const shift = await agency.getShift(s.key);
      try {
        await engine.start({ shiftKey: s.key, source: "call_off", actor: `caregiver:${shift?.caregiverId}`, callerCaregiverId: shift?.caregiverId ?? undefined, reason: "simulated call-off" });
      } catch (err) {
        if (!(err instanceof FillError)) throw err;
        stats.notStarted += 1;
      }
    });
  }

  const stopAt = weekEnd + 24 * 3600_000;
  for (let e = queue.pop(); e && e.at <= stopAt; e = queue.pop()) {
    if (e.at > clock.now().getTime()) clock.set(new Date(e.at));
    await e.run();
  }

  stats.campaigns = await listCampaigns(db.pool, { limit: 10_000 });
  stats.wellskyWrites = agency.writes;
  const { rows } = await db.pool.query("SELECT count(*)::int AS n FROM (SELECT offer_message_id FROM offers GROUP BY offer_message_id HAVING count(*) > 1) b");
  stats.bundles = rows[0].n;
  for (const c of stats.campaigns) {
    // Lower bound: everyone qualified texted at the call-off instant; the first yes wins at once.
    let best: number | null = null;
    for (const cand of await listCandidates(db.pool, c.id)) {
      const d = decide(week, cand.caregiverId, c.id);
      if (!d.responds || !d.accepts) continue;
      const t = answerAt(week, cand.caregiverId, d, c.createdAt.getTime());
      if (t < c.shiftStart.getTime() && (best === null || t < best)) best = t;
    }
    stats.lowerBoundMin.push(best === null ? null : (best - c.createdAt.getTime()) / 60_000);
  }
  return stats;
}

function isNight(d: Date): boolean {
  const l = DateTime.fromJSDate(d, { zone: TZ });
  const h = l.hour + l.minute / 60;
  return h >= 22 || h < 6.5;
}

/** The answer to the agent's clarifying question, in the plainest form. */
function plainEnglish(options: number, yes: number[]): string {
  if (yes.length === 0) return "no";
  if (options === 1) return "yes";
  if (yes.length === options) return "ALL";
  return yes.length === 1 ? `${yes[0]}` : `${yes[0]} and ${yes[1]}`;
}

// ---------------------------------------------------------------------------------------------------------
// rankCandidates on 5,000 caregivers (the seeded agency's people, replicated around the metro)
// ---------------------------------------------------------------------------------------------------------

function rankTiming(seed: SeedAgency): { median: number; min: number; max: number; ranked: number; n: number } {
  const r = rng(hash(SEED, "rank"));
  const base = seed.caregivers.filter((c) => c.active && c.hired);
  const profiles = new Map<string, CaregiverProfile>(seed.caregiverProfiles.map((p) => [p.caregiverId, p]));
  const caregivers: Caregiver[] = [];
  const schedule: Shift[] = [];
  const allProfiles = new Map<string, CaregiverProfile>();
  const weekStart = WEEK_START.toJSDate().getTime();
  const weekEnd = WEEK_START.plus({ weeks: 1 }).toJSDate().getTime();
  const theirWeek = new Map<string, Shift[]>();
  for (const s of seed.shifts) if (s.caregiverId && s.start.getTime() >= weekStart - 86_400_000 && s.start.getTime() < weekEnd + 86_400_000) theirWeek.set(s.caregiverId, [...(theirWeek.get(s.caregiverId) ?? []), s]);
  for (let i = 0; caregivers.length < 5000; i++) {
    const b = base[i % base.length]!;
    const id = `${b.id}x${i}`;
    const jitter = () => (r() - 0.5) * 0.3;
    caregivers.push({ ...b, id, location: b.location ? { lat: b.location.lat + jitter(), lng: b.location.lng + jitter() } : null });
    const p = profiles.get(b.id);
    if (p) allProfiles.set(id, { ...p, caregiverId: id });
    for (const s of theirWeek.get(b.id) ?? []) schedule.push({ ...s, key: `${s.key}x${i}`, caregiverId: id });
  }
  const open = seed.shifts.find((s) => s.status === "SCHEDULED" && s.start.getTime() > weekStart + 2 * 86_400_000)!;
  const client: Client = seed.clients.find((c) => c.id === open.clientId)!;
  const prefs = seed.clientPreferences.find((p) => p.clientId === client.id)!;
  const input: RankInput = {
    shift: open,
    client,
    preferences: prefs,
    caregivers,
    profiles: allProfiles,
    schedule,
    timeOff: [],
    optedOutIds: [],
    originalCaregiverId: open.caregiverId,
    openOfferConflictIds: [],
    offersSentToday: new Map(),
    policy: { timezone: TZ, maxDistanceMiles: SETTINGS.maxDistanceMiles, travelBufferMinutes: SETTINGS.travelBufferMinutes, overtimeCapHours: SETTINGS.overtimeCapHours, dailyOfferCap: SETTINGS.dailyOfferCap },
    priorAssignmentIds: caregivers.filter((_, i) => i % 97 === 0).map((c) => c.id),
    lastAcceptedAt: new Map(),
    histories: new Map(),
    now: new Date(weekStart + 86_400_000),
  };
  let result = rankCandidates(input); // warm-up: JIT and luxon's zone cache
  const times: number[] = [];
  for (let i = 0; i < RANK_RUNS; i++) {
    const t0 = performance.now();
    result = rankCandidates(input);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)]!, min: times[0]!, max: times.at(-1)!, ranked: result.ranked.length, n: caregivers.length };
}

// ---------------------------------------------------------------------------------------------------------
// Databases, report
// ---------------------------------------------------------------------------------------------------------

async function withDatabase<T>(template: Blob | null, fn: (db: Database) => Promise<T>): Promise<T> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const schema = `bench_fill_${randomBytes(4).toString("hex")}`;
    const db = await openDatabase({ url, schema, poolMax: 5 });
    try {
      await migrate(db);
      return await fn(db);
    } finally {
      await db.close();
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`).finally(() => admin.end());
    }
  }
  const db = await openDatabase({ dataDir: "memory://", loadDataDir: template ?? undefined });
  try {
    await migrate(db);
    return await fn(db);
  } finally {
    await db.close();
  }
}

function quantile(xs: number[], q: number): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}
const fmt = (n: number | null, d = 1) => (n === null ? "–" : n.toFixed(d));
const pct = (a: number, b: number) => (b === 0 ? "–" : `${((100 * a) / b).toFixed(1)}%`);

async function main(): Promise<void> {
  const wall = performance.now();
  const agencySeed = generateAgency({ seed: AGENCY_SEED, today: WEEK_START.plus({ hours: 7 }).toJSDate(), timezone: TZ });
  let template: Blob | null = null;
  if (!process.env.DATABASE_URL) {
    const t = await openDatabase({ dataDir: "memory://" });
    await migrate(t);
    template = await t.dump!();
    await t.close();
  }
  const weeks: WeekStats[] = [];
  for (let w = 0; w < WEEKS; w++) {
    weeks.push(
      await withDatabase(template, async (db) => {
        await upsertDirectory(db.pool, { coordinators: agencySeed.coordinators, clientPreferences: agencySeed.clientPreferences, caregiverProfiles: agencySeed.caregiverProfiles });
        return runWeek(w, db, agencySeed);
      }),
    );
  }
  const simSeconds = (performance.now() - wall) / 1000;
  const rank = rankTiming(agencySeed);

  const campaigns = weeks.flatMap((w) => w.campaigns);
  const lbs = weeks.flatMap((w) => w.lowerBoundMin);
  const filled = campaigns.filter((c) => c.filledAt && c.filledAt <= c.shiftStart);
  const ttf = filled.map((c) => (c.filledAt!.getTime() - c.createdAt.getTime()) / 60_000);
  const lbFillable = lbs.filter((x): x is number => x !== null);
  const callOffs = weeks.reduce((n, w) => n + w.callOffs, 0);
  const sum = (pick: (w: WeekStats) => Record<string, number>) => {
    const out: Record<string, number> = {};
    for (const w of weeks) for (const [k, v] of Object.entries(pick(w))) out[k] = (out[k] ?? 0) + v;
    return out;
  };
  const sms = sum((w) => w.sms);
  const slack = sum((w) => w.slack);
  const replies = sum((w) => w.replies);
  const smsTotal = Object.values(sms).reduce((a, b) => a + b, 0);
  const offers = sms["offer:#"] ?? 0;
  const escalated = campaigns.filter((c) => c.escalationLevel >= 1).length;
  const shiftsPerWeek = weeks[0]!.scheduledShifts;
  const mem = (os.totalmem() / 2 ** 30).toFixed(1);
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  const dbLabel = process.env.DATABASE_URL ? `PostgreSQL (${new URL(process.env.DATABASE_URL).host}, fresh schema per week)` : "PGlite in memory (fresh per week)";

  const lines = [
    "Coverline bench:fill — the shift-fill engine on simulated agency weeks, in virtual time",
    `command: npm run bench:fill -- --seed ${SEED} --weeks ${WEEKS} --rate ${RATE}${AGENCY_SEED !== 42 ? ` --agency-seed ${AGENCY_SEED}` : ""}${flags["wave-delays"] ? ` --wave-delays ${flags["wave-delays"]}` : ""}`,
    `machine: ${cpu}, ${os.cpus().length} cores, ${mem} GiB RAM, node ${process.version}; database: ${dbLabel}`,
    `agency: seeded WellSky agency (generateAgency seed ${AGENCY_SEED}), in memory: ${agencySeed.caregivers.filter((c) => c.active && c.hired).length} caregivers, ${agencySeed.clients.length} clients, ${shiftsPerWeek} assigned shifts in the week of ${WEEK_START.toISODate()}`,
    `call-offs: ${(RATE * 100).toFixed(1)}% of those shifts (${fmt(callOffs / WEEKS)} a week; the seed's 2–4 missed visits/week at ~70% manual fill ⇒ 7–13/week ≈ ${((7 / shiftsPerWeek) * 100).toFixed(1)}–${((13 / shiftsPerWeek) * 100).toFixed(1)}%), notice: 35% < 3 h, 45% 3–24 h, 20% 1–3 days`,
    `engine settings (config defaults): waves at ${SETTINGS.waveDelaysSeconds.join("/")} s, escalate every ${SETTINGS.escalateAfterSeconds} s, urgent page < ${SETTINGS.urgentWithinHours} h, daily offer cap ${SETTINGS.dailyOfferCap}, max ${SETTINGS.maxDistanceMiles} mi`,
    `caregivers: 12% rarely answer; others answer 55–95% and say yes 10–55% of the time; reply latency lognormal (median ≈ 4 min, σ = 1), asleep 22:00–06:30 unless a night owl (15%); 12% ask a question first`,
    "",
    `${callOffs} call-offs over ${WEEKS} agency-weeks (${campaigns.length} campaigns started, ${weeks.reduce((n, w) => n + w.notStarted, 0)} refused by the engine)`,
    "",
    "                         Coverline          lower bound        manual (seed)",
    `fill rate                ${pct(filled.length, campaigns.length).padEnd(19)}${pct(lbFillable.length, campaigns.length).padEnd(19)}~70%`,
    `time to fill, median     ${(fmt(quantile(ttf, 0.5)) + " min").padEnd(19)}${(fmt(quantile(lbFillable, 0.5)) + " min").padEnd(19)}30–60 min`,
    `time to fill, p90        ${(fmt(quantile(ttf, 0.9)) + " min").padEnd(19)}${(fmt(quantile(lbFillable, 0.9)) + " min").padEnd(19)}`,
    `filled within 15 min     ${pct(ttf.filter((m) => m <= 15).length, campaigns.length).padEnd(19)}${pct(lbFillable.filter((m) => m <= 15).length, campaigns.length).padEnd(19)}`,
    "",
    `texts per fill           ${fmt(smsTotal / Math.max(1, filled.length))} SMS in all (offers ${fmt(offers / Math.max(1, filled.length))}, the rest confirmations, "already filled", thanks, acks, client notices)`,
    `offer texts per call-off ${fmt(offers / Math.max(1, campaigns.length))} (${weeks.reduce((n, w) => n + w.bundles, 0)} texts offered 2–3 shifts at once)`,
    ...(["day", "night"] as const).map((part) => {
      const cs = campaigns.filter((c) => isNight(c.createdAt) === (part === "night"));
      const f = cs.filter((c) => c.filledAt && c.filledAt <= c.shiftStart);
      const m = quantile(f.map((c) => (c.filledAt!.getTime() - c.createdAt.getTime()) / 60_000), 0.5);
      return `${part === "day" ? "call-offs 06:30–22:00   " : "call-offs 22:00–06:30   "} ${cs.length}: filled ${pct(f.length, cs.length)}, median ${fmt(m)} min, escalated ${pct(cs.filter((c) => c.escalationLevel >= 1).length, cs.length)}`;
    }),
    `escalations              ${escalated} campaigns (${pct(escalated, campaigns.length)}); Slack messages: ${Object.entries(slack).map(([k, v]) => `${k.replace(/^fill:#:/, "")} ${v}`).join(", ")}`,
    `replies                  ${Object.entries(replies).map(([k, v]) => `${k} ${v}`).join(", ")}; unclear (clarified) ${weeks.reduce((n, w) => n + w.unclear, 0)}`,
    `WellSky writes           ${weeks.reduce((n, w) => n + w.wellskyWrites, 0)} (unassign on call-off + assign per fill); job retries ${weeks.reduce((n, w) => n + w.jobFailures, 0)}`,
    `SMS by kind              ${Object.entries(sms).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(", ")}`,
    "",
    `rankCandidates, ${rank.n} caregivers: median ${rank.median.toFixed(2)} ms over ${RANK_RUNS} runs (min ${rank.min.toFixed(2)}, max ${rank.max.toFixed(2)}; ${rank.ranked} ranked) — target < 50 ms: ${rank.median < 50 ? "met" : "MISSED"}`,
    `simulation wall time ${simSeconds.toFixed(1)} s for ${WEEKS} weeks (${fmt((WEEKS * 7 * 86_400) / simSeconds, 0)}× real time)`,
  ];
  console.log(lines.join("\n"));
}

await main();
