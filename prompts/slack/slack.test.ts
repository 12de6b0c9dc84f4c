import { describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import type { Block, ButtonElement } from "./blocks.js";
import { renderSlack } from "./render.js";
import { remainingGaps, SLACK_ACTIONS } from "./templates.js";
import { SLACK_TEMPLATE_IDS, type SlackTemplateId, type SlackVarsInput } from "./vars.js";

const TZ = "America/Denver";
const at = (iso: string) => DateTime.fromISO(iso, { zone: TZ }).toJSDate();
const ctx = { timezone: TZ, now: at("2026-06-03T13:15") };
const shift = { clientName: "Margaret Johnson", start: at("2026-06-03T14:00"), end: at("2026-06-03T18:00"), city: "Aurora" };

const SAMPLES: { [K in SlackTemplateId]: SlackVarsInput[K] } = {
  escalation: {
    campaignId: "camp_42",
    ...shift,
    contacted: 12,
    responses: [
      { name: "Ana Rivera", answer: "declined" },
      { name: "Tom Baker", answer: "question", detail: "what time?" },
    ],
    topCandidates: [
      { caregiverId: "cg_1", name: "Lisa Chen", phone: "+13035550101" },
      { caregiverId: "cg_2", name: "Mark Diaz", phone: "+13035550102" },
    ],
    mention: "U024BE7LH",
  },
  fill_result: { ...shift, outcome: "filled", caregiverName: "Ana Rivera", caregiverPhone: "+13035550103", minutesToFill: 4.2, contacted: 12, wellskyUpdated: true, clientContactNotified: true },
  call_off_notice: { ...shift, caregiverName: "Maria Garcia", caregiverPhone: "+13035550104", message: "I'm sick, can't make my 2pm", action: "fill_started", contacting: 12 },
  urgent_page: { ...shift, caregiverName: "Maria Garcia", reason: "car broke down", fillRunning: true, mention: "U024BE7LH" },
  running_late_notice: { clientName: "Margaret Johnson", start: at("2026-06-03T09:00"), caregiverName: "Maria Garcia", eta: at("2026-06-03T09:20"), clientContactNotified: true },
  morning_queue_item: {
    receivedAt: at("2026-06-02T21:42"),
    caregiverName: "Maria Garcia",
    caregiverPhone: "+13035550104",
    intent: "call_off",
    message: "I can't make my shift tomorrow",
    shift: { clientName: "Margaret Johnson", start: at("2026-06-04T09:00"), end: at("2026-06-04T13:00"), city: "Aurora" },
  },
  counter_offer: { campaignId: "camp_42", caregiverId: "cg_5", caregiverName: "Maria Garcia", ...shift, proposedStart: at("2026-06-03T14:30"), proposedEnd: at("2026-06-03T17:30") },
  offer_question: { caregiverName: "Maria Garcia", caregiverPhone: "+13035550104", ...shift, question: "does she have pets? I'm allergic to cats" },
  clock_escalation: { kind: "clock_in", caregiverName: "Maria Garcia", clientName: "Margaret Johnson", at: at("2026-06-03T09:00"), lastContactAt: at("2026-06-03T08:45") },
  voicemail_untranscribed: {
    callerPhone: "+13035550104",
    callerName: "Maria Garcia",
    callerKind: "caregiver",
    receivedAt: at("2026-06-03T06:05"),
    durationSeconds: 22,
    transcriptionStatus: "Failed",
  },
  voicemail_transcript_late: {
    callerPhone: "+13035550104",
    callerName: "Maria Garcia",
    callerKind: "caregiver",
    receivedAt: at("2026-06-03T06:05"),
    transcript: "Hi, it's Maria.\nI can't make it today, my son is sick.",
  },
  at_risk_shift: {
    ...shift,
    caregiverName: "Maria Garcia",
    score: 68,
    level: "high",
    confirmed: false,
    factors: [
      { detail: "not confirmed, starts in 20 h", points: 20 },
      { detail: "first shift with this client", points: 10 },
      { detail: "hired 45 days ago", points: 8 },
    ],
  },
};

const buttons = (blocks: Block[] = []): ButtonElement[] =>
  blocks.flatMap((b) => (b.type === "actions" ? b.elements : b.type === "section" && b.accessory ? [b.accessory] : []));

describe("Slack templates", () => {
  it("every template renders text and valid-looking blocks", () => {
    for (const id of SLACK_TEMPLATE_IDS) {
      const m = renderSlack(id, SAMPLES[id] as never, ctx);
      expect(m.text.length, id).toBeGreaterThan(10);
      expect(m.text, id).not.toMatch(/undefined|NaN|\[|\{/);
      for (const b of m.blocks ?? []) {
        if (b.type === "section") expect(b.text.text.length).toBeLessThanOrEqual(3000);
        if (b.type === "actions") expect(new Set(b.elements.map((e) => e.action_id)).size).toBe(b.elements.length);
      }
      expect((m.blocks ?? []).length).toBeLessThanOrEqual(50);
    }
  });

  it("escalation follows the seed's NO RESPONSE ESCALATION", () => {
    const m = renderSlack("escalation", SAMPLES.escalation, ctx);
    expect(m.text).toBe(
      [
        "⚠️ OPEN SHIFT ALERT",
        "Margaret Johnson - Today (Wed 6/3) 2-6pm",
        "Location: Aurora",
        "Contacted 12 caregivers, no acceptance.",
        "Answers:",
        "- Ana Rivera: declined",
        '- Tom Baker: asked a question ("what time?")',
        "Top candidates who didn't respond:",
        "- Lisa Chen - (303) 555-0101",
        "- Mark Diaz - (303) 555-0102",
        "Requires manual follow-up.",
      ].join("\n"),
    );
  });

  it("escalation has an Assign button per top candidate and a Keep searching button", () => {
    const m = renderSlack("escalation", SAMPLES.escalation, ctx);
    const b = buttons(m.blocks);
    expect(b.map((x) => [x.action_id, x.value])).toEqual([
      ["fill_assign", "camp_42|cg_1"],
      ["fill_assign", "camp_42|cg_2"],
      ["fill_extend", "camp_42"],
    ]);
    expect(b[0]!.confirm?.text.text).toContain("Assign Lisa Chen to Margaret Johnson - Today (Wed 6/3) 2-6pm?");
    expect(JSON.stringify(m.blocks)).toContain("<@U024BE7LH>");
    expect(SLACK_ACTIONS).toMatchObject({ fillAssign: "fill_assign", fillExtend: "fill_extend" });
  });

  it("escapes caregiver-supplied text so it cannot ping a channel or inject links", () => {
    const m = renderSlack("call_off_notice", { ...SAMPLES.call_off_notice, message: "<!channel> sick & tired <http://x|click>" }, ctx);
    expect(m.text).toContain("&lt;!channel&gt; sick &amp; tired &lt;http://x|click&gt;");
    expect(JSON.stringify(m.blocks)).not.toContain("<!channel>");
    const e = renderSlack("escalation", { ...SAMPLES.escalation, clientName: "A <b> & C" }, ctx);
    expect(e.text).toContain("A &lt;b&gt; &amp; C");
  });

  it("ids with '|' are rejected (they would break button values)", () => {
    expect(() => renderSlack("escalation", { ...SAMPLES.escalation, campaignId: "a|b" }, ctx)).toThrow();
  });

  it("fill result, call-off, urgent page, late, morning queue, clock and risk texts", () => {
    expect(renderSlack("fill_result", SAMPLES.fill_result, ctx).text).toBe(
      "✅ Shift filled: Margaret Johnson - Today (Wed 6/3) 2-6pm (Aurora) → Ana Rivera (303) 555-0103\n4 min after call-off · 12 contacted · WellSky updated · client contact notified",
    );
    expect(renderSlack("fill_result", { ...SAMPLES.fill_result, outcome: "unfilled" }, ctx).text).toBe(
      "❌ Shift not filled: Margaret Johnson - Today (Wed 6/3) 2-6pm (Aurora)\n12 contacted, no acceptance.",
    );
    expect(renderSlack("call_off_notice", SAMPLES.call_off_notice, ctx).text).toBe(
      "📞 Call-off: Maria Garcia ((303) 555-0104) can't make Margaret Johnson - Today (Wed 6/3) 2-6pm (Aurora).\n> I'm sick, can't make my 2pm\nOutreach started (contacting 12).",
    );
    expect(renderSlack("urgent_page", SAMPLES.urgent_page, ctx).text).toBe(
      "🚨 URGENT <@U024BE7LH>: Margaret Johnson's shift starts in 45 min (Today (Wed 6/3) 2-6pm, Aurora) and Maria Garcia can't make it.\n> car broke down\nAutomated outreach is running; please call backups now.",
    );
    expect(renderSlack("running_late_notice", SAMPLES.running_late_notice, ctx).text).toBe(
      "⏰ Maria Garcia is running late for Margaret Johnson (shift starts 9am; ETA 9:20am, 20 min late). Client contact notified.",
    );
    expect(renderSlack("morning_queue_item", SAMPLES.morning_queue_item, ctx).text).toBe(
      "🌅 Overnight: Maria Garcia ((303) 555-0104), Tue 6/2 9:42pm - call_off\n> I can't make my shift tomorrow\nShift: Margaret Johnson - Tomorrow (Thu 6/4) 9am-1pm (Aurora)",
    );
    expect(renderSlack("clock_escalation", SAMPLES.clock_escalation, ctx).text).toBe(
      "⚠️ Maria Garcia hasn't clocked in for Margaret Johnson shift (started 9am). Last contact: 8:45am",
    );
    expect(renderSlack("clock_escalation", { ...SAMPLES.clock_escalation, kind: "clock_out", at: at("2026-06-03T13:00") }, ctx).text).toBe(
      "⚠️ Maria Garcia hasn't clocked out from Margaret Johnson shift (ended 1pm). Verify status.",
    );
    expect(renderSlack("at_risk_shift", SAMPLES.at_risk_shift, ctx).text).toBe(
      "🟠 At-risk shift (68): Maria Garcia - Margaret Johnson, Today (Wed 6/3) 2-6pm (Aurora), unconfirmed\nTop factors: not confirmed, starts in 20 h (+20); first shift with this client (+10); hired 45 days ago (+8)",
    );
  });

  it("an untranscribed voicemail says who called, when, how long, and to listen in RingCentral", () => {
    expect(renderSlack("voicemail_untranscribed", SAMPLES.voicemail_untranscribed, ctx).text).toBe(
      "📞 Voicemail with no transcript from Maria Garcia (caregiver, (303) 555-0104), today at 6:05am, 22 s long.\n" +
        "We have no transcript of it (Failed), so nobody has read it. Please listen to it in RingCentral: it could be a call-off.",
    );
    const unknown = renderSlack("voicemail_untranscribed", { callerPhone: "+13035550199", callerKind: "unknown", receivedAt: at("2026-06-01T22:30"), durationSeconds: 95, transcriptionStatus: "NotAvailable" }, ctx);
    expect(unknown.text).toMatch(/^📞 Voicemail with no transcript from \(303\) 555-0199 \(unknown number\), Mon 6\/1 at 10:30pm, 1 min 35 s long\.\n/);
    const family = renderSlack("voicemail_untranscribed", { callerPhone: "+13035550198", callerName: "Ana <Rivera>", callerKind: "family", clientName: "Margaret Johnson", receivedAt: at("2026-06-03T12:00"), transcriptionStatus: "TimedOut" }, ctx);
    expect(family.text).toContain("from Ana &lt;Rivera&gt; (family of Margaret Johnson, (303) 555-0198), today at 12pm.");
  });

  it("a late voicemail transcript goes to the coordinator quoted on one line, mentions escaped", () => {
    expect(renderSlack("voicemail_transcript_late", SAMPLES.voicemail_transcript_late, ctx).text).toBe(
      "📞 The voicemail from Maria Garcia (caregiver, (303) 555-0104), today at 6:05am, has a transcript after all:\n" +
        "> Hi, it's Maria. I can't make it today, my son is sick.\n" +
        "If nobody has acted on it yet, please do: Coverline has not.",
    );
    const sneaky = renderSlack("voicemail_transcript_late", { ...SAMPLES.voicemail_transcript_late, transcript: "call me <!channel> <https://x.example|here>" }, ctx);
    expect(sneaky.text).not.toContain("<!channel>");
    expect(sneaky.text).toContain("&lt;!channel&gt;");
  });

  it("counter-offer shows the split and accept/decline buttons", () => {
    const m = renderSlack("counter_offer", SAMPLES.counter_offer, ctx);
    expect(m.text).toBe(
      "↔️ Counter-offer: Maria Garcia can do 2:30-5:30pm of Margaret Johnson's shift Today (Wed 6/3) 2-6pm (Aurora).\nSplit option: Maria Garcia 2:30-5:30pm; still open 2-2:30pm and 5:30-6pm.",
    );
    expect(buttons(m.blocks).map((b) => [b.action_id, b.value])).toEqual([
      ["counter_accept", "camp_42|cg_5"],
      ["counter_decline", "camp_42|cg_5"],
    ]);
    const whole = renderSlack("counter_offer", { ...SAMPLES.counter_offer, proposedStart: at("2026-06-03T13:00"), proposedEnd: at("2026-06-03T19:00") }, ctx);
    expect(whole.text).toContain("would cover the whole shift");
    const none = renderSlack("counter_offer", { ...SAMPLES.counter_offer, proposedStart: at("2026-06-03T19:00"), proposedEnd: at("2026-06-03T21:00") }, ctx);
    expect(none.text).toContain("doesn't overlap the shift");
    expect(buttons(none.blocks)).toEqual([]);
  });

  it("remainingGaps", () => {
    const s = at("2026-06-03T14:00");
    const e = at("2026-06-03T18:00");
    expect(remainingGaps(s, e, at("2026-06-03T14:00"), at("2026-06-03T16:00"))).toEqual([{ start: at("2026-06-03T16:00"), end: e }]);
    expect(remainingGaps(s, e, at("2026-06-03T15:00"), at("2026-06-03T16:00"))).toEqual([
      { start: s, end: at("2026-06-03T15:00") },
      { start: at("2026-06-03T16:00"), end: e },
    ]);
    expect(remainingGaps(s, e, s, e)).toEqual([]);
  });
});
