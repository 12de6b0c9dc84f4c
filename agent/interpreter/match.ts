import type { Language } from "../../domain/types.js";
import type { Token } from "./tokenize.js";

/** One element of a compiled pattern. */
export type Part = { t: "lit"; v: string } | { t: "pre"; v: string } | { t: "gap" } | { t: "num" };

export interface Phrase<L extends string> {
  label: L;
  lang: Language;
  parts: Part[];
  /** Only counts when the message contains "?" (for words like "when" that are questions only then). */
  needsQuestion: boolean;
  /** Number of non-gap parts; used to prefer longer evidence. */
  weight: number;
}

/** A word of the message as the matcher sees it: punctuation removed, clause breaks remembered. */
export interface ViewToken {
  norm: string;
  kind: Token["kind"];
  fuzzy: boolean;
  /** Punctuation separates this word from the previous one; gaps and negation do not cross it. */
  breakBefore: boolean;
  /** Index in the full token list, so entity parsers and the matcher can share positions. */
  tokenIndex: number;
}

export interface Match<L extends string> {
  label: L;
  lang: Language;
  /** View positions, end exclusive. */
  start: number;
  end: number;
  weight: number;
  fuzzy: boolean;
  negated: boolean;
}

const MAX_GAP = 3;

/**
 * Politeness particles that can sit almost anywhere in a phrase ("hindi po gumagana", "sige po"). They are
 * dropped from both messages and patterns, so lexicons need not list every placement.
 */
export const FILLERS = new Set(["po"]);

/** Punctuation that ends a thought. Joiners such as "-", "/", "&", "#" do not ("Dec 24-26", "1 & 3"). */
const CLAUSE_BREAKS = new Set([",", ".", ";", ":", "!", "?", "¿", "¡", "(", ")", "—", "…", "，", "。", "；", "！", "？", "、"]);

/** Builds the matcher's view of a token list: words, numbers, times and emoji, without punctuation. */
export function toView(tokens: Token[]): ViewToken[] {
  const view: ViewToken[] = [];
  let pendingBreak = false;
  tokens.forEach((t, i) => {
    if (t.kind === "punct") {
      if (CLAUSE_BREAKS.has(t.norm)) pendingBreak = true;
      return;
    }
    if (FILLERS.has(t.norm)) return;
    view.push({ norm: t.norm, kind: t.kind, fuzzy: t.fuzzy ?? false, breakBefore: pendingBreak, tokenIndex: i });
    pendingBreak = false;
  });
  return view;
}

/** Phrases indexed by their first literal word, so matching a message costs a few map lookups per word. */
export class PhraseIndex<L extends string> {
  private readonly byFirst = new Map<string, Phrase<L>[]>();
  private readonly rest: Phrase<L>[] = [];

  constructor(phrases: Iterable<Phrase<L>>) {
    for (const p of phrases) {
      const first = p.parts[0];
      if (first?.t === "lit") {
        const list = this.byFirst.get(first.v) ?? [];
        list.push(p);
        this.byFirst.set(first.v, list);
      } else if (first) this.rest.push(p);
    }
  }

  /** Every occurrence of every phrase; overlapping matches are resolved by `selectLongest`. */
  findAll(view: ViewToken[], hasQuestion: boolean): Match<L>[] {
    const out: Match<L>[] = [];
    for (let i = 0; i < view.length; i++) {
      const candidates = [...(this.byFirst.get(view[i]!.norm) ?? []), ...this.rest];
      for (const p of candidates) {
        if (p.needsQuestion && !hasQuestion) continue;
        const end = matchParts(p.parts, 0, view, i, i);
        if (end > i) {
          const fuzzy = view.slice(i, end).some((v) => v.fuzzy);
          out.push({ label: p.label, lang: p.lang, start: i, end, weight: p.weight, fuzzy, negated: false });
        }
      }
    }
    return out;
  }
}

function partMatches(part: Part, v: ViewToken): boolean {
  switch (part.t) {
    case "lit":
      return v.norm === part.v;
    case "pre":
      return v.norm.startsWith(part.v);
    case "num":
      return v.kind === "number";
    case "gap":
      return true;
  }
}

/** Returns the end position (exclusive) of a match of parts[pi..] starting at view[ti], or -1. */
function matchParts(parts: Part[], pi: number, view: ViewToken[], ti: number, start: number): number {
  if (pi === parts.length) return ti;
  const part = parts[pi]!;
  if (part.t === "gap") {
    for (let skip = 0; skip <= MAX_GAP; skip++) {
      if (ti + skip > view.length) break;
      // A gap may not swallow a clause break ("can't. make it" is two thoughts).
      if (skip > 0 && view[ti + skip - 1]!.breakBefore && ti + skip - 1 > start) break;
      const end = matchParts(parts, pi + 1, view, ti + skip, start);
      if (end >= 0) return end;
    }
    return -1;
  }
  const v = view[ti];
  if (!v) return -1;
  if (ti > start && v.breakBefore) return -1;
  if (!partMatches(part, v)) return -1;
  return matchParts(parts, pi + 1, view, ti + 1, start);
}

/**
 * Keeps the longest matches and drops anything they overlap, so "can't make it" is one call-off and not
 * also a bare "can't", and "no problem" is not a "no". Matches with exactly the same span are all kept:
 * one phrase may carry two signals (e.g. "not working" is both a decline and a malfunction).
 * `priority` (lower first) breaks ties between overlapping matches of the same length.
 */
export function selectLongest<L extends string>(matches: Match<L>[], priority: Partial<Record<L, number>> = {}): Match<L>[] {
  // Equal-length overlaps ("i cant" vs "cant go") go to the more specific label, then the earlier one.
  const rank = (m: Match<L>) => priority[m.label] ?? Number.MAX_SAFE_INTEGER;
  const sorted = [...matches].sort(
    (a, b) => b.end - b.start - (a.end - a.start) || rank(a) - rank(b) || b.weight - a.weight || a.start - b.start,
  );
  const chosen: Match<L>[] = [];
  for (const m of sorted) {
    const clash = chosen.some((c) => c.start < m.end && m.start < c.end && !(c.start === m.start && c.end === m.end));
    const duplicate = chosen.some((c) => c.start === m.start && c.end === m.end && c.label === m.label);
    if (!clash && !duplicate) chosen.push(m);
  }
  return chosen.sort((a, b) => a.start - b.start);
}
