import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { escalationChain } from "../../db/repos/directory.js";
import type { Coordinator, Shift } from "../../domain/types.js";
import { startTestCoverline, type TestCoverline } from "../../test/harness.js";
import { auditOf, buttonsOf, campaign, offersWhere, previewRanking, sent, slackClick, startFill, upcomingShifts, waitUntil } from "../../test/fill-helpers.js";

const ESCALATE_AFTER_S = 2;

/**
 * Nobody accepts: the client's own coordinator hears first, then their backup, then the supervisor, each
 * FILL_ESCALATE_AFTER apart and once, with who was contacted and Assign / Keep searching buttons; outreach
 * keeps running, so a YES while escalated still wins. The buttons work through the real, signed Slack
 * interactivity route — for coordinators only, and a second click cannot assign twice.
 */
describe("escalation: timing, routing and the Slack buttons", () => {
  let t: TestCoverline;
  const picked: { shift: Shift; chain: Coordinator[] }[] = [];

  beforeAll(async () => {
    t = await startTestCoverline({ FILL_ESCALATE_AFTER: String(ESCALATE_AFTER_S), FILL_WAVE_DELAYS: "0,3600,7200" });
    // Two shifts that don't overlap, each with several qualified caregivers and a full three-person chain.
    for (const s of upcomingShifts(t.seed!, t.clock.now(), 4, 40)) {
      if (picked.length === 2) break;
      if (picked.some((p) => p.shift.start < s.end && s.start < p.shift.end)) continue;
      const chain = await escalationChain(t.db.pool, s.clientId);
      if (chain.length < 3 || (await previewRanking(t, s)).ranked.length < 4) continue;
      picked.push({ shift: s, chain });
    }
    expect(picked).toHaveLength(2);
  });
  afterAll(async () => t?.stop());

  it("coordinator → backup → supervisor, once each, on time, with contacts and buttons; a YES while escalated still wins", async () => {
    const { shift, chain } = picked[0]!;
    const id = await startFill(t, shift.key);
    const started = (await campaign(t.db.pool, id)).createdAt;
    const offers = await offersWhere(t.db.pool, { campaignId: id });
    expect(offers.length).toBeGreaterThan(0);

    for (const level of [1, 2, 3]) {
      const [msg] = await waitUntil(async () => {
        const rows = await sent(t.db.pool, { key: `fill:${id}:escalate:${level}` });
        return rows.length ? rows : undefined;
      }, 10_000, `escalation level ${level}`);
      expect(msg!.channel).toBe("slack");
      expect(msg!.to).toBe(chain[level - 1]!.slackUserId);
      // How many were texted when it fired: all of them, unless (2-s timers on a loaded machine) wave 1 was
      // still going out at level 1.
      const contacted = Number(/Contacted (\d+) caregivers, no acceptance\./.exec(msg!.text)?.[1]);
      if (level === 1) expect(contacted).toBeGreaterThan(0);
      else expect(contacted).toBe(offers.length);
      expect(msg!.text).toContain("Top candidates who didn't respond:");
      // Top non-responders by name and phone, each with an Assign button; one "Keep searching".
      const buttons = buttonsOf(msg!.blocks);
      const assign = buttons.filter((b) => b.actionId === "fill_assign");
      expect(assign.length).toBe(Math.min(5, contacted));
      for (const b of assign) {
        const [cid, caregiverId] = b.value.split("|");
        expect(cid).toBe(String(id));
        const cg = t.seed!.caregivers.find((c) => c.id === caregiverId)!;
        expect(offers.map((o) => o.caregiverId)).toContain(caregiverId);
        expect(msg!.text).toContain(`${cg.firstName} ${cg.lastName}`);
        expect(msg!.text).toContain(cg.phone.slice(-4));
      }
      expect(buttons.filter((b) => b.actionId === "fill_extend").map((b) => b.value)).toEqual([String(id)]);
    }

    // The audit event follows the Slack send: wait for the third rather than read it in between.
    const escalations = await waitUntil(async () => {
      const rows = (await auditOf(t.db.pool, id)).filter((e) => e.action === "campaign.escalated");
      return rows.length >= 3 ? rows : undefined;
    }, 5_000, "three escalation audit events");
    expect(escalations.map((e) => e.data.level)).toEqual([1, 2, 3]);
    expect(escalations.map((e) => e.data.coordinatorId)).toEqual(chain.map((c) => c.id));
    // FILL_ESCALATE_AFTER apart (timers run on the job queue's polling, so allow a little late, never early).
    const gaps = [escalations[0]!.at.getTime() - started.getTime(), ...escalations.slice(1).map((e, i) => e.at.getTime() - escalations[i]!.at.getTime())];
    for (const g of gaps) {
      expect(g).toBeGreaterThanOrEqual(ESCALATE_AFTER_S * 1000 - 50);
      expect(g).toBeLessThan(ESCALATE_AFTER_S * 1000 + 3_000);
    }
    expect((await campaign(t.db.pool, id)).status).toBe("escalated");

    // Escalated is still open: a YES wins, is written and confirmed.
    const yes = t.seed!.caregivers.find((c) => c.id === offers.at(-1)!.caregiverId)!;
    await t.sms(yes.phone, "yes I can take it");
    await t.waitFor(async () => t.fake!.store.appointmentOccurrence(shift.key)?.caregiver?.id === yes.id);
    await t.waitFor(async () => (await sent(t.db.pool, { key: `fill:${id}:confirmed`, to: yes.phone })).length === 1);
    expect((await campaign(t.db.pool, id)).status).toBe("filled");

    // Each level exactly once, and none after the last.
    await new Promise((r) => setTimeout(r, (ESCALATE_AFTER_S + 0.8) * 1000));
    expect((await sent(t.db.pool, { key: `fill:${id}:escalate:%` })).map((m) => m.key)).toEqual([1, 2, 3].map((l) => `fill:${id}:escalate:${l}`));
  }, 40_000);

  it("Assign button: coordinators only, signed, assigns once; a second click is 'already filled'; no escalation after the fill", async () => {
    const { shift, chain } = picked[1]!;
    const id = await startFill(t, shift.key);
    const [msg] = await waitUntil(async () => {
      const rows = await sent(t.db.pool, { key: `fill:${id}:escalate:1` });
      return rows.length ? rows : undefined;
    }, 10_000, "escalation level 1");
    const [first, second] = buttonsOf(msg!.blocks).filter((b) => b.actionId === "fill_assign");
    const pickedId = first!.value.split("|")[1]!;
    const cg = t.seed!.caregivers.find((c) => c.id === pickedId)!;
    const coordinator = chain[0]!.slackUserId!;

    // Security: a bad signature is refused; a valid signature from someone who is not a coordinator does nothing.
    const forged = await slackClick(t, { userId: coordinator, actionId: "fill_assign", value: first!.value, secret: "not-the-signing-secret" });
    expect(forged.status).toBe(401);
    const stranger = await slackClick(t, { userId: "U0NOTACOORD", actionId: "fill_assign", value: first!.value });
    expect(stranger.status).toBe(200);
    expect(((await stranger.json()) as { text: string }).text).toMatch(/only the agency's coordinators/i);
    expect((await campaign(t.db.pool, id)).status).toBe("escalated");

    const click = await slackClick(t, { userId: coordinator, actionId: "fill_assign", value: first!.value });
    expect(((await click.json()) as { text: string }).text).toMatch(/^Assigned/);
    const filled = await campaign(t.db.pool, id);
    expect(filled.status).toBe("filled");
    expect(filled.winnerCaregiverId).toBe(pickedId);
    await t.waitFor(async () => t.fake!.store.appointmentOccurrence(shift.key)?.caregiver?.id === pickedId);
    await t.waitFor(async () => (await sent(t.db.pool, { key: `fill:${id}:confirmed`, to: cg.phone })).length === 1);
    expect((await auditOf(t.db.pool, id)).filter((e) => e.action === "coordinator.assigned").map((e) => e.actor)).toEqual([`coordinator:${chain[0]!.id}`]);

    // A double click, or a second coordinator picking someone else: "already filled", in Slack only.
    for (const value of [first!.value, second?.value].filter((v): v is string => Boolean(v))) {
      const again = await slackClick(t, { userId: chain[1]!.slackUserId!, actionId: "fill_assign", value });
      expect(((await again.json()) as { text: string }).text).toMatch(/already filled/i);
    }
    expect(t.fake!.store.appointmentOccurrence(shift.key)?.caregiver?.id).toBe(pickedId);
    expect(await sent(t.db.pool, { key: "offer:%:already-filled" })).toEqual([]);
    if (second) {
      const other = t.seed!.caregivers.find((c) => c.id === second.value.split("|")[1])!;
      expect((await sent(t.db.pool, { to: other.phone, channel: "sms" })).map((m) => m.key)).toEqual([expect.stringMatching(/^offer:\d+$/)]);
    }
    const offers = await offersWhere(t.db.pool, { campaignId: id });
    expect(offers.filter((o) => o.status === "accepted").map((o) => o.caregiverId)).toEqual([pickedId]);

    // The level-2 timer comes due after the fill and does nothing.
    await new Promise((r) => setTimeout(r, (ESCALATE_AFTER_S + 1) * 1000));
    expect((await sent(t.db.pool, { key: `fill:${id}:escalate:%` })).map((m) => m.key)).toEqual([`fill:${id}:escalate:1`]);
    expect((await campaign(t.db.pool, id)).escalationLevel).toBe(1);
  }, 30_000);
});
