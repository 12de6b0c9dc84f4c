import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimInbound, getInbound, markInbound, recordInbound } from "../db/repos/messages.js";
import type { InboundMessage } from "../domain/messages.js";
import { startTestCoverline, type TestCoverline } from "../test/harness.js";
import { activeCaregivers } from "../test/seed-picks.js";

/**
 * A sender's messages are handled in order even when several processes share the database (WORKERS > 1): a
 * message waits while its sender's earlier one is pending anywhere, without stalling the queue it sits in.
 */
describe("inbound order across processes", () => {
  let t: TestCoverline;
  beforeAll(async () => {
    t = await startTestCoverline();
  });
  afterAll(async () => t?.stop());

  const stored = (from: string, id: string, receivedAt: Date): InboundMessage => ({
    provider: "ringcentral",
    providerMessageId: id,
    channel: "sms",
    from,
    to: "+13035550100",
    text: "running 10 min late",
    receivedAt,
  });

  it("waits while another process handles the sender's earlier message, then answers", async () => {
    const cg = activeCaregivers(t)[5]!;
    // "Another process" accepted and is processing the earlier message.
    const earlier = await recordInbound(t.db.pool, stored(cg.phone, "other-process-1", t.clock.now()));
    expect(await claimInbound(t.db.pool, earlier.id)).toMatchObject({ id: earlier.id });

    const res = await t.sms(cg.phone, "do I work tomorrow?");
    const { id } = (await res.json()) as { id: number };
    await new Promise((r) => setTimeout(r, 400));
    expect((await getInbound(t.db.pool, id))?.status).toBe("received");
    expect(await t.outbox(cg.phone, "sms")).toHaveLength(0);

    await markInbound(t.db.pool, earlier.id, "processed");
    await t.inbound.idle();
    expect((await getInbound(t.db.pool, id))?.status).toBe("processed");
    expect(await t.outbox(cg.phone, "sms")).toHaveLength(1);
  });

  it("a message queued here behind a later one of the same sender does not wait out the later one's retries", async () => {
    const cg = activeCaregivers(t)[6]!;
    // The earlier message was stored but not queued here (its insert returned after the later one's)...
    const earlier = await recordInbound(t.db.pool, stored(cg.phone, "late-insert-1", new Date("2026-01-01T00:00:00Z")));
    // ...so the later one is queued first and must wait for it.
    const res = await t.sms(cg.phone, "do I work tomorrow?");
    const { id: later } = (await res.json()) as { id: number };
    // The sweeper then queues the earlier one behind it, in the same per-sender queue.
    expect(await t.inbound.sweep(1)).toBe(1);
    const started = Date.now();
    await t.inbound.idle();
    expect(Date.now() - started).toBeLessThan(5_000); // not the ~25 s of the later one's retries
    const rows = await Promise.all([getInbound(t.db.pool, earlier.id), getInbound(t.db.pool, later)]);
    expect(rows.map((r) => r?.status)).toEqual(["processed", "processed"]);
    expect(rows[0]!.processedAt!.getTime()).toBeLessThanOrEqual(rows[1]!.processedAt!.getTime());
  });
});
