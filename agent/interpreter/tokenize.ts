import { foldWord, normalizeText } from "./normalize.js";

export type TokenKind = "word" | "number" | "time" | "emoji" | "punct";

/** One token of an SMS. `norm` is what lexicons and entity parsers compare against. */
export interface Token {
  /** The text as written (after Unicode normalization). */
  raw: string;
  /** Folded form: lower-case, no diacritics/apostrophes; emoji without skin tone; keycap "1️⃣" → "1". */
  norm: string;
  kind: TokenKind;
  /** Set when `norm` is a typo correction of what was written ("tomorow" → "tomorrow"). */
  fuzzy?: boolean;
  /** Set for words written in CJK script, which the segmenter cut without spaces. */
  han?: boolean;
}

/** Cuts a run of Han characters into words; injected so the tokenizer does not depend on a lexicon. */
export type HanSegmenter = (run: string) => Array<{ text: string; kind: "word" | "number"; norm: string }>;

const KEYCAP = String.raw`[0-9#*]\uFE0F?\u20E3`;
const TIME = String.raw`\d{1,2}[:.]\d{2}(?!\d)`;
const NUMBER = String.raw`\d+`;
const HAN_RUN = String.raw`\p{Script=Han}+`;
// Letters of any script except Han, with inner apostrophes ("can't", "m'ap").
const WORD = String.raw`(?:(?!\p{Script=Han})[\p{L}\p{M}])+(?:['’‘\x60](?:(?!\p{Script=Han})[\p{L}\p{M}])+)*`;
// One emoji: a pictograph, optional VS16/skin tone, then any ZWJ-joined parts ("🙋‍♀️", "👍🏽").
const EMOJI_PART = String.raw`\p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier})*`;
const EMOJI = String.raw`${EMOJI_PART}(?:\u200D${EMOJI_PART})*|\p{Regional_Indicator}{2}`;

const TOKEN_RE = new RegExp(
  `(${KEYCAP})|(${TIME})|(${NUMBER})|(${HAN_RUN})|(${WORD})|(${EMOJI})|(\\S)`,
  "gu",
);

/** The base pictograph of an emoji cluster: skin tones, VS16 and ZWJ tails dropped ("🙋🏽‍♀️" → "🙋"). */
export function emojiBase(cluster: string): string {
  const first = cluster.codePointAt(0);
  return first === undefined ? cluster : String.fromCodePoint(first);
}

/**
 * Splits an SMS into tokens. Pure; Han runs are handed to `segmentHan` (one token per character when
 * absent). Whitespace is dropped; punctuation is kept as tokens because entity parsers need "-", ":" and "/".
 */
export function tokenize(text: string, segmentHan?: HanSegmenter): Token[] {
  const tokens: Token[] = [];
  const normalized = normalizeText(text);
  for (const m of normalized.matchAll(TOKEN_RE)) {
    const [raw, keycap, time, num, han, word, emoji] = m;
    if (keycap) {
      const base = keycap[0]!;
      tokens.push({ raw: keycap, norm: base, kind: /\d/.test(base) ? "number" : "punct" });
    }
    else if (time) tokens.push({ raw: time, norm: time.replace(".", ":"), kind: "time" });
    else if (num) tokens.push({ raw: num, norm: String(Number(num)), kind: "number" });
    else if (han) {
      const parts = segmentHan ? segmentHan(han) : Array.from(han, (ch) => ({ text: ch, kind: "word" as const, norm: ch }));
      for (const p of parts) tokens.push({ raw: p.text, norm: p.norm, kind: p.kind, han: true });
    } else if (word) tokens.push({ raw: word, norm: foldWord(word), kind: "word" });
    else if (emoji) tokens.push({ raw: emoji, norm: emojiBase(emoji), kind: "emoji" });
    else tokens.push({ raw, norm: raw, kind: "punct" });
  }
  return tokens;
}
