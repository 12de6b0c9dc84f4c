import type { Hono } from "hono";
import type { Config } from "../config/env.js";
import type { Database } from "../db/pool.js";
import type { Clock } from "../lib/clock.js";
import type { Logger } from "../lib/logger.js";
import type { InboundProcessor } from "../agent/inbound.js";
import type { VoicemailService } from "../agent/voicemail.js";
import type { FillEngine } from "../workflows/shift-fill/engine.js";

/** A named dependency /health checks: it throws when the dependency is unreachable. */
export interface HealthCheck {
  name: string;
  check(): Promise<Record<string, unknown> | void>;
}

/** Everything routes need, constructed once in server/main.ts (or a test) and injected into the app. */
export interface AppDeps {
  config: Config;
  db: Database;
  logger: Logger;
  clock: Clock;
  health: HealthCheck[];
  /** Route groups mounted after the built-ins (webhooks, api, dev). */
  routes?: Hono<AppEnv>[];
  /** Services the feature routes use. */
  services: Services;
}

/** What routes call into: the inbound pipeline, the fill workflow, the outbox, the roster. */
export interface Services {
  inbound: InboundProcessor;
  fill: FillEngine;
  /** Voicemail notifications: transcripts read through RingCentral (when configured), untranscribed ones alerted. */
  voicemail?: VoicemailService;
  /** The seeded/known agency for /dev/roster (caregivers, clients, coordinators, next 7 days of shifts). */
  roster?: () => Promise<unknown>;
}

export interface AppEnv {
  Variables: {
    deps: AppDeps;
    requestId: string;
  };
}
