import { foldWord } from "./normalize.js";
import type { Token } from "./tokenize.js";

/**
 * Russian written in Latin letters ("translit": "izvinite ne smogu segodnya, zabolela"), turned back into
 * Cyrillic so the Russian lexicon, dates and ordinals read it like any Russian text. Caregivers without a
 * Cyrillic keyboard write this way, each in their own style, so the table takes the common variants of each
 * letter (ж = zh/j before a consonant, ш = sh/w, ч = ch/4, я = ya/ja/q, х = kh/h/x). Transliteration
 * libraries convert one standard in the other direction, which is why this is a table of our own.
 *
 * Folded lexicon words have no diacritics (й is и, ё is е), so й/и and ё/е need not be told apart here.
 */

/** Longest first: a multi-letter spelling wins over its first letter. Alternatives follow the usual reading. */
const SEQUENCES: Array<[string, string[]]> = [
  ["shch", ["щ"]], ["sch", ["щ"]],
  ["zh", ["ж"]], ["kh", ["х"]], ["ts", ["ц"]], ["tz", ["ц"]], ["ch", ["ч"]], ["sh", ["ш"]],
  ["yu", ["ю"]], ["iu", ["ю"]], ["ya", ["я"]], ["yo", ["е"]], ["ye", ["е"]],
  // "ja" is я in one style and "жа" in the other ("jenwina", "nujna", "kajdoe").
  ["ju", ["ю", "жу"]], ["ja", ["я", "жа"]], ["jo", ["е", "жо"]], ["je", ["е", "же"]],
];

const LETTERS: Record<string, string[]> = {
  a: ["а"], b: ["б"], v: ["в"], g: ["г"], d: ["д"], e: ["е"], z: ["з"], i: ["и"], j: ["и", "ж"], k: ["к"], l: ["л"], m: ["м"],
  n: ["н"], o: ["о"], p: ["п"], r: ["р"], s: ["с"], t: ["т"], u: ["у"], f: ["ф"], h: ["х"], x: ["х"], c: ["ц", "с"], w: ["ш", "щ"],
  q: ["я"], "4": ["ч"], "6": ["ш"], "3": ["з"],
};

const VOWELS = new Set(["a", "e", "i", "o", "u", "y"]);
/** Beyond this many spellings of one word, only the usual reading is kept. */
const MAX_SPELLINGS = 64;

/** Whole words whose usual spelling the letter rules get wrong. */
const WORDS: Record<string, string> = {
  est: "есть", yest: "есть", esli: "если", eshe: "еще", eshche: "еще", esche: "еще", ewe: "еще", chto: "что", shto: "что",
  pojalusta: "пожалуйста", pojaluysta: "пожалуйста", plz: "пожалуйста", pls: "пожалуйста",
};

/** Each position's possible Cyrillic, usual reading first. */
function readings(word: string): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < word.length; ) {
    const seq = SEQUENCES.find(([lat]) => word.startsWith(lat, i));
    if (seq) {
      out.push(seq[1]);
      i += seq[0].length;
      continue;
    }
    const ch = word[i]!;
    // "y" after a consonant is usually ы ("vy", "chasy"), elsewhere й ("moy"), which folds to и.
    if (ch === "y") out.push(i > 0 && !VOWELS.has(word[i - 1]!) ? ["ы", "и"] : ["и", "ы"]);
    // A word-initial "e" is е or э ("eto", "etot").
    else if (ch === "e" && i === 0) out.push(["е", "э"]);
    else out.push(LETTERS[ch] ?? [ch]);
    i++;
  }
  return out;
}

/**
 * One folded Latin word (lower case, no apostrophes) in Cyrillic: the first spelling, usual readings first,
 * that `known` accepts ("jenwina" → женщина, "nujna" → нужна), else the usual reading.
 */
export function cyrillize(word: string, known: (w: string) => boolean = () => false): string {
  const whole = WORDS[word];
  if (whole) return whole;
  let spellings = [""];
  for (const options of readings(word)) {
    const next = spellings.flatMap((s) => options.map((o) => s + o));
    spellings = next.length <= MAX_SPELLINGS ? next : spellings.map((s) => s + options[0]);
  }
  return spellings.find(known) ?? spellings[0]!;
}

/**
 * Text in translit with digit-letters ("4to", "3a", "4erez 10 min") made into words, so the tokenizer keeps
 * them whole; numbers and times stay numbers.
 */
export function joinDigitLetters(text: string): string {
  return text
    .replace(/(?<=\p{L})[46](?=\p{L}|['’]|\b)/gu, (d) => (d === "4" ? "ch" : "sh")) // "sei4as", "do4'", "ho4e6"
    .replace(/\b4(?!(?:am|pm|min|mins|hr|hrs|h)\b)(?=\p{L}{2,})/giu, "ch") // "4to", "4erez"; not "4pm"
    .replace(/\b3a\b/giu, "za");
}

const LATIN_WORD = /^[a-z0-9]+$/;

/**
 * The word tokens of a translit message in Cyrillic. English words of three letters or more that Russian
 * texts borrow ("sorry", "app", "shift") stay as they are, unless the Russian lexicon knows them in Latin.
 */
export function cyrillizeTokens(tokens: Token[], english: ReadonlySet<string>, russian: ReadonlySet<string>, known: (w: string) => boolean): Token[] {
  return tokens.map((t) => {
    if (t.kind !== "word" || !LATIN_WORD.test(t.norm)) return t;
    if (t.norm.length >= 3 && english.has(t.norm) && !russian.has(t.norm)) return t;
    return { ...t, norm: foldWord(cyrillize(t.norm, known)) };
  });
}
