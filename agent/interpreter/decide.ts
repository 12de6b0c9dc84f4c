import type { ConversationContext, Intent, TimeRange } from "../../domain/intents.js";
import type { Evidence } from "./evidence.js";
import type { Keyword } from "./lexicon.js";
import type { TimeFindings } from "./times.js";

/** Everything the decision needs about one message, already extracted. */
export interface Features {
  ev: Evidence;
  context: ConversationContext;
  /** The whole message is one keyword (STOP, HELP, URGENT, CONFIRM…). */
  keyword?: Keyword;
  /** Options picked from an offer ("1 and 3", "ALL", "the monday one"). */
  selection?: number[];
  times: TimeFindings;
  /** The offered time range: of the offer's only option, or of the one option the reply picks. */
  offerRange?: TimeRange;
  /** Number of words (emoji included) in the message. */
  wordCount: number;
  /** The message contains a question mark. */
  hasQuestion: boolean;
  /** Weekday names in the message ("Mon Wed Fri"). */
  weekdays: number;
  /** A weekday comes right after "only"/"solo"/"只": the days are a limit. */
  onlyDays: boolean;
  /** Days from today (agency timezone) to the first specific day mentioned ("tonight", "11/24"; not "Sunday"). */
  daysAhead?: number;
}

export interface Decision {
  intent: Intent;
  confidence: number;
  availability?: "more" | "same" | "less";
  timeRange?: TimeRange;
  /** Set only for an accepted or countered offer where the pick came from the text. */
  selection?: number[];
}

const d = (intent: Intent, confidence: number, extra: Partial<Decision> = {}): Decision => ({ intent, confidence, ...extra });

/**
 * A safety event at the client. A personal emergency that comes with a call-off is a call-off ("I'm in
 * the ER with my daughter, can't make my shift"), and a hospital mentioned as the reason for being late
 * is lateness; "doing better after her fall" reports a past event.
 */
function isIncident(e: Evidence): boolean {
  if (e.has("reassure")) return false;
  // "…my shift with don Arturo, my daughter is in the hospital": naming the client of one's own shift does not
  // make the emergency theirs. "My client fell" (no can't) is an incident.
  const callingOff = e.has("callOff") && (e.has("myShift") || !e.has("clientRef"));
  if (e.has("incident")) return !callingOff;
  // A hospital next to a can't or a late, with no client named, is the sender's own reason.
  // A family member asking to hold visits while the client is in hospital is a schedule change.
  if (e.has("hospital")) return !callingOff && !e.has("change") && !(e.any("late", "decline") && !e.has("clientRef"));
  return false;
}

function isClockIssue(e: Evidence): boolean {
  return e.has("clockIssue") || (e.has("clockTerm") && e.has("malfunction"));
}

/** Lowers confidence when the deciding words were typo-corrected rather than read as written. */
function fuzzyPenalty(e: Evidence, ...signals: Parameters<Evidence["any"]>): number {
  return e.onlyFuzzy(...signals) ? 0.07 : 0;
}

/**
 * A counter-offer: an explicit range that is not the offered one, or an until/from/at time with partial
 * wording ("only till 5", "I can come at 3 instead"). Returns undefined when the reply is not partial;
 * `range` is filled from the offer where the reply gives only one end.
 */
function partialOffer(f: Features): { range?: TimeRange } | undefined {
  const { times, offerRange, ev } = f;
  if (times.range) {
    const same = offerRange && times.range.startMinutes === offerRange.startMinutes && times.range.endMinutes === offerRange.endMinutes;
    return same ? undefined : { range: times.range };
  }
  // An arrival time inside the offered window ("I can be there by 3" for 2–6) is a later start.
  const lateStart = times.at !== undefined && offerRange && times.at > offerRange.startMinutes && times.at < offerRange.endMinutes;
  const from = times.from ?? (lateStart || (ev.has("partial") && times.at !== undefined && !offerRange) ? times.at : undefined);
  const until = times.until;
  if (from !== undefined || until !== undefined) {
    if (offerRange) {
      const range = { startMinutes: from ?? offerRange.startMinutes, endMinutes: until ?? offerRange.endMinutes };
      if (range.startMinutes === offerRange.startMinutes && range.endMinutes === offerRange.endMinutes) return undefined;
      return range.endMinutes > range.startMinutes ? { range } : {};
    }
    return {};
  }
  return ev.has("partial") && !ev.any("no", "decline") ? {} : undefined;
}

function decideOffer(f: Features): Decision | undefined {
  const e = f.ev;
  const multi = (f.context.options?.length ?? 0) > 1;
  if (f.selection) {
    // "is #2 with Mr Chen?" asks about option 2; it does not take it.
    if (f.hasQuestion && !e.any("yes", "accept")) return d("offer_question", 0.75);
    // "el 2 sí pero solo hasta las 5": a pick with other hours is a counter-offer on it, not a yes.
    // "solo 2" is only a pick: other hours need a time or a length ("…could I come at 2 instead?", "the first 2 hours").
    const partial = e.has("partial") || (f.times.range && f.offerRange) ? partialOffer(f) : undefined;
    const timed = f.times.at !== undefined || f.times.from !== undefined || f.times.until !== undefined || f.times.durations.length > 0;
    if (partial && (partial.range || timed)) return d("offer_partial", partial.range ? 0.85 : 0.72, { selection: f.selection, timeRange: partial.range });
    return d("offer_accept", 0.93 - fuzzyPenalty(e, "all"), { selection: f.selection });
  }
  if (e.has("none")) return d("offer_decline", 0.9);
  if (e.has("callOff") && e.has("myShift")) return d("call_off", 0.85);
  const partial = partialOffer(f);
  if (partial) return d("offer_partial", partial.range ? 0.88 : 0.75, { timeRange: partial.range });

  // "is parking available?" asks; it does not accept.
  const pos = e.any("yes", "accept", "confirm") || (e.has("available") && !f.hasQuestion);
  const neg = e.any("no", "decline", "callOff", "imGood", "less") || e.has("sick");
  // "When is payday? I didn't get my check": a question for staff that happens to come after an offer.
  if (e.has("admin") && !pos && !neg) return undefined;
  const softOnly = !pos && !neg && e.has("softener");
  const question = e.any("question", "maybe", "scheduleQuery");
  if (softOnly) return d("offer_decline", 0.78);
  // "Where is it? I don't have a car": a question whose only refusal word is a bare "no" is still a question.
  // "¿Tiene perro? Es que soy alérgica 🤧": a health reason next to a question is why they ask.
  if (neg && !pos && e.has("question") && f.hasQuestion && !e.any("decline", "callOff", "imGood", "less")) return d("offer_question", 0.8);
  if (neg && !pos && e.has("question") && !e.any("decline", "callOff", "imGood", "less", "sick")) return d("offer_question", 0.8);
  if (neg && !pos) return d("offer_decline", (e.any("no", "decline", "callOff") ? 0.93 : 0.82) - fuzzyPenalty(e, "no", "decline", "callOff"));
  if (pos && !neg) {
    // "yes maybe, how many hours is it?": a bare yes beside a question is still asking.
    if (question) return e.any("accept", "confirm") ? d("offer_accept", 0.72) : d("offer_question", 0.8);
    // "yes" to several options does not say which; the agent asks.
    if (multi) return d("offer_accept", 0.62);
    const thin = e.has("thanks") && !e.has("accept");
    return d("offer_accept", (thin ? 0.66 : 0.95) - fuzzyPenalty(e, "yes", "accept", "confirm"));
  }
  if (pos && neg) {
    // Mixed ("ok… no, sorry"): the later word is usually the answer, but not with enough certainty to act.
    const acceptLast = e.lastAt("yes", "accept", "confirm", "available") > e.lastAt("no", "decline", "callOff", "imGood", "less", "sick");
    return d(acceptLast ? "offer_accept" : "offer_decline", 0.6);
  }
  if (question) return d("offer_question", e.has("maybe") && !e.has("question") ? 0.85 : 0.9);
  // Restating the offered hours ("from 2 to 6pm") reads as taking them, but not firmly enough to assign.
  if (f.times.range && f.offerRange) return d("offer_accept", 0.68);
  // Any other question under an offer ("客户家有楼梯吗？") is most likely about it: answered with the shift's facts.
  if (f.hasQuestion && !e.any("help", "admin", "thanks")) return d("offer_question", 0.7);
  return undefined;
}

function decideConfirmRequest(f: Features): Decision | undefined {
  const e = f.ev;
  // "Car won't start, I'm not going to make it at all": the can't decides, the cause does not.
  if (e.has("callOff")) return d("call_off", 0.9);
  if (e.has("late")) return d("running_late", 0.88);
  // "From next month I want only morning shifts, no more evenings": news about availability, not a no.
  if (e.has("recurring") && e.any("less", "more")) return d("availability_update", 0.8, { availability: e.has("less") ? "less" : "more" });
  const pos = e.any("yes", "accept", "confirm", "imGood", "done", "arrived");
  if (e.any("no", "decline") && !pos) return d("call_off", e.has("decline") ? 0.85 : 0.75);
  if (pos) return d("confirm", 0.95 - fuzzyPenalty(e, "yes", "confirm", "accept"));
  if (e.any("question", "scheduleQuery")) return d("schedule_query", 0.85);
  if (e.has("sick")) return d("call_off", 0.8);
  return undefined;
}

function decideAvailabilityCheckin(f: Features): Decision | undefined {
  const e = f.ev;
  // "Tomorrow I can't come to my shift, I have the flu": a call-off, not fewer hours.
  if (e.has("callOff") && (e.has("myShift") || (f.daysAhead !== undefined && f.daysAhead <= 1)) && !e.has("recurring")) return d("call_off", 0.85);
  // "…my last paycheck is missing 5 hours, who do I talk to?": for staff (read by content below).
  if (e.has("admin") && (f.hasQuestion || !e.any("same", "imGood", "yes", "no")) && !e.any("less", "more", "available")) return undefined;
  if (e.has("less")) return d("availability_update", 0.92, { availability: "less" });
  if (e.any("same", "imGood")) return d("availability_update", 0.92, { availability: "same" });
  if (e.any("more", "available", "yes", "accept")) return d("availability_update", 0.93, { availability: "more" });
  // "Only Mon Wed Fri now please": days named in answer to the check-in are the days they can work.
  if (f.weekdays > 0 && !f.hasQuestion) return d("availability_update", 0.78, { availability: f.onlyDays || e.any("partial", "decline", "no") ? "less" : "more" });
  // The check-in says "Reply NO I'm good", so a bare no means no change.
  if (e.any("no", "decline")) return d("availability_update", 0.85, { availability: "same" });
  if (e.has("callOff")) return d("availability_update", 0.75, { availability: "less" });
  if (e.any("question", "scheduleQuery")) return d("schedule_query", 0.8);
  return undefined;
}

function decideClockNudge(f: Features): Decision | undefined {
  const e = f.ev;
  if (e.has("callOff")) return d("call_off", 0.85);
  if (e.has("late")) return d("running_late", 0.9);
  // The nudge is about clocking in, so "it says I'm not at the location" needs no word for "clock".
  if (e.has("malfunction")) return d("clock_issue", 0.85);
  if (e.has("scheduleQuery")) return d("schedule_query", 0.8);
  if (e.any("done", "arrived", "yes", "confirm", "accept")) return d("confirm", 0.9);
  if (e.has("clockTerm")) return d("confirm", 0.75);
  return undefined;
}

function decideAfterHours(f: Features): Decision | undefined {
  const e = f.ev;
  if (e.has("callOff")) return d("call_off", 0.85);
  // A message with something to act on is read by content ("not urgent, what time is my shift Saturday?").
  if (e.any("late", "scheduleQuery", "sick", "less", "more", "available", "clockTerm", "change")) return undefined;
  // An "ok"/👍 to "reply URGENT if…" acknowledges the message; it is not the keyword.
  if (e.any("thanks", "yes", "greeting", "imGood", "no")) return d("other", 0.8);
  return undefined;
}

/** Messages with no open question, or that did not answer it: decided by content alone. */
function decideOpen(f: Features): Decision {
  const e = f.ev;
  if (e.has("callOff")) {
    // "can't work Sundays anymore" changes availability; "can't do tonight's overnight" is a call-off.
    const soon = f.daysAhead !== undefined && f.daysAhead <= 1;
    // Time away weeks ahead ("back home Jan 5–19, can't work") is availability news, not a call-off.
    const farOff = f.daysAhead !== undefined && f.daysAhead > 7;
    if ((e.has("recurring") && !soon) || (e.has("less") && farOff)) return d("availability_update", 0.8, { availability: "less" });
    return d("call_off", 0.92 - fuzzyPenalty(e, "callOff"));
  }
  if (e.has("late")) return d("running_late", 0.9 - fuzzyPenalty(e, "late"));
  if (e.has("sick")) return d("call_off", 0.75);
  if (e.has("less")) return d("availability_update", 0.85, { availability: "less" });
  // "…my address for my W2": payroll and HR questions are for staff, not about a shift.
  if (e.has("scheduleQuery") && !e.has("admin")) return d("schedule_query", 0.88);
  // "завтра не смогу" / "can't tomorrow": a bare can't about a specific day is about their shift that day.
  if (e.any("decline", "no") && f.daysAhead !== undefined && f.daysAhead <= 7 && !f.hasQuestion) return d("call_off", 0.72);
  if (e.any("more", "available")) return d("availability_update", 0.85 - fuzzyPenalty(e, "more", "available"), { availability: "more" });
  if (e.has("confirm")) return d("confirm", 0.8 - fuzzyPenalty(e, "confirm"));
  if (e.has("help")) return d("help", 0.85);
  // "I can do weekends now" with no offer open is news about availability.
  if (e.has("accept") && e.any("recurring", "available")) return d("availability_update", 0.75, { availability: "more" });
  // Taking a shift with no offer open: probably an offer sent elsewhere; too unsure to act on.
  if (e.has("accept")) return d("offer_accept", 0.55);
  // A bare "10 min" with nothing else is almost always an ETA.
  if (f.times.durations.length > 0 && f.wordCount <= 8 && e.coveredWords() === 0) return d("running_late", 0.6);
  // A question about a shift with nothing open ("what time do I…", "¿dónde…?") is about their schedule.
  if (e.has("question") && f.hasQuestion && !e.has("admin")) return d("schedule_query", 0.7);
  // "I'm here, all good" with nothing wrong reports the visit started: a confirmation, not chit-chat.
  if (e.has("arrived") && !e.any("no", "softener", "malfunction", "clockTerm", "question")) return d("confirm", 0.75);
  if (e.any("thanks", "yes", "greeting", "no", "done", "softener", "imGood", "arrived", "admin", "notUrgent")) return d("other", 0.85);
  // Nothing recognised: say so, so the agent asks or hands the message to a person.
  return d("other", f.wordCount <= 1 ? 0.6 : 0.45);
}

/**
 * Maps evidence to one intent. Order matters and encodes policy: opt-outs and safety first (a fall
 * outranks any "yes"), then problems that need a person whatever was asked (clock, client changes), then
 * what the open question makes of the reply, then the content alone.
 */
export function decide(f: Features): Decision {
  const e = f.ev;
  const kind = f.context.kind;
  switch (f.keyword) {
    case "optOut":
      return d("opt_out", 0.98);
    case "cancel":
      // Carriers treat CANCEL as opt-out, but answering "confirm your shift?" with it cancels the shift.
      return kind === "confirm_request" ? d("call_off", 0.8) : d("opt_out", 0.9);
    case "help":
      return d("help", 0.97);
    case "urgent":
      return d("urgent", kind === "after_hours" ? 0.97 : 0.85);
    case "confirm":
      return d("confirm", kind === "confirm_request" || kind === "none" ? 0.95 : 0.8);
    default:
      break;
  }
  if (e.has("optOut")) return d("opt_out", 0.93);
  if (isIncident(e)) return d("incident", 0.9);
  // "Not urgent" cancels the urgency, not the rest: "not urgent, what time is my shift Saturday?" still asks.
  if (!e.has("notUrgent") && e.has("urgent") && (kind === "after_hours" || !e.any("callOff", "sick", "late"))) return d("urgent", kind === "after_hours" ? 0.93 : 0.8);
  if (isClockIssue(e)) return d("clock_issue", 0.9);
  // "No voy a poder ir con la señora Lupe… no la pude cambiar": the sender's own can't is a call-off.
  if (e.has("clientRef") && e.has("change") && !e.any("myShift", "callOff")) return d("schedule_change", 0.85);
  // "Mother was admitted; please hold off on her visits": a change asked because the client is in hospital.
  if (e.has("change") && e.has("hospital") && !e.any("myShift", "callOff", "decline")) return d("schedule_change", 0.8);
  // "Mr. Harold granddaughter call me, she say cancel my visit Tuesday": the client's side changed it.
  if (e.has("relayedChange") && !e.has("callOff")) return d("schedule_change", 0.82);
  // "How this work? I just answer here?": what this number is, whatever was last asked (an offer's
  // "what is this?" is about the offer).
  if (kind !== "offer" && e.has("help") && !e.any("callOff", "late", "sick", "yes", "accept", "no", "decline", "more", "less", "confirm", "done", "arrived")) return d("help", 0.85);

  const byContext =
    kind === "offer"
      ? decideOffer(f)
      : kind === "confirm_request"
        ? decideConfirmRequest(f)
        : kind === "availability_checkin"
          ? decideAvailabilityCheckin(f)
          : kind === "clock_nudge"
            ? decideClockNudge(f)
            : kind === "after_hours"
              ? decideAfterHours(f)
              : undefined;
  return byContext ?? decideOpen(f);
}
