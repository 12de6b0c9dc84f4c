import type { Language } from "../../domain/types.js";
import { knowsRussianWord, LATIN_LANGUAGES, MARKERS, VOCABULARY } from "./lexicons/index.js";
import type { Token } from "./tokenize.js";
import { cyrillize } from "./translit.js";

export interface LanguageGuess {
  language: Language;
  /** False when the text carried too little evidence ("ok", 👍, "1") and the hint or English was used. */
  detected: boolean;
}

const CYRILLIC = /\p{Script=Cyrillic}/gu;
const HAN = /\p{Script=Han}/gu;
const LATIN = /\p{Script=Latin}/gu;
// Letters only Vietnamese uses among our languages (ă â đ ê ô ơ ư and the stacked tone marks).
const VIETNAMESE_LETTERS = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịĩọỏốồổỗộớờởỡợụủũứừửữựỳỵỷỹ]/iu;
const SPANISH_MARKS = /[ñ¿¡]/iu;
const HAITIAN_MARKS = /[èò]/iu;

/** Below this much evidence a message is "too short to tell". */
const MIN_EVIDENCE = 1;

function count(re: RegExp, s: string): number {
  return s.match(re)?.length ?? 0;
}

/**
 * Detects the language of one SMS: script first (Cyrillic → ru, Han → zh), then votes from distinctive
 * letters and from each lexicon's vocabulary for Latin-script text. A word known to k languages gives each
 * 1/k of a vote; marker words (function words such as "po", "mwen", "que") carry explicit weights.
 */
export function detectLanguage(text: string, tokens: Token[], hint?: Language): LanguageGuess {
  const fallback: LanguageGuess = { language: hint ?? "en", detected: false };
  const latin = count(LATIN, text);
  const han = count(HAN, text);
  const cyrillic = count(CYRILLIC, text);
  if (han > 0 && han * 2 >= latin) return { language: "zh", detected: true };
  if (cyrillic > 0 && cyrillic >= latin) return { language: "ru", detected: true };

  const scores = new Map<Language, number>(LATIN_LANGUAGES.map((l) => [l, 0]));
  const add = (l: Language, n: number) => scores.set(l, (scores.get(l) ?? 0) + n);
  for (const t of tokens) {
    if (t.kind !== "word" || t.han) continue;
    if (VIETNAMESE_LETTERS.test(t.raw)) add("vi", 3);
    else if (HAITIAN_MARKS.test(t.raw)) add("ht", 1.5);
    if (SPANISH_MARKS.test(t.raw)) add("es", 2);
    const w = t.norm;
    const marked = LATIN_LANGUAGES.filter((l) => MARKERS[l].has(w));
    for (const l of marked) add(l, MARKERS[l].get(w)!);
    const knowing = LATIN_LANGUAGES.filter((l) => !MARKERS[l].has(w) && VOCABULARY[l].has(w));
    for (const l of knowing) add(l, 1 / (knowing.length + marked.length));
    // A word no Latin-script lexicon knows that is a Russian word once written in Cyrillic ("vtoruyu", "skoruyu").
    if (knowing.length === 0 && marked.length === 0 && w.length >= 3 && knowsRussianWord(cyrillize(w, knowsRussianWord))) add("ru", w.length >= 6 ? 2 : 1);
  }
  if (SPANISH_MARKS.test(text)) add("es", 1);

  let best: Language = fallback.language;
  let bestScore = 0;
  for (const [l, s] of scores) {
    // Strictly greater keeps the earlier language on ties; the hint is tried first below.
    if (s > bestScore) {
      best = l;
      bestScore = s;
    }
  }
  if (bestScore < MIN_EVIDENCE) return fallback;
  // A tie with the hinted language goes to the hint: the caregiver's profile language is good evidence.
  if (hint && (scores.get(hint) ?? 0) === bestScore) return { language: hint, detected: true };
  return { language: best, detected: true };
}
