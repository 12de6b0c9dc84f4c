import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { testDatabase } from "../../test/db.js";
import type { Database } from "../pool.js";
import { answerQuestion, closeQuestions, getQuestion, latestOpenQuestion, openQuestion, openQuestionsFor } from "./questions.js";

let db: Database;
beforeAll(async () => {
  db = await testDatabase();
});
afterAll(async () => {
  await db?.close();
});
beforeEach(async () => {
  await db.pool.query("TRUNCATE open_questions RESTART IDENTITY CASCADE");
});

const phone = "+13035550142";
const at = (h: number, m = 0) => new Date(Date.UTC(2026, 10, 23, h, m));

describe("open questions", () => {
  it("stores ref and options as JSON", async () => {
    const id = await openQuestion(db.pool, {
      address: phone,
      kind: "offer",
      ref: { offerMessageId: 7, offers: [{ campaignId: 3, offerId: 9, n: 1 }] },
      options: [{ n: 1, label: "Mon Jun 2, 2-6pm, Aurora" }],
      askedAt: at(16),
      expiresAt: at(20),
    });
    expect(await getQuestion(db.pool, id)).toEqual({
      id,
      address: phone,
      kind: "offer",
      ref: { offerMessageId: 7, offers: [{ campaignId: 3, offerId: 9, n: 1 }] },
      options: [{ n: 1, label: "Mon Jun 2, 2-6pm, Aurora" }],
      askedAt: at(16),
      expiresAt: at(20),
      answeredAt: null,
      closedReason: null,
    });
  });

  it("latestOpenQuestion: newest unanswered, unexpired, for that person only", async () => {
    const offer = await openQuestion(db.pool, { address: phone, kind: "offer", ref: { campaignId: 1 }, askedAt: at(15), expiresAt: at(22) });
    const confirm = await openQuestion(db.pool, { address: phone, kind: "confirm_request", ref: { shiftKey: "4821_20261124" }, askedAt: at(16), expiresAt: at(17) });
    await openQuestion(db.pool, { address: "+13035550163", kind: "offer", ref: { campaignId: 1 }, askedAt: at(16, 30), expiresAt: at(22) });

    expect((await latestOpenQuestion(db.pool, phone, at(16, 10)))?.id).toBe(confirm);
    expect((await openQuestionsFor(db.pool, phone, at(16, 10))).map((q) => q.id)).toEqual([confirm, offer]);
    // The confirmation expired at 17:00: the offer is what is open now.
    expect((await latestOpenQuestion(db.pool, phone, at(17)))?.id).toBe(offer);
    expect(await answerQuestion(db.pool, offer, at(17, 5))).toBe(true);
    expect(await latestOpenQuestion(db.pool, phone, at(17, 6))).toBeNull();
    expect(await latestOpenQuestion(db.pool, "+13035550199", at(16))).toBeNull();
  });

  it("answerQuestion only once", async () => {
    const id = await openQuestion(db.pool, { address: phone, kind: "clarify", ref: {}, askedAt: at(16), expiresAt: at(17) });
    expect(await answerQuestion(db.pool, id, at(16, 1))).toBe(true);
    expect(await answerQuestion(db.pool, id, at(16, 2))).toBe(false);
    expect((await getQuestion(db.pool, id))?.answeredAt).toEqual(at(16, 1));
  });

  it("closeQuestions closes unanswered questions whose ref contains the match", async () => {
    const a = await openQuestion(db.pool, { address: phone, kind: "offer", ref: { campaignId: 1, offerId: 5 }, askedAt: at(15), expiresAt: at(22) });
    const b = await openQuestion(db.pool, { address: "+13035550163", kind: "offer", ref: { campaignId: 1, offerId: 6 }, askedAt: at(15), expiresAt: at(22) });
    const other = await openQuestion(db.pool, { address: phone, kind: "offer", ref: { campaignId: 2 }, askedAt: at(15), expiresAt: at(22) });
    const answered = await openQuestion(db.pool, { address: phone, kind: "offer", ref: { campaignId: 1 }, askedAt: at(14), expiresAt: at(22) });
    await answerQuestion(db.pool, answered, at(15));

    expect(await closeQuestions(db.pool, { refMatch: { campaignId: 1 }, reason: "filled" })).toBe(2);
    expect((await getQuestion(db.pool, a))?.closedReason).toBe("filled");
    expect((await getQuestion(db.pool, b))?.closedReason).toBe("filled");
    expect((await getQuestion(db.pool, other))?.closedReason).toBeNull();
    expect((await getQuestion(db.pool, answered))?.closedReason).toBeNull();
    // Closed questions are no longer what a reply answers, and cannot be answered.
    expect((await latestOpenQuestion(db.pool, phone, at(16)))?.id).toBe(other);
    expect(await answerQuestion(db.pool, a, at(16))).toBe(false);
  });

  it("closeQuestions can be limited to one address and refuses an empty match", async () => {
    await openQuestion(db.pool, { address: phone, kind: "offer", ref: { campaignId: 1 }, askedAt: at(15), expiresAt: at(22) });
    await openQuestion(db.pool, { address: "+13035550163", kind: "offer", ref: { campaignId: 1 }, askedAt: at(15), expiresAt: at(22) });
    expect(await closeQuestions(db.pool, { refMatch: { campaignId: 1 }, address: phone })).toBe(1);
    await expect(closeQuestions(db.pool, { refMatch: {} })).rejects.toThrow(/non-empty/);
  });
});
