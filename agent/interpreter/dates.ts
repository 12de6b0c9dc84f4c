import { DateTime } from "luxon";
import type { DateWord } from "./lexicon.js";
import type { Match, ViewToken } from "./match.js";
import { foldWord } from "./normalize.js";
import type { Token } from "./tokenize.js";

/** Month names and abbreviations (en, es, tl, ru genitive), folded. "may" needs a day number after it. */
const MONTHS: Record<string, number> = {};
const MONTH_NAMES: Array<[number, string[]]> = [
  [1, ["jan", "january", "enero", "ene", "январ~"]],
  [2, ["feb", "february", "febrero", "феврал~"]],
  [3, ["mar", "march", "marzo", "марта"]],
  [4, ["apr", "april", "abril", "апрел~"]],
  [5, ["may", "mayo", "мая"]],
  [6, ["jun", "june", "junio", "июня"]],
  [7, ["jul", "july", "julio", "июля"]],
  [8, ["aug", "august", "agosto", "августа"]],
  [9, ["sep", "sept", "september", "septiembre", "setiembre", "сентябр~"]],
  [10, ["oct", "october", "octubre", "oktubre", "октябр~"]],
  [11, ["nov", "november", "noviembre", "nobyembre", "ноябр~"]],
  [12, ["dec", "december", "diciembre", "dic", "disyembre", "декабр~"]],
];
const MONTH_PREFIXES: Array<[string, number]> = [];
for (const [n, names] of MONTH_NAMES) {
  for (const name of names) {
    if (name.endsWith("~")) MONTH_PREFIXES.push([foldWord(name.slice(0, -1)), n]);
    else MONTHS[foldWord(name)] = n;
  }
}

function monthOf(word: string | undefined): number | undefined {
  if (!word) return undefined;
  if (MONTHS[word] !== undefined) return MONTHS[word];
  return MONTH_PREFIXES.find(([p]) => word.startsWith(p))?.[1];
}

const ORDINAL_SUFFIX = new Set(["st", "nd", "rd", "th"]);

export interface FoundDate {
  /** ISO date in the agency timezone. */
  date: string;
  /** Position in the full token list, for "first mentioned wins". */
  at: number;
  /** Tokens that belong to the date, so "Dec 20-27" is not also read as a time range. */
  tokenIndices: number[];
  /** A weekday name ("Sunday") rather than a day ("tomorrow", "11/24"): with "anymore" it is recurring. */
  weekday?: boolean;
}

function dayNum(t: Token | undefined, max: number): number | undefined {
  if (!t || t.kind !== "number") return undefined;
  const n = Number(t.norm);
  return n >= 1 && n <= max ? n : undefined;
}

/**
 * Builds a date for month/day, in this year unless that is more than 60 days ago (then next year: in late
 * December "1/5" means January). Invalid dates (2/30) yield undefined.
 */
function resolveMonthDay(today: DateTime, month: number, day: number, year?: number): string | undefined {
  let y = year ?? today.year;
  if (year !== undefined && year < 100) y = 2000 + year;
  let d = DateTime.fromObject({ year: y, month, day }, { zone: today.zone });
  if (!d.isValid) return undefined;
  if (year === undefined && d < today.minus({ days: 60 })) d = d.plus({ years: 1 });
  return d.toISODate() ?? undefined;
}

/** Explicit dates: 11/24, 11/24/26, Nov 24, 24 de noviembre, 24 ноября, 11月24日, 24号, ngày 24, the 24th. */
function explicitDates(tokens: Token[], today: DateTime): FoundDate[] {
  const found: FoundDate[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    // M/D[/Y]
    if (t.kind === "number" && next?.norm === "/" && dayNum(tokens[i + 2], 31) && dayNum(t, 12)) {
      const hasYear = tokens[i + 3]?.norm === "/" && tokens[i + 4]?.kind === "number";
      const date = resolveMonthDay(today, Number(t.norm), Number(tokens[i + 2]!.norm), hasYear ? Number(tokens[i + 4]!.norm) : undefined);
      if (date) found.push({ date, at: i, tokenIndices: hasYear ? [i, i + 1, i + 2, i + 3, i + 4] : [i, i + 1, i + 2] });
      continue;
    }
    // Month name + day, optionally a day range after it ("Dec 20-27").
    const month = t.kind === "word" ? monthOf(t.norm) : undefined;
    if (month && dayNum(next, 31)) {
      const date = resolveMonthDay(today, month, Number(next!.norm));
      const indices = [i, i + 1];
      if (/^[-–—]$/.test(tokens[i + 2]?.norm ?? "") && dayNum(tokens[i + 3], 31)) indices.push(i + 2, i + 3);
      if (date) found.push({ date, at: i, tokenIndices: indices });
      continue;
    }
    // Day + (de) + month name: "24 de noviembre", "24 ноября", "del 20 al 27 de diciembre".
    if (dayNum(t, 31) && t.kind === "number") {
      let j = i + 1;
      const indices = [i];
      if (/^[-–—]$/.test(tokens[j]?.norm ?? "") || tokens[j]?.norm === "al") {
        if (dayNum(tokens[j + 1], 31)) {
          indices.push(j, j + 1);
          j += 2;
        }
      }
      if (tokens[j]?.norm === "de") {
        indices.push(j);
        j += 1;
      }
      // English "may" after a number is more likely the verb ("2 may be late") than the month.
      const m = tokens[j]?.kind === "word" && tokens[j]!.norm !== "may" ? monthOf(tokens[j]!.norm) : undefined;
      if (m) {
        const date = resolveMonthDay(today, m, Number(t.norm));
        if (date) found.push({ date, at: i, tokenIndices: [...indices, j] });
        continue;
      }
    }
    // Chinese: 11月24日 / 24号 / 24日.
    if (t.kind === "number" && next?.norm === "月" && dayNum(tokens[i + 2], 31) && dayNum(t, 12)) {
      const date = resolveMonthDay(today, Number(t.norm), Number(tokens[i + 2]!.norm));
      const end = tokens[i + 3]?.norm === "日" || tokens[i + 3]?.norm === "号" ? i + 3 : i + 2;
      if (date) found.push({ date, at: i, tokenIndices: Array.from({ length: end - i + 1 }, (_, k) => i + k) });
      continue;
    }
    const day = dayNum(t, 31);
    const dayOfMonth =
      day !== undefined &&
      ((next && (next.norm === "号" || next.norm === "日" || ORDINAL_SUFFIX.has(next.norm))) || tokens[i - 1]?.norm === "ngay");
    if (day !== undefined && dayOfMonth) {
      // A bare day of month is this month, or next month once it has passed.
      let d = today.set({ day: Math.min(day, today.daysInMonth ?? 28) });
      if (d.day !== day || d < today) d = today.plus({ months: 1 }).set({ day });
      const iso = d.isValid && d.day === day ? d.toISODate() : null;
      if (iso) found.push({ date: iso, at: i, tokenIndices: [i, i + 1] });
    }
  }
  return found;
}

const WEEKDAY: Partial<Record<DateWord, number>> = { w1: 1, w2: 2, w3: 3, w4: 4, w5: 5, w6: 6, w7: 7 };

/** Dates found in a message, and the tokens they (and date-ish words like "la mañana") occupy. */
export interface DateFindings {
  /** First mentioned first. */
  dates: FoundDate[];
  /** Token indices a time parser must skip, so "Dec 20-27" is not read as 8pm–3am. */
  consumed: Set<number>;
}

/**
 * Finds every date a message mentions as ISO dates in the agency timezone. Relative words resolve
 * against `now` seen in `timezone`, so 11 pm Sunday in Denver is still Sunday (UTC is already Monday).
 * A bare weekday is its next occurrence, today included ("Thursday" said on a Thursday is today);
 * "next Thursday" said on a Thursday is a week later.
 */
export function findDates(
  tokens: Token[],
  view: ViewToken[],
  dateMatches: Match<DateWord>[],
  now: Date,
  timezone: string,
): DateFindings {
  const today = DateTime.fromJSDate(now, { zone: timezone }).startOf("day");
  const dates = explicitDates(tokens, today);
  const consumed = new Set<number>(dates.flatMap((d) => d.tokenIndices));
  dateMatches.forEach((m, k) => {
    const indices = view.slice(m.start, m.end).map((v) => v.tokenIndex);
    for (const i of indices) consumed.add(i);
    let d: DateTime | undefined;
    if (m.label === "today") d = today;
    else if (m.label === "tomorrow") d = today.plus({ days: 1 });
    else if (m.label === "dayAfter") d = today.plus({ days: 2 });
    const wd = WEEKDAY[m.label];
    if (wd !== undefined) {
      let offset = (wd - today.weekday + 7) % 7;
      const prev = dateMatches[k - 1];
      if (offset === 0 && prev?.label === "next" && prev.end === m.start) offset = 7;
      d = today.plus({ days: offset });
    }
    const iso = d?.toISODate();
    if (iso) dates.push({ date: iso, at: indices[0]!, tokenIndices: indices, weekday: wd !== undefined });
  });
  dates.sort((a, b) => a.at - b.at);
  return { dates, consumed };
}
