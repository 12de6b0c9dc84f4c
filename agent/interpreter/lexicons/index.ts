import type { Language } from "../../../domain/types.js";
import type { DateWord, Keyword, LexiconData, Signal } from "../lexicon.js";
import { FILLERS, PhraseIndex, type Part, type Phrase } from "../match.js";
import { foldWord, toSimplified } from "../normalize.js";
import { tokenize, type HanSegmenter } from "../tokenize.js";
import { EMOJI_SIGNALS } from "./emoji.js";
import { en } from "./en.js";
import { es } from "./es.js";
import { ht } from "./ht.js";
import { ru } from "./ru.js";
import { tl } from "./tl.js";
import { vi } from "./vi.js";
import { zh } from "./zh.js";

/** Every lexicon, in the order ties are broken when detecting a language (English first). */
export const LEXICONS: readonly LexiconData[] = [en, es, tl, vi, ht, ru, zh];

/** Latin-script languages, whose language is decided by vocabulary votes rather than by script. */
// Russian is here for texts transliterated into Latin letters ("izvinite, zavtra ne smogu"), recognised by its
// markers only; Cyrillic texts are Russian by script.
export const LATIN_LANGUAGES: readonly Language[] = ["en", "es", "tl", "vi", "ht", "ru"];

const HAN = /\p{Script=Han}/u;
const CHINESE_NUMERAL = /^[零〇一二两三四五六七八九十百]+$/u;

/** Compiles one written phrase into pattern parts (see LexiconData for the syntax). */
export function compilePattern(text: string, aliases?: Record<string, string>): { parts: Part[]; needsQuestion: boolean } {
  const parts: Part[] = [];
  let needsQuestion = false;
  if (HAN.test(text)) {
    for (const piece of toSimplified(text).split(/\s+/).filter(Boolean)) {
      if (piece === "*") parts.push({ t: "gap" });
      else if (piece === "#") parts.push({ t: "num" });
      else if (piece === "?") needsQuestion = true;
      else parts.push({ t: "lit", v: piece.toLowerCase() });
    }
    return { parts, needsQuestion };
  }
  for (const tok of tokenize(text)) {
    if (tok.kind === "punct") {
      const prev = parts[parts.length - 1];
      if (tok.norm === "*") parts.push({ t: "gap" });
      else if (tok.norm === "#") parts.push({ t: "num" });
      else if (tok.norm === "?") needsQuestion = true;
      else if (tok.norm === "~" && prev?.t === "lit") parts[parts.length - 1] = { t: "pre", v: prev.v };
      // Other punctuation inside a phrase ("ma-late") is ignored, as the matcher ignores it in messages.
    } else if (!FILLERS.has(tok.norm)) parts.push({ t: "lit", v: aliases?.[tok.norm] ?? tok.norm });
  }
  return { parts, needsQuestion };
}

/** Compiles a table of phrases; the lexicon's aliases apply so "see u" matches a message whose "u" became "you". */
function phrasesOf<L extends string>(lex: Pick<LexiconData, "lang" | "aliases">, table: Partial<Record<L, string[]>>): Phrase<L>[] {
  const lang = lex.lang;
  const out: Phrase<L>[] = [];
  for (const [label, list] of Object.entries(table) as Array<[L, string[] | undefined]>) {
    for (const text of list ?? []) {
      const { parts, needsQuestion } = compilePattern(text, lex.aliases);
      if (parts.length === 0) continue;
      out.push({ label, lang, parts, needsQuestion, weight: parts.filter((p) => p.t !== "gap").length });
    }
  }
  return out;
}

/** Folded single words a lexicon knows, for language votes and to stop typo correction of real words. */
function vocabularyOf(lex: LexiconData): Set<string> {
  const words = new Set<string>();
  const addPhrase = (text: string) => {
    for (const p of compilePattern(text).parts) if (p.t === "lit" || p.t === "pre") words.add(p.v);
  };
  for (const list of Object.values(lex.signals)) for (const t of list ?? []) addPhrase(t);
  for (const list of Object.values(lex.dates)) for (const t of list ?? []) addPhrase(t);
  for (const list of Object.values(lex.keywords)) for (const t of list ?? []) addPhrase(t);
  for (const t of [...Object.keys(lex.markers), ...Object.keys(lex.numbers), ...(lex.common ?? []), ...lex.negators]) addPhrase(t);
  for (const t of Object.values(lex.aliases ?? {})) addPhrase(t);
  return words;
}

/** Parses Chinese numerals up to 999 ("十五" → 15, "两" → 2). */
export function parseChineseNumber(s: string): number | undefined {
  const digits: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
  if (!CHINESE_NUMERAL.test(s)) return undefined;
  let total = 0;
  let current = 0;
  for (const ch of s) {
    if (ch === "百") {
      total += (current || 1) * 100;
      current = 0;
    } else if (ch === "十") {
      total += (current || 1) * 10;
      current = 0;
    } else current = digits[ch] ?? 0;
  }
  return total + current;
}

function buildHanSegmenter(words: Set<string>): HanSegmenter {
  let maxLen = 1;
  for (const w of words) maxLen = Math.max(maxLen, [...w].length);
  // Max-munch over the lexicon's own words: the longest known word wins, so 不好意思 is one token and never
  // yields 好 ("ok"). Numeral runs become numbers so "十五分钟" carries 15.
  return (run) => {
    const chars = [...run];
    const out: ReturnType<HanSegmenter> = [];
    let i = 0;
    while (i < chars.length) {
      let word = "";
      for (let len = Math.min(maxLen, chars.length - i); len >= 2; len--) {
        const cand = chars.slice(i, i + len).join("");
        if (words.has(cand)) {
          word = cand;
          break;
        }
      }
      let numeral = "";
      for (let j = i; j < chars.length && CHINESE_NUMERAL.test(chars[j]!); j++) numeral += chars[j];
      if (numeral && [...numeral].length > [...word].length) {
        out.push({ text: numeral, kind: "number", norm: String(parseChineseNumber(numeral)) });
        i += [...numeral].length;
      } else if (word) {
        out.push({ text: word, kind: "word", norm: word });
        i += [...word].length;
      } else {
        out.push({ text: chars[i]!, kind: "word", norm: chars[i]! });
        i += 1;
      }
    }
    return out;
  };
}

const signalPhrases: Phrase<Signal>[] = [];
const datePhrases: Phrase<DateWord>[] = [];
for (const lex of LEXICONS) {
  signalPhrases.push(...phrasesOf(lex, lex.signals));
  datePhrases.push(...phrasesOf(lex, lex.dates));
}
// Emoji mean the same in every language; tagging them English only matters for the language gate, which
// always lets English-tagged phrases through.
signalPhrases.push(...phrasesOf({ lang: "en" }, EMOJI_SIGNALS));

/** All signal phrases of all languages. */
export const SIGNAL_INDEX = new PhraseIndex<Signal>(signalPhrases);
/** Relative-date and weekday words of all languages. */
export const DATE_INDEX = new PhraseIndex<DateWord>(datePhrases);

/** Whole-message keywords, folded ("STOP!!" → "stop"); multi-word keywords joined by one space. */
export const KEYWORDS = new Map<string, { keyword: Keyword; lang: Language }>();
for (const lex of LEXICONS) {
  for (const [keyword, list] of Object.entries(lex.keywords) as Array<[Keyword, string[] | undefined]>) {
    for (const text of list ?? []) {
      const key = compilePattern(text).parts.map((p) => (p.t === "lit" ? p.v : "")).join(" ");
      if (!KEYWORDS.has(key)) KEYWORDS.set(key, { keyword, lang: lex.lang });
    }
  }
}

export const VOCABULARY: Record<Language, Set<string>> = Object.fromEntries(LEXICONS.map((l) => [l.lang, vocabularyOf(l)])) as Record<Language, Set<string>>;

/** Any-language vocabulary: a token found here is a real word and is never "corrected". */
export const KNOWN_WORDS = new Set<string>(LEXICONS.flatMap((l) => [...VOCABULARY[l.lang]]));

/** Stems of the Russian lexicon's prefix patterns ("опаздыва~"). */
const RUSSIAN_STEMS = (() => {
  const stems = new Set<string>();
  for (const list of [...Object.values(ru.signals), ...Object.values(ru.dates)]) {
    for (const t of list ?? []) for (const p of compilePattern(t).parts) if (p.t === "pre" && p.v.length >= 3) stems.add(p.v);
  }
  return [...stems];
})();

/** A Cyrillic word the Russian lexicon knows, whole or by one of its stems: picks a translit reading. */
export function knowsRussianWord(word: string): boolean {
  return VOCABULARY.ru.has(word) || RUSSIAN_STEMS.some((stem) => word.startsWith(stem));
}

export const MARKERS: Record<Language, Map<string, number>> = Object.fromEntries(
  LEXICONS.map((l) => [l.lang, new Map(Object.entries(l.markers).map(([w, n]) => [foldWord(w), n]))]),
) as Record<Language, Map<string, number>>;

export const NEGATORS: Record<Language, Set<string>> = Object.fromEntries(
  LEXICONS.map((l) => [l.lang, new Set(l.negators.map((w) => (HAN.test(w) ? w : foldWord(w))))]),
) as Record<Language, Set<string>>;

export const ALIASES: Record<Language, Map<string, string>> = Object.fromEntries(
  LEXICONS.map((l) => [l.lang, new Map(Object.entries(l.aliases ?? {}).map(([k, v]) => [foldWord(k), foldWord(v)]))]),
) as Record<Language, Map<string, string>>;

/** Number words per language ("three", "tres", "три") for option selection. */
export const NUMBER_WORDS: Record<Language, Map<string, number>> = Object.fromEntries(
  LEXICONS.map((l) => [l.lang, new Map(Object.entries(l.numbers).map(([w, n]) => [foldWord(w), n]))]),
) as Record<Language, Map<string, number>>;

/** Words long enough to be typo-correction targets, per language. */
export const FUZZY_TARGETS: Record<Language, string[]> = Object.fromEntries(
  LEXICONS.map((l) => [l.lang, [...VOCABULARY[l.lang]].filter((w) => w.length >= 5 && /^\p{Script=Latin}+$/u.test(w))]),
) as Record<Language, string[]>;

/** Segments Chinese with the Chinese lexicon's words (including dates and ordinary words). */
export const segmentHan: HanSegmenter = buildHanSegmenter(
  new Set(
    [...VOCABULARY.zh, "半小时", "小时", "个小时", "分钟", "点半"].filter((w) => HAN.test(w)),
  ),
);
