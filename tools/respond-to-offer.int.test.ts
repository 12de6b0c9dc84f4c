import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMessenger } from "../channels/messenger.js";
import { createOutboxTransport } from "../channels/outbox-transport.js";
import { getCampaign, offersOfCampaign } from "../db/repos/fill.js";
import { createOutboundStore } from "../db/repos/outbound-store.js";
import { silentLogger } from "../lib/logger.js";
import { startToolWorld, type ToolWorld } from "../test/tool-context.js";
import { createFillEngine, type FillEngine } from "../workflows/shift-fill/engine.js";
import type { FillJob, FillJobData } from "../workflows/shift-fill/ports.js";
import { respondToOffer } from "./respond-to-offer.js";
import { runTool } from "./types.js";

/**
 * respond_to_offer against the real fill workflow (whose decision it is whose offer a message was): only the
 * caregiver the offer went to can answer it. Timers are recorded instead of queued; SMS go to the outbox.
 */
describe("respond_to_offer with the real fill workflow", () => {
  let w: ToolWorld;
  let fill: FillEngine;
  const jobs: { job: FillJob; data: FillJobData }[] = [];
  beforeAll(async () => {
    w = await startToolWorld();
    const settings = w.settings;
    fill = createFillEngine({
      pool: w.db.pool,
      agency: w.agency,
      writer: w.agency,
      // The workflow links offers to stored outbound rows, so it sends through the real messenger (outbox transport).
      sender: createMessenger({ store: createOutboundStore(w.db.pool), transports: { sms: createOutboxTransport(), slack: createOutboxTransport() }, clock: w.clock, logger: silentLogger }),
      scheduler: { schedule: async (job, data) => void jobs.push({ job, data }) },
      clock: w.clock,
      logger: silentLogger,
      settings: {
        timezone: settings.timezone,
        waveDelaysSeconds: [0, 3600, 7200],
        escalateAfterSeconds: 3600,
        urgentWithinHours: 2,
        maxDistanceMiles: 30,
        travelBufferMinutes: 30,
        overtimeCapHours: 40,
        dailyOfferCap: 6,
        officePhone: settings.officePhone,
        agencyName: settings.agencyName,
        alertsChannel: settings.alertsChannel,
      },
    });
  });
  afterAll(async () => w?.close());

  it("the offered caregiver wins with YES; another caregiver replaying that offer id is refused and changes nothing", async () => {
    const now = w.clock.now().getTime();
    const open = w.ws.agency.shifts.filter((s) => !s.caregiverId && s.status === "SCHEDULED" && s.start.getTime() > now + 6 * 3600_000);
    const started = await fill.start({ shiftKey: open[0]!.key, source: "coordinator", actor: "coordinator:coord-01" });
    const offers = await offersOfCampaign(w.db.pool, started.campaign.id);
    expect(offers.length).toBeGreaterThan(0);
    const offer = offers[0]!;
    const offered = w.ws.agency.caregivers.find((c) => c.id === offer.caregiverId)!;
    const intruder = w.ws.agency.caregivers.find((c) => c.active && c.hired && !offers.some((o) => o.caregiverId === c.id))!;
    const yes = { intent: "offer_accept" as const, language: "en" as const, confidence: 0.95, entities: {}, source: "rules" as const };

    await expect(runTool(respondToOffer, w.ctx(w.caregiver(intruder), { fill }), { offerMessageId: offer.offerMessageId, interpretation: yes, inboundId: 1 })).rejects.toMatchObject({ code: "forbidden" });
    expect((await getCampaign(w.db.pool, started.campaign.id))!.winnerCaregiverId).toBeNull();
    expect((await offersOfCampaign(w.db.pool, started.campaign.id)).every((o) => o.status === "sent")).toBe(true);

    const r = await runTool(respondToOffer, w.ctx(w.caregiver(offered), { fill }), { offerMessageId: offer.offerMessageId, interpretation: yes, inboundId: 2 });
    expect(r.kind).toBe("won");
    expect((await getCampaign(w.db.pool, started.campaign.id))!.winnerCaregiverId).toBe(offered.id);
    expect(jobs.some((j) => j.job === "fill.assign" && j.data.campaignId === started.campaign.id)).toBe(true);

    // After the win, the intruder still cannot turn it into anything.
    await expect(runTool(respondToOffer, w.ctx(w.caregiver(intruder), { fill }), { offerMessageId: offer.offerMessageId, interpretation: yes, inboundId: 3 })).rejects.toMatchObject({ code: "forbidden" });
    expect((await getCampaign(w.db.pool, started.campaign.id))!.winnerCaregiverId).toBe(offered.id);
  });
});
