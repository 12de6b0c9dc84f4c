import { randomUUID } from "node:crypto";
import { DateTime } from "luxon";
import { loadConfig, type Config } from "../config/env.js";
import type { Database } from "../db/pool.js";
import { listOutbox } from "../db/repos/messages.js";
import { OffsetClock } from "../lib/clock.js";
import { silentLogger } from "../lib/logger.js";
import { startCoverline, type Coverline } from "../server/compose.js";
import { testDatabase } from "./db.js";

export const TZ = "America/Denver";

/** The next Tuesday, 10:00 in Denver: business hours, with shifts "today" and "tomorrow" in the seed. */
export function nextTuesdayMorning(hour = 10): Date {
  let d = DateTime.now().setZone(TZ).plus({ days: 1 }).set({ hour, minute: 0, second: 0, millisecond: 0 });
  while (d.weekday !== 2) d = d.plus({ days: 1 });
  return d.toJSDate();
}

export interface TestCoverline extends Coverline {
  config: Config;
  clock: OffsetClock;
  /** POSTs an inbound SMS through the real RingCentral webhook route (signed with the verification token). */
  sms(from: string, text: string, id?: string): Promise<Response>;
  /** Outbound messages recorded so far (sent rows), optionally to one address. */
  outbox(to?: string, channel?: "sms" | "slack"): Promise<{ id: number; channel: string; to: string; text: string }[]>;
  /** Waits until `cond` is truthy (polling), processing queued inbound messages meanwhile. */
  waitFor<T>(cond: () => Promise<T | undefined | null | false>, ms?: number): Promise<T>;
  stop(): Promise<void>;
}

/**
 * The whole Coverline (compose.ts, exactly what `npm start` builds) on an isolated database, the seeded
 * WellSky stand-in on a random port, outbox transports, and a clock that starts on a Tuesday morning.
 */
export async function startTestCoverline(env: Record<string, string> = {}, opts: { at?: Date; db?: Database } = {}): Promise<TestCoverline> {
  const db = opts.db ?? (await testDatabase());
  const config = loadConfig({
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    WELLSKY_FAKE_PORT: "0",
    WELLSKY_RATE_LIMIT_PER_SECOND: "100",
    FILL_ESCALATE_AFTER: "3600",
    FILL_WAVE_DELAYS: "0,3600,7200",
    ...env,
  });
  const clock = new OffsetClock(opts.at ?? nextTuesdayMorning());
  const cov = await startCoverline(config, { logger: silentLogger, clock, db, jobPollingSeconds: 0.5, sweepers: false });
  const t: TestCoverline = {
    ...cov,
    config,
    clock,
    async sms(from, text, id = randomUUID()) {
      return cov.app.request("/webhooks/ringcentral", {
        method: "POST",
        headers: { "content-type": "application/json", "verification-token": config.RINGCENTRAL_WEBHOOK_VERIFICATION_TOKEN },
        body: JSON.stringify(ringCentralSms(from, config.AGENCY_OFFICE_PHONE, text, id)),
      });
    },
    async outbox(to, channel) {
      return listOutbox(db.pool, { to, channel, limit: 1000 });
    },
    async waitFor(cond, ms = 20_000) {
      const end = Date.now() + ms;
      for (;;) {
        await cov.inbound.idle();
        const v = await cond();
        if (v) return v as never;
        if (Date.now() > end) throw new Error("waitFor: timed out");
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async stop() {
      await cov.close();
      if (!opts.db) await db.close();
    },
  };
  return t;
}

/** A RingCentral message-store instant SMS notification, shaped like the reference sample. */
export function ringCentralSms(from: string, to: string, text: string, id: string) {
  return {
    uuid: `n-${id}`,
    event: "/restapi/v1.0/account/~/extension/~/message-store/instant?type=SMS",
    timestamp: new Date().toISOString(),
    subscriptionId: "sub-test",
    ownerId: "1",
    body: {
      id,
      to: [{ phoneNumber: to, target: true }],
      from: { phoneNumber: from },
      type: "SMS",
      creationTime: new Date().toISOString(),
      lastModifiedTime: new Date().toISOString(),
      readStatus: "Unread",
      priority: "Normal",
      attachments: [{ id, type: "Text", contentType: "text/plain" }],
      direction: "Inbound",
      availability: "Alive",
      subject: text,
      messageStatus: "Received",
      conversation: { id: "c-1" },
      eventType: "Create",
    },
  };
}
