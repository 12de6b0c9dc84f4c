import type { Language } from "../../domain/types.js";

/**
 * Evidence categories a phrase can contribute. They are deliberately smaller than intents: the same
 * signal means different things under different contexts ("yes" → accept / confirm / more hours), and the
 * mapping lives in decide.ts, not in the lexicons.
 */
export const SIGNALS = [
  "yes", // bare affirmation: yes, ok, 👍, sí, oo, có, wi, да, 好
  "accept", // taking work: "I'll take it", "count me in", "yo lo tomo"
  "no", // bare refusal: no, nope, 👎
  "decline", // refusal with a reason or softener: can't, busy, not available, sorry
  "softener", // sorry, unfortunately: a decline on its own, noise next to a yes
  "imGood", // "I'm good": no-thanks to an offer, "same" to a check-in
  "question", // a question about a shift: what time, where, how long, which client
  "maybe", // hedges: maybe, let me check
  "callOff", // cannot work a scheduled shift: call off, can't make it, no puedo ir
  "sick", // illness of the sender or their family
  "late", // late, on the way, traffic, car trouble
  "arrived", // I'm here
  "done", // done, clocked in now
  "scheduleQuery", // do I work tomorrow, my schedule
  "available", // available, free, can work
  "more", // more hours/shifts
  "less", // fewer hours, time off, vacation
  "same", // no change, all set
  "recurring", // anymore, going forward, Sundays: turns a can't-work into an availability change
  "confirm", // confirm, I'll be there
  "clockTerm", // clock in/out, the app, EVV
  "malfunction", // not working, won't let me, forgot
  "clockIssue", // a whole clock problem in one phrase
  "clientRef", // the client or their family: Mrs., her daughter, la señora, 客户
  "change", // instead of, move, cancelled, don't need me
  "relayedChange", // a change the client's side told the sender of: "she say cancel my visit", "cancel daw"
  "incident", // fall, 911, ambulance, not answering the door
  "hospital", // hospital/ER: an incident at the client, or the sender's own reason for a call-off
  "reassure", // "doing better": a past incident, not a new one
  "urgent",
  "notUrgent",
  "optOut", // stop texting me, unsubscribe
  "help", // what is this number
  "admin", // pay, forms, the office: questions for staff, not about a shift
  "thanks",
  "greeting",
  "all", // all, both, todos, tất cả, 全部
  "none", // none, ninguno
  "partial", // only until, instead, first 2 hours
  "myShift", // my shift: distinguishes a call-off from declining an offer
  "neutral", // phrases that only exist to consume tokens ("de la tarde" is not "late")
] as const;
export type Signal = (typeof SIGNALS)[number];

/**
 * Tie-break for overlapping phrases of equal length: specific problems beat generic answers, so
 * "can't go" is a call-off rather than "I can't" a decline, and "sẽ đến muộn" is late, not "sẽ đến" confirm.
 */
export const SIGNAL_PRIORITY: Partial<Record<Signal, number>> = Object.fromEntries(
  (
    [
      "optOut", "incident", "hospital", "clockIssue", "callOff", "late", "scheduleQuery", "notUrgent", "urgent", "relayedChange", "change", "clientRef",
      "less", "more", "same", "available", "partial", "question", "maybe", "confirm", "accept", "decline", "imGood",
      "arrived", "done", "clockTerm", "malfunction", "sick", "yes", "no", "softener", "thanks", "greeting", "all", "none",
      "myShift", "recurring", "help", "reassure", "admin", "neutral",
    ] as Signal[]
  ).map((s, i) => [s, i]),
);

/** Words that only count when they are the whole message (carrier keywords, one-word commands). */
export type Keyword = "optOut" | "help" | "urgent" | "confirm" | "cancel";

/** Date words; weekdays use ISO numbering (1 = Monday … 7 = Sunday). */
export type DateWord = "today" | "tomorrow" | "dayAfter" | "next" | "w1" | "w2" | "w3" | "w4" | "w5" | "w6" | "w7" | "neutral";

/**
 * One language's vocabulary. Phrases are written naturally and folded at load time with the message
 * tokenizer. Pattern syntax: `*` = a gap of 0–3 words, `word~` = prefix, `#` = any number, a trailing `?`
 * = only when the message contains a question mark. Chinese phrases are written without spaces; spaces
 * separate words of a multi-word pattern.
 */
export interface LexiconData {
  lang: Language;
  /** Language-identification weights for distinctive function words (added to plain vocabulary votes). */
  markers: Record<string, number>;
  signals: Partial<Record<Signal, string[]>>;
  keywords: Partial<Record<Keyword, string[]>>;
  /** Words that negate a following signal within three words ("not urgent", "no es urgente"). */
  negators: string[];
  dates: Partial<Record<DateWord, string[]>>;
  /** Number words for option selection ("one and three", "el uno y el tres"). */
  numbers: Record<string, number>;
  /** SMS shorthands rewritten to a lexicon word ("tmrw" → "tomorrow"); single tokens only. */
  aliases?: Record<string, string>;
  /** Ordinary words: never typo-corrected into a keyword; in Chinese also used to segment text. */
  common?: string[];
}
