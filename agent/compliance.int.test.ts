import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getConsent } from "../db/repos/messages.js";
import { startTestCoverline, type TestCoverline } from "../test/harness.js";
import { activeCaregivers, allOutbound, fillView, openShifts, startFillViaApi, type FillView } from "../test/seed-picks.js";

/**
 * STOP / START / HELP (CTIA, A2P 10DLC) through the RingCentral webhook on the whole app. STOP is honoured at
 * send time: after it, nothing reaches the number — not an agent reply, not a shift offer from a later wave.
 */
describe("SMS compliance keywords", () => {
  let t: TestCoverline;
  beforeAll(async () => {
    t = await startTestCoverline();
  });
  afterAll(async () => t?.stop());

  async function rowsTo(phone: string) {
    return (await allOutbound(t)).filter((m) => m.to === phone);
  }

  it("HELP answers with the agency name, the office number and how to opt out — without running the agent", async () => {
    const cg = activeCaregivers(t)[0]!;
    await t.sms(cg.phone, "help");
    await t.inbound.idle();
    const out = await t.outbox(cg.phone, "sms");
    expect(out).toHaveLength(1);
    expect(out[0]!.text).toContain("Colorado Care Assist");
    expect(out[0]!.text).toContain("(303) 555-0100");
    expect(out[0]!.text).toMatch(/STOP/);
    const { rows } = await t.db.pool.query<{ intent: string }>("SELECT intent FROM inbound_messages WHERE from_address = $1", [cg.phone]);
    expect(rows.map((r) => r.intent)).toEqual(["help"]);
    // No agent turn: nothing remembered for the person.
    const mem = await t.db.pool.query("SELECT 1 FROM memory_items WHERE person_key = $1", [`caregiver:${cg.id}`]);
    expect(mem.rows).toHaveLength(0);
  });

  it("AYUDA gets the HELP answer in Spanish", async () => {
    const cg = activeCaregivers(t)[2]!;
    await t.sms(cg.phone, "AYUDA");
    await t.inbound.idle();
    const out = await t.outbox(cg.phone, "sms");
    expect(out).toHaveLength(1);
    expect(out[0]!.text).toContain("(303) 555-0100");
    expect(out[0]!.text).toMatch(/STOP/);
    const english = (await t.outbox(activeCaregivers(t)[0]!.phone, "sms"))[0]?.text;
    expect(out[0]!.text).not.toBe(english);
  });

  it("a sentence that only sounds like STOP does not unsubscribe anyone", async () => {
    const cg = activeCaregivers(t)[1]!;
    await t.sms(cg.phone, "can you stop sending me so many texts about open shifts please");
    await t.inbound.idle();
    expect((await getConsent(t.db.pool, cg.phone))?.optedOut ?? false).toBe(false);
  });

  it("STOP opts out at once: confirmed once, then no reply, no offer from a running fill, no direct send reaches the number; START re-subscribes", async () => {
    // A fill whose first wave did not reach everyone: one of the waiting candidates is who texts STOP.
    let view: FillView | undefined;
    let target: string | undefined;
    for (const shift of openShifts(t).slice(0, 6)) {
      const v = await startFillViaApi(t, shift.key);
      const offered = new Set(v.offers.map((o) => o.caregiverId));
      const waiting = v.candidates.filter((c) => !offered.has(c.caregiverId));
      if (waiting.length > 0) {
        view = v;
        target = waiting[0]!.caregiverId;
        break;
      }
    }
    expect(view, "no open shift whose first wave left a candidate waiting").toBeDefined();
    const cg = t.seed!.caregivers.find((c) => c.id === target)!;
    expect(await t.outbox(cg.phone, "sms")).toHaveLength(0);

    await t.sms(cg.phone, "STOP");
    await t.inbound.idle();
    expect((await getConsent(t.db.pool, cg.phone))?.optedOut).toBe(true);
    const confirm = await t.outbox(cg.phone, "sms");
    expect(confirm).toHaveLength(1);
    expect(confirm[0]!.text).toMatch(/unsubscribed/i);
    expect(confirm[0]!.text).toMatch(/START/);

    // A second STOP: still opted out, and the confirmation is not repeated into a number that said STOP.
    await t.sms(cg.phone, "Stop.");
    await t.inbound.idle();
    expect(await t.outbox(cg.phone, "sms")).toHaveLength(1);

    // The agent's own reply is suppressed at send time.
    await t.sms(cg.phone, "Do I work tomorrow?");
    await t.inbound.idle();
    expect(await t.outbox(cg.phone, "sms")).toHaveLength(1);
    const suppressed = (await rowsTo(cg.phone)).filter((m) => m.status === "suppressed");
    expect(suppressed.length).toBeGreaterThanOrEqual(1);

    // The running fill reaches the waves that include them: no offer reaches the number (the workflow skips
    // opted-out candidates; were one sent anyway, the messenger would suppress it at send time).
    const tier = view!.candidates.find((c) => c.caregiverId === cg.id)!.tier;
    for (let i = 0; i < 4; i++) {
      const v = await fillView(t, view!.id);
      if (v.wave >= tier || v.status !== "open") break;
      await t.fill.extendOutreach(view!.id, "coordinator:coord-01");
    }
    const after = await fillView(t, view!.id);
    expect(after.wave).toBeGreaterThanOrEqual(tier);
    expect(await t.outbox(cg.phone, "sms")).toHaveLength(1);
    const offerRows = (await rowsTo(cg.phone)).filter((m) => /Reply YES/i.test(m.text));
    expect(offerRows.every((m) => m.status === "suppressed")).toBe(true);

    // Any other path through the messenger is blocked too.
    const direct = await t.messenger.send({ channel: "sms", to: cg.phone, text: "Hi! Can you cover a shift today?", idempotencyKey: "compliance-test:direct" });
    expect(direct.status).toBe("suppressed");
    expect(await t.outbox(cg.phone, "sms")).toHaveLength(1);

    // START re-subscribes, is confirmed, and the person is texted again.
    await t.sms(cg.phone, "START");
    await t.inbound.idle();
    expect((await getConsent(t.db.pool, cg.phone))?.optedOut).toBe(false);
    const resumed = await t.outbox(cg.phone, "sms");
    expect(resumed).toHaveLength(2);
    expect(resumed[1]!.text).toMatch(/subscribed/i);
    expect(resumed[1]!.text).toMatch(/HELP/);
    await t.sms(cg.phone, "Do I work tomorrow?");
    await t.inbound.idle();
    expect(await t.outbox(cg.phone, "sms")).toHaveLength(3);
  });
});
