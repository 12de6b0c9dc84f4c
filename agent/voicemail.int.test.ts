import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig, type Config } from "../config/env.js";
import type { Database } from "../db/pool.js";
import { listOutbox } from "../db/repos/messages.js";
import { RINGCENTRAL_FAKE_CLIENT_ID, RINGCENTRAL_FAKE_CLIENT_SECRET, startRingCentralFake, type RingCentralFake } from "../integrations/ringcentral/fake/server.js";
import { OffsetClock } from "../lib/clock.js";
import { createLogger } from "../lib/logger.js";
import { startCoverline, type Coverline } from "../server/compose.js";
import { testDatabase } from "../test/db.js";
import { fixtureJson } from "../test/fixtures/read.js";
import { nextTuesdayMorning } from "../test/harness.js";

/**
 * Untranscribed voicemails on the whole app (compose.ts), with the service's real logger: whatever happens to
 * them — recorded, alerted, replayed, the caller lookup failing — the log lines carry ids, never the caller's
 * number. (test/harness.ts starts the app with a silent logger, so this file starts it itself.)
 */

type Notification = { uuid: string; body: Record<string, unknown> & { id: string; from: { phoneNumber: string }; creationTime: string; vmTranscriptionStatus: string } };

/** Every way a US number could appear in a log line. */
function phoneForms(e164: string): string[] {
  const d = e164.slice(2);
  return [e164, d, `(${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6)}`, `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6)}`, `${d.slice(3, 6)}-${d.slice(6)}`];
}

describe("untranscribed voicemails: logs", () => {
  let db: Database;
  let rc: RingCentralFake;
  let cov: Coverline;
  let config: Config;
  const lines: string[] = [];

  beforeAll(async () => {
    db = await testDatabase();
    rc = await startRingCentralFake({ ownedNumbers: ["+13035550100"] });
    config = loadConfig({
      NODE_ENV: "test",
      WELLSKY_FAKE_PORT: "0",
      WELLSKY_RATE_LIMIT_PER_SECOND: "100",
      FILL_ESCALATE_AFTER: "3600",
      RINGCENTRAL_SERVER_URL: rc.url,
      RINGCENTRAL_CLIENT_ID: RINGCENTRAL_FAKE_CLIENT_ID,
      RINGCENTRAL_CLIENT_SECRET: RINGCENTRAL_FAKE_CLIENT_SECRET,
      RINGCENTRAL_JWT: "fake-jwt-for-tests",
      RINGCENTRAL_FROM_NUMBER: "+13035550100",
    });
    const logger = createLogger({ level: "debug", destination: { write: (s: string) => void lines.push(s) } });
    cov = await startCoverline(config, { logger, clock: new OffsetClock(nextTuesdayMorning()), db, jobPollingSeconds: 0.5, sweepers: false });
  });
  afterAll(async () => {
    await cov?.close();
    await rc?.close();
    await db?.close();
  });

  function post(n: Notification) {
    return cov.app.request("/webhooks/ringcentral", {
      method: "POST",
      headers: { "content-type": "application/json", "verification-token": config.RINGCENTRAL_WEBHOOK_VERIFICATION_TOKEN },
      body: JSON.stringify(n),
    });
  }

  function notification(id: string, from: string, status: string): Notification {
    const n = fixtureJson<Notification>("ringcentral/voicemail-in-progress.json");
    n.uuid = `n-${id}`;
    n.body.id = id;
    n.body.from.phoneNumber = from;
    n.body.vmTranscriptionStatus = status;
    return n;
  }

  async function alertAbout(mentioning: string) {
    const end = Date.now() + 20_000;
    for (;;) {
      const found = (await listOutbox(db.pool, { channel: "slack", limit: 1000 })).filter((m) => m.text.includes("Voicemail with no transcript") && m.text.includes(mentioning));
      if (found.length > 0) return found;
      if (Date.now() > end) throw new Error(`no voicemail alert mentioning ${mentioning}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it("a caregiver's, an unknown caller's, a replayed and a never-transcribed voicemail are alerted with no phone number in any log line", async () => {
    const cg = cov.seed!.caregivers.find((c) => c.active && c.hired)!;
    const unknown = "+17205550191";
    const stillPending = "+17205550192";

    expect(((await (await post(notification("82063400401", cg.phone, "Failed"))).json()) as { status: string }).status).toBe("accepted");
    expect(((await (await post(notification("82063400402", unknown, "NotAvailable"))).json()) as { status: string }).status).toBe("accepted");
    expect(((await (await post({ ...notification("82063400402", unknown, "NotAvailable"), uuid: "replayed" })).json()) as { status: string }).status).toBe("duplicate");
    const record = fixtureJson<Record<string, unknown> & { from: { phoneNumber: string }; attachments: unknown[] }>("ringcentral/message-store-voicemail-completed.json");
    rc.addMessage({ ...record, id: "82063400403", from: { phoneNumber: stillPending }, vmTranscriptionStatus: "InProgress", attachments: record.attachments.slice(0, 1) });
    await cov.jobs.send("voicemail.reread", { messageId: "82063400403", attempt: 5 });

    await alertAbout(`${cg.firstName} ${cg.lastName}`);
    await alertAbout("(720) 555-0191");
    await alertAbout("(720) 555-0192");
    await cov.inbound.idle();

    const voicemailLines = lines.filter((l) => /voicemail/.test(l));
    expect(voicemailLines.filter((l) => l.includes('"msg":"voicemail alert"'))).toHaveLength(3);
    expect(voicemailLines.filter((l) => l.includes("coordinator alert queued")).length).toBeGreaterThanOrEqual(4);
    for (const phone of [cg.phone, unknown, stillPending]) {
      for (const form of phoneForms(phone)) expect(lines.filter((l) => l.includes(form)), form).toEqual([]);
    }
  });

  it("when the caller cannot be looked up (WellSky failing), the alert still goes out, with the number, to the alerts channel", async () => {
    const phone = "+17205550193";
    cov.fake!.faults.add({ kind: "http500", times: 100, match: /practitioners|patients|relatedPersons/i });
    try {
      await post(notification("82063400404", phone, "Failed"));
      const [alert] = await alertAbout("(720) 555-0193");
      expect(alert!.to).toBe(config.SLACK_ALERTS_CHANNEL);
      expect(alert!.text).toContain("(unknown number)");
    } finally {
      cov.fake!.faults.clear();
    }
    expect(lines.some((l) => l.includes("voicemail caller lookup failed"))).toBe(true);
    for (const form of phoneForms(phone)) expect(lines.filter((l) => l.includes(form)), form).toEqual([]);
  });
});
