import { formatPhone, type Fmt } from "../sms/format.js";
import { button, section, type Block, type SlackMessage } from "./blocks.js";
import type { SlackTemplateId, SlackVars } from "./vars.js";

/** Interaction ids the Slack handler routes on; values are `campaignId|caregiverId` or `campaignId`. */
export const SLACK_ACTIONS = {
  /** Escalation: assign this candidate. Value `campaignId|caregiverId`. */
  fillAssign: "fill_assign",
  /** Escalation: keep the campaign going another wave. Value `campaignId`. */
  fillExtend: "fill_extend",
  /** Counter-offer: accept the split. Value `campaignId|caregiverId`. */
  counterAccept: "counter_accept",
  /** Counter-offer: decline it. Value `campaignId|caregiverId`. */
  counterDecline: "counter_decline",
} as const;

/** "Today (Wed 6/3) 2-6pm" / "Fri 6/5 2-6:30pm": coordinators get the date even when it is today. */
function when(f: Fmt, start: Date, end: Date): string {
  return `${f.day(start)}${f.isTodayOrTomorrow(start) ? ` (${f.date(start)})` : ""} ${f.range(start, end)}`;
}

function minutesBetween(a: Date, b: Date): number {
  return Math.round((b.getTime() - a.getTime()) / 60_000);
}

/** "45 s", "2 min", "1 min 35 s". */
function duration(seconds: number): string {
  const s = Math.round(seconds);
  const m = Math.floor(s / 60);
  return m === 0 ? `${s} s` : s % 60 === 0 ? `${m} min` : `${m} min ${s % 60} s`;
}

const ANSWER_LABEL: Record<SlackVars["escalation"]["responses"][number]["answer"], string> = {
  declined: "declined",
  question: "asked a question",
  counter: "offered part of the shift",
  accepted_late: "said yes after it closed",
  unclear: "unclear reply",
};

const RISK_EMOJI = { low: "🟢", elevated: "🟡", high: "🟠", critical: "🔴" } as const;

/** Templates receive vars whose free-text fields are already escaped (see renderSlack), so they never call esc(). */
type Render<K extends SlackTemplateId> = (v: SlackVars[K], f: Fmt, now: Date) => SlackMessage;

/** Uncovered parts of [start, end) once [pStart, pEnd) is taken, in order. */
export function remainingGaps(start: Date, end: Date, pStart: Date, pEnd: Date): { start: Date; end: Date }[] {
  const s = Math.max(start.getTime(), pStart.getTime());
  const e = Math.min(end.getTime(), pEnd.getTime());
  if (s >= e) return [{ start, end }];
  const gaps: { start: Date; end: Date }[] = [];
  if (s > start.getTime()) gaps.push({ start, end: new Date(s) });
  if (e < end.getTime()) gaps.push({ start: new Date(e), end });
  return gaps;
}

export const SLACK_TEMPLATES: { [K in SlackTemplateId]: Render<K> } = {
  escalation: (v, f) => {
    const shift = `${v.clientName} - ${when(f, v.start, v.end)}`;
    const answers = v.responses.map((r) => `${r.name}: ${ANSWER_LABEL[r.answer]}${r.detail ? ` ("${r.detail}")` : ""}`);
    const silent = v.topCandidates.map((c) => `${c.name} - ${formatPhone(c.phone)}`);
    const text = [
      "⚠️ OPEN SHIFT ALERT",
      shift,
      `Location: ${v.city}`,
      `Contacted ${v.contacted} caregivers, no acceptance.`,
      ...(answers.length ? ["Answers:", ...answers.map((a) => `- ${a}`)] : []),
      ...(silent.length ? ["Top candidates who didn't respond:", ...silent.map((s) => `- ${s}`)] : []),
      "Requires manual follow-up.",
    ].join("\n");
    const blocks: Block[] = [
      { type: "header", text: { type: "plain_text", text: "⚠️ Open shift alert", emoji: true } },
      section(
        `*${v.clientName}* - ${when(f, v.start, v.end)}\n*Location:* ${v.city}\nContacted ${v.contacted} caregivers, no acceptance.${v.mention ? ` <@${v.mention}>` : ""}`,
      ),
    ];
    if (answers.length) blocks.push(section(`*Answers*\n${answers.map((a) => `• ${a}`).join("\n")}`));
    if (v.topCandidates.length) {
      blocks.push(section("*Top candidates who didn't respond*"));
      // One section per candidate so each Assign button is alone in its block (action_ids must be unique per block).
      for (const c of v.topCandidates) {
        blocks.push(
          section(
            `${c.name} - ${formatPhone(c.phone)}`,
            button("Assign", SLACK_ACTIONS.fillAssign, `${v.campaignId}|${c.caregiverId}`, {
              style: "primary",
              confirm: {
                title: { type: "plain_text", text: "Assign this shift?" },
                text: { type: "mrkdwn", text: `Assign ${c.name} to ${shift}? WellSky is updated and they get a confirmation text.` },
                confirm: { type: "plain_text", text: "Assign" },
                deny: { type: "plain_text", text: "Cancel" },
              },
            }),
          ),
        );
      }
    }
    blocks.push({ type: "actions", elements: [button("Keep searching", SLACK_ACTIONS.fillExtend, v.campaignId)] });
    blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: "Requires manual follow-up." }] });
    return { text, blocks };
  },

  fill_result: (v, f) => {
    const where = `${v.clientName} - ${when(f, v.start, v.end)} (${v.city})`;
    const text =
      v.outcome === "filled"
        ? [
            `✅ Shift filled: ${where} → ${v.caregiverName ?? "caregiver"}${v.caregiverPhone ? ` ${formatPhone(v.caregiverPhone)}` : ""}`,
            [
              v.minutesToFill !== undefined ? `${Math.round(v.minutesToFill)} min after call-off` : null,
              `${v.contacted} contacted`,
              v.wellskyUpdated ? "WellSky updated" : "WellSky NOT updated yet",
              v.clientContactNotified ? "client contact notified" : "client contact not notified",
            ]
              .filter(Boolean)
              .join(" · "),
          ].join("\n")
        : `❌ Shift not filled: ${where}\n${v.contacted} contacted, no acceptance.`;
    return { text, blocks: [section(text)] };
  },

  call_off_notice: (v, f) => {
    const text = [
      `📞 Call-off: ${v.caregiverName}${v.caregiverPhone ? ` (${formatPhone(v.caregiverPhone)})` : ""} can't make ${v.clientName} - ${when(f, v.start, v.end)} (${v.city}).`,
      v.message ? `> ${v.message.replace(/\s+/g, " ").slice(0, 300)}` : null,
      v.action === "fill_started"
        ? `Outreach started${v.contacting !== undefined ? ` (contacting ${v.contacting})` : ""}.`
        : "Queued for the morning review (after hours, not urgent). The caregiver can still reply URGENT.",
    ]
      .filter(Boolean)
      .join("\n");
    return { text, blocks: [section(text)] };
  },

  urgent_page: (v, f, now) => {
    const mins = minutesBetween(now, v.start);
    const startsIn = mins >= 0 ? `starts in ${mins} min` : `started ${-mins} min ago`;
    const text = [
      `🚨 URGENT${v.mention ? ` <@${v.mention}>` : ""}: ${v.clientName}'s shift ${startsIn} (${when(f, v.start, v.end)}, ${v.city}) and ${v.caregiverName}${v.caregiverPhone ? ` (${formatPhone(v.caregiverPhone)})` : ""} can't make it.`,
      v.reason ? `> ${v.reason.replace(/\s+/g, " ")}` : null,
      v.fillRunning ? "Automated outreach is running; please call backups now." : "Automated outreach is NOT running; please find coverage now.",
    ]
      .filter(Boolean)
      .join("\n");
    return { text, blocks: [section(text)] };
  },

  running_late_notice: (v, f) => {
    const late = v.eta ? minutesBetween(v.start, v.eta) : null;
    const text = `⏰ ${v.caregiverName}${v.caregiverPhone ? ` (${formatPhone(v.caregiverPhone)})` : ""} is running late for ${v.clientName} (shift starts ${f.time(v.start)}${
      v.eta ? `; ETA ${f.time(v.eta)}${late !== null && late > 0 ? `, ${late} min late` : ""}` : "; ETA unknown, asked"
    }). ${v.clientContactNotified ? "Client contact notified." : "Client contact NOT notified."}`;
    return { text, blocks: [section(text)] };
  },

  morning_queue_item: (v, f) => {
    const text = [
      `🌅 Overnight: ${v.caregiverName} (${formatPhone(v.caregiverPhone)}), ${f.day(v.receivedAt)} ${f.time(v.receivedAt)} - ${v.intent}`,
      `> ${v.message.replace(/\s+/g, " ").slice(0, 300)}`,
      v.shift ? `Shift: ${v.shift.clientName} - ${when(f, v.shift.start, v.shift.end)} (${v.shift.city})` : null,
    ]
      .filter(Boolean)
      .join("\n");
    return { text, blocks: [section(text)] };
  },

  counter_offer: (v, f) => {
    const gaps = remainingGaps(v.start, v.end, v.proposedStart, v.proposedEnd);
    const offered = f.range(v.proposedStart, v.proposedEnd);
    const overlapsShift = v.proposedStart < v.end && v.start < v.proposedEnd;
    const split = !overlapsShift
      ? "That time doesn't overlap the shift."
      : gaps.length === 0
        ? `${v.caregiverName} would cover the whole shift.`
        : `Split option: ${v.caregiverName} ${offered}; still open ${gaps.map((g) => f.range(g.start, g.end)).join(" and ")}.`;
    const text = `↔️ Counter-offer: ${v.caregiverName}${v.caregiverPhone ? ` (${formatPhone(v.caregiverPhone)})` : ""} can do ${offered} of ${v.clientName}'s shift ${when(f, v.start, v.end)} (${v.city}).\n${split}`;
    const value = `${v.campaignId}|${v.caregiverId}`;
    const blocks: Block[] = [section(text)];
    if (overlapsShift) {
      blocks.push({
        type: "actions",
        elements: [button("Accept split", SLACK_ACTIONS.counterAccept, value, { style: "primary" }), button("Decline", SLACK_ACTIONS.counterDecline, value)],
      });
    }
    return { text, blocks };
  },

  offer_question: (v, f) => {
    const text = [
      `❓ ${v.caregiverName}${v.caregiverPhone ? ` (${formatPhone(v.caregiverPhone)})` : ""} asked about ${v.clientName}'s open shift ${when(f, v.start, v.end)} (${v.city}):`,
      `> ${v.question.replace(/\s+/g, " ").slice(0, 300)}`,
      "Coverline answered with the shift's time and place and told them you'd reply. The offer stays open.",
    ].join("\n");
    return { text, blocks: [section(text)] };
  },

  clock_escalation: (v, f) => {
    const text =
      v.kind === "clock_in"
        ? `⚠️ ${v.caregiverName}${v.caregiverPhone ? ` (${formatPhone(v.caregiverPhone)})` : ""} hasn't clocked in for ${v.clientName} shift (started ${f.time(v.at)}). Last contact: ${v.lastContactAt ? f.time(v.lastContactAt) : "none"}`
        : `⚠️ ${v.caregiverName}${v.caregiverPhone ? ` (${formatPhone(v.caregiverPhone)})` : ""} hasn't clocked out from ${v.clientName} shift (ended ${f.time(v.at)}). Verify status.`;
    return { text, blocks: [section(text)] };
  },

  voicemail_untranscribed: (v, f) => {
    const who = voicemailCaller(v);
    const length = v.durationSeconds !== undefined ? `, ${duration(v.durationSeconds)} long` : "";
    const text = [
      `📞 Voicemail with no transcript from ${who}, ${f.dayShort(v.receivedAt)} at ${f.time(v.receivedAt)}${length}.`,
      `We have no transcript of it (${v.transcriptionStatus}), so nobody has read it. Please listen to it in RingCentral: it could be a call-off.`,
    ].join("\n");
    return { text, blocks: [section(text)] };
  },

  voicemail_transcript_late: (v, f) => {
    const text = [
      `📞 The voicemail from ${voicemailCaller(v)}, ${f.dayShort(v.receivedAt)} at ${f.time(v.receivedAt)}, has a transcript after all:`,
      `> ${v.transcript.replace(/\s*\n\s*/g, " ")}`,
      "If nobody has acted on it yet, please do: Coverline has not.",
    ].join("\n");
    return { text, blocks: [section(text)] };
  },

  at_risk_shift: (v, f) => {
    const top = [...v.factors].sort((a, b) => b.points - a.points).slice(0, 4);
    const text = [
      `${RISK_EMOJI[v.level]} At-risk shift (${Math.round(v.score)}): ${v.caregiverName} - ${v.clientName}, ${when(f, v.start, v.end)} (${v.city}), ${v.confirmed ? "confirmed" : "unconfirmed"}`,
      top.length ? `Top factors: ${top.map((t) => `${t.detail} (+${t.points})`).join("; ")}` : null,
    ]
      .filter(Boolean)
      .join("\n");
    return { text, blocks: [section(text)] };
  },
};

/** A voicemail's caller as the alerts name them: "Name (kind, number)", a family member's client, or the bare number. */
function voicemailCaller(v: { callerPhone: string; callerName?: string; callerKind: string; clientName?: string }): string {
  const phone = formatPhone(v.callerPhone);
  if (v.callerKind === "unknown" || !v.callerName) return `${phone} (unknown number)`;
  if (v.callerKind === "family") return `${v.callerName} (family${v.clientName ? ` of ${v.clientName}` : ""}, ${phone})`;
  return `${v.callerName} (${v.callerKind}, ${phone})`;
}
