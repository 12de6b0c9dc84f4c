import type { Language } from "../../domain/types.js";
import { ALIASES, FUZZY_TARGETS, KNOWN_WORDS, VOCABULARY } from "./lexicons/index.js";
import type { Token } from "./tokenize.js";

/**
 * Restricted Damerau–Levenshtein distance (one transposition counts as one edit: "confrim" → "confirm"),
 * with an early exit once every cell of a row exceeds `max`.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push([i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    let rowMin = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = v;
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
  }
  return rows[a.length]![b.length]!;
}

/** Edits allowed for a word of this length: none below 5 letters, where a typo is indistinguishable from another word. */
function allowedEdits(length: number): number {
  if (length < 5) return 0;
  return length < 8 ? 1 : 2;
}

// Memo of corrections; deterministic, so caching never changes a result. Bounded to stay small.
const memo = new Map<string, string | null>();
const MEMO_LIMIT = 5000;

/** The closest lexicon word to an unknown word, or null. Same first letter required: typos rarely hit it. */
export function correctTypo(word: string, lang: Language): string | null {
  const key = `${lang}:${word}`;
  const cached = memo.get(key);
  if (cached !== undefined) return cached;
  const max = allowedEdits(word.length);
  let best: string | null = null;
  let bestDistance = max + 1;
  if (max > 0) {
    const targets = lang === "en" ? FUZZY_TARGETS.en : [...FUZZY_TARGETS[lang], ...FUZZY_TARGETS.en];
    for (const t of targets) {
      if (t[0] !== word[0] || Math.abs(t.length - word.length) > max) continue;
      const d = editDistance(word, t, max);
      if (d < bestDistance) {
        best = t;
        bestDistance = d;
      }
    }
  }
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, best);
  return best;
}

/** "yesss" → "yes", "nooo" → "no", "okkkk" → "ok" when the shortened form is a known word. */
function collapseRepeats(word: string): string | null {
  if (!/(.)\1\1/u.test(word)) return null;
  const two = word.replace(/(.)\1{2,}/gu, "$1$1");
  if (KNOWN_WORDS.has(two)) return two;
  const one = word.replace(/(.)\1+/gu, "$1");
  return KNOWN_WORDS.has(one) ? one : null;
}

/**
 * Rewrites word tokens into lexicon vocabulary: SMS aliases ("tmrw" → "tomorrow"), stretched words
 * ("yesss"), then typo correction ("tomorow", "confrim"). Known words are left alone, so a real word is
 * never "corrected" into a keyword. Corrected tokens are flagged so confidence can drop a little.
 */
export function canonicalize(tokens: Token[], lang: Language): Token[] {
  return tokens.map((t) => {
    if (t.kind !== "word" || t.han) return t;
    // The message language's own shorthands always apply ("ko" is Vietnamese "không"); English ones
    // ("u", "tmrw") only where the message language has no such word.
    const own = ALIASES[lang].get(t.norm);
    if (own) return { ...t, norm: own };
    const english = ALIASES.en.get(t.norm);
    if (english && !VOCABULARY[lang].has(t.norm)) return { ...t, norm: english };
    if (KNOWN_WORDS.has(t.norm)) return t;
    const collapsed = collapseRepeats(t.norm);
    if (collapsed) return { ...t, norm: collapsed };
    if (!/^\p{Script=Latin}+$/u.test(t.norm)) return t;
    const fixed = correctTypo(t.norm, lang);
    return fixed ? { ...t, norm: fixed, fuzzy: true } : t;
  });
}
