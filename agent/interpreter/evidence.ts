import type { Language } from "../../domain/types.js";
import { SIGNAL_PRIORITY, type Signal } from "./lexicon.js";
import { NEGATORS, VOCABULARY } from "./lexicons/index.js";
import { selectLongest, type Match, type ViewToken } from "./match.js";

/** Signals a preceding "not"/"no"/"không"/"не" cancels ("not urgent" must never page anyone). */
const NEGATABLE = new Set<Signal>(["late", "sick", "urgent", "available", "more", "incident", "hospital", "arrived", "yes", "accept", "confirm", "done"]);
const NEGATION_WINDOW = 3;

/**
 * Whether a phrase of another language may count in this message. Multi-word phrases always may (they are
 * specific); a single word only if it is from the message's language, from English (SMS everywhere borrows
 * "ok", "late", "app"), and not a word the message's language uses differently ("ya" is Spanish "already",
 * not English "yeah"; "co" is Vietnamese "yes" only in Vietnamese).
 */
function allowed(m: Match<Signal>, view: ViewToken[], language: Language): boolean {
  if (m.lang === language) return true;
  if (m.end - m.start >= 2) return true;
  const word = view[m.start]!.norm;
  if (m.lang === "en") return language === "en" || !VOCABULARY[language].has(word) || view[m.start]!.kind === "emoji";
  return word.length >= 5 && !VOCABULARY[language].has(word);
}

/** Marks matches of negatable signals that follow a negator in the same clause. */
function markNegation(matches: Match<Signal>[], view: ViewToken[], language: Language): Match<Signal>[] {
  const negators = new Set([...NEGATORS[language], ...NEGATORS.en, "cant", "cannot", "couldnt"]);
  return matches.map((m) => {
    if (!NEGATABLE.has(m.label)) return m;
    for (let k = m.start - 1; k >= Math.max(0, m.start - NEGATION_WINDOW); k--) {
      // A clause break between word k and the word after it ends the scan: "not cancelling, stuck in traffic".
      if (view[k + 1]!.breakBefore) break;
      if (negators.has(view[k]!.norm)) return { ...m, negated: true };
    }
    return m;
  });
}

/** The signals found in one message, after language gating, longest-match selection and negation. */
export class Evidence {
  readonly matches: Match<Signal>[];

  constructor(raw: Match<Signal>[], view: ViewToken[], language: Language) {
    this.matches = markNegation(selectLongest(raw.filter((m) => allowed(m, view, language)), SIGNAL_PRIORITY), view, language);
  }

  /** True if the signal occurs and is not negated. */
  has(signal: Signal): boolean {
    return this.matches.some((m) => m.label === signal && !m.negated);
  }

  any(...signals: Signal[]): boolean {
    return signals.some((s) => this.has(s));
  }

  /** True if every occurrence of these signals came through a typo correction. */
  onlyFuzzy(...signals: Signal[]): boolean {
    const hits = this.matches.filter((m) => signals.includes(m.label) && !m.negated);
    return hits.length > 0 && hits.every((m) => m.fuzzy);
  }

  /** Position of the last occurrence of any of the signals, or -1: later words tend to be the answer. */
  lastAt(...signals: Signal[]): number {
    return Math.max(-1, ...this.matches.filter((m) => signals.includes(m.label) && !m.negated).map((m) => m.start));
  }

  /** Words explained by some signal, for judging how much of a message the rules understood. */
  coveredWords(): number {
    const covered = new Set<number>();
    for (const m of this.matches) for (let i = m.start; i < m.end; i++) covered.add(i);
    return covered.size;
  }
}
