import type { ConversationContext, Entities, Interpretation, TimeRange } from "../../domain/intents.js";
import type { Language } from "../../domain/types.js";
import { DateTime } from "luxon";
import { canonicalize } from "./canonical.js";
import { findDates } from "./dates.js";
import { decide } from "./decide.js";
import { Evidence } from "./evidence.js";
import { detectLanguage } from "./language.js";
import { DATE_INDEX, KEYWORDS, knowsRussianWord, SIGNAL_INDEX, segmentHan, VOCABULARY } from "./lexicons/index.js";
import { selectLongest, toView } from "./match.js";
import { findSelection, optionFacts } from "./selection.js";
import { findTimes } from "./times.js";
import { tokenize, type Token } from "./tokenize.js";
import { cyrillizeTokens, joinDigitLetters } from "./translit.js";

const CYRILLIC = /\p{Script=Cyrillic}/u;
/** "Only Mon Wed Fri now": a word before a weekday that limits the days to those named. */
const ONLY_WORDS = new Set(["only", "just", "solo", "solamente", "nomas", "lang", "chi", "только", "selman", "只", "仅"]);

export interface InterpretOptions {
  /** The reference instant for "today"/"tomorrow"; passed in so the interpreter never reads a clock. */
  now: Date;
  /** The agency's IANA timezone, e.g. "America/Denver". */
  timezone: string;
  /** The caregiver's profile language; decides short messages that carry no language ("ok", 👍). */
  languageHint?: Language;
}

/** Whole days from today in `timezone` to an ISO date. */
function daysBetween(now: Date, timezone: string, isoDate: string): number {
  const today = DateTime.fromJSDate(now, { zone: timezone }).startOf("day");
  return Math.round(DateTime.fromISO(isoDate, { zone: timezone }).diff(today, "days").days);
}

/** The single offered time range, when the offer has exactly one option whose label states it. */
/**
 * Language, with a second look at words that use digits as letters ("sei4as", "do4'"): read as letters,
 * they can make a text Russian.
 */
function detectTranslit(text: string, tokens: Token[], hint: Language | undefined) {
  const first = detectLanguage(text, tokens, hint);
  const joined = first.language === "ru" ? text : joinDigitLetters(text);
  if (joined === text) return first;
  const second = detectLanguage(joined, tokenize(joined, segmentHan), hint);
  return second.language === "ru" ? second : first;
}

/** The offered hours: of the only option, or of the one option the reply picks ("2 yes but only till 5"). */
function offerRangeOf(context: ConversationContext, selection: number[] | undefined): TimeRange | undefined {
  const options = context.options ?? [];
  const only = options.length === 1 ? options[0] : selection?.length === 1 ? options.find((o) => o.n === selection[0]) : undefined;
  return only ? optionFacts(only).range : undefined;
}

/**
 * Interprets one inbound SMS with deterministic rules: tokenize, detect the language, match per-language
 * lexicons, extract dates/times/selections, and let the open question (`context`) decide what a short
 * reply means. Pure and synchronous; typical messages take well under a millisecond.
 *
 * Confidence is ≥ 0.9 for clear keyword evidence, lower for thin or typo-corrected evidence, and below
 * MIN_ACTIONABLE_CONFIDENCE when the rules are guessing, so the agent asks instead of acting.
 */
export function interpret(text: string, context: ConversationContext, opts: InterpretOptions): Interpretation {
  const written = tokenize(text, segmentHan);
  const { language } = detectTranslit(text, written, opts.languageHint);
  // Russian in Latin letters is read as the Cyrillic it stands for.
  const raw = language === "ru" && !CYRILLIC.test(text) ? cyrillizeTokens(tokenize(joinDigitLetters(text), segmentHan), VOCABULARY.en, VOCABULARY.ru, knowsRussianWord) : written;
  const tokens = canonicalize(raw, language);
  const view = toView(tokens);
  const hasQuestion = tokens.some((t) => t.norm === "?");

  const ev = new Evidence(SIGNAL_INDEX.findAll(view, hasQuestion), view, language);
  const dateMatches = selectLongest(DATE_INDEX.findAll(view, hasQuestion));
  const { dates, consumed: dateTokens } = findDates(tokens, view, dateMatches, opts.now, opts.timezone);
  const options = context.kind === "offer" ? (context.options ?? []) : [];
  const times = findTimes(tokens, dateTokens, { preferSelection: options.length > 1, language });
  const consumed = new Set([...dateTokens, ...times.consumed]);
  const selection = options.length > 0 ? findSelection({ view, tokens, consumed, signals: ev.matches, dateMatches, options, language }) : undefined;

  const words = view.filter((v) => v.kind === "word");
  const keywordText = words.length > 0 && words.length === view.filter((v) => v.kind !== "emoji").length ? words.map((v) => v.norm).join(" ") : "";
  const keyword = KEYWORDS.get(keywordText)?.keyword;

  const specificDay = dates.find((x) => !x.weekday);
  const decision = decide({
    ev,
    context,
    keyword,
    selection,
    times,
    offerRange: context.kind === "offer" ? offerRangeOf(context, selection) : undefined,
    wordCount: view.length,
    hasQuestion,
    daysAhead: specificDay ? daysBetween(opts.now, opts.timezone, specificDay.date) : undefined,
    weekdays: dates.filter((x) => x.weekday).length,
    onlyDays: dateMatches.some((m) => /^w[1-7]$/.test(m.label) && ONLY_WORDS.has(view[m.start - 1]?.norm ?? "")),
  });

  const entities: Entities = {};
  if (dates[0]) entities.date = dates[0].date;
  const time = times.at ?? times.from ?? times.until;
  if (time !== undefined) entities.timeMinutes = time;
  if (decision.intent === "running_late" && times.durations[0] !== undefined) entities.etaMinutes = Math.min(times.durations[0], 1440);
  if (decision.selection) entities.selection = decision.selection;
  const range = decision.timeRange ?? times.range;
  if (range) entities.timeRange = range;
  if (decision.availability) entities.availability = decision.availability;

  return {
    intent: decision.intent,
    language,
    confidence: Math.round(Math.min(1, Math.max(0, decision.confidence)) * 100) / 100,
    entities,
    source: "rules",
  };
}
