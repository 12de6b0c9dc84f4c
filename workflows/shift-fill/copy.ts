import { DateTime } from "luxon";
import { actions, escapeSlackText, section, type SlackBlock } from "../../channels/slack/format.js";
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
// Coordinator messages (Slack, English). Names and phones are fine here: coordinators are agency staff.
// ---------------------------------------------------------------------------------------------------------

export interface SlackMessage {
  text: string;
  blocks?: SlackBlock[];
}

function when(start: Date, end: Date, timezone: string): string {
  const s = DateTime.fromJSDate(start, { zone: timezone });
  const e = DateTime.fromJSDate(end, { zone: timezone });
  return `${s.toFormat("ccc LLL d")} ${s.toFormat("h:mma").toLowerCase()}–${e.toFormat("h:mma").toLowerCase()}`;
}

interface ShiftFacts {
  campaignId: number;
  clientName: string;
  city: string;
  start: Date;
  end: Date;
  timezone: string;
}

/** A call-off came in and outreach started (business as usual: the coordinator just needs to know). */
export function callOffNoticeSlack(a: ShiftFacts & { callerName: string | null; candidates: number }): SlackMessage {
  const text = `📵 ${a.callerName ?? "A shift"} ${a.callerName ? "called off" : "is open"}: ${escapeSlackText(a.clientName)} — ${when(a.start, a.end, a.timezone)}, ${a.city}. Coverline is texting ${a.candidates} qualified caregivers (campaign ${a.campaignId}).`;
  return { text, blocks: [section(text)] };
}

/** Under 2 h to start: page the coordinator at once, alongside outreach (seed/peer: call-off time windows). */
export function urgentPageSlack(a: ShiftFacts & { callerName: string | null; candidates: number }): SlackMessage {
  const text = `🚨 URGENT — shift starts soon: ${escapeSlackText(a.clientName)} — ${when(a.start, a.end, a.timezone)}, ${a.city}. ${a.callerName ? `${a.callerName} called off. ` : ""}Outreach to ${a.candidates} caregivers is running; please watch this one (campaign ${a.campaignId}).`;
  return { text, blocks: [section(text), actions(`fill:${a.campaignId}`, [{ actionId: "fill_extend", text: "Text everyone qualified now", value: String(a.campaignId) }])] };
}

/** The seed's "NO RESPONSE ESCALATION", with who said what and buttons to assign or extend. */
export function escalationSlack(a: ShiftFacts & {
  level: number;
  contacted: number;
  answered: { name: string; answer: string; detail: Record<string, unknown> | null }[];
  topSilent: { caregiverId: string; name: string; phone: string; score: number; tier: number }[];
  notYetContacted: number;
}): SlackMessage {
  const who = ["", "", " (backup — primary coordinator did not act)", " (supervisor — escalated twice)"][a.level] ?? "";
  const lines = [
    `⚠️ OPEN SHIFT ALERT${who}`,
    `${escapeSlackText(a.clientName)} - ${when(a.start, a.end, a.timezone)}`,
    `Location: ${a.city}`,
    `Contacted ${a.contacted} caregivers, no acceptance.`,
    ...(a.answered.length ? ["Answers:", ...a.answered.map((r) => `- ${r.name}: ${r.answer}`)] : []),
    ...(a.topSilent.length ? ["Top candidates who didn't respond:", ...a.topSilent.map((c) => `- ${c.name} - ${c.phone}`)] : []),
    a.notYetContacted > 0 ? `${a.notYetContacted} more qualified caregivers not contacted yet.` : "Every qualified caregiver has been contacted.",
    "Requires manual follow-up.",
  ];
  const text = lines.join("\n");
  const buttons = a.topSilent.slice(0, 4).map((c) => ({ actionId: "fill_assign", text: `Assign ${c.name}`.slice(0, 75), value: `${a.campaignId}|${c.caregiverId}` }));
  if (a.notYetContacted > 0) buttons.push({ actionId: "fill_extend", text: "Text the next tier", value: String(a.campaignId) });
  return { text, blocks: [section(text), ...(buttons.length ? [actions(`fill:${a.campaignId}:escalation:${a.level}`, buttons)] : [])] };
}

export function fillResultSlack(a: Omit<ShiftFacts, "timezone"> & { timezone: string; winnerName: string; minutesToFill: number; offersSent: number }): SlackMessage {
  const text = `✅ Covered: ${escapeSlackText(a.clientName)} — ${when(a.start, a.end, a.timezone)}, ${a.city}. ${a.winnerName} accepted after ${a.minutesToFill} min (${a.offersSent} caregivers texted). Written to WellSky; caregiver, client contact and responders told.`;
  return { text, blocks: [section(text)] };
}

export function assignmentProblemSlack(a: { kind: "refused" | "delayed"; campaignId: number; clientName: string; caregiverName: string; start: Date; detail: string; timezone: string }): SlackMessage {
  const day = DateTime.fromJSDate(a.start, { zone: a.timezone }).toFormat("ccc LLL d h:mma");
  const text =
    a.kind === "refused"
      ? `❗ WellSky refused assigning ${a.caregiverName} to ${escapeSlackText(a.clientName)}'s shift (${day}): ${escapeSlackText(a.detail.slice(0, 200))}. The campaign is open again; please assign by hand or pick someone below.`
      : `⏳ WellSky is not answering; ${a.caregiverName} accepted ${escapeSlackText(a.clientName)}'s shift (${day}) and Coverline keeps retrying the assignment (campaign ${a.campaignId}).`;
  return { text, blocks: [section(text)] };
}

export function counterOfferSlack(a: { campaignId: number; caregiverId: string; caregiverName: string; clientName: string; start: Date; end: Date; range: { startMinutes: number; endMinutes: number } | null; timezone: string }): SlackMessage {
  const hm = (m: number) => DateTime.fromObject({ hour: Math.floor(m / 60) % 24, minute: m % 60 }).toFormat("h:mma").toLowerCase();
  const offer = a.range ? `${hm(a.range.startMinutes)}–${hm(a.range.endMinutes)}` : "part of it";
  const text = `✂️ Split option: ${a.caregiverName} can do ${offer} of ${escapeSlackText(a.clientName)}'s shift (${when(a.start, a.end, a.timezone)}). Outreach continues for the whole shift.`;
  return { text, blocks: [section(text), actions(`fill:${a.campaignId}:counter:${a.caregiverId}`, [{ actionId: "fill_assign", text: `Give ${a.caregiverName} the whole shift`.slice(0, 75), value: `${a.campaignId}|${a.caregiverId}` }])] };
}

export function unfilledSlack(a: { campaignId: number; clientName: string; start: Date; timezone: string }): SlackMessage {
  const text = `🔴 Unfilled: ${escapeSlackText(a.clientName)}'s shift started ${DateTime.fromJSDate(a.start, { zone: a.timezone }).toFormat("ccc h:mma")} with nobody assigned (campaign ${a.campaignId}). Please call the client.`;
  return { text };
}
