import type { Database } from "../db/pool.js";
import { upsertDirectory } from "../db/repos/directory.js";
import type { OutboundRequest, SendOutcome } from "../domain/messages.js";
import type { Caregiver, ClientContact, Shift } from "../domain/types.js";
import { wellskyAgency, type WellSkyAgency } from "../integrations/wellsky/agency.js";
import { startWellSkyHarness, type WellSkyHarness } from "../integrations/wellsky/fake/index.js";
import type { ManualClock } from "../lib/clock.js";
import { silentLogger } from "../lib/logger.js";
import type { FillStarter, Sender } from "../tools/ports.js";
import type { Actor, OfferReplies, ToolContext, ToolSettings } from "../tools/types.js";
import { testDatabase } from "./db.js";

/**
 * A ToolContext over real parts — the seeded WellSky stand-in through the real client and `wellskyAgency`
 * adapter, a real migrated database with the seed's directory — plus a recording Sender and a recording fill
 * starter for tools whose subject is not the messenger or the fill workflow.
 */
export interface ToolWorld {
  ws: WellSkyHarness;
  db: Database;
  agency: WellSkyAgency;
  clock: ManualClock;
  /** Every message a tool asked to send, in order. */
  sent: OutboundRequest[];
  /** Every fill the tools asked to start. */
  fillStarts: Parameters<FillStarter["start"]>[0][];
  /** Every offer reply handed to the fill workflow. */
  offerReplies: Parameters<OfferReplies["handleReply"]>[0][];
  settings: ToolSettings;
  ctx(actor: Actor, over?: Partial<ToolContext>): ToolContext;
  /** Actors for seeded people. */
  caregiver(cg: Caregiver): Actor;
  family(contact: ClientContact): Actor;
  coordinator(id?: string): Actor;
  /** Scheduled shifts of a caregiver (seed view), soonest first. */
  shiftsOf(caregiverId: string): Shift[];
  close(): Promise<void>;
}

export const TOOL_SETTINGS: ToolSettings = {
  agencyName: "Colorado Care Assist",
  officePhone: "+13035550100",
  timezone: "America/Denver",
  alertsChannel: "#coverline-alerts",
  lateNoticeMinutes: 15,
};

/** `engine: "pglite"` forces PGlite (with pgvector) even when DATABASE_URL points at a server without it. */
export async function startToolWorld(opts: { engine?: "pglite" | "auto" } = {}): Promise<ToolWorld> {
  const ws = await startWellSkyHarness();
  const db = await testDatabase({ engine: opts.engine });
  const seed = ws.agency;
  await upsertDirectory(db.pool, { coordinators: seed.coordinators, clientPreferences: seed.clientPreferences, caregiverProfiles: seed.caregiverProfiles });
  const agency = wellskyAgency(ws.client, { timezone: seed.timezone });
  const sent: OutboundRequest[] = [];
  const fillStarts: ToolWorld["fillStarts"] = [];
  const offerReplies: ToolWorld["offerReplies"] = [];
  const sender: Sender = {
    async send(req): Promise<SendOutcome> {
      sent.push(req);
      return { status: "sent", id: sent.length, transport: "recording", duplicate: false };
    },
  };
  const fill: FillStarter & OfferReplies = {
    async start(input) {
      fillStarts.push(input);
      return { campaign: { id: fillStarts.length, status: "open" }, created: true, candidates: 4, urgent: false };
    },
    async handleReply(reply) {
      offerReplies.push(reply);
      return { kind: "answered" };
    },
  };
  const world: ToolWorld = {
    ws,
    db,
    agency,
    clock: ws.clock,
    sent,
    fillStarts,
    offerReplies,
    settings: TOOL_SETTINGS,
    ctx: (actor, over = {}) => ({
      actor,
      conversationId: "kind" in actor && actor.kind === "caregiver" ? actor.phone : "test",
      logger: silentLogger,
      clock: ws.clock,
      pool: db.pool,
      agency,
      writer: agency,
      sender,
      fill,
      settings: TOOL_SETTINGS,
      ...over,
    }),
    caregiver: (cg) => ({ kind: "caregiver", id: cg.id, phone: cg.phone }),
    family: (c) => ({ kind: "family", id: c.id, clientId: c.clientId, phone: c.phone! }),
    coordinator: (id = "coord-01") => ({ kind: "coordinator", id }),
    shiftsOf: (id) => seed.shifts.filter((s) => s.caregiverId === id && s.status === "SCHEDULED").sort((a, b) => a.start.getTime() - b.start.getTime()),
    async close() {
      await db.close();
      await ws.close();
    },
  };
  return world;
}
