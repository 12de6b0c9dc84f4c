import { DateTime } from "luxon";
import type { Language } from "../../domain/types.js";
import type { SmsContext } from "./vars.js";

type Clock = "en" | "12h" | "24h";

/** Per-language calendar words and number style; hand-written because ICU lacks Haitian Creole. */
interface LocaleData {
  /** Monday first. */
  weekdays: readonly string[];
  months: readonly string[];
  today: string;
  tomorrow: string;
  todayInline: string;
  tomorrowInline: string;
  /** A full date label from local parts. */
  date: (wd: string, day: number, month: number, monthName: string) => string;
  /** The same date inside a sentence ("on Wed 6/3"). */
  onDate: (label: string) => string;
  /** "Tomorrow (Tue)". */
  withWeekday: (word: string, wd: string) => string;
  clock: Clock;
  decimal: "." | ",";
}

const LOCALES: Record<Language, LocaleData> = {
  en: {
    weekdays: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
    months: [],
    today: "Today",
    tomorrow: "Tomorrow",
    todayInline: "today",
    tomorrowInline: "tomorrow",
    date: (wd, day, month) => `${wd} ${month}/${day}`,
    onDate: (s) => `on ${s}`,
    withWeekday: (w, wd) => `${w} (${wd})`,
    clock: "en",
    decimal: ".",
  },
  es: {
    weekdays: ["lun", "mar", "mié", "jue", "vie", "sáb", "dom"],
    months: ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"],
    today: "Hoy",
    tomorrow: "Mañana",
    todayInline: "hoy",
    tomorrowInline: "mañana",
    date: (wd, day, _m, mon) => `${wd} ${day} ${mon}`,
    onDate: (s) => `el ${s}`,
    withWeekday: (w, wd) => `${w} (${wd})`,
    clock: "12h",
    decimal: ".",
  },
  tl: {
    weekdays: ["Lun", "Mar", "Miy", "Huw", "Biy", "Sab", "Lin"],
    months: ["Ene", "Peb", "Mar", "Abr", "May", "Hun", "Hul", "Ago", "Set", "Okt", "Nob", "Dis"],
    today: "Ngayon",
    tomorrow: "Bukas",
    todayInline: "ngayon",
    tomorrowInline: "bukas",
    date: (wd, day, _m, mon) => `${wd}, ${mon} ${day}`,
    onDate: (s) => `sa ${s}`,
    withWeekday: (w, wd) => `${w} (${wd})`,
    clock: "12h",
    decimal: ".",
  },
  vi: {
    weekdays: ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"],
    months: [],
    today: "Hôm nay",
    tomorrow: "Ngày mai",
    todayInline: "hôm nay",
    tomorrowInline: "ngày mai",
    date: (wd, day, month) => `${wd} ${day}/${month}`,
    onDate: (s) => `vào ${s}`,
    withWeekday: (w, wd) => `${w} (${wd})`,
    clock: "24h",
    decimal: ",",
  },
  ht: {
    weekdays: ["lendi", "madi", "mèkredi", "jedi", "vandredi", "samdi", "dimanch"],
    months: ["janvye", "fevriye", "mas", "avril", "me", "jen", "jiyè", "out", "septanm", "oktòb", "novanm", "desanm"],
    today: "Jodi a",
    tomorrow: "Demen",
    todayInline: "jodi a",
    tomorrowInline: "demen",
    date: (wd, day, _m, mon) => `${wd} ${day} ${mon}`,
    onDate: (s) => s,
    withWeekday: (w, wd) => `${w} (${wd})`,
    clock: "12h",
    decimal: ",",
  },
  ru: {
    weekdays: ["пн", "вт", "ср", "чт", "пт", "сб", "вс"],
    months: ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"],
    today: "Сегодня",
    tomorrow: "Завтра",
    todayInline: "сегодня",
    tomorrowInline: "завтра",
    date: (wd, day, _m, mon) => `${day} ${mon} (${wd})`,
    onDate: (s) => s,
    withWeekday: (w, wd) => `${w} (${wd})`,
    clock: "24h",
    decimal: ",",
  },
  zh: {
    weekdays: ["周一", "周二", "周三", "周四", "周五", "周六", "周日"],
    months: [],
    today: "今天",
    tomorrow: "明天",
    todayInline: "今天",
    tomorrowInline: "明天",
    date: (wd, day, month) => `${month}月${day}日（${wd}）`,
    onDate: (s) => s,
    withWeekday: (w, wd) => `${w}（${wd}）`,
    clock: "24h",
    decimal: ".",
  },
};

/** Formatting helpers handed to every template: times and dates local to the agency, words in `lang`. */
export interface Fmt {
  lang: Language;
  agency: string;
  /** Office number for people: (303) 555-0100. */
  office: string;
  /** One time of day: "2pm" / "9:30am" (en), "2:00 PM" (es, tl, ht), "14:00" (vi, ru, zh). */
  time(d: Date): string;
  /** A span: "2-6pm", "9am-1pm" (en), "2:00 PM - 6:00 PM" (es, tl, ht), "14:00–18:00" (vi, ru, zh). */
  range(start: Date, end: Date): string;
  /** The calendar date alone, whatever the day: "Wed 6/3". */
  date(d: Date): string;
  /** Day for a list line, capitalised: "Today", "Tomorrow", "Wed 6/3". */
  day(d: Date): string;
  /** Like `day`, with the weekday after Today/Tomorrow: "Tomorrow (Tue)". */
  dayWithWeekday(d: Date): string;
  /** Day inside a sentence: "today", "tomorrow", "on Wed 6/3". */
  dayInline(d: Date): string;
  /** Day inside parentheses or after a noun: "today", "tomorrow", "Wed 6/3" (no preposition). */
  dayShort(d: Date): string;
  /** Like `dayInline`, with the weekday after today/tomorrow: "tomorrow (Tue)". */
  dayInlineWithWeekday(d: Date): string;
  /** True when `d` is the agency-local calendar day after today (or today). */
  isTodayOrTomorrow(d: Date): boolean;
  /** Local hour of `d` (0–23). */
  hour(d: Date): number;
  /** Length in hours: "4", "4.5" / "4,5". */
  hours(start: Date, end: Date): string;
  /** A number with the language's decimal mark, at most one decimal. */
  num(n: number): string;
  /** Miles rounded for a person: "<1", "4". */
  miles(n: number): string;
}

/** US E.164 → "(303) 555-0100"; anything else unchanged. */
export function formatPhone(e164: string): string {
  const m = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  return m ? `(${m[1]}) ${m[2]}-${m[3]}` : e164;
}

function enTime(t: DateTime, withSuffix: boolean): string {
  const h = t.hour % 12 || 12;
  const base = t.minute ? `${h}:${String(t.minute).padStart(2, "0")}` : `${h}`;
  return withSuffix ? `${base}${t.hour < 12 ? "am" : "pm"}` : base;
}

/** What the formatter needs; agency facts are optional so coordinator (Slack) text can reuse it. */
export type FormatContext = Pick<SmsContext, "timezone" | "now"> & Partial<Pick<SmsContext, "agencyName" | "officePhone">>;

/** Builds the formatter for one language and context. */
export function formatter(lang: Language, ctx: FormatContext): Fmt {
  const L = LOCALES[lang];
  const zone = ctx.timezone;
  const loc = (d: Date) => DateTime.fromJSDate(d, { zone });
  const today = loc(ctx.now).startOf("day");
  const rel = (d: Date): "today" | "tomorrow" | null => {
    const days = Math.round(loc(d).startOf("day").diff(today, "days").days);
    return days === 0 ? "today" : days === 1 ? "tomorrow" : null;
  };
  const weekday = (d: Date) => L.weekdays[loc(d).weekday - 1]!;
  const date = (d: Date) => {
    const t = loc(d);
    return L.date(weekday(d), t.day, t.month, L.months[t.month - 1] ?? "");
  };
  const cap = (s: string) => s.charAt(0).toLocaleUpperCase(lang) + s.slice(1);
  const num = (n: number) => {
    const r = Math.round(n * 10) / 10;
    const s = Number.isInteger(r) ? String(r) : r.toFixed(1);
    return L.decimal === "," ? s.replace(".", ",") : s;
  };
  const time = (d: Date) => {
    const t = loc(d);
    if (L.clock === "en") return enTime(t, true);
    if (L.clock === "24h") return t.toFormat("HH:mm");
    return `${t.hour % 12 || 12}:${String(t.minute).padStart(2, "0")} ${t.hour < 12 ? "AM" : "PM"}`;
  };
  return {
    lang,
    agency: ctx.agencyName ?? "",
    office: formatPhone(ctx.officePhone ?? ""),
    time,
    date: (d) => cap(date(d)),
    range(start, end) {
      if (L.clock === "24h") return `${time(start)}–${time(end)}`;
      if (L.clock === "12h") return `${time(start)} - ${time(end)}`;
      const a = loc(start);
      const b = loc(end);
      const sameHalf = a.hour < 12 === b.hour < 12 && b.diff(a, "hours").hours < 12;
      return sameHalf ? `${enTime(a, false)}-${enTime(b, true)}` : `${enTime(a, true)}-${enTime(b, true)}`;
    },
    day(d) {
      const r = rel(d);
      return r === "today" ? L.today : r === "tomorrow" ? L.tomorrow : cap(date(d));
    },
    dayWithWeekday(d) {
      const r = rel(d);
      if (r === null) return cap(date(d));
      return L.withWeekday(r === "today" ? L.today : L.tomorrow, weekday(d));
    },
    dayInline(d) {
      const r = rel(d);
      return r === "today" ? L.todayInline : r === "tomorrow" ? L.tomorrowInline : L.onDate(date(d));
    },
    dayShort(d) {
      const r = rel(d);
      return r === "today" ? L.todayInline : r === "tomorrow" ? L.tomorrowInline : date(d);
    },
    dayInlineWithWeekday(d) {
      const r = rel(d);
      if (r === null) return L.onDate(date(d));
      return L.withWeekday(r === "today" ? L.todayInline : L.tomorrowInline, weekday(d));
    },
    isTodayOrTomorrow: (d) => rel(d) !== null,
    hour: (d) => loc(d).hour,
    hours: (start, end) => num((end.getTime() - start.getTime()) / 3_600_000),
    num,
    miles: (n) => (n < 1 ? "<1" : String(Math.round(n))),
  };
}
