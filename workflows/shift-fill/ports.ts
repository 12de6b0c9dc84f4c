import type { Pool } from "../../db/pool.js";
import type { AgencyReader, AgencyWriter, Sender } from "../../tools/ports.js";
import type { Clock } from "../../lib/clock.js";
import type { Logger } from "../../lib/logger.js";

/**
 * What the shift-fill workflow needs from the outside, as narrow interfaces. Production wires WellSky
 * (integrations/wellsky/agency.ts), the messenger and pg-boss; the benchmark wires an in-memory agency and a
 * virtual-time scheduler to the same engine.
 */

export type { AgencyReader, AgencyWriter, Sender } from "../../tools/ports.js";
export { isRefusal } from "../../tools/ports.js";

export type FillJob = "fill.wave" | "fill.escalate" | "fill.assign" | "fill.expire";

export interface FillJobData {
  campaignId: number;
  wave?: number;
  level?: number;
}

/** Durable timers. Handlers re-check campaign state, so a timer that fires late or twice is harmless. */
export interface Scheduler {
  schedule(job: FillJob, data: FillJobData, runAt: Date, key: string): Promise<void>;
}

export interface FillSettings {
  timezone: string;
  /** Seconds after start for wave 1, 2, 3 (wave n reaches tier ≤ n). */
  waveDelaysSeconds: number[];
  escalateAfterSeconds: number;
  urgentWithinHours: number;
  maxDistanceMiles: number;
  travelBufferMinutes: number;
  overtimeCapHours: number;
  dailyOfferCap: number;
  officePhone: string;
  agencyName: string;
  /** Slack channel for fill results and pages when a client has no coordinator on file. */
  alertsChannel: string;
}

export interface FillDeps {
  pool: Pool;
  agency: AgencyReader;
  writer: AgencyWriter;
  sender: Sender;
  scheduler: Scheduler;
  clock: Clock;
  logger: Logger;
  settings: FillSettings;
}

