import type { OfferOption, TimeRange } from "../../domain/intents.js";
import type { Language } from "../../domain/types.js";
import { findDates } from "./dates.js";
import type { DateWord, Signal } from "./lexicon.js";
import { DATE_INDEX, NUMBER_WORDS, segmentHan } from "./lexicons/index.js";
import { selectLongest, toView, type Match, type ViewToken } from "./match.js";
import { findTimes } from "./times.js";
import { tokenize, type Token } from "./tokenize.js";

/** What an offer option's label says about it: "Mon Jun 2, 2-6pm, Aurora" → weekday 1, 14:00–18:00. */
export interface OptionFacts {
  n: number;
  /** ISO weekday, 1 = Monday. */
  weekday?: number;
  range?: TimeRange;
}

const WEEKDAY_LABEL: Partial<Record<DateWord, number>> = { w1: 1, w2: 2, w3: 3, w4: 4, w5: 5, w6: 6, w7: 7 };
// Any fixed instant works: labels are only searched for weekday names and times, never resolved to dates.
const LABEL_EPOCH = new Date(0);

/** Reads weekday and time range out of an option label with the same parsers used for messages. */
export function optionFacts(option: OfferOption): OptionFacts {
  const tokens = tokenize(option.label, segmentHan);
  const view = toView(tokens);
  const dateMatches = selectLongest(DATE_INDEX.findAll(view, false));
  const weekday = dateMatches.map((m) => WEEKDAY_LABEL[m.label]).find((w) => w !== undefined);
  const { consumed } = findDates(tokens, view, dateMatches, LABEL_EPOCH, "UTC");
  const { range } = findTimes(tokens, consumed);
  return { n: option.n, weekday, range };
}

/** Words that turn the following picks into exclusions: "not 3", "all except 2", "todos menos el 2". */
const EXCLUDE = new Set(["not", "except", "excepto", "menos", "sin", "minus", "cant", "cannot", "maliban", "tru", "sof", "eksepte", "кроме", "除了", "不要"]);
/** Words that end an exclusion: "can't do 2 but 1 and 3 yes". */
const RESUME = new Set(["but", "pero", "nhung", "men", "но", "但是", "yes"]);
/** A number word only counts next to another pick or after one of these ("just two", "number one"). */
const NUMBER_WORD_CUES = new Set(["number", "option", "opcion", "just", "only", "solo", "el", "la", "numero", "so", "#"]);
/** Ordinals count when they name an option: "the first one", "the second shift". */
const ORDINALS = new Set(["first", "second", "third", "fourth", "primero", "segundo", "tercero", ...["первую", "вторую", "третью", "четвертую", "первая", "вторая", "третья", "четвертая"]]);
/** Russian ordinals agree with "смена" (shift) and are never adverbs ("сначала" is): they always name an option. */
const ALWAYS_ORDINALS = new Set(["первую", "вторую", "третью", "четвертую", "первая", "вторая", "третья", "четвертая"]);
/** "the other two", "los otros dos": a count of the remaining options, not option 2. */
const OTHER_WORDS = new Set(["other", "others", "otros", "otras", "остальные", "другие"]);
const ORDINAL_CUES = new Set(["the", "el", "la", "number", "option", "just", "only", "solo", "take", "want", "ang", "yung"]);
/** "the second and fourth": an ordinal joined to another by one of these names an option too. */
const AND_WORDS = new Set(["and", "y", "и", "at", "ak", "va", "和"]);
const OPTION_NOUNS = new Set(["one", "shift", "option", "uno", "turno", "смену"]);

const THROUGH_WORDS = new Set(["to", "thru", "through", "al", "a", "до", "到", "hanggang", "den"]);

/** Signals that refuse what their clause names; one that takes or confirms makes the clause a pick. */
const REFUSAL: ReadonlySet<Signal> = new Set(["no", "decline", "callOff", "none"]);
const TAKING: ReadonlySet<Signal> = new Set(["yes", "accept", "confirm", "all", "available"]);

/**
 * Per view position: whether its clause refuses what it names, so the picks there are exclusions:
 * "Tuesday and Thursday. Monday won't work", "1 and 2 yes, 3 no", "còn thứ Ba em bận", "其他两天去不了".
 * A clause ends at punctuation or at "but" ("can't do Monday but Tuesday and Thursday work").
 */
function refusingClauses(view: ViewToken[], signals: Match<Signal>[], language: Language): boolean[] {
  const clauseOf: number[] = [];
  let clause = 0;
  view.forEach((v, i) => {
    if (i > 0 && (v.breakBefore || (RESUME.has(v.norm) && v.norm !== "yes"))) clause++;
    clauseOf.push(clause);
  });
  const refuses = new Set<number>();
  const refusesFirmly = new Set<number>();
  const takes = new Set<number>();
  const takesAll = new Set<number>();
  for (const m of signals) {
    if (m.negated || isNumeroAbbreviation(m, view, signals, language)) continue;
    if (REFUSAL.has(m.label)) refuses.add(clauseOf[m.start]!);
    if (REFUSAL.has(m.label) && m.label !== "no") refusesFirmly.add(clauseOf[m.start]!);
    if (m.label === "all") takesAll.add(clauseOf[m.start]!);
    else if (TAKING.has(m.label)) takes.add(clauseOf[m.start]!);
  }
  // An ALL word takes only where nothing firmly refuses: "все эти дни меня не будет" ("all those days I'm away").
  const taking = (c: number) => takes.has(c) || (takesAll.has(c) && !refusesFirmly.has(c));
  return view.map((_, i) => refuses.has(clauseOf[i]!) && !taking(clauseOf[i]!));
}

const REGRET: ReadonlySet<Signal> = new Set(["no", "decline", "callOff", "none", "softener", "imGood", "sick"]);

/**
 * "No 2 please": an English reply that opens with "No" right before a number, and says nothing else
 * refusing or regretful, means "No." (number). "1 and 3. no 2" and "no 2 sorry" still refuse 2.
 */
function isNumeroAbbreviation(m: Match<Signal>, view: ViewToken[], signals: Match<Signal>[], language: Language): boolean {
  const next = view[1];
  if (language !== "en" || m.label !== "no" || m.start !== 0 || m.end !== 1 || next?.kind !== "number" || next.breakBefore) return false;
  return !signals.some((other) => other !== m && !other.negated && REGRET.has(other.label));
}

/** The first number of "A-B" / "A thru B" when view[i] is B, else undefined. */
function rangeStart(view: ViewToken[], tokens: Token[], i: number, consumed: Set<number>): number | undefined {
  const isPick = (v: ViewToken | undefined) => v?.kind === "number" && !consumed.has(v.tokenIndex);
  const prev = view[i - 1];
  if (isPick(prev)) {
    const between = tokens.slice(prev!.tokenIndex + 1, view[i]!.tokenIndex).map((t) => t.norm);
    return between.length === 1 && (between[0] === "-" || between[0] === "–") ? Number(prev!.norm) : undefined;
  }
  if (prev && THROUGH_WORDS.has(prev.norm) && isPick(view[i - 2])) return Number(view[i - 2]!.norm);
  return undefined;
}

export interface SelectionInput {
  view: ViewToken[];
  /** The full token list, to see the "-" in "1-3" (the view drops punctuation). */
  tokens: Token[];
  /** Token indices used by times and dates ("at 2", "11/24"), which are not option numbers. */
  consumed: Set<number>;
  signals: Match<Signal>[];
  dateMatches: Match<DateWord>[];
  options: OfferOption[];
  language: Language;
}

/**
 * Which offer options a reply picks: numbers ("1 and 3", "1,3", "#2", "1️⃣"), number words ("one and
 * three", "el uno"), ALL words (all, both, todos, tất cả, 全部) and weekdays matched against the option
 * labels ("the monday one"). Exclusions apply after inclusions, so "all except 2" and "all but friday"
 * work. Returns undefined when nothing is picked.
 */
export function findSelection(input: SelectionInput): number[] | undefined {
  const { view, tokens, consumed, signals, dateMatches, options } = input;
  if (options.length === 0) return undefined;
  const facts = options.map(optionFacts);
  const valid = new Set(options.map((o) => o.n));
  const numberWords = new Map([...NUMBER_WORDS.en, ...NUMBER_WORDS[input.language]]);
  const allAt = new Map(signals.filter((m) => m.label === "all").map((m) => [m.start, m.end]));
  const weekdayAt = new Map<number, number>();
  for (const m of dateMatches) {
    const wd = WEEKDAY_LABEL[m.label];
    if (wd !== undefined) weekdayAt.set(m.start, wd);
  }
  const pickCount = view.filter((v, i) => (v.kind === "number" && !consumed.has(v.tokenIndex)) || weekdayAt.has(i)).length;

  const include = new Set<number>();
  const exclude = new Set<number>();
  const refused = refusingClauses(view, signals, input.language);
  const verdictAt = new Map<number, "take" | "refuse">();
  for (const m of signals) {
    if (m.negated) continue;
    if (REFUSAL.has(m.label) && !isNumeroAbbreviation(m, view, signals, input.language)) verdictAt.set(m.start, "refuse");
    else if (TAKING.has(m.label)) verdictAt.set(m.start, "take");
  }
  let excluding = false;
  // Clauses (split at punctuation) that already named options: an ALL word there means "both of those".
  let clause = 0;
  const namedIn = new Set<number>();
  view.forEach((v, i) => {
    if (i > 0 && v.breakBefore) clause++;
    const prev = view[i - 1]?.norm ?? "";
    // Haitian "men pa 2" ("but not 2"); elsewhere "pa" is not a negation (Tagalog "1 pa" is "one more").
    if (EXCLUDE.has(v.norm) || (input.language === "ht" && v.norm === "pa")) excluding = true;
    // "but" resumes picking, except right after ALL, where "all but friday" excludes.
    else if (RESUME.has(v.norm)) excluding = allAt.has(i - 1);
    const target = excluding || refused[i] ? exclude : include;
    if (allAt.has(i)) {
      // "к сожалению нет, все эти дни меня не будет": ALL inside a refusal takes nothing.
      // "all of them no": a refusal right after it, as after a number, refuses them all.
      const end = allAt.get(i)!;
      const refusedAfter = !view[end]?.breakBefore && verdictAt.get(end) === "refuse";
      // "第2個和第3個我都可以做", "2 and 3 both": after picks in the same clause, ALL is those picks.
      if (!excluding && !refused[i] && !refusedAfter && !namedIn.has(clause)) for (const n of valid) include.add(n);
      return;
    }
    const wd = weekdayAt.get(i);
    if (wd !== undefined) {
      for (const f of facts) if (f.weekday === wd) target.add(f.n);
      namedIn.add(clause);
      return;
    }
    let n: number | undefined;
    // Tagalog "1 at 3" means "1 and 3": there "at" is a conjunction, not the English "at 3" (a time).
    const tagalogAnd = input.language === "tl" && prev === "at" && i > 1 && view[i - 2]?.kind === "number";
    // Chinese 两 counts things ("两个都要", both of them); option 2 is 二, 第二 or 2.
    const count = tokens[v.tokenIndex]?.raw === "两";
    if (v.kind === "number" && (!consumed.has(v.tokenIndex) || tagalogAnd) && !OTHER_WORDS.has(prev) && !count) n = Number(v.norm);
    else if (v.kind === "word" && numberWords.has(v.norm)) {
      const next = view[i + 1]?.norm;
      const joined = (AND_WORDS.has(next ?? "") && ORDINALS.has(view[i + 2]?.norm ?? "")) || (AND_WORDS.has(prev) && ORDINALS.has(view[i - 2]?.norm ?? ""));
      // A last-word ordinal names an option only when it stands alone or after "the"/"just": "I drop my kids
      // at school first" is an adverb.
      const lastWordPick = next === undefined && (i === 0 || ORDINAL_CUES.has(prev));
      const ordinalPick = ORDINALS.has(v.norm) && (ALWAYS_ORDINALS.has(v.norm) || lastWordPick || OPTION_NOUNS.has(next ?? "") || joined);
      const cued =
        ordinalPick ||
        (!ORDINALS.has(v.norm) &&
          (NUMBER_WORD_CUES.has(prev) || pickCount > 0 || numberWords.has(view[i + 2]?.norm ?? "") || numberWords.has(view[i - 2]?.norm ?? "")));
      // "the monday one", "no one", "which one": "one" there is a pronoun, not option 1.
      const pronoun = v.norm === "one" && (weekdayAt.has(i - 1) || view[i - 1]?.kind === "number" || ORDINALS.has(prev) || ["the", "this", "that", "which", "no", "any", "some", "every", "each", "a"].includes(prev));
      if (cued && !pronoun && !OTHER_WORDS.has(prev)) n = numberWords.get(v.norm);
    }
    if (n !== undefined && valid.has(n)) {
      // "1 yes 2 no 3 yes": a verdict right after a number decides that number, whatever its clause says.
      const verdict = view[i + 1]?.breakBefore ? undefined : verdictAt.get(i + 1);
      namedIn.add(clause);
      (verdict === undefined || excluding ? target : verdict === "take" ? include : exclude).add(n);
      // "1-3" / "1 thru 3" / "1 to 3" picks every option in between.
      const from = rangeStart(view, tokens, i, consumed);
      if (from !== undefined && from < n) for (let k = from + 1; k < n; k++) if (valid.has(k)) target.add(k);
    }
  });
  const picked = [...include].filter((n) => !exclude.has(n)).sort((a, b) => a - b);
  return picked.length > 0 ? picked : undefined;
}
