import type { TimeRange } from "../../domain/intents.js";
import type { Token } from "./tokenize.js";

/** Clock times, ranges and durations found in a message, in minutes after local midnight / minutes. */
export interface TimeFindings {
  /** An explicit range: "8:30-11:30", "from 2 to 5pm", "de 3 a 6", "с 3 до 6", "两点到五点". */
  range?: TimeRange;
  /** The first clock time outside a range: "at 9", "2pm", "14:00", "by 9:20". */
  at?: number;
  /** "until 4", "hasta las 4", "до 4", "做到四点": the end of a partial offer. */
  until?: number;
  /** "from 3", "after 3", "desde las 3": the start of a partial offer. */
  from?: number;
  /** Durations in minutes, in order: "15 min", "half an hour", "in 10". */
  durations: number[];
  /** Number tokens used here, so option selection does not read "at 2" as option 2. */
  consumed: Set<number>;
}

type Meridiem = "am" | "pm";
interface Clock {
  hour: number;
  minute: number;
  meridiem?: Meridiem;
  /** Written as a time (9:30, 2pm, 9h, 两点), not just a bare number. */
  strong: boolean;
  /** Index after the clock. */
  end: number;
  tokens: number[];
}

const AM_AFTER = new Set(["am", "a", "sang", "утра"]);
const PM_AFTER = new Set(["pm", "p", "chieu", "вечера", "дня", "ночи"]);
const AM_BEFORE = new Set(["上午", "早上", "早", "凌晨"]);
const PM_BEFORE = new Set(["下午", "晚上", "中午", "傍晚"]);
/** Written after an hour to make it a clock time: 9h, 9 giờ, 9è, 九点, 9 o'clock, 9 часов. */
const HOUR_MARK = new Set(["h", "hs", "gio", "e", "oclock", "点", "час", "часа", "часов"]);
/** Multi-word meridiems after the time: "de la tarde", "ng hapon", "in the morning". */
const MERIDIEM_PHRASES: Array<[string[], Meridiem]> = [
  [["de", "la", "manana"], "am"], [["de", "la", "tarde"], "pm"], [["de", "la", "noche"], "pm"],
  [["ng", "umaga"], "am"], [["ng", "hapon"], "pm"], [["ng", "gabi"], "pm"],
  [["in", "the", "morning"], "am"], [["in", "the", "afternoon"], "pm"], [["in", "the", "evening"], "pm"],
  [["a", ".", "m"], "am"], [["p", ".", "m"], "pm"],
];

const NUMBER_NOUNS = new Set(["number", "numero", "nimewo", "option", "opcion", "opsyon", "#"]);
const CONNECTORS = new Set(["-", "–", "—", "~", "to", "till", "til", "until", "a", "al", "hasta", "hanggang", "den", "toi", "до", "到", "jis", "rive"]);
const RANGE_START = new Set(["from", "de", "desde", "mula", "tu", "с", "soti", "从", "between", "entre"]);
const AT_WORDS = new Set(["at", "by", "around", "@", "las", "alas", "luc", "в", "к", "около", "vers", "about", "abt"]);
const UNTIL_WORDS = new Set(["until", "till", "til", "untill", "hasta", "hanggang", "jis", "jiska", "до", "到", "做到", "den"]);
const FROM_WORDS = new Set(["from", "after", "desde", "mula", "с", "после", "apre", "从", "sau", "since"]);
/** "leave by 5", "salir a las 5": a time after these is when the person must stop (an "until"). */
const LEAVE_WORDS = new Set(["leave", "go", "salir", "irme", "umalis", "уйти", "走"]);
const NOON_WORDS: Record<string, number> = { noon: 12, midday: 12, mediodia: 12, tanghali: 12, полдень: 12 };

const MINUTE_UNITS = new Set(["min", "mins", "minute", "minutes", "minuto", "minutos", "mn", "phut", "minit", "мин", "分钟", "分"]);
const HOUR_UNITS = new Set(["hour", "hours", "hr", "hrs", "hora", "horas", "oras", "tieng", "edtan", "час", "часа", "часов", "小时", "个小时"]);
const HALF_HOUR: string[][] = [
  ["half", "an", "hour"], ["half", "hour"], ["half", "a", "hour"], ["media", "hora"], ["kalahating", "oras"],
  ["nua", "tieng"], ["nua", "gio"], ["demi", "e"], ["полчаса"], ["半小时"], ["半", "个", "小时"], ["半个小时"],
];
/** Words before a bare number that make it minutes: "be there in 15", "late 15", "ETA 10", "через 10". */
const DURATION_BEFORE = new Set(["in", "en", "late", "eta", "через", "на", "nan", "trong"]);
const DURATION_AFTER = new Set(["late", "behind", "tarde"]);

function isMinuteUnit(norm: string | undefined): boolean {
  return !!norm && (MINUTE_UNITS.has(norm) || norm.startsWith("минут"));
}

function phraseAt(tokens: Token[], i: number, words: string[]): boolean {
  return words.every((w, k) => tokens[i + k]?.norm === w);
}

/** Reads a clock time starting at token i (see Clock). */
function readClock(tokens: Token[], i: number, skip: Set<number>): Clock | undefined {
  let start = i;
  let before: Meridiem | undefined;
  const first = tokens[i];
  if (!first || skip.has(i)) return undefined;
  if (AM_BEFORE.has(first.norm) || PM_BEFORE.has(first.norm)) {
    before = AM_BEFORE.has(first.norm) ? "am" : "pm";
    start = i + 1;
  }
  const t = tokens[start];
  if (!t || skip.has(start)) return undefined;
  let hour: number;
  let minute = 0;
  let strong = false;
  let end = start + 1;
  if (t.kind === "word" && NOON_WORDS[t.norm] !== undefined) {
    return { hour: NOON_WORDS[t.norm]!, minute: 0, meridiem: "pm", strong: true, end, tokens: [start] };
  } else if (t.kind === "time") {
    const [h, m] = t.norm.split(":").map(Number);
    hour = h!;
    minute = m!;
    strong = true;
  } else if (t.kind === "number") {
    hour = Number(t.norm);
    const mark = tokens[end];
    if (mark && HOUR_MARK.has(mark.norm)) {
      strong = true;
      end += 1;
      // 9h30, 三点半, 9 giờ 30, 3点15分
      const after = tokens[end];
      if (after?.kind === "number" && Number(after.norm) < 60 && tokens[end - 1]!.norm !== "e") {
        minute = Number(after.norm);
        end += 1;
        if (tokens[end]?.norm === "分") end += 1;
      } else if (after?.norm === "半" || after?.norm === "ruoi") {
        minute = 30;
        end += 1;
      }
    } else if (mark?.norm === "点半") {
      minute = 30;
      strong = true;
      end += 1;
    }
  } else return undefined;
  if (hour > 24 || minute > 59) return undefined;
  let meridiem = before;
  const next = tokens[end];
  // "a" between two numbers is the Spanish/Creole "to" ("de 3 a 6"), not a.m.
  const connectorA = (next?.norm === "a" || next?.norm === "p") && tokens[end + 1]?.kind === "number";
  if (next && !connectorA && (AM_AFTER.has(next.norm) || PM_AFTER.has(next.norm)) && hour <= 12) {
    meridiem = AM_AFTER.has(next.norm) ? "am" : "pm";
    strong = true;
    end += 1;
  } else {
    for (const [words, mer] of MERIDIEM_PHRASES) {
      if (phraseAt(tokens, end, words)) {
        meridiem = mer;
        strong = true;
        end += words.length;
        break;
      }
    }
  }
  if (before) strong = true;
  const used = Array.from({ length: end - i }, (_, k) => i + k);
  return { hour, minute, meridiem, strong, end, tokens: used };
}

function applyMeridiem(hour: number, meridiem: Meridiem): number {
  return meridiem === "am" ? hour % 12 : (hour % 12) + 12;
}

/** A lone time without am/pm: home-care shifts make 1–6 afternoon and 7–11 morning. */
function guessHour(hour: number): number {
  if (hour >= 13 || hour === 0 || hour === 12) return hour;
  return hour <= 6 ? hour + 12 : hour;
}

function clockMinutes(c: Clock): number {
  const h = c.meridiem ? applyMeridiem(c.hour, c.meridiem) : guessHour(c.hour);
  return Math.min(h * 60 + c.minute, 1440);
}

/** Resolves a range's am/pm: "2-6pm" → 14–18, "9-1" → 9–13, "8:30-11:30" → 8:30–11:30, "11-3pm" → 11–15. */
function rangeMinutes(a: Clock, b: Clock): TimeRange {
  let end = clockMinutes(b);
  let start: number;
  if (a.meridiem) start = applyMeridiem(a.hour, a.meridiem) * 60 + a.minute;
  else if (b.meridiem) {
    const sameHalf = applyMeridiem(a.hour, b.meridiem) * 60 + a.minute;
    start = sameHalf <= end ? sameHalf : applyMeridiem(a.hour, b.meridiem === "pm" ? "am" : "pm") * 60 + a.minute;
  } else start = clockMinutes(a);
  if (!b.meridiem && b.hour <= 12) {
    // The end is the first reading of its hour after the start.
    const candidates = [b.hour % 12, (b.hour % 12) + 12, (b.hour % 12) + 24].map((h) => h * 60 + b.minute);
    end = candidates.find((c) => c > start) ?? end;
  }
  if (end <= start) end += 24 * 60;
  return { startMinutes: start, endMinutes: Math.min(end, 2880) };
}

function readDuration(tokens: Token[], i: number, skip: Set<number>): { minutes: number; end: number } | undefined {
  if (skip.has(i)) return undefined;
  for (const words of HALF_HOUR) if (phraseAt(tokens, i, words)) return { minutes: 30, end: i + words.length };
  const t = tokens[i]!;
  if ((t.norm === "an" || t.norm === "a" || t.norm === "one") && HOUR_UNITS.has(tokens[i + 1]?.norm ?? "")) return { minutes: 60, end: i + 2 };
  if (t.kind !== "number") return undefined;
  const n = Number(t.norm);
  const unit = tokens[i + 1]?.norm;
  if (isMinuteUnit(unit)) return { minutes: n, end: i + 2 };
  if (unit && HOUR_UNITS.has(unit)) return { minutes: n * 60, end: i + 2 };
  const prev = tokens[i - 1]?.norm ?? "";
  const bare = n >= 2 && n <= 90 && !HOUR_MARK.has(unit ?? "") && unit !== ":" && !AM_AFTER.has(unit ?? "") && !PM_AFTER.has(unit ?? "");
  if (bare && (DURATION_BEFORE.has(prev) || DURATION_AFTER.has(unit ?? ""))) return { minutes: n, end: i + 1 };
  return undefined;
}

/**
 * Scans a message for clock times, ranges and durations. `skip` holds tokens already claimed by dates.
 * `preferSelection` (an offer with numbered options is open) stops bare "1-3" from becoming 1–3 pm.
 * `language` adjusts words that mean different things per language.
 */
export function findTimes(tokens: Token[], skip: Set<number>, opts: { preferSelection?: boolean; language?: string } = {}): TimeFindings {
  const preferSelection = opts.preferSelection ?? false;
  // In Tagalog "at" means "and" ("1 at 3 po"), so it cannot anchor a time there.
  const atWords = opts.language === "tl" ? new Set([...AT_WORDS].filter((w) => w !== "at")) : AT_WORDS;
  const out: TimeFindings = { durations: [], consumed: new Set() };
  const claim = (indices: number[]) => indices.forEach((k) => out.consumed.add(k));
  for (let i = 0; i < tokens.length; i++) {
    if (skip.has(i) || out.consumed.has(i)) continue;
    const prev = tokens[i - 1]?.norm ?? "";
    const prev2 = tokens[i - 2]?.norm ?? "";
    // "nimewo 3 a" (Kreyòl: number 3), "number 2": a numbered thing, not a time.
    if (tokens[i]!.kind === "number" && NUMBER_NOUNS.has(prev)) continue;

    // Range: [from] A connector B
    const startsRange = RANGE_START.has(tokens[i]!.norm);
    const a = readClock(tokens, startsRange ? i + 1 : i, skip);
    if (a && !out.range) {
      const conn = tokens[a.end];
      const b = conn && CONNECTORS.has(conn.norm) ? readClock(tokens, a.end + 1, skip) : undefined;
      if (b) {
        const bothBare = !a.strong && !b.strong;
        const unitAfter = tokens[b.end]?.norm;
        const isDuration = isMinuteUnit(unitAfter) || HOUR_UNITS.has(unitAfter ?? "");
        const plausible = a.hour >= 1 && a.hour <= 12 && b.hour >= 1 && b.hour <= 12;
        const looksLikeOptions = preferSelection && bothBare && !startsRange && a.hour <= 9 && b.hour <= 9;
        if (!isDuration && !looksLikeOptions && (!bothBare || plausible)) {
          out.range = rangeMinutes(a, b);
          claim([...(startsRange ? [i] : []), ...a.tokens, a.end, ...b.tokens]);
          i = b.end - 1;
          continue;
        }
      }
    }

    const d = readDuration(tokens, i, skip);
    if (d) {
      out.durations.push(d.minutes);
      claim(Array.from({ length: d.end - i }, (_, k) => i + k));
      i = d.end - 1;
      continue;
    }

    const c = readClock(tokens, i, skip);
    if (!c) continue;
    const leaving = LEAVE_WORDS.has(prev2) && atWords.has(prev);
    const role = leaving || UNTIL_WORDS.has(prev) || UNTIL_WORDS.has(prev2) ? "until" : FROM_WORDS.has(prev) || FROM_WORDS.has(prev2) ? "from" : "at";
    // "can I come 10 instead of 9": a bare number someone puts instead of another is a time.
    const anchored = c.strong || atWords.has(prev) || atWords.has(prev2) || role !== "at" || tokens[c.end]?.norm === "instead";
    if (!anchored || c.hour > 24) continue;
    const minutes = clockMinutes(c);
    if (role === "until") out.until ??= minutes;
    else if (role === "from") out.from ??= minutes;
    else out.at ??= minutes;
    claim(c.tokens);
    i = c.end - 1;
  }
  return out;
}
