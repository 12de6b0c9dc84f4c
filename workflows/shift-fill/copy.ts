import { DateTime } from "luxon";
import { escapeSlackText } from "../../channels/slack/format.js";
import { renderSlack, type SlackMessage } from "../../prompts/slack/index.js";
import { renderSms, type SmsTemplateId, type SmsVarsInput } from "../../prompts/sms/index.js";
import type { Caregiver, Language } from "../../domain/types.js";
import type { FillContext } from "./context.js";

/** One shift as it appears in an offer text (client first name and city only). */
export interface OfferItem {
  n: number;
  start: Date;
  end: Date;
  clientFirstName: string;
  city: string;
  distanceMiles: number | null;
  workedBefore: boolean;
}

/** Renders an SMS template with the agency's facts and the workflow's clock (one renderer: prompts/sms). */
export function sms<K extends SmsTemplateId>(ctx: Pick<FillContext, "settings" | "clock">, lang: Language, id: K, vars: SmsVarsInput[K]): string {
  return renderSms(id, lang, vars, { agencyName: ctx.settings.agencyName, officePhone: ctx.settings.officePhone, timezone: ctx.settings.timezone, now: ctx.clock.now() });
}

/** The seed's offer text for one shift, or its bundled offer ("Reply 1 and 3, or ALL") for two or three. */
export function offerText(ctx: Pick<FillContext, "settings" | "clock">, cg: Caregiver, items: OfferItem[]): string {
  if (items.length === 1) {
    const it = items[0]!;
    return sms(ctx, cg.language, "offer", {
      firstName: cg.firstName,
      start: it.start,
      end: it.end,
      city: it.city || "your area",
      workedWith: it.workedBefore && it.clientFirstName ? it.clientFirstName : undefined,
      distanceMiles: it.distanceMiles ?? undefined,
    });
  }
  return sms(ctx, cg.language, "offer_bundle", {
    firstName: cg.firstName,
    options: items.map((it) => ({ start: it.start, end: it.end, clientFirstName: it.clientFirstName || "Client", city: it.city || "your area" })),
  });
}

// ---------------------------------------------------------------------------------------------------------
// Coordinator messages: prompts/slack renders them (one renderer); these map the workflow's facts onto it.
// ---------------------------------------------------------------------------------------------------------

type Ctx = Pick<FillContext, "settings" | "clock">;
const slackCtx = (ctx: Ctx) => ({ timezone: ctx.settings.timezone, now: ctx.clock.now() });

interface ShiftFacts {
  campaignId: number;
  clientName: string;
  city: string;
  start: Date;
  end: Date;
}

const place = (city: string) => city || "unknown city";

/** A call-off came in and outreach started (the coordinator just needs to know). */
export function callOffNoticeSlack(ctx: Ctx, a: ShiftFacts & { callerName: string | null; candidates: number }): SlackMessage {
  return renderSlack("call_off_notice", { clientName: a.clientName, start: a.start, end: a.end, city: place(a.city), caregiverName: a.callerName ?? "Open shift", action: "fill_started", contacting: a.candidates }, slackCtx(ctx));
}

/** Under 2 h to start: page the coordinator at once, alongside outreach. */
export function urgentPageSlack(ctx: Ctx, a: ShiftFacts & { callerName: string | null; candidates: number; mention?: string }): SlackMessage {
  return renderSlack(
    "urgent_page",
    { clientName: a.clientName, start: a.start, end: a.end, city: place(a.city), caregiverName: a.callerName ?? "Open shift", fillRunning: true, reason: `${a.candidates} caregivers being texted`, mention: a.mention },
    slackCtx(ctx),
  );
}

const ANSWERS: Record<string, "declined" | "question" | "counter" | "accepted_late" | "unclear"> = {
  declined: "declined",
  question: "question",
  countered: "counter",
  lost: "accepted_late",
};

/** The seed's "NO RESPONSE ESCALATION", with who said what and buttons to assign or extend. */
export function escalationSlack(
  ctx: Ctx,
  a: ShiftFacts & { contacted: number; answered: { name: string; answer: string }[]; topSilent: { caregiverId: string; name: string; phone: string }[]; mention?: string },
): SlackMessage {
  return renderSlack(
    "escalation",
    {
      campaignId: String(a.campaignId),
      clientName: a.clientName,
      start: a.start,
      end: a.end,
      city: place(a.city),
      contacted: a.contacted,
      responses: a.answered.map((r) => ({ name: r.name, answer: ANSWERS[r.answer] ?? "unclear" })),
      topCandidates: a.topSilent.map((c) => ({ caregiverId: c.caregiverId, name: c.name, phone: c.phone })),
      mention: a.mention,
    },
    slackCtx(ctx),
  );
}

export function fillResultSlack(ctx: Ctx, a: ShiftFacts & { winnerName: string | null; minutesToFill?: number; contacted: number; clientContactNotified: boolean }): SlackMessage {
  return renderSlack(
    "fill_result",
    {
      clientName: a.clientName,
      start: a.start,
      end: a.end,
      city: place(a.city),
      outcome: a.winnerName ? "filled" : "unfilled",
      caregiverName: a.winnerName ?? undefined,
      minutesToFill: a.minutesToFill,
      contacted: a.contacted,
      clientContactNotified: a.clientContactNotified,
      wellskyUpdated: Boolean(a.winnerName),
    },
    slackCtx(ctx),
  );
}

/** "I could do 2–4": the split option for the coordinator (the whole shift when no range was given). */
export function counterOfferSlack(ctx: Ctx, a: ShiftFacts & { caregiverId: string; caregiverName: string; proposed: { start: Date; end: Date } | undefined }): SlackMessage {
  return renderSlack(
    "counter_offer",
    {
      campaignId: String(a.campaignId),
      caregiverId: a.caregiverId,
      caregiverName: a.caregiverName,
      clientName: a.clientName,
      start: a.start,
      end: a.end,
      city: place(a.city),
      proposedStart: a.proposed?.start ?? a.start,
      proposedEnd: a.proposed?.end ?? a.end,
    },
    slackCtx(ctx),
  );
}

/** A caregiver's question about an offered shift, for the client's coordinator. */
export function offerQuestionSlack(ctx: Ctx, a: ShiftFacts & { caregiverName: string; caregiverPhone?: string; question: string }): SlackMessage {
  return renderSlack(
    "offer_question",
    { caregiverName: a.caregiverName, caregiverPhone: a.caregiverPhone, clientName: a.clientName, start: a.start, end: a.end, city: place(a.city), question: a.question },
    slackCtx(ctx),
  );
}

/** WellSky refused the assignment (campaign re-opened) or keeps failing (still retrying). */
export function assignmentProblemSlack(ctx: Ctx, a: { kind: "refused" | "delayed"; campaignId: number; clientName: string; caregiverName: string; start: Date; detail: string }): SlackMessage {
  const day = DateTime.fromJSDate(a.start, { zone: ctx.settings.timezone }).toFormat("ccc LLL d h:mma");
  const text =
    a.kind === "refused"
      ? `❗ WellSky refused assigning ${a.caregiverName} to ${escapeSlackText(a.clientName)}'s shift (${day}): ${escapeSlackText(a.detail.slice(0, 200))}. The campaign is open again (campaign ${a.campaignId}); assign by hand or wait for the next YES.`
      : `⏳ WellSky is not answering: ${a.caregiverName} accepted ${escapeSlackText(a.clientName)}'s shift (${day}) and Coverline keeps retrying the assignment (campaign ${a.campaignId}).`;
  return { text, blocks: [{ type: "section", text: { type: "mrkdwn", text } }] };
}
