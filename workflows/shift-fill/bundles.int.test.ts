import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeCampaign } from "../../db/repos/fill.js";
import type { Caregiver, Shift } from "../../domain/types.js";
import { formatter } from "../../prompts/sms/format.js";
import { startTestCoverline, TZ, type TestCoverline } from "../../test/harness.js";
import { auditOf, campaign, offersWhere, previewRanking, sent, startFill, upcomingShifts, waitUntil } from "../../test/fill-helpers.js";

/** Wave 1 waits this long: the batching window in which shifts opened together go out as one text. */
const BATCH_S = 4;

interface Round {
  caregiver: Caregiver;
  shifts: Shift[];
}

/**
 * Multi-shift outreach (seed: "Instead of 3 separate messages for 3 open shifts"): a caregiver who is a
 * candidate for several open, non-overlapping shifts gets ONE text listing them as 1️⃣2️⃣3️⃣, and the reply
 * picks: "1 and 3" → those two, 2 keeps going; "ALL" → all three; "just 2" → only 2, the others declined by
 * omission and still open for everyone else. Checked in WellSky and in the offers. The winner gets one
 * "you're confirmed" per reply, listing the shifts WellSky took.
 */
describe("multi-shift bundles", () => {
  let t: TestCoverline;
  const rounds: Round[] = [];

  beforeAll(async () => {
    t = await startTestCoverline({ FILL_WAVE_DELAYS: `${BATCH_S},3600,7200` });
    // Six rounds, each: one caregiver qualified (and not on overtime) for three shifts on three different
    // days. All nine shifts distinct; the three caregivers distinct.
    const all = upcomingShifts(t.seed!, t.clock.now(), 4, 110);
    const step = Math.max(1, Math.floor(all.length / 90));
    const eligible = new Map<string, Shift[]>();
    for (const s of all.filter((_, i) => i % step === 0)) {
      for (const r of (await previewRanking(t, s)).ranked) {
        if (!r.overtime) eligible.set(r.caregiver.id, [...(eligible.get(r.caregiver.id) ?? []), s]);
      }
    }
    const used = new Set<string>();
    const day = (s: Shift) => DateTime.fromJSDate(s.start, { zone: TZ }).toISODate();
    for (const [cgId, shifts] of [...eligible].sort((a, b) => b[1].length - a[1].length)) {
      if (rounds.length === 6) break;
      const pick: Shift[] = [];
      for (const s of shifts) {
        if (pick.length < 3 && !used.has(s.key) && !pick.some((p) => day(p) === day(s))) pick.push(s);
      }
      if (pick.length < 3) continue;
      pick.sort((a, b) => a.start.getTime() - b.start.getTime());
      pick.forEach((s) => used.add(s.key));
      rounds.push({ caregiver: t.seed!.caregivers.find((c) => c.id === cgId)!, shifts: pick });
    }
    expect(rounds).toHaveLength(6);
  }, 60_000);
  afterAll(async () => t?.stop());

  /** Starts the round's three campaigns with its caregiver on each client's preferred list (tier 1 everywhere). */
  async function startRound(r: Round): Promise<number[]> {
    const clients = [...new Set(r.shifts.map((s) => s.clientId))];
    const { rows: saved } = await t.db.pool.query("SELECT client_id, preferred_caregiver_ids FROM client_preferences WHERE client_id = ANY($1)", [clients]);
    await t.db.pool.query("UPDATE client_preferences SET preferred_caregiver_ids = array_append(preferred_caregiver_ids, $2) WHERE client_id = ANY($1)", [clients, r.caregiver.id]);
    // Opened together (a coordinator starting three fills, the unassigned-shift scan), inside one batching window.
    const ids = await Promise.all(r.shifts.map((s) => startFill(t, s.key)));
    for (const row of saved) await t.db.pool.query("UPDATE client_preferences SET preferred_caregiver_ids = $2 WHERE client_id = $1", [row.client_id, row.preferred_caregiver_ids]);
    return ids;
  }

  /** Waits for the batch to go out and checks the caregiver got exactly one text offering all three, in order. */
  async function expectOneBundle(r: Round, ids: number[], afterId = 0): Promise<void> {
    // Every campaign's first wave has gone out (the audit row follows the texts).
    await waitUntil(async () => (await Promise.all(ids.map((id) => auditOf(t.db.pool, id)))).every((a) => a.some((e) => e.action === "wave.sent")), 10_000, "first waves");
    const texts = await sent(t.db.pool, { to: r.caregiver.phone, channel: "sms", afterId });
    expect(texts, "one text for three shifts").toHaveLength(1);
    for (const emoji of ["1️⃣", "2️⃣", "3️⃣"]) expect(texts[0]!.text).toContain(emoji);
    // Offers of this round (a caregiver texted in an earlier round as "someone else" holds that offer too).
    const offers = (await offersWhere(t.db.pool, { caregiverId: r.caregiver.id })).filter((o) => ids.includes(o.campaignId));
    expect(offers.map((o) => o.campaignId).sort()).toEqual([...ids].sort());
    expect(new Set(offers.map((o) => o.offerMessageId)).size).toBe(1);
    expect(texts[0]!.key).toBe(`offer:${offers[0]!.offerMessageId}`);
    // The numbers in the text are the option numbers the reply is read against (earliest first here).
    expect(ids.map((id) => offers.find((o) => o.campaignId === id)!.optionNumber)).toEqual([1, 2, 3]);
  }

  /** One "you're confirmed" for the shifts won with one reply, sent once all of them are written, listing each. */
  async function expectOneConfirmation(r: Round, ids: number[], shifts: Shift[]): Promise<void> {
    const key = `fill:${ids.join("+")}:confirmed`;
    await waitUntil(async () => (await sent(t.db.pool, { key })).length === 1, 15_000, "the confirmation");
    // Sent only once none of the reply's shifts is pending; a job finishing later computes this same key.
    for (const id of ids) expect((await campaign(t.db.pool, id)).assignmentStatus).toBe("written");
    const confirmations = await sent(t.db.pool, { to: r.caregiver.phone, key: "fill:%:confirmed" });
    expect(confirmations.map((m) => m.key)).toEqual([key]);
    for (const s of shifts) {
      const client = t.seed!.clients.find((c) => c.id === s.clientId)!;
      expect(confirmations[0]!.text).toContain(client.firstName);
      expect(confirmations[0]!.text).toContain(client.address.line);
    }
  }

  async function holder(shift: Shift): Promise<string | null> {
    return t.fake!.store.appointmentOccurrence(shift.key)?.caregiver?.id ?? null;
  }

  /** Someone else (reached by a later wave if need be) answers this campaign's offer YES and wins it. */
  async function someoneElseWins(id: number, not: string): Promise<string> {
    for (let i = 0; i < 3 && !(await offersWhere(t.db.pool, { campaignId: id })).some((o) => o.caregiverId !== not && o.status === "sent"); i++) {
      await t.fill.extendOutreach(id, "coordinator:test");
    }
    const offer = (await offersWhere(t.db.pool, { campaignId: id })).find((o) => o.caregiverId !== not && o.status === "sent")!;
    expect(offer, "another caregiver holds an offer").toBeDefined();
    const sameText = (await offersWhere(t.db.pool, { caregiverId: offer.caregiverId })).filter((o) => o.offerMessageId === offer.offerMessageId);
    const cg = t.seed!.caregivers.find((c) => c.id === offer.caregiverId)!;
    await t.sms(cg.phone, sameText.length > 1 ? `${offer.optionNumber}` : "yes");
    await t.waitFor(async () => (await campaign(t.db.pool, id)).assignmentStatus === "written");
    return cg.id;
  }

  it('"1 and 3" → shifts 1 and 3 assigned; 2 stays open and someone else can take it', async () => {
    const r = rounds[0]!;
    const ids = await startRound(r);
    await expectOneBundle(r, ids);

    await t.sms(r.caregiver.phone, "1 and 3");
    await t.waitFor(async () => (await holder(r.shifts[0]!)) === r.caregiver.id && (await holder(r.shifts[2]!)) === r.caregiver.id);
    expect(await holder(r.shifts[1]!)).toBeNull(); // unassigned when its campaign started; nobody yet
    const c2 = await campaign(t.db.pool, ids[1]!);
    expect(c2.status).toBe("open");
    const mine = await offersWhere(t.db.pool, { caregiverId: r.caregiver.id });
    expect(mine.map((o) => [o.optionNumber, o.status])).toEqual([
      [1, "accepted"],
      [2, "declined"],
      [3, "accepted"],
    ]);
    await expectOneConfirmation(r, [ids[0]!, ids[2]!], [r.shifts[0]!, r.shifts[2]!]);

    const other = await someoneElseWins(ids[1]!, r.caregiver.id);
    expect(await holder(r.shifts[1]!)).toBe(other);
    expect(await holder(r.shifts[0]!)).toBe(r.caregiver.id);
  }, 30_000);

  it('"ALL" → all three assigned', async () => {
    const r = rounds[1]!;
    const ids = await startRound(r);
    await expectOneBundle(r, ids);

    await t.sms(r.caregiver.phone, "ALL");
    await t.waitFor(async () => (await Promise.all(r.shifts.map(holder))).every((h) => h === r.caregiver.id));
    for (const id of ids) {
      const c = await campaign(t.db.pool, id);
      expect(c.status).toBe("filled");
      expect(c.winnerCaregiverId).toBe(r.caregiver.id);
    }
    expect((await offersWhere(t.db.pool, { caregiverId: r.caregiver.id })).every((o) => o.status === "accepted")).toBe(true);
    await expectOneConfirmation(r, ids, r.shifts);
  }, 30_000);

  it('"ALL" when WellSky refuses one of the three → one confirmation for the other two; the refused shift is open again', async () => {
    const r = rounds[3]!;
    const ids = await startRound(r);
    await expectOneBundle(r, ids);
    // The office deletes the second occurrence in WellSky between the offer and the reply.
    const refused = r.shifts[1]!;
    const list = t.fake!.store.appointments.get(refused.appointmentId)!;
    const gone = list.find((a) => t.fake!.store.occurrenceKey(a) === refused.key)!;
    t.fake!.store.appointments.set(refused.appointmentId, list.filter((a) => a !== gone));

    await t.sms(r.caregiver.phone, "ALL");
    await expectOneConfirmation(r, [ids[0]!, ids[2]!], [r.shifts[0]!, r.shifts[2]!]);
    await waitUntil(async () => (await campaign(t.db.pool, ids[1]!)).status === "open", 15_000, "the refused campaign re-opened");
    const text = (await sent(t.db.pool, { to: r.caregiver.phone, key: "fill:%:confirmed" }))[0]!.text;
    const refusedClient = t.seed!.clients.find((c) => c.id === refused.clientId)!;
    if (![r.shifts[0]!, r.shifts[2]!].some((s) => s.clientId === refused.clientId)) expect(text).not.toContain(refusedClient.address.line);
    t.fake!.store.appointments.get(refused.appointmentId)!.push(gone);
    for (const id of ids) await closeCampaign(t.db.pool, id, "cancelled", t.clock.now());
  }, 40_000);

  it('"just 2" → only 2 assigned; 1 and 3 declined by omission and still open for others', async () => {
    const r = rounds[2]!;
    const ids = await startRound(r);
    await expectOneBundle(r, ids);

    await t.sms(r.caregiver.phone, "just 2");
    await t.waitFor(async () => (await holder(r.shifts[1]!)) === r.caregiver.id);
    const mine = await offersWhere(t.db.pool, { caregiverId: r.caregiver.id });
    expect(mine.map((o) => [o.optionNumber, o.status])).toEqual([
      [1, "declined"],
      [2, "accepted"],
      [3, "declined"],
    ]);
    const { rows } = await t.db.pool.query("SELECT response FROM offers WHERE caregiver_id = $1 AND status = 'declined'", [r.caregiver.id]);
    expect(rows.every((row) => row.response.byOmission === true)).toBe(true);
    for (const i of [0, 2]) {
      expect((await campaign(t.db.pool, ids[i]!)).status).toBe("open");
      expect(await holder(r.shifts[i]!)).toBeNull();
    }
    const other = await someoneElseWins(ids[0]!, r.caregiver.id);
    expect(await holder(r.shifts[0]!)).toBe(other);
    expect((await campaign(t.db.pool, ids[2]!)).status).toBe("open");
    for (const id of ids) await closeCampaign(t.db.pool, id, "cancelled", t.clock.now());
  }, 30_000);

  it('"ALL" while WellSky keeps failing on one of the three → the other two confirmed at once, that one in a second text once written', async () => {
    const r = rounds[4]!;
    // This caregiver may have been texted in earlier rounds (as "someone else"): look only at what follows.
    const mark = Math.max(0, ...(await sent(t.db.pool)).map((m) => m.id));
    const ids = await startRound(r);
    await expectOneBundle(r, ids, mark);
    // Occurrences of a recurring appointment share its id: fail one whose appointment the other two don't share.
    const i = r.shifts.findIndex((s) => r.shifts.filter((o) => o.appointmentId === s.appointmentId).length === 1);
    expect(i, "a shift with an appointment of its own").toBeGreaterThanOrEqual(0);
    const slow = r.shifts[i]!;
    const slowPath = new RegExp(`^/v1/appointment/${slow.appointmentId}/`);
    const before = t.fake!.store.requests.length;
    // As many 500s as the client's tries: the job's first run fails, the queue runs it again about 5 s later.
    t.fake!.faults.add({ kind: "http500", times: 4, match: slowPath });

    await t.sms(r.caregiver.phone, "ALL");
    const others = ids.filter((_, j) => j !== i);
    const firstKey = `fill:${others.join("+")}:confirmed`;
    const laterKey = `fill:${ids[i]}:confirmed`;
    await waitUntil(async () => (await sent(t.db.pool, { key: laterKey })).length === 1, 40_000, "the delayed shift's confirmation");

    expect(t.fake!.store.requests.slice(before).filter((q) => slowPath.test(q.path) && q.fault === "http500")).toHaveLength(4);
    expect((await auditOf(t.db.pool, ids[i]!)).map((e) => e.action)).toContain("assignment.retry");
    for (const id of ids) expect((await campaign(t.db.pool, id)).assignmentStatus).toBe("written");
    const confirmations = await sent(t.db.pool, { to: r.caregiver.phone, key: "fill:%:confirmed", afterId: mark });
    // Without waiting for the failing write the two others were confirmed first, each shift exactly once.
    expect(confirmations.map((m) => m.key)).toEqual([firstKey, laterKey]);
    const address = (s: Shift) => t.seed!.clients.find((c) => c.id === s.clientId)!.address.line;
    for (const s of r.shifts.filter((_, j) => j !== i)) expect(confirmations[0]!.text).toContain(address(s));
    expect(confirmations[1]!.text).toContain(address(slow));
    if (r.shifts.every((s, j) => j === i || s.clientId !== slow.clientId)) expect(confirmations[0]!.text).not.toContain(address(slow));
    for (const id of ids) expect((await auditOf(t.db.pool, id)).filter((e) => e.action === "winner.confirmed")).toHaveLength(1);
    for (const id of ids) await closeCampaign(t.db.pool, id, "cancelled", t.clock.now());
  }, 60_000);

  it('"2 yes but only until …" → a counter-offer on option 2 alone; 1 and 3 stay offered; the ack names the hours', async () => {
    const r = rounds[5]!;
    const mark = Math.max(0, ...(await sent(t.db.pool)).map((m) => m.id));
    const ids = await startRound(r);
    await expectOneBundle(r, ids, mark);
    const start = DateTime.fromJSDate(r.shifts[1]!.start, { zone: TZ });
    const end = DateTime.fromJSDate(r.shifts[1]!.end, { zone: TZ });
    const until = end.minus({ hours: 1 });
    expect(until > start, "shift 2 lasts over an hour").toBe(true);
    const clock = until.toFormat(until.minute === 0 ? "h a" : "h:mm a").toLowerCase().replace(" ", "");

    await t.sms(r.caregiver.phone, `2 yes but only until ${clock}`);
    await t.waitFor(async () => (await offersWhere(t.db.pool, { caregiverId: r.caregiver.id })).some((o) => o.campaignId === ids[1] && o.status === "countered"));
    const mine = (await offersWhere(t.db.pool, { caregiverId: r.caregiver.id })).filter((o) => ids.includes(o.campaignId));
    expect(mine.map((o) => [o.optionNumber, o.status])).toEqual([
      [1, "sent"],
      [2, "countered"],
      [3, "sent"],
    ]);
    for (const s of r.shifts) expect(await holder(s)).toBeNull(); // a counter-offer assigns nothing
    const [ack] = await sent(t.db.pool, { to: r.caregiver.phone, channel: "sms", afterId: mark, key: "reply:%:counter" });
    const proposal = [r.caregiver.language, "en" as const].map((lang) => formatter(lang, { timezone: TZ, now: t.clock.now() }).range(start.toJSDate(), until.toJSDate()));
    expect(proposal.some((p) => ack!.text.includes(p)), `${ack?.text} names ${proposal.join(" or ")}`).toBe(true);
    // The coordinator hears of a counter-offer on shift 2 only.
    const countered = await Promise.all(ids.map(async (id) => (await auditOf(t.db.pool, id)).filter((a) => a.action === "offer.countered").length));
    expect(countered).toEqual([0, 1, 0]);
    for (const id of ids) await closeCampaign(t.db.pool, id, "cancelled", t.clock.now());
  }, 30_000);
});
