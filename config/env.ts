import { z } from "zod";

/**
 * Every setting Coverline reads, in one schema. `loadConfig()` is the only reader of `process.env`
 * (STYLE.md §9.1); a bad setting stops start-up with every problem listed at once.
 */

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");
const port = z.coerce.number().int().min(0).max(65535);
const seconds = z.coerce.number().min(0);
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v));
const optionalUrl = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v))
  .pipe(z.url().optional());
/** An IANA timezone name the runtime knows (e.g. America/Denver). */
export const ianaTimezone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, "unknown IANA timezone");
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "expected HH:MM (24h)");

export const ConfigSchema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    PORT: port.default(3000),
    HOST: z.string().default("127.0.0.1"),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    /** Server processes sharing PORT (one per core). Above 1 needs DATABASE_URL: PGlite is one process. */
    WORKERS: z.coerce.number().int().min(1).max(64).default(1),
    /** Development and benchmarks only: the clock starts at this instant and runs on (e.g. a weekday 10:00). */
    FAKE_NOW: z.iso.datetime({ offset: true }).optional(),

    // Postgres: unset → embedded PGlite under DATA_DIR.
    DATABASE_URL: optionalUrl,
    DATA_DIR: z.string().default(".data"),
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
    /**
     * PostgreSQL server: prepare each parameterised statement once per connection (named statements). Turn off
     * behind a pooler that cannot keep them, e.g. PgBouncer in transaction mode before 1.21.
     */
    DATABASE_PREPARED_STATEMENTS: bool.default(true),
    DATABASE_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/, "lower-case SQL identifier").default("public"),
    VECTOR_MEMORY: z.enum(["auto", "on", "off"]).default("auto"),

    // Agency facts used in wording and routing.
    AGENCY_NAME: z.string().min(1).default("Colorado Care Assist"),
    AGENCY_OFFICE_PHONE: z.string().min(7).default("+13035550100"),
    AGENCY_TIMEZONE: ianaTimezone.default("America/Denver"),
    BUSINESS_HOURS_START: hhmm.default("08:00"),
    BUSINESS_HOURS_END: hhmm.default("18:00"),
    /** ISO weekdays, 1 = Monday … 7 = Sunday. */
    BUSINESS_DAYS: z
      .string()
      .default("1,2,3,4,5")
      .transform((s) => s.split(",").map((d) => Number(d.trim())))
      .pipe(z.array(z.number().int().min(1).max(7)).min(1)),

    // WellSky Connect. Unset base URL → the local stand-in on WELLSKY_FAKE_PORT.
    WELLSKY_BASE_URL: optionalUrl,
    WELLSKY_CLIENT_ID: z.string().default("dev-client"),
    WELLSKY_CLIENT_SECRET: z.string().default("dev-secret"),
    WELLSKY_AGENCY_ID: z.string().default("1669"),
    WELLSKY_FAKE_PORT: port.default(4010),
    WELLSKY_RATE_LIMIT_PER_SECOND: z.coerce.number().min(0.1).max(100).default(10),
    WELLSKY_SEED: z.coerce.number().int().default(42),

    // RingCentral. Without credentials, outbound SMS go to the Postgres outbox.
    RINGCENTRAL_SERVER_URL: optionalUrl,
    RINGCENTRAL_CLIENT_ID: optionalString,
    RINGCENTRAL_CLIENT_SECRET: optionalString,
    RINGCENTRAL_JWT: optionalString,
    RINGCENTRAL_FROM_NUMBER: optionalString,
    RINGCENTRAL_WEBHOOK_VERIFICATION_TOKEN: z.string().min(8).default("dev-verification-token"),
    /** RingCentral allows 40 SMS requests/min per user; keep under it. */
    RINGCENTRAL_SMS_PER_MINUTE: z.coerce.number().int().min(1).max(40).default(40),

    // Slack. Without a bot token, coordinator messages go to the outbox (channel "slack").
    SLACK_BOT_TOKEN: optionalString,
    SLACK_SIGNING_SECRET: z.string().min(8).default("dev-slack-signing-secret"),
    SLACK_API_URL: optionalUrl,
    SLACK_ALERTS_CHANNEL: z.string().default("#coverline-alerts"),

    // Anthropic. Without a key the embedded interpreter decides alone.
    ANTHROPIC_API_KEY: optionalString,
    ANTHROPIC_BASE_URL: optionalUrl,
    ANTHROPIC_MODEL: z.string().default("claude-sonnet-5-5"),
    /** Interpreter confidence under which Claude is asked (when a key is set). */
    LLM_FALLBACK_BELOW: z.coerce.number().min(0).max(1).default(0.75),

    // Embeddings for memory. Unset → the embedded lexical embedder.
    EMBEDDING_URL: optionalUrl,
    EMBEDDING_API_KEY: optionalString,
    /** Cosine similarity under which the endpoint's vectors count as unrelated (model-specific); the lexical embedder has its own. */
    EMBEDDING_MIN_SIMILARITY: z.coerce.number().min(-1).max(1).default(0.3),

    // Shift filling (issue #4). Seconds, so a test can run a whole campaign quickly.
    FILL_ESCALATE_AFTER: seconds.default(900),
    FILL_WAVE_DELAYS: z
      .string()
      .default("0,300,600")
      .transform((s) => s.split(",").map((d) => Number(d.trim())))
      .pipe(z.array(z.number().min(0)).min(1).max(5)),
    FILL_MAX_DISTANCE_MILES: z.coerce.number().positive().default(30),
    FILL_TRAVEL_BUFFER_MINUTES: z.coerce.number().int().min(0).default(30),
    FILL_OVERTIME_CAP_HOURS: z.coerce.number().positive().default(40),
    FILL_DAILY_OFFER_CAP: z.coerce.number().int().min(1).default(6),
    FILL_URGENT_WITHIN_HOURS: z.coerce.number().positive().default(2),
    /** Look-ahead of the periodic scan for shifts with no caregiver in WellSky (0 = off). */
    FILL_SCAN_UNASSIGNED_HOURS: z.coerce.number().min(0).max(168).default(24),

    DEV_ROUTES: bool.optional(),
  })
  .superRefine((c, ctx) => {
    const rc = [c.RINGCENTRAL_CLIENT_ID, c.RINGCENTRAL_CLIENT_SECRET, c.RINGCENTRAL_JWT];
    if (rc.some(Boolean) && !rc.every(Boolean)) {
      ctx.addIssue({ code: "custom", path: ["RINGCENTRAL_JWT"], message: "set RINGCENTRAL_CLIENT_ID, RINGCENTRAL_CLIENT_SECRET and RINGCENTRAL_JWT together" });
    }
    if (c.RINGCENTRAL_JWT && !c.RINGCENTRAL_FROM_NUMBER) {
      ctx.addIssue({ code: "custom", path: ["RINGCENTRAL_FROM_NUMBER"], message: "required when RingCentral credentials are set" });
    }
    if (c.BUSINESS_HOURS_START >= c.BUSINESS_HOURS_END) {
      ctx.addIssue({ code: "custom", path: ["BUSINESS_HOURS_END"], message: "must be after BUSINESS_HOURS_START" });
    }
    if (c.WORKERS > 1 && !c.DATABASE_URL) {
      ctx.addIssue({ code: "custom", path: ["WORKERS"], message: "more than one worker needs DATABASE_URL (the embedded PGlite database is one process)" });
    }
    if (c.NODE_ENV === "production" && c.FAKE_NOW) {
      ctx.addIssue({ code: "custom", path: ["FAKE_NOW"], message: "must not be set in production" });
    }
    if (c.NODE_ENV === "production" && c.WELLSKY_BASE_URL && c.WELLSKY_CLIENT_ID === "dev-client") {
      ctx.addIssue({ code: "custom", path: ["WELLSKY_CLIENT_ID"], message: "set real WellSky credentials in production" });
    }
  });

export type Config = z.infer<typeof ConfigSchema>;

/** Thrown by loadConfig with every problem, one per line. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Parses settings from an environment map (default `process.env`); throws ConfigError listing all problems. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const result = ConfigSchema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join(".") || "(config)"}: ${i.message}`));
  }
  return result.data;
}

/** True when dev routes (/dev/*) should be mounted: on unless NODE_ENV=production, overridable by DEV_ROUTES. */
export function devRoutesEnabled(c: Config): boolean {
  return c.DEV_ROUTES ?? c.NODE_ENV !== "production";
}

/**
 * What the cluster primary (server/main.ts, WORKERS > 1) tells each worker process it forks. Not settings: the
 * primary sets them, nobody else should.
 */
export const WORKER_ENV = { index: "COVERLINE_WORKER_INDEX", sharedStandInUrl: "COVERLINE_SHARED_STANDIN_URL" } as const;

export function workerRole(env: Record<string, string | undefined> = process.env): { index: number; sharedStandInUrl?: string } {
  return { index: Number(env[WORKER_ENV.index] ?? 0), sharedStandInUrl: env[WORKER_ENV.sharedStandInUrl] || undefined };
}
