import type { Hono } from "hono";
import { DateTime } from "luxon";
import type { Config } from "../config/env.js";
import { devRoutesEnabled } from "../config/env.js";
import { createCheckpointer } from "../db/checkpointer.js";
import { startJobQueue, type JobQueue } from "../db/jobs.js";
import { migrate } from "../db/migrate.js";
import { openDatabase, type Database } from "../db/pool.js";
import { directoryIsEmpty, upsertDirectory } from "../db/repos/directory.js";
import { createOutboundStore } from "../db/repos/outbound-store.js";
import { createMessenger, type Messenger } from "../channels/messenger.js";
import { createOutboxTransport } from "../channels/outbox-transport.js";
import { createWellSkyClient, type WellSkyClient } from "../integrations/wellsky/client.js";
import { wellskyAgency, type WellSkyAgency } from "../integrations/wellsky/agency.js";
import { buildRoster, DEV_ROSTER_PATH, generateAgency, startWellSkyFake, type SeedAgency, type WellSkyFake } from "../integrations/wellsky/fake/index.js";
import { createRingCentralSms } from "../integrations/ringcentral/sms.js";
import { createSlackTransport } from "../integrations/slack/transport.js";
import { createClaudeInterpreter } from "../integrations/anthropic/interpret.js";
import { createClaudeCommandParser } from "../integrations/anthropic/coordinator.js";
import { interpret } from "../agent/interpreter/index.js";
import { buildAgentGraph } from "../agent/graph.js";
import { createInboundProcessor, type InboundProcessor } from "../agent/inbound.js";
import { HttpEmbedder, LexicalEmbedder } from "../agent/memory.js";
import { voicemailIntake, type VoicemailTimings } from "../agent/voicemail.js";
import { createFillEngine, type FillEngine } from "../workflows/shift-fill/engine.js";
import { jobScheduler, registerFillJobs } from "../workflows/shift-fill/jobs.js";
import { scanUnassigned } from "../workflows/shift-fill/scan.js";
import { durableShiftNotes } from "../workflows/shift-notes.js";
import type { Clock } from "../lib/clock.js";
import type { OutboundRequest } from "../domain/messages.js";
import type { Logger } from "../lib/logger.js";
import { createApp } from "./app.js";
import type { AppEnv, HealthCheck } from "./deps.js";
import { devRoutes } from "./routes/dev.js";
import { fillRoutes } from "./routes/fills.js";
import { ringCentralRoutes } from "./routes/webhooks-ringcentral.js";
import { slackRoutes } from "./routes/webhooks-slack.js";

export interface Coverline {
  app: Hono<AppEnv>;
  db: Database;
  wellsky: WellSkyClient;
  agency: WellSkyAgency;
  /** The local WellSky stand-in, when WELLSKY_BASE_URL is unset. */
  fake?: WellSkyFake;
  seed?: SeedAgency;
  messenger: Messenger;
  fill: FillEngine;
  inbound: InboundProcessor;
  jobs: JobQueue;
  /** What is running and where, for start-up output. */
  describe: string[];
  close(): Promise<void>;
}

export interface StartOptions {
  logger: Logger;
  clock: Clock;
  /** Reuse an open database (tests); otherwise opened from config. */
  db?: Database;
  /** Seconds between job polls (tests use 0.5). */
  jobPollingSeconds?: number;
  /** Start the periodic sweepers (inbound restart sweep, outbound retries). Default true. */
  sweepers?: boolean;
  /** Run the periodic scan for unassigned shifts here (with several workers, one of them). Default true. */
  unassignedScan?: boolean;
  /** A WellSky stand-in hosted by another process (the cluster primary, see startStandIn): its URL. */
  sharedStandInUrl?: string;
  /** Voicemail re-read and retry delays (tests shorten them); production defaults otherwise. */
  voicemailTimings?: VoicemailTimings;
}

/**
 * The seeded WellSky stand-in (no WellSky credentials). On first start its coordinators and client preferences
 * are written to the directory. Called by startCoverline, or by the cluster primary for all its workers.
 */
export async function startStandIn(config: Config, clock: Clock, db: Database): Promise<{ fake: WellSkyFake; seed: SeedAgency }> {
  const seed = generateAgency({ seed: config.WELLSKY_SEED, today: clock.now(), timezone: config.AGENCY_TIMEZONE });
  const fake = await startWellSkyFake({ port: config.WELLSKY_FAKE_PORT, host: "127.0.0.1", agency: seed, clientId: config.WELLSKY_CLIENT_ID, clientSecret: config.WELLSKY_CLIENT_SECRET, clock });
  try {
    if (await directoryIsEmpty(db.pool)) {
      await upsertDirectory(db.pool, { coordinators: seed.coordinators, clientPreferences: seed.clientPreferences, caregiverProfiles: seed.caregiverProfiles });
    }
  } catch (err) {
    await fake.close();
    throw err;
  }
  return { fake, seed };
}

/** /dev/roster: from the stand-in in this process, or read from the one another process hosts. */
function rosterSource(fake: WellSkyFake | undefined, seed: SeedAgency | undefined, sharedUrl: string | undefined, clock: Clock) {
  if (fake && seed) return async () => buildRoster(fake.store, seed, clock.now(), seed.timezone);
  if (!sharedUrl) return undefined;
  return async () => {
    const res = await fetch(`${sharedUrl}${DEV_ROSTER_PATH}`, { signal: AbortSignal.timeout(10_000) });
    if (!res.ok) throw new Error(`the shared WellSky stand-in answered ${res.status} for the roster`);
    return res.json() as Promise<unknown>;
  };
}

/**
 * The composition root: builds every service from config, in one place. `server/main.ts` calls it and
 * serves the app; integration tests and benchmarks call it too, so they exercise exactly what runs.
 */
export async function startCoverline(config: Config, opts: StartOptions): Promise<Coverline> {
  const { logger, clock } = opts;
  const closers: (() => Promise<void>)[] = [];
  const describe: string[] = [];
  try {
    const db = opts.db ?? (await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR, schema: config.DATABASE_SCHEMA, poolMax: config.DATABASE_POOL_MAX, preparedStatements: config.DATABASE_PREPARED_STATEMENTS }));
    if (!opts.db) closers.push(() => db.close());
    const mig = await migrate(db, { vectorMemory: config.VECTOR_MEMORY });
    describe.push(`Database: ${db.describe}${mig.applied.length ? ` (applied ${mig.applied.join(", ")})` : ""}`);
    describe.push(`Vector memory: ${db.vector ? "on (pgvector)" : config.VECTOR_MEMORY === "off" ? "off (VECTOR_MEMORY=off)" : "off — pgvector is not installed on this server; recall uses full-text search"}`);

    let fake: WellSkyFake | undefined;
    let seed: SeedAgency | undefined;
    let baseUrl = opts.sharedStandInUrl ?? config.WELLSKY_BASE_URL;
    if (!baseUrl) {
      ({ fake, seed } = await startStandIn(config, clock, db));
      closers.push(() => fake!.close());
      baseUrl = fake.url;
      describe.push(`WellSky: local stand-in at ${fake.url} (seeded agency: ${seed.caregivers.length} caregivers, ${seed.clients.length} clients; credentials dev-client / dev-secret)`);
    } else {
      describe.push(`WellSky: ${baseUrl}${opts.sharedStandInUrl ? " (local stand-in hosted by the primary process)" : ""}`);
    }
    const wellsky = createWellSkyClient({
      baseUrl,
      clientId: config.WELLSKY_CLIENT_ID,
      clientSecret: config.WELLSKY_CLIENT_SECRET,
      agencyId: config.WELLSKY_AGENCY_ID,
      timezone: config.AGENCY_TIMEZONE,
      // WellSky's and RingCentral's limits are per account: the workers share them.
      ratePerSecond: config.WELLSKY_RATE_LIMIT_PER_SECOND / config.WORKERS,
      clock,
      logger,
    });
    const agency = wellskyAgency(wellsky, { clock, timezone: config.AGENCY_TIMEZONE });
    void agency.warm().catch((err: Error) => logger.warn({ err: err.message }, "WellSky directory warm-up failed; lookups will load on demand"));

    const outbox = createOutboxTransport();
    const ringcentral = config.RINGCENTRAL_JWT
      ? createRingCentralSms({
          serverUrl: config.RINGCENTRAL_SERVER_URL ?? "https://platform.ringcentral.com",
          clientId: config.RINGCENTRAL_CLIENT_ID!,
          clientSecret: config.RINGCENTRAL_CLIENT_SECRET!,
          jwt: config.RINGCENTRAL_JWT,
          fromNumber: config.RINGCENTRAL_FROM_NUMBER!,
          smsPerMinute: Math.max(1, Math.floor(config.RINGCENTRAL_SMS_PER_MINUTE / config.WORKERS)),
        })
      : undefined;
    if (ringcentral) closers.push(() => ringcentral.close());
    const slack = config.SLACK_BOT_TOKEN ? createSlackTransport({ token: config.SLACK_BOT_TOKEN, apiUrl: config.SLACK_API_URL }) : undefined;
    describe.push(`SMS: ${ringcentral ? "RingCentral" : "outbox (no RingCentral credentials) — read it at GET /dev/outbox"}`);
    describe.push(`Slack: ${slack ? "Slack Web API" : "outbox (no SLACK_BOT_TOKEN), channel \"slack\""}`);
    const messenger = createMessenger({ store: createOutboundStore(db.pool), transports: { sms: ringcentral ?? outbox, slack: slack ?? outbox }, clock, logger });

    const jobs = await startJobQueue(db, { logger, pollingIntervalSeconds: opts.jobPollingSeconds ?? 1 });
    closers.unshift(() => jobs.stop());
    // Notes on shifts reach WellSky through a durable job: off the turn's path, and retried through outages.
    const writer = await durableShiftNotes(jobs, agency, logger);

    const fill = createFillEngine({
      pool: db.pool,
      agency,
      writer,
      sender: messenger,
      scheduler: jobScheduler(jobs, clock),
      clock,
      logger,
      settings: {
        timezone: config.AGENCY_TIMEZONE,
        waveDelaysSeconds: config.FILL_WAVE_DELAYS,
        escalateAfterSeconds: config.FILL_ESCALATE_AFTER,
        urgentWithinHours: config.FILL_URGENT_WITHIN_HOURS,
        maxDistanceMiles: config.FILL_MAX_DISTANCE_MILES,
        travelBufferMinutes: config.FILL_TRAVEL_BUFFER_MINUTES,
        overtimeCapHours: config.FILL_OVERTIME_CAP_HOURS,
        dailyOfferCap: config.FILL_DAILY_OFFER_CAP,
        officePhone: config.AGENCY_OFFICE_PHONE,
        agencyName: config.AGENCY_NAME,
        alertsChannel: config.SLACK_ALERTS_CHANNEL,
      },
    });
    await registerFillJobs(jobs, fill, opts.jobPollingSeconds);

    const model = config.ANTHROPIC_API_KEY
      ? createClaudeInterpreter({ apiKey: config.ANTHROPIC_API_KEY, baseURL: config.ANTHROPIC_BASE_URL, model: config.ANTHROPIC_MODEL, logger })
      : undefined;
    describe.push(`Understanding: embedded interpreter${model ? ` + Claude (${config.ANTHROPIC_MODEL}) when unsure` : " (no ANTHROPIC_API_KEY)"}`);
    // The after-hours morning queue: messages held as durable jobs until the office opens.
    await jobs.work<OutboundRequest>("outbound.later", async (req) => void (await messenger.send(req)));
    const later = {
      async sendAt(at: Date, req: OutboundRequest) {
        const delayMs = Math.max(0, at.getTime() - clock.now().getTime());
        await jobs.send("outbound.later", req, { runAt: new Date(Date.now() + delayMs), key: req.idempotencyKey });
      },
    };
    const graph = buildAgentGraph({
      pool: db.pool,
      logger,
      clock,
      checkpointer: await createCheckpointer(db),
      agency,
      writer,
      sender: messenger,
      fill,
      interpret,
      model,
      coordinatorModel: config.ANTHROPIC_API_KEY ? createClaudeCommandParser({ apiKey: config.ANTHROPIC_API_KEY, baseURL: config.ANTHROPIC_BASE_URL, model: config.ANTHROPIC_MODEL, logger }) : undefined,
      later,
      embedder: config.EMBEDDING_URL ? new HttpEmbedder(config.EMBEDDING_URL, config.EMBEDDING_API_KEY, config.EMBEDDING_MIN_SIMILARITY) : new LexicalEmbedder(),
      vectorMemory: db.vector,
      settings: {
        agencyName: config.AGENCY_NAME,
        officePhone: config.AGENCY_OFFICE_PHONE,
        timezone: config.AGENCY_TIMEZONE,
        alertsChannel: config.SLACK_ALERTS_CHANNEL,
        lateNoticeMinutes: 15,
        businessHours: { start: config.BUSINESS_HOURS_START, end: config.BUSINESS_HOURS_END, days: config.BUSINESS_DAYS },
        llmFallbackBelow: config.LLM_FALLBACK_BELOW,
        urgentWindowHours: 4,
      },
    });
    const inbound = createInboundProcessor({
      pool: db.pool,
      graph,
      sender: messenger,
      clock,
      logger,
      settings: { agencyName: config.AGENCY_NAME, officePhone: config.AGENCY_OFFICE_PHONE, timezone: config.AGENCY_TIMEZONE, sendStopConfirmation: !ringcentral },
    });

    // Untranscribed voicemails are recorded and alerted with or without RingCentral credentials.
    const voicemail = voicemailIntake({
      rc: ringcentral,
      inbound,
      jobs,
      pool: db.pool,
      agency,
      sender: messenger,
      clock,
      logger,
      settings: { timezone: config.AGENCY_TIMEZONE, alertsChannel: config.SLACK_ALERTS_CHANNEL },
      timings: opts.voicemailTimings,
    });
    await voicemail.register();

    if (opts.sweepers !== false) {
      // State lives in rows; these only pick up what a crash or a provider outage left behind.
      const timer = setInterval(() => {
        void inbound.sweep().catch((err: Error) => logger.error({ err: err.message }, "inbound sweep failed"));
        void messenger.retryFailed().catch((err: Error) => logger.error({ err: err.message }, "outbound retry failed"));
      }, 30_000);
      timer.unref();
      closers.unshift(async () => clearInterval(timer));
      if (config.FILL_SCAN_UNASSIGNED_HOURS > 0 && opts.unassignedScan !== false) {
        const scan = () => void scanUnassigned({ engine: fill, agency, clock, logger }, config.FILL_SCAN_UNASSIGNED_HOURS).catch((err: Error) => logger.error({ err: err.message }, "unassigned scan failed"));
        const scanTimer = setInterval(scan, 10 * 60_000);
        scanTimer.unref();
        closers.unshift(async () => clearInterval(scanTimer));
        setTimeout(scan, 5_000).unref();
      }
      void inbound.sweep().catch(() => undefined);
    }

    const health: HealthCheck[] = [
      { name: "database", check: async () => void (await db.pool.query("select 1")) },
      {
        name: "wellsky",
        check: async () => {
          await wellsky.listProfileTags();
          return { baseUrl: fake ? "local stand-in" : baseUrl };
        },
      },
    ];
    const routes = [ringCentralRoutes, slackRoutes, fillRoutes, ...(devRoutesEnabled(config) ? [devRoutes] : [])];
    const app = createApp({
      config,
      db,
      logger,
      clock,
      health,
      routes,
      services: {
        inbound,
        fill,
        roster: rosterSource(fake, seed, opts.sharedStandInUrl, clock),
        voicemail,
      },
    });
    const today = DateTime.fromJSDate(clock.now(), { zone: config.AGENCY_TIMEZONE }).toFormat("ccc LLL d, HH:mm ZZZZ");
    describe.push(`Agency: ${config.AGENCY_NAME}, ${config.AGENCY_TIMEZONE} (now ${today}); dev routes ${devRoutesEnabled(config) ? "on" : "off"}`);
    return {
      app,
      db,
      wellsky,
      agency,
      fake,
      seed,
      messenger,
      fill,
      inbound,
      jobs,
      describe,
      async close() {
        await inbound.idle();
        for (const c of closers) await c().catch((err: Error) => logger.warn({ err: err.message }, "close step failed"));
      },
    };
  } catch (err) {
    for (const c of closers) await c().catch(() => undefined);
    throw err;
  }
}
