/**
 * `npm run bench:messages -- --n 500 --concurrency 20`
 *
 * N inbound SMS webhooks through the full path — HTTP POST to /webhooks/ringcentral on a real socket →
 * dedup/record → inbound processor → agent graph (embedded interpreter) → messenger → outbox — with
 * `concurrency` requests in flight. Latency per message runs from the POST to the moment the turn is
 * processed: every reply the turn sends is a `sent` outbox row by then (send_replies awaits the messenger,
 * then the processor logs the turn; the bench reads that log line instead of polling the database).
 *
 * The app is what `npm start` builds (`startCoverline`) with the seeded WellSky stand-in, on PGlite in memory
 * or, with DATABASE_URL, on a fresh schema of that PostgreSQL server (dropped afterwards). Senders are the
 * seed's caregivers; texts are labelled messages from evals/cases/messages.jsonl in each caregiver's language:
 * schedule questions, running late, confirmations, thanks, availability, and replies to real shift offers
 * (campaigns started before the timed run). No call-offs by default: each starts a fill campaign, which is
 * WellSky-bound (see --calloffs and README "### bench:messages").
 *
 * Flags: --n 500 --concurrency 20 --warmup 40 --calloffs 0 (share, 0..1) --profile (SQL time per statement)
 * --seed 7. Loopback only; every wait is bounded.
 */
import os from "node:os";
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { Worker } from "node:worker_threads";
import { serve } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { loadConfig } from "../config/env.js";
import { openDatabase, quoteIdent, type Database } from "../db/pool.js";
import { getOutbound } from "../db/repos/messages.js";
import { openQuestionsFor } from "../db/repos/questions.js";
import { complianceKeyword } from "../domain/messages.js";
import type { Intent } from "../domain/intents.js";
import type { Caregiver } from "../domain/types.js";
import { OffsetClock } from "../lib/clock.js";
import { createLogger } from "../lib/logger.js";
import { startCoverline } from "../server/compose.js";
import { loadMessageCases, type MessageCase } from "../evals/interpreter-report.js";
import { ringCentralSmsNotification } from "../evals/ringcentral-sms.js";
import { mulberry32 } from "../lib/prng.js";

const { values: flags } = parseArgs({
  options: {
    n: { type: "string", default: "500" },
    concurrency: { type: "string", default: "20" },
    warmup: { type: "string", default: "40" },
    calloffs: { type: "string", default: "0" },
    seed: { type: "string", default: "7" },
    profile: { type: "boolean", default: false },
  },
});
const N = bounded(flags.n, 1, 100_000, "--n");
const CONCURRENCY = bounded(flags.concurrency, 1, 1_000, "--concurrency");
const WARMUP = bounded(flags.warmup, 0, 10_000, "--warmup");
const CALLOFF_SHARE = Math.min(1, Math.max(0, Number(flags.calloffs)));
/** A turn that has not finished after this long counts as lost, and the bench goes on. */
const TURN_TIMEOUT_MS = 60_000;
/** Tuesday 24 Nov 2026, 10:00 in Denver: business hours, so every handler takes its daytime path. */
const AT = new Date("2026-11-24T17:00:00Z");

function bounded(v: string | undefined, min: number, max: number, name: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be an integer in [${min}, ${max}]`);
  return n;
}

const rng = mulberry32;

// ---------------------------------------------------------------------------------------------------------
// Turn completion, from the processor's one-line-per-turn log (no database polling during the run)
// ---------------------------------------------------------------------------------------------------------

/** Milliseconds on a clock shared with the load-generator thread (performance.now() is per thread). */
const now = () => performance.timeOrigin + performance.now();

interface TurnLog {
  at: number;
  intent?: string;
  outcome?: string;
  failed?: boolean;
}
const turns = new Map<number, TurnLog>();
const waiters = new Map<number, (t: TurnLog) => void>();
const sentAt = new Map<number, number>();
const logStream = {
  write(line: string) {
    if (line.includes('"msg":"turn')) {
      const o = JSON.parse(line) as { msg: string; inboundId?: number; intent?: string; outcome?: string };
      if (typeof o.inboundId !== "number") return;
      const t: TurnLog = { at: now(), intent: o.intent, outcome: o.outcome, failed: o.msg === "turn failed" };
      turns.set(o.inboundId, t);
      waiters.get(o.inboundId)?.(t);
    } else if (line.includes('"msg":"outbound sent"')) {
      const o = JSON.parse(line) as { outboundId?: number };
      if (typeof o.outboundId === "number") sentAt.set(o.outboundId, now());
    }
  },
};

function turnDone(id: number): Promise<TurnLog | null> {
  const done = turns.get(id);
  if (done) return Promise.resolve(done);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      waiters.delete(id);
      resolve(null);
    }, TURN_TIMEOUT_MS);
    waiters.set(id, (t) => {
      clearTimeout(timer);
      waiters.delete(id);
      resolve(t);
    });
  });
}

// ---------------------------------------------------------------------------------------------------------
// Optional profile: time per SQL statement (wraps the pool's query)
// ---------------------------------------------------------------------------------------------------------

const sqlStats = new Map<string, { n: number; ms: number }>();
function profilePool(db: Database): void {
  const pool = db.pool as unknown as { query: (...args: unknown[]) => Promise<unknown> };
  const original = pool.query.bind(pool);
  pool.query = async (...args: unknown[]) => {
    const text = typeof args[0] === "string" ? args[0] : String((args[0] as { text?: string })?.text ?? "?");
    const key = text.replace(/\s+/g, " ").trim().slice(0, 90);
    const started = performance.now();
    try {
      return await original(...args);
    } finally {
      const s = sqlStats.get(key) ?? { n: 0, ms: 0 };
      s.n++;
      s.ms += performance.now() - started;
      sqlStats.set(key, s);
    }
  };
}

// ---------------------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const base = loadConfig();
  const schema = base.DATABASE_URL ? `bench_${randomBytes(5).toString("hex")}` : "public";
  const config = loadConfig({
    ...process.env,
    NODE_ENV: "test",
    LOG_LEVEL: "info",
    DATABASE_SCHEMA: schema,
    WELLSKY_BASE_URL: "",
    WELLSKY_FAKE_PORT: "0",
    WELLSKY_RATE_LIMIT_PER_SECOND: "100",
    // Loopback only: no real SMS, Slack, model or embedding calls.
    RINGCENTRAL_CLIENT_ID: "",
    RINGCENTRAL_CLIENT_SECRET: "",
    RINGCENTRAL_JWT: "",
    SLACK_BOT_TOKEN: "",
    ANTHROPIC_API_KEY: "",
    EMBEDDING_URL: "",
    // Waves 2+ and escalations stay out of the timed window.
    FILL_WAVE_DELAYS: "0,86400,172800",
    FILL_ESCALATE_AFTER: "86400",
  });
  const db = config.DATABASE_URL
    ? await openDatabase({ url: config.DATABASE_URL, schema, poolMax: config.DATABASE_POOL_MAX })
    : await openDatabase({ dataDir: "memory://" });
  const dropSchema = async () => {
    if (!config.DATABASE_URL) return;
    const admin = new pg.Client({ connectionString: config.DATABASE_URL });
    await admin.connect();
    // pg-boss keeps its tables in "<schema>_pgboss" (db/jobs.ts): drop both.
    await admin.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)}, ${quoteIdent(`${schema}_pgboss`)} CASCADE`).finally(() => admin.end());
  };

  const clock = new OffsetClock(AT);
  const logger = createLogger({ level: "info", destination: logStream });
  let cov: Awaited<ReturnType<typeof startCoverline>> | undefined;
  let server: ReturnType<typeof serve> | undefined;
  try {
    cov = await startCoverline(config, { logger, clock, db, sweepers: false });
    await cov.agency.warm();
    server = serve({ fetch: cov.app.fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise<void>((resolve, reject) => {
      server!.once("listening", () => resolve());
      server!.once("error", reject);
    });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/ringcentral`;
    const seed = cov.seed!;
    const random = rng(Number(flags.seed));

    // Real offers to reply to: fill campaigns on upcoming shifts, started as a coordinator would.
    const upcoming = seed.shifts
      .filter((s) => s.status === "SCHEDULED" && s.start.getTime() > AT.getTime() + 8 * 3600_000 && s.start.getTime() < AT.getTime() + 6 * 86400_000)
      .sort((a, b) => (a.caregiverId === null ? 0 : 1) - (b.caregiverId === null ? 0 : 1) || a.start.getTime() - b.start.getTime());
    const offerSetupStarted = performance.now();
    let campaigns = 0;
    for (const s of upcoming.slice(0, 8)) {
      await cov.fill.start({ shiftKey: s.key, source: "coordinator", actor: "coordinator:bench" }).then(() => campaigns++, () => undefined);
    }
    const caregivers = seed.caregivers.filter((c) => c.hired && c.active);
    const offered: Caregiver[] = [];
    for (const c of caregivers) if ((await openQuestionsFor(db.pool, c.phone, clock.now())).some((q) => q.kind === "offer")) offered.push(c);
    const offerSetupS = (performance.now() - offerSetupStarted) / 1000;

    const plan = planMessages(caregivers, offered, WARMUP + N, random);
    const warm = plan.slice(0, WARMUP);
    const timed = plan.slice(WARMUP);
    await runLoad(url, config.RINGCENTRAL_WEBHOOK_VERIFICATION_TOKEN, config.AGENCY_OFFICE_PHONE, warm, Math.min(CONCURRENCY, 4), clock);
    await cov.inbound.idle();
    if (flags.profile) profilePool(db);

    const wellskyBefore = cov.fake!.store.requests.length;
    const cpuBefore = process.cpuUsage();
    const elu = performance.eventLoopUtilization();
    const wallStart = now();
    const results = await runLoad(url, config.RINGCENTRAL_WEBHOOK_VERIFICATION_TOKEN, config.AGENCY_OFFICE_PHONE, timed, CONCURRENCY, clock);
    const wallS = (now() - wallStart) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const busy = performance.eventLoopUtilization(elu).utilization;
    const cpuLine = `the process (server thread + client thread) used ${(((cpu.user + cpu.system) / 1e6 / wallS) * 100).toFixed(0)}% of one core (event loop busy ${(busy * 100).toFixed(0)}%)`;
    const wellsky = wellskyRequests(cov.fake!.store.requests.slice(wellskyBefore));

    // A won offer's confirmation text comes from the durable fill.assign job (pg-boss polls every second).
    const won = results.filter((x) => x.turn?.outcome === "offer.won");
    const confirmations = new Map<string, number>();
    const seen = new Set<number>();
    await sleepUntil(async () => {
      for (const [outboundId, at] of sentAt) {
        if (seen.has(outboundId)) continue;
        seen.add(outboundId);
        const row = await getOutbound(db.pool, outboundId);
        if (!row || !/^fill:\d+:confirmed$/.test(row.idempotencyKey)) continue;
        const yes = won.find((x) => x.phone === row.to);
        if (yes) confirmations.set(row.to, at - yes.postedAt);
      }
      return confirmations.size >= won.length;
    }, 15_000);

    report({ results, wallS, db, campaigns, offered: offered.length, offerSetupS, confirmations: [...confirmations.values()], won: won.length, wellsky, cpuLine, wellskyRps: config.WELLSKY_RATE_LIMIT_PER_SECOND });
  } finally {
    if (server) await new Promise<void>((r) => server!.close(() => r()));
    await cov?.close();
    await db.close();
    await dropSchema();
  }
}

interface Planned {
  phone: string;
  text: string;
  kind: string;
}

/** The mix: schedule questions, running late, confirmations, thanks, availability, offer replies (+ call-offs). */
function planMessages(caregivers: Caregiver[], offered: Caregiver[], total: number, random: () => number): Planned[] {
  const cases = loadMessageCases().filter((c) => complianceKeyword(c.text) === null);
  const pool = (intent: Intent, kind: "none" | "offer") => cases.filter((c) => c.expect.intent === intent && c.context.kind === kind && (kind === "none" || (c.context.options?.length ?? 1) <= 1));
  const byIntent = new Map<string, MessageCase[]>([
    ["schedule_query", pool("schedule_query", "none")],
    ["running_late", pool("running_late", "none")],
    ["confirm", cases.filter((c) => c.expect.intent === "confirm")],
    ["other", pool("other", "none")],
    ["availability_update", pool("availability_update", "none")],
    ["call_off", pool("call_off", "none")],
    ["offer_accept", pool("offer_accept", "offer")],
    ["offer_decline", pool("offer_decline", "offer")],
    ["offer_question", pool("offer_question", "offer")],
  ]);
  const pick = (intent: string, lang: string) => {
    const all = byIntent.get(intent)!;
    const same = all.filter((c) => c.expect.lang === lang);
    const from = same.length > 0 ? same : all.filter((c) => c.expect.lang === "en");
    return from[Math.floor(random() * from.length)]!.text;
  };
  const weights: [string, number][] = [
    ["schedule_query", 0.25],
    ["running_late", 0.15],
    ["confirm", 0.1],
    ["other", 0.15],
    ["availability_update", 0.1],
    ["offer_reply", 0.25],
    ["call_off", CALLOFF_SHARE],
  ];
  // Round-robin over a shuffled roster keeps the messages in flight from different people, as in real traffic.
  const roster = [...caregivers].sort(() => random() - 0.5);
  const offerQueue = [...offered].sort(() => random() - 0.5);
  const out: Planned[] = [];
  let next = 0;
  const draw = (from: [string, number][]) => {
    let r = random() * from.reduce((a, [, w]) => a + w, 0);
    for (const [k, w] of from) if ((r -= w) < 0) return k;
    return from[0]![0];
  };
  for (let i = 0; i < total; i++) {
    let kind = draw(weights);
    if (kind === "offer_reply") {
      const cg = offerQueue.shift();
      if (cg) {
        const x = random();
        const intent = x < 0.5 ? "offer_accept" : x < 0.8 ? "offer_decline" : "offer_question";
        out.push({ phone: cg.phone, text: pick(intent, cg.language), kind: intent });
        continue;
      }
      // Every offered caregiver has answered: draw from the rest of the mix instead.
      kind = draw(weights.filter(([k]) => k !== "offer_reply"));
    }
    const cg = roster[next++ % roster.length]!;
    out.push({ phone: cg.phone, text: pick(kind, cg.language), kind });
  }
  return out;
}

interface Result {
  phone: string;
  kind: string;
  postedAt: number;
  ms: number | null;
  status: number;
  turn: TurnLog | null;
}

/**
 * The HTTP client runs in a worker thread, so building and posting requests does not take CPU from the
 * server's event loop (the thing measured). Plain JS: the worker needs no TypeScript loader. Each of the
 * `concurrency` slots waits for its turn to be processed before posting the next message.
 */
const CLIENT = `
const { parentPort, workerData } = require("node:worker_threads");
const { randomUUID } = require("node:crypto");
const { url, token, officePhone, plan, concurrency, clockOffsetMs, template, timeoutMs } = workerData;
const now = () => performance.timeOrigin + performance.now();
function body(from, text) {
  const n = JSON.parse(template);
  const id = randomUUID();
  const at = new Date(Date.now() + clockOffsetMs).toISOString();
  n.uuid = "n-" + id;
  n.timestamp = at;
  Object.assign(n.body, { id, from: { phoneNumber: from }, creationTime: at, lastModifiedTime: at, subject: text, conversation: { id: "c-" + from } });
  n.body.to = [{ ...n.body.to[0], phoneNumber: officePhone }];
  n.body.attachments = [{ ...n.body.attachments[0], id }];
  return JSON.stringify(n);
}
// Closed loop: a slot posts its next message only when the server has finished the previous turn.
const finished = new Map();
parentPort.on("message", (i) => { finished.get(i)?.(); finished.delete(i); });
const turnDone = (i) => new Promise((r) => finished.set(i, r));
let next = 0;
async function worker() {
  while (next < plan.length) {
    const i = next++;
    const m = plan[i];
    const postedAt = now();
    try {
      const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", "verification-token": token }, body: body(m.phone, m.text), signal: AbortSignal.timeout(timeoutMs) });
      const b = await res.json();
      const id = b.status === "accepted" ? b.id : null;
      const done = id === null ? null : turnDone(i);
      parentPort.postMessage({ i, postedAt, status: res.status, id });
      await done;
    } catch (err) {
      parentPort.postMessage({ i, postedAt, status: 0, id: null });
    }
  }
}
Promise.all(Array.from({ length: Math.min(concurrency, plan.length) }, worker)).then(() => parentPort.postMessage({ done: true }));
`;

async function runLoad(url: string, token: string, officePhone: string, plan: Planned[], concurrency: number, clock: OffsetClock): Promise<Result[]> {
  const template = JSON.stringify(ringCentralSmsNotification("+10000000000", officePhone, "", "template"));
  const worker = new Worker(CLIENT, {
    eval: true,
    workerData: { url, token, officePhone, plan, concurrency, clockOffsetMs: clock.now().getTime() - Date.now(), template, timeoutMs: TURN_TIMEOUT_MS },
  });
  const pending: Promise<Result>[] = [];
  await new Promise<void>((resolve, reject) => {
    worker.on("message", (msg: { done?: boolean; i: number; postedAt: number; status: number; id: number | null }) => {
      if (msg.done) return resolve();
      const m = plan[msg.i]!;
      pending.push(
        (msg.id === null ? Promise.resolve(null) : turnDone(msg.id)).then((turn) => {
          if (msg.id !== null) worker.postMessage(msg.i);
          return { phone: m.phone, kind: m.kind, postedAt: msg.postedAt, ms: turn ? turn.at - msg.postedAt : null, status: msg.status, turn };
        }),
      );
    });
    worker.once("error", reject);
  });
  await worker.terminate();
  return Promise.all(pending);
}

/** Requests the stand-in received in the timed window, by route (ids folded), busiest first. */
function wellskyRequests(reqs: { method: string; path: string }[]): string {
  const by = new Map<string, number>();
  for (const q of reqs) {
    const k = `${q.method} ${q.path.replace(/\/\d[^/]*/g, "/:id")}`;
    by.set(k, (by.get(k) ?? 0) + 1);
  }
  const top = [...by].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([k, v]) => `${k} ${v}`);
  return `${reqs.length} requests${top.length ? ` (${top.join(", ")})` : ""}`;
}

async function sleepUntil(cond: () => Promise<boolean>, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await cond().catch(() => true)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

function report(r: { results: Result[]; wallS: number; db: Database; campaigns: number; offered: number; offerSetupS: number; confirmations: number[]; won: number; wellsky: string; cpuLine: string; wellskyRps: number }): void {
  const ok = r.results.filter((x) => x.ms !== null && !x.turn?.failed);
  const lat = ok.map((x) => x.ms!).sort((a, b) => a - b);
  const f = (v: number) => `${v.toFixed(1)} ms`;
  const cpu = os.cpus();
  const lines = [
    `bench:messages — ${new Date().toISOString()}`,
    `machine: ${cpu[0]?.model ?? "?"}, ${cpu.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, node ${process.version}, ${os.platform()} ${os.release()}; load average at the end ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`,
    `engine:  ${r.db.kind === "pglite" ? "PGlite (in-memory, one connection)" : `PostgreSQL server (${r.db.describe}; pool max ${loadConfig().DATABASE_POOL_MAX})`}; interpreter only`,
    `load:    N=${r.results.length} (after ${WARMUP} warm-up), concurrency ${CONCURRENCY}, call-off share ${CALLOFF_SHARE}; ${r.campaigns} fill campaigns → ${r.offered} caregivers with a live offer (setup ${r.offerSetupS.toFixed(1)} s)`,
    `latency: POST → turn processed (its replies in the outbox): p50 ${f(quantile(lat, 0.5))}, p95 ${f(quantile(lat, 0.95))}, p99 ${f(quantile(lat, 0.99))}, max ${f(lat[lat.length - 1] ?? NaN)}, mean ${f(lat.reduce((a, b) => a + b, 0) / Math.max(1, lat.length))}`,
    `rate:    ${(r.results.length / r.wallS).toFixed(1)} messages/s (${r.wallS.toFixed(2)} s wall); failed or lost turns: ${r.results.length - ok.length}; non-200 responses: ${r.results.filter((x) => x.status !== 200).length}`,
  ];
  lines.push(`cpu:     ${r.cpuLine}`);
  lines.push(`WellSky stand-in (same process; client throttle ${r.wellskyRps} req/s): ${r.wellsky}`);
  if (r.confirmations.length > 0) {
    const c = [...r.confirmations].sort((a, b) => a - b);
    lines.push(`offer YES → "you're confirmed" text (fill.assign job): ${c.length} of ${r.won} won, p50 ${f(quantile(c, 0.5))}, p95 ${f(quantile(c, 0.95))}, max ${f(c[c.length - 1]!)}`);
  }
  const byKind = new Map<string, number[]>();
  for (const x of ok) byKind.set(x.kind, [...(byKind.get(x.kind) ?? []), x.ms!]);
  lines.push("by kind (n, p50, p95):");
  for (const [k, v] of [...byKind].sort((a, b) => b[1].length - a[1].length)) {
    const s = v.sort((a, b) => a - b);
    lines.push(`  ${k.padEnd(20)} ${String(s.length).padStart(4)}  ${f(quantile(s, 0.5)).padStart(10)}  ${f(quantile(s, 0.95)).padStart(10)}`);
  }
  const outcomes = new Map<string, number>();
  for (const x of ok) outcomes.set(x.turn?.outcome ?? "?", (outcomes.get(x.turn?.outcome ?? "?") ?? 0) + 1);
  lines.push(`outcomes: ${[...outcomes].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(", ")}`);
  if (sqlStats.size > 0) {
    const total = [...sqlStats.values()].reduce((a, s) => a + s.ms, 0);
    const count = [...sqlStats.values()].reduce((a, s) => a + s.n, 0);
    lines.push(`SQL (timed run, includes time queued for a connection): ${count} statements (${(count / r.results.length).toFixed(1)}/message), ${(total / 1000).toFixed(1)} s summed; top 12 by time:`);
    for (const [sql, s] of [...sqlStats].sort((a, b) => b[1].ms - a[1].ms).slice(0, 12)) {
      lines.push(`  ${(s.ms / 1000).toFixed(2).padStart(6)} s ${String(s.n).padStart(6)}× ${(s.ms / s.n).toFixed(2).padStart(6)} ms  ${sql}`);
    }
  }
  console.log(lines.join("\n"));
}

await main();
