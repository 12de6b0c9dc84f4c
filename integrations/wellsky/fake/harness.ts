import { ManualClock } from "../../../lib/clock.js";
import { createWellSkyClient, type WellSkyClient, type WellSkyClientOptions } from "../client.js";
import { generateAgency, type GenerateAgencyOptions, type SeedAgency } from "./seed.js";
import { startWellSkyFake, type WellSkyFake } from "./server.js";

/** Default "today" for tests: a Monday, 09:00 in Denver. */
export const TEST_TODAY = new Date("2026-11-23T16:00:00Z");

export interface WellSkyHarness {
  agency: SeedAgency;
  fake: WellSkyFake;
  client: WellSkyClient;
  /** The stand-in's clock (token expiry, nearest occurrence). The client uses the system clock. */
  clock: ManualClock;
  /** Another client on the same stand-in, e.g. with different retry or rate settings. */
  makeClient(overrides?: Partial<WellSkyClientOptions>): WellSkyClient;
  close(): Promise<void>;
}

/**
 * A seeded stand-in on a random port plus a real client pointed at it, tuned for tests: tiny retry delays
 * and no meaningful rate limit unless a test asks for one.
 */
export async function startWellSkyHarness(opts: Partial<GenerateAgencyOptions> & { agency?: SeedAgency } = {}): Promise<WellSkyHarness> {
  const today = opts.today ?? TEST_TODAY;
  const agency = opts.agency ?? generateAgency({ seed: 42, ...opts, today });
  const clock = new ManualClock(today);
  const fake = await startWellSkyFake({ port: 0, agency, clock });
  const makeClient = (overrides: Partial<WellSkyClientOptions> = {}) =>
    createWellSkyClient({
      baseUrl: fake.url,
      clientId: "dev-client",
      clientSecret: "dev-secret",
      agencyId: agency.agencyId,
      timezone: agency.timezone,
      ratePerSecond: 1000,
      retry: { maxAttempts: 4, initialDelayMs: 5, maxDelayMs: 40 },
      ...overrides,
    });
  return { agency, fake, client: makeClient(), clock, makeClient, close: () => fake.close() };
}
