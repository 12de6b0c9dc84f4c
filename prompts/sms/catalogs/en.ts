import { distanceOf, lines, type Catalog } from "../catalog.js";
import type { Fmt } from "../format.js";

const away = (v: { driveMinutes?: number | undefined; distanceMiles?: number | undefined }, f: Fmt): string => {
  const d = distanceOf(v);
  if (!d) return "";
  return "minutes" in d ? ` (${d.minutes} min from you)` : ` (${f.miles(d.miles)} mi from you)`;
};
const hrs = (n: string) => `${n} ${n === "1" ? "hr" : "hrs"}`;
/** "today 2-6pm", "on Wed 6/3 2-6pm". */
const when = (f: Fmt, start: Date, end: Date) => `${f.dayInline(start)} ${f.range(start, end)}`;

/** English copy, closest to the seed's own wording. */
export const en: Catalog = {
  offer: (v, f) =>
    lines(
      `Hi ${v.firstName}! Can you cover a shift ${f.dayInline(v.start)}?`,
      `📍 ${v.city}${away(v, f)}`,
      `⏰ ${f.range(v.start, v.end)}`,
      `💰 ${hrs(f.hours(v.start, v.end))}`,
      v.workedWith && `You've worked with ${v.workedWith} before.`,
      "Reply YES to accept or NO to pass.",
    ),
  offer_bundle: (v, f) => {
    const n = v.options.length;
    return lines(
      `Hi ${v.firstName}! We have multiple open shifts in your area:`,
      "",
      ...v.options.map((o, i) => `${["1️⃣", "2️⃣", "3️⃣"][i]} ${f.day(o.start)} ${f.range(o.start, o.end)} - ${o.clientFirstName} - ${o.city}`),
      "",
      `Reply with the numbers you want (e.g., '${n === 3 ? "1 and 3" : "2"}')`,
      `or 'ALL' to take ${n === 3 ? "all three" : "both"}!`,
    );
  },
  offer_confirmed: (v, f) =>
    lines(
      `You're confirmed for ${v.clientFirstName}'s shift!`,
      `📅 ${f.day(v.start)} ${f.range(v.start, v.end)}`,
      `📍 ${v.address}`,
      "📝 Care notes in WellSky app",
      `Questions? Call office: ${f.office}`,
    ),
  offer_confirmed_bundle: (v, f) =>
    lines(
      "You're confirmed for these shifts!",
      ...v.shifts.flatMap((s) => [`📅 ${f.dayWithWeekday(s.start)} ${f.range(s.start, s.end)} with ${s.clientFirstName}`, `📍 ${s.address}`]),
      "📝 Care notes in WellSky app",
      `Questions? Call office: ${f.office}`,
    ),
  offer_filled: (v, f) =>
    `Thanks for your quick response! This shift (${f.dayShort(v.start)} ${f.range(v.start, v.end)}, ${v.city}) has been filled, but we really appreciate you. We'll keep you in mind for the next one! 🙏`,
  offer_already_filled: (v, f) =>
    `Thanks, ${v.firstName}! The shift ${when(f, v.start, v.end)} in ${v.city} was just filled by someone else. We appreciate your quick response and will keep you in mind for the next one! 🙏`,
  offer_declined_ack: (v) => `No problem, ${v.firstName}. Thanks for letting us know! We'll text you about the next one.`,
  offer_question_answer: (v, f) => {
    const t = `${f.dayInline(v.start)}, ${f.range(v.start, v.end)}`;
    const h = hrs(f.hours(v.start, v.end));
    const answer = {
      time: `It's ${t} (${h}).`,
      place: `It's in ${v.city}${away(v, f)}. You'll get the address once you're confirmed.`,
      hours: `It's ${h}: ${t}.`,
      all: `It's ${t} (${h}) in ${v.city}${away(v, f)}.`,
    }[v.topic];
    return lines(answer, "Reply YES to accept or NO to pass.");
  },
  offer_question_forwarded: () => "I've also passed your question to the coordinator; they'll text you.",
  offer_counter_ack: (v, f) =>
    v.proposal
      ? `Thanks, ${v.firstName}! I've passed your time (${f.range(v.proposal.start, v.proposal.end)}) to the coordinator. They'll text you if it works.`
      : `Thanks, ${v.firstName}! I've passed your note to the coordinator. They'll text you if it works.`,
  call_off_ack: (v, f) =>
    `Thanks for letting us know, ${v.firstName}. We're finding coverage for your shift ${when(f, v.start, v.end)}${v.clientFirstName ? ` with ${v.clientFirstName}` : ""} now. Take care!`,
  call_off_after_hours: (v, f) =>
    lines(
      "Thanks for letting us know! Our office is closed right now, but I've logged your message. " +
        (v.opensAt && !f.isTodayOrTomorrow(v.opensAt)
          ? `A coordinator will follow up when we open ${f.dayInline(v.opensAt)} at ${f.time(v.opensAt)}.`
          : "A coordinator will follow up first thing in the morning."),
      "",
      `If this is URGENT (you can't make a shift in the next ${v.urgentWithinHours} hours), reply URGENT and I'll start looking for coverage now.`,
    ),
  urgent_ack: (v) =>
    `Got it${v.firstName ? `, ${v.firstName}` : ""}. I'm looking for coverage now and I've alerted the on-call coordinator. We'll text you as soon as it's covered.`,
  running_late_ack: (v, f) =>
    v.eta && !v.familyTold
      ? `Thanks for the heads-up, ${v.firstName}! Noted that you'll be there around ${f.time(v.eta)}. Drive safe!`
      : v.eta
      ? `Thanks for the heads-up, ${v.firstName}! We'll let ${v.clientFirstName ? `${v.clientFirstName}'s family` : "the client"} know you'll be there around ${f.time(v.eta)}. Drive safe!`
      : `Thanks for the heads-up, ${v.firstName}. About what time will you get there?`,
  client_running_late: (v, f) =>
    `Hi ${v.contactFirstName}, this is ${f.agency}. ${v.caregiverFirstName} is running a little late${v.clientFirstName ? ` for ${v.clientFirstName}'s visit` : ""} and expects to arrive around ${f.time(v.eta)}. Sorry for the wait!`,
  client_caregiver_change: (v, f) =>
    `Hi ${v.contactFirstName}, this is ${f.agency}. Update for ${v.clientFirstName}'s visit ${when(f, v.start, v.end)}: ${v.caregiverFirstName} will be the caregiver. Questions? Call ${f.office}.`,
  schedule_answer: (v, f) =>
    lines(
      "Let me check... Yes! You're scheduled for:",
      ...v.shifts.flatMap((s) => [`📅 ${f.dayWithWeekday(s.start)} ${f.range(s.start, s.end)} with ${s.clientFirstName}`, `📍 ${s.address}`]),
      "",
      "Reply CONFIRM to confirm or let me know if there's an issue.",
    ),
  schedule_none: (v, f) =>
    v.day
      ? `Let me check... You're not scheduled ${f.dayInlineWithWeekday(v.day)}. Want more hours? Just tell us which days work.`
      : "Let me check... You don't have any upcoming shifts on the schedule. Want more hours? Just tell us which days work.",
  call_off_no_shift: (v, f) =>
    v.day
      ? `Let me check... You're not on the schedule ${f.dayInlineWithWeekday(v.day)}, so there's nothing to cancel. Thanks for letting us know! If you meant another day, tell us which one.`
      : "Let me check... You don't have an upcoming shift to cancel. Thanks for letting us know! If you meant a particular shift, tell us the day.",
  running_late_no_shift: (_v, f) => `Thanks for the heads-up. I don't see a shift of yours starting soon. If you're on your way to a visit, please call the office: ${f.office}`,
  clarify: (v, f) =>
    ({
      offer_yes_no: v.shift
        ? `Just to check: can you take the shift ${when(f, v.shift.start, v.shift.end)} in ${v.shift.city}? Reply YES or NO.`
        : "Just to check: is that a YES or a NO for the shift?",
      which_shift: "Which shift do you mean? Please reply with the day and time.",
      which_day: "Which day do you mean?",
      eta: "About what time will you get there?",
      general: "Sorry, I didn't quite get that. Could you say it another way?",
    })[v.question],
  handoff: (v) =>
    `Thanks${v.firstName ? `, ${v.firstName}` : ""}. I've passed this to a coordinator, who will follow up ${v.afterHours ? "first thing in the morning" : "shortly"}.`,
  help: (_v, f) => `${f.agency}: text this number about your shifts anytime. Office: ${f.office}. Reply STOP to opt out.`,
  stop_confirm: (_v, f) => `You're unsubscribed from ${f.agency} texts and won't get more messages. Reply START to resubscribe.`,
  start_confirm: (_v, f) => `You're subscribed to ${f.agency} texts again. Reply HELP for help or STOP to opt out.`,
  availability_ack: (v) =>
    ({
      more: "Great! What days/times work best for you this week?",
      same: "Perfect, you're all set! Let us know if anything changes.",
      less: "No problem. Which days do you need off?",
      noted: "Got it, thanks! I've noted your availability for the coordinator.",
    })[v.answer],
  clock_issue_ack: (v) =>
    `Thanks, ${v.firstName}. I've let the coordinator know about the ${{ clock_in: "clock-in", clock_out: "clock-out", other: "clock" }[v.kind]} issue${v.clientFirstName ? ` for your shift with ${v.clientFirstName}` : ""}. They'll fix it in WellSky.`,
  incident_ack: (v) =>
    `Thank you for telling us${v.firstName ? `, ${v.firstName}` : ""}. A coordinator has been alerted and will call you right away. If anyone is in danger, call 911.`,
  confirm_ack: (v, f) =>
    v.shifts.length === 1
      ? `Thanks, ${v.firstName}! You're confirmed for ${when(f, v.shifts[0]!.start, v.shifts[0]!.end)}. See you there!`
      : `Thanks, ${v.firstName}! All ${v.shifts.length} shifts are confirmed. See you there!`,
  unknown_sender: (_v, f) =>
    `Hi! This is the ${f.agency} text line for our caregivers. We couldn't find your number in our records. Please call the office at ${f.office}.`,

  confirm_request: (v, f) =>
    `Hi ${v.firstName}, confirming your shift ${f.dayInline(v.start)} at ${f.time(v.start)}. Reply YES to confirm or call us at ${f.office} if there's an issue.`,
  recurring_confirm: (v, f) =>
    lines(
      `Hi ${v.firstName}, confirming your recurring shifts this week:`,
      "",
      ...v.shifts.map((s) => `📅 ${f.day(s.start)} ${f.range(s.start, s.end)} - ${s.clientFirstName}`),
      "",
      "Reply ALL GOOD to confirm all, or tell us which shifts you can't make.",
    ),
  clock_in_reminder: (v, f) =>
    `${f.hour(v.start) < 12 ? "Good morning" : "Hi"} ${v.firstName}! Reminder: Your shift with ${v.clientFirstName} starts at ${f.time(v.start)}. Don't forget to clock in when you arrive! 📍`,
  clock_in_nudge: (v) =>
    `Hi ${v.firstName}, we noticed you haven't clocked in yet for your shift at ${v.clientFirstName}'s. Please clock in now or reply if there's an issue.`,
  clock_out_nudge: (v, f) => `Hi ${v.firstName}, your shift was scheduled to end at ${f.time(v.end)}. Please clock out when you leave! ⏰`,
  availability_checkin: (v, f) =>
    lines(
      `Hi ${v.firstName}! Quick check-in for the week ahead.`,
      "",
      `Your current scheduled hours: ${hrs(f.num(v.scheduledHours))}`,
      `Open shifts available in your area: ${hrs(f.num(v.openHours))}`,
      "",
      "Are you looking for more hours this week?",
      "Reply: YES for more, NO I'm good, or LESS if you need time off",
    ),
  availability_followup: (v, f) =>
    lines(
      `Thanks for today's shift with ${v.clientFirstName}!`,
      "",
      `Quick question: Are you available for a similar shift ${f.dayInline(v.start)} ${f.range(v.start, v.end)} in ${v.city}?`,
      "Reply YES or NO",
    ),
};
