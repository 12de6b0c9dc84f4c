/**
 * `npm run bench:messages -- --n 500 --concurrency 20 [--workers 2]`
 *
 * A black-box load generator: N inbound SMS webhooks through the full path of a real server process — HTTP
 * POST to /webhooks/ringcentral → dedup/record → inbound processor → agent graph (embedded interpreter) →
 * messenger → outbox — with `concurrency` requests in flight (closed loop). Latency per message runs from the
 * POST to the moment the server logs the turn as processed (`{"msg":"turn","inboundId":…}` on its stdout): every
 * reply the turn sends is a `sent` outbox row by then (send_replies awaits the messenger before the log line).
 *
 * The server is started exactly as `npm start` runs it — `node --import tsx server/main.ts` in the repo root —
 * on a free 127.0.0.1 port, with WORKERS=<--workers>, FAKE_NOW=2026-11-24T17:00:00Z (Tuesday 10:00 in Denver:
 * business hours), its own seeded WellSky stand-in, outbox transports (no RingCentral, Slack, model or embedding
 * credentials), and on PGlite in a fresh temp DATA_DIR or, with DATABASE_URL, on a fresh schema of that
 * PostgreSQL server (the schema and its pg-boss schema are dropped afterwards, the directory deleted).
 * Setup goes through the server's own routes: GET /dev/roster (caregivers, shifts), POST /api/fills on ~8
 * upcoming shifts (real offers), GET /dev/outbox (who was offered). Senders are the roster's caregivers; texts
 * are labelled messages from evals/cases/messages.jsonl in each caregiver's language: schedule questions,
 * running late, confirmations, thanks, availability, and replies to the offers. No call-offs by default: each
 * starts a fill campaign, which is WellSky-bound (see --calloffs and README "### bench:messages").
 *
 * CPU is read from /proc over the timed window: the server process and its children (cluster workers), every
 * `postgres` process on the machine (other clients' too), the whole machine, and this process.
 *
 * Flags: --n 500 --concurrency 20 --warmup 40 --calloffs 0 (share, 0..1) --seed 7 --workers 1.
 * To profile the server: BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" npm run bench:messages (one
 * .cpuprofile per server process, written on its clean stop). Loopback only; every wait is bounded; on failure the server is killed and the exit code is 1.
 */
import os from "node:os";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { DateTime } from "luxon";
import pg from "pg";
import { loadConfig } from "../config/env.js";
import { quoteIdent } from "../db/pool.js";
import { complianceKeyword } from "../domain/messages.js";
import type { Intent } from "../domain/intents.js";
import { loadMessageCases, type MessageCase } from "../evals/interpreter-report.js";
import { mulberry32 } from "../lib/prng.js";
import { runLoad, type Planned, type Result, type TurnLog } from "./bench/load-client.js";
import { cpuSnapshot, cpuUse, share, type CpuUse } from "./bench/proc-cpu.js";
import { freePort, startServer, type ServerProcess } from "./bench/server-process.js";
import { smsRecognizer, type SmsRecognizer } from "./bench/sms-templates.js";

const { values: flags } = parseArgs({
  options: {
    n: { type: "string", default: "500" },
    concurrency: { type: "string", default: "20" },
    warmup: { type: "string", default: "40" },
    calloffs: { type: "string", default: "0" },
    seed: { type: "string", default: "7" },
    workers: { type: "string", default: "1" },
  },
});
const N = bounded(flags.n, 1, 100_000, "--n");
const CONCURRENCY = bounded(flags.concurrency, 1, 1_000, "--concurrency");
const WARMUP = bounded(flags.warmup, 0, 10_000, "--warmup");
const WORKERS = bounded(flags.workers, 1, 64, "--workers");
const CALLOFF_SHARE = Math.min(1, Math.max(0, Number(flags.calloffs)));
/** A turn that has not finished after this long counts as lost, and the bench goes on. */
const TURN_TIMEOUT_MS = 60_000;
/** Migrations, seed, WellSky stand-in and every worker: generous, for a loaded 2-core machine. */
const STARTUP_TIMEOUT_MS = 180_000;
/** How long to wait for the winners' "you're confirmed" texts (fill.assign job; pg-boss polls every second). */
const CONFIRMATION_WAIT_MS = 15_000;
/** Per setup request (roster, starting a campaign, reading the outbox). */
const REQUEST_TIMEOUT_MS = 30_000;
/** Tuesday 24 Nov 2026, 10:00 in Denver: business hours, so every handler takes its daytime path. */
const FAKE_NOW = new Date("2026-11-24T17:00:00Z");
const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

function bounded(v: string | undefined, min: number, max: number, name: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be an integer in [${min}, ${max}]`);
  return n;
}

// ---------------------------------------------------------------------------------------------------------
// Turn completion and sent texts, from the server's log lines (no database polling during the run)
// ---------------------------------------------------------------------------------------------------------

/** Milliseconds on a clock shared with the load-generator thread (performance.now() is per thread). */
const now = () => performance.timeOrigin + performance.now();

const turns = new Map<number, TurnLog>();
const waiters = new Map<number, (t: TurnLog) => void>();
/** outbound id → when the server logged it sent. */
const sentAt = new Map<number, number>();

function onServerLog(line: string, at: number): void {
  // One log line per HTTP request too: parse only the two kinds the bench reads.
  if (line.includes('"msg":"turn')) {
    const o = parseJson<{ msg?: string; inboundId?: number; intent?: string; outcome?: string }>(line);
    if (typeof o?.inboundId !== "number" || (o.msg !== "turn" && o.msg !== "turn failed")) return;
    const t: TurnLog = { at, intent: o.intent, outcome: o.outcome, failed: o.msg === "turn failed" };
    turns.set(o.inboundId, t);
    waiters.get(o.inboundId)?.(t);
  } else if (line.includes('"msg":"outbound sent"')) {
    const o = parseJson<{ outboundId?: number }>(line);
    if (typeof o?.outboundId === "number") sentAt.set(o.outboundId, at);
  }
}

function parseJson<T>(line: string): T | null {
  try {
    return JSON.parse(line) as T;
  } catch {
    return null;
  }
}

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
// The server's HTTP API (setup only)
// ---------------------------------------------------------------------------------------------------------

interface Roster {
  agency: { name: string; officePhone: string; timezone: string };
  caregivers: { id: string; name: string; phone: string; language: string }[];
  shifts: { id: string; start: string; end: string; caregiverId: string | null; status: string }[];
}
interface OutboxItem {
  id: number;
  channel: string;
  to: string;
  text: string;
  createdAt: string;
}

async function call<T>(server: ServerProcess, method: "GET" | "POST", path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await Promise.race([
    fetch(`${server.url}${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    }),
    server.died,
  ]);
  const text = await res.text();
  return { status: res.status, body: parseJson<T>(text) ?? (text as T) };
}

async function getOk<T>(server: ServerProcess, path: string): Promise<T> {
  const r = await call<T>(server, "GET", path);
  if (r.status !== 200) throw new Error(`GET ${path} answered ${r.status}: ${JSON.stringify(r.body).slice(0, 300)}`);
  return r.body;
}

// ---------------------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------------------

/** Steps that undo what the bench created (server, data dir, schema); run once, last in first out. */
const cleanups: { name: string; run: () => Promise<void> }[] = [];
let cleaning: Promise<void> | undefined;
/** The server under test, once spawned (its output explains most failures). */
let spawned: ServerProcess | undefined;
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const c of cleanups.reverse()) {
      await c.run().catch((err: Error) => console.error(`bench:messages: cleanup "${c.name}" failed: ${err.message}`));
    }
  })();
  return cleaning;
}

async function main(): Promise<void> {
  // The same settings the server will see (server/main.ts loads a local .env too; set variables win).
  try {
    process.loadEnvFile();
  } catch {
    /* no .env */
  }
  const base = loadConfig();
  const databaseUrl = base.DATABASE_URL;
  if (WORKERS > 1 && !databaseUrl) throw new Error("--workers above 1 needs DATABASE_URL: the embedded PGlite database is one process");
  const schema = databaseUrl ? `bench_${randomBytes(5).toString("hex")}` : undefined;
  const dataDir = databaseUrl ? undefined : await mkdtemp(join(os.tmpdir(), "coverline-bench-"));
  if (dataDir) cleanups.push({ name: `delete ${dataDir}`, run: () => rm(dataDir, { recursive: true, force: true, maxRetries: 3 }) });
  if (databaseUrl && schema) cleanups.push({ name: `drop schema ${schema}`, run: () => dropSchemas(databaseUrl, schema) });

  const port = await freePort();
  const token = `bench-${randomBytes(8).toString("hex")}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    LOG_LEVEL: "info",
    NODE_ENV: "development",
    DEV_ROUTES: "true",
    WORKERS: String(WORKERS),
    FAKE_NOW: FAKE_NOW.toISOString(),
    DATABASE_URL: databaseUrl ?? "",
    ...(schema ? { DATABASE_SCHEMA: schema } : { DATA_DIR: dataDir }),
    // The server's own seeded stand-in (hosted by the primary with WORKERS > 1), on a port nobody else uses.
    WELLSKY_BASE_URL: "",
    WELLSKY_FAKE_PORT: String(await freePort()),
    WELLSKY_RATE_LIMIT_PER_SECOND: "100",
    // Loopback only: no real SMS, Slack, model or embedding calls.
    RINGCENTRAL_CLIENT_ID: "",
    RINGCENTRAL_CLIENT_SECRET: "",
    RINGCENTRAL_JWT: "",
    RINGCENTRAL_WEBHOOK_VERIFICATION_TOKEN: token,
    SLACK_BOT_TOKEN: "",
    ANTHROPIC_API_KEY: "",
    EMBEDDING_URL: "",
    // Waves 2+ and escalations stay out of the timed window; no background scan starts campaigns of its own.
    FILL_WAVE_DELAYS: "0,86400,172800",
    FILL_ESCALATE_AFTER: "86400",
    FILL_SCAN_UNASSIGNED_HOURS: "0",
  };

  const s = startServer({ cwd: REPO_ROOT, env, port, workers: WORKERS, onLog: onServerLog });
  spawned = s;
  cleanups.push({ name: "stop the server", run: () => s.stop() });
  await s.ready(STARTUP_TIMEOUT_MS);
  await bench(s, token, { databaseUrl, poolMax: base.DATABASE_POOL_MAX });
}

async function bench(server: ServerProcess, token: string, db: { databaseUrl?: string; poolMax: number }): Promise<void> {
  const roster = await getOk<Roster>(server, "/dev/roster");
  const clock = serverClock(server, roster.agency.timezone);
  const sms = smsRecognizer({ agencyName: roster.agency.name, officePhone: roster.agency.officePhone, timezone: roster.agency.timezone });
  const random = mulberry32(Number(flags.seed));

  // Real offers to reply to: fill campaigns on upcoming shifts, started as a coordinator would.
  const at = Date.now() + clock.offsetMs;
  const upcoming = roster.shifts
    .map((s) => ({ ...s, startMs: new Date(s.start).getTime() }))
    .filter((s) => s.status === "SCHEDULED" && s.startMs > at + 8 * 3600_000 && s.startMs < at + 6 * 86400_000)
    .sort((a, b) => (a.caregiverId === null ? 0 : 1) - (b.caregiverId === null ? 0 : 1) || a.startMs - b.startMs);
  const offerSetupStarted = performance.now();
  let campaigns = 0;
  for (const s of upcoming.slice(0, 8)) {
    const r = await call<unknown>(server, "POST", "/api/fills", { shiftId: s.id });
    if (r.status === 200 || r.status === 201) campaigns++;
  }
  // Wave 1 is sent before POST /api/fills answers; during setup the server texts nothing but offers.
  const setupSms = await getOk<OutboxItem[]>(server, "/dev/outbox?channel=sms&limit=500");
  const offerTexts = setupSms.filter((m) => sms.isOffer(m.text));
  const offeredPhones = new Set(offerTexts.map((m) => m.to));
  const caregivers = roster.caregivers;
  const offered = caregivers.filter((c) => offeredPhones.has(c.phone));
  const offerSetupS = (performance.now() - offerSetupStarted) / 1000;
  const setupNote = setupSms.length > offerTexts.length ? `; ${setupSms.length - offerTexts.length} other SMS during setup` : "";

  const plan = planMessages(caregivers, offered, WARMUP + N, random);
  const load = (part: Planned[], concurrency: number) =>
    runLoad({
      url: `${server.url}/webhooks/ringcentral`,
      token,
      officePhone: roster.agency.officePhone,
      plan: part,
      concurrency,
      clockOffsetMs: clock.offsetMs,
      timeoutMs: TURN_TIMEOUT_MS,
      turnDone,
      died: server.died,
    });
  await load(plan.slice(0, WARMUP), Math.min(CONCURRENCY, 4));

  const cpuBefore = cpuSnapshot(server.pid);
  const selfBefore = process.cpuUsage();
  const wallStart = now();
  const results = await load(plan.slice(WARMUP), CONCURRENCY);
  const wallS = (now() - wallStart) / 1000;
  const self = process.cpuUsage(selfBefore);
  const cpu = cpuUse(cpuBefore, cpuSnapshot(server.pid), os.cpus().length);
  const cpuLine = cpuReport(cpu, (self.user + self.system) / 1e6);

  const won = results.filter((x) => x.turn?.outcome === "offer.won");
  const confirmations = await confirmationTimes(server, sms, won);

  const engine = db.databaseUrl
    ? `PostgreSQL server (${server.text.map((l) => /^\s*Database: (.*?)(?: \(applied [^)]*\))?$/.exec(l)?.[1]).find(Boolean) ?? "?"}; pool max ${db.poolMax} per process)`
    : "PGlite (DATA_DIR in a fresh temp directory, one connection)";
  report({
    results,
    wallS,
    engine: `${engine}; interpreter only; server: node --import tsx server/main.ts, WORKERS=${WORKERS} (${cpu.server.processes} process${cpu.server.processes === 1 ? "" : "es"}); clock ${clock.label}`,
    campaigns,
    offered: offered.length,
    offerSetupS,
    setupNote,
    confirmations,
    won: won.length,
    cpuLine,
  });
}

/**
 * The server's clock, as wall-clock offset. It says what time it thinks it is in its start-up text ("Agency: …
 * (now Tue Nov 24, 10:00 MST)"): at FAKE_NOW's date, FAKE_NOW is honoured and its clock started about when the
 * process did; otherwise it runs on real time (a server without FAKE_NOW support: turns take after-hours paths).
 */
function serverClock(server: ServerProcess, timezone: string): { offsetMs: number; label: string } {
  const fake = { offsetMs: FAKE_NOW.getTime() - server.spawnedAt, label: `FAKE_NOW ${FAKE_NOW.toISOString()} (${DateTime.fromJSDate(FAKE_NOW, { zone: timezone }).toFormat("ccc HH:mm")} ${timezone})` };
  const m = server.text.map((l) => /\(now (\w{3} \w{3} \d{1,2}), (\d{2}:\d{2})/.exec(l)).find((x) => x !== null);
  if (!m) return { ...fake, label: `${fake.label}, assumed (no "now" in the server's start-up text)` };
  const year = new Date().getUTCFullYear();
  const said = [FAKE_NOW.getUTCFullYear(), year, year + 1, year - 1]
    .map((y) => DateTime.fromFormat(`${m[1]} ${y} ${m[2]}`, "ccc LLL d yyyy HH:mm", { zone: timezone, locale: "en-US" }))
    .find((d) => d.isValid);
  if (!said) return { ...fake, label: `${fake.label}, assumed (cannot read "${m[0]}")` };
  if (Math.abs(said.toMillis() - FAKE_NOW.getTime()) < 36 * 3600_000) return fake;
  const offset = said.toMillis() - Date.now();
  return {
    offsetMs: Math.abs(offset) < 120_000 ? 0 : offset,
    label: `${Math.abs(offset) < 120_000 ? "real time" : said.toISO()} — the server ignored FAKE_NOW (now ${m[1]}, ${m[2]} ${timezone}), so turns may take after-hours paths`,
  };
}

/**
 * For each offer won in the timed run, POST → the winner's "you're confirmed" text was sent (the durable
 * fill.assign job). Read from the outbox by recipient; the time is the server's `outbound sent` log line.
 */
async function confirmationTimes(server: ServerProcess, sms: SmsRecognizer, won: Result[]): Promise<number[]> {
  const found = new Map<Result, number>();
  const deadline = Date.now() + CONFIRMATION_WAIT_MS;
  while (found.size < won.length && Date.now() < deadline) {
    for (const w of won) {
      if (found.has(w)) continue;
      const items = await getOk<OutboxItem[]>(server, `/dev/outbox?channel=sms&limit=50&to=${encodeURIComponent(w.phone)}`);
      const times = items
        .filter((m) => sms.isConfirmation(m.text))
        .map((m) => sentAt.get(m.id))
        .filter((t): t is number => t !== undefined && t >= w.postedAt);
      if (times.length > 0) found.set(w, Math.min(...times) - w.postedAt);
    }
    if (found.size < won.length) await Promise.race([new Promise((r) => setTimeout(r, 250)), server.died]);
  }
  return [...found.values()];
}

async function dropSchemas(url: string, schema: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000, statement_timeout: 60_000 });
  await admin.connect();
  // pg-boss keeps its tables in "<schema>_pgboss" (db/jobs.ts): drop both.
  await admin.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)}, ${quoteIdent(`${schema}_pgboss`)} CASCADE`).finally(() => admin.end());
}

/** The mix: schedule questions, running late, confirmations, thanks, availability, offer replies (+ call-offs). */
function planMessages(caregivers: { phone: string; language: string }[], offered: { phone: string; language: string }[], total: number, random: () => number): Planned[] {
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

function cpuReport(c: CpuUse, selfS: number): string {
  const parts = [
    c.server.processes > 1
      ? `server ${share(c.server.seconds, c.wallS)} of one core (${c.server.processes} processes: primary ${share(c.server.byProcess[0] ?? 0, c.wallS)}, children ${c.server.byProcess.slice(1).map((x) => share(x, c.wallS)).join(" + ")})`
      : `server ${share(c.server.seconds, c.wallS)} of one core (1 process)`,
    c.postgres.processes > 0 ? `postgres ${share(c.postgres.seconds, c.wallS)} (all ${c.postgres.processes} postgres processes on this machine, other clients' included)` : "postgres: no postgres process visible",
    c.machine ? `machine ${((c.machine.busyCores / c.machine.cores) * 100).toFixed(0)}% of ${c.machine.cores} cores (${c.machine.busyCores.toFixed(2)} busy)` : "machine: /proc/stat unreadable",
    `load generator (this process) ${share(selfS, c.wallS)}`,
  ];
  return parts.join("; ");
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

function report(r: { results: Result[]; wallS: number; engine: string; campaigns: number; offered: number; offerSetupS: number; setupNote: string; confirmations: number[]; won: number; cpuLine: string }): void {
  const ok = r.results.filter((x) => x.ms !== null && !x.turn?.failed);
  const lat = ok.map((x) => x.ms!).sort((a, b) => a - b);
  const f = (v: number) => `${v.toFixed(1)} ms`;
  const cpu = os.cpus();
  const lines = [
    `bench:messages — ${new Date().toISOString()}`,
    `machine: ${cpu[0]?.model ?? "?"}, ${cpu.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, node ${process.version}, ${os.platform()} ${os.release()}; load average at the end ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`,
    `engine:  ${r.engine}`,
    `load:    N=${r.results.length} (after ${WARMUP} warm-up), concurrency ${CONCURRENCY}, call-off share ${CALLOFF_SHARE}; ${r.campaigns} fill campaigns → ${r.offered} caregivers with a live offer (setup ${r.offerSetupS.toFixed(1)} s${r.setupNote})`,
    `latency: POST → turn processed (its replies in the outbox): p50 ${f(quantile(lat, 0.5))}, p95 ${f(quantile(lat, 0.95))}, p99 ${f(quantile(lat, 0.99))}, max ${f(lat[lat.length - 1] ?? NaN)}, mean ${f(lat.reduce((a, b) => a + b, 0) / Math.max(1, lat.length))}`,
    `rate:    ${(r.results.length / r.wallS).toFixed(1)} messages/s (${r.wallS.toFixed(2)} s wall); failed or lost turns: ${r.results.length - ok.length}; non-200 responses: ${r.results.filter((x) => x.status !== 200).length}`,
    `cpu:     ${r.cpuLine}`,
  ];
  if (r.won > 0) {
    const c = [...r.confirmations].sort((a, b) => a - b);
    lines.push(
      c.length > 0
        ? `offer YES → "you're confirmed" text (fill.assign job): ${c.length} of ${r.won} won, p50 ${f(quantile(c, 0.5))}, p95 ${f(quantile(c, 0.95))}, max ${f(c[c.length - 1]!)}`
        : `offer YES → "you're confirmed" text (fill.assign job): none of ${r.won} won within ${CONFIRMATION_WAIT_MS / 1000} s`,
    );
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
  console.log(lines.join("\n"));
}

let interrupted = false;
for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.once(sig, () => {
    interrupted = true;
    console.error(`bench:messages: ${sig}, stopping the server and cleaning up…`);
    void cleanup().finally(() => process.exit(130));
  });
}
let code = 0;
try {
  await main();
} catch (err) {
  const e = err as Error;
  // A plain Error is one of the bench's own messages; anything else (TypeError…) is a bug: show where.
  const detail = e instanceof Error && e.constructor === Error ? e.message : (e?.stack ?? String(err));
  if (!interrupted) console.error(`bench:messages failed: ${detail}${spawned ? `\n${spawned.diagnostics()}` : ""}`);
  code = 1;
} finally {
  await cleanup();
}
process.exit(code);
