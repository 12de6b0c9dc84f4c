import { DateTime } from "luxon";
import type { ShiftType } from "../../../domain/types.js";
import { shiftKey } from "../../../lib/ids.js";
import type { WsAppointment, WsEncounter, WsTaskLog } from "../schemas.js";
import { formatWireDateTime } from "../wire-format.js";
import type { Rng } from "./prng.js";
import { SCHEDULED_ITEMS, SHIFT_NOTES, TASK_DESCRIPTIONS } from "./seed-data.js";
import { isEligible, milesBetween, type SeedCaregiver, type SeedClient } from "./seed-people.js";

/**
 * Four weeks of shifts (two past, two ahead) for the seeded agency: recurring series that share one
 * appointment id across dates (as WellSky does), overnight and 24-hour shifts, one-offs, and a few open
 * shifts. Caregivers are assigned greedily under the same constraints a coordinator would use, which also
 * guarantees nobody is double-booked. Past shifts get care logs (encounters).
 */

/** Days of schedule before and after today. */
export const PAST_DAYS = 14;
export const FUTURE_DAYS = 14;
/** Gap a caregiver needs between two shifts (travel). */
const TRAVEL_BUFFER_MS = 30 * 60_000;
/** Hours a caregiver may go over their weekly target when the schedule needs it. */
const OVERTIME_TOLERANCE_HOURS = 8;
/** Nobody drives further than this for a shift in the seeded metro. */
const MAX_MILES = 30;

interface Series {
  id: string;
  client: SeedClient;
  type: ShiftType;
  /** Local start, minutes after midnight. */
  startMinutes: number;
  hours: number;
  /** ISO weekdays (1 = Monday). Empty for a one-off. */
  weekdays: number[];
  /** Local date of a one-off. */
  onDate?: DateTime;
  items: typeof SCHEDULED_ITEMS;
  /** Created open on purpose (a new request nobody has taken yet). */
  open?: boolean;
}

interface Occurrence {
  series: Series;
  /** Epoch ms; plain numbers because zone-aware luxon arithmetic is slow in the staffing loop. */
  startMs: number;
  endMs: number;
  /** Local ISO weekday and week ("2026-47") of the start. */
  weekday: number;
  week: string;
  caregiverId: string | null;
  status: "SCHEDULED" | "COMPLETED" | "CANCELLED";
}

interface Pattern {
  type: ShiftType;
  weight: number;
  make(rng: Rng): { startMinutes: number; hours: number; weekdays: number[] };
}

const h = (hh: number, mm = 0) => hh * 60 + mm;

/**
 * Typical private-duty patterns. Nothing starts between 17:00 and 18:00 local: in Denver that hour maps to
 * 00:xx UTC in winter and 23:xx UTC in summer, so a daily shift there would produce two occurrences with the
 * same UTC date (same shift key) on the March DST change.
 */
const PATTERNS: Pattern[] = [
  { type: "morning", weight: 30, make: (r) => ({ startMinutes: r.pick([h(8), h(8, 30), h(9)]), hours: r.pick([3, 4]), weekdays: [1, 3, 5] }) },
  { type: "afternoon", weight: 18, make: (r) => ({ startMinutes: r.pick([h(12), h(13), h(13, 30)]), hours: r.pick([3, 4]), weekdays: [2, 4] }) },
  { type: "morning", weight: 12, make: (r) => ({ startMinutes: r.pick([h(7), h(7, 30), h(8)]), hours: 4, weekdays: [1, 2, 3, 4, 5] }) },
  { type: "evening", weight: 7, make: (r) => ({ startMinutes: r.pick([h(18), h(18, 30), h(19)]), hours: 3, weekdays: [1, 2, 3, 4, 5, 6, 7] }) },
  { type: "afternoon", weight: 8, make: (r) => ({ startMinutes: r.pick([h(10), h(11)]), hours: r.pick([5, 6]), weekdays: [6, 7] }) },
  { type: "overnight", weight: 8, make: (r) => ({ startMinutes: h(22), hours: 8, weekdays: r.sample([1, 2, 3, 4, 5, 6, 7], r.int(3, 5)).sort() }) },
  { type: "live_in", weight: 5, make: (r) => ({ startMinutes: h(8), hours: 24, weekdays: r.pick([[6, 7], [1, 4], [3, 6]]) }) },
];

export interface SeedEncounter {
  /** Occurrence the visit belongs to (the wire only says `Appointment/{id}`, which recurring shifts share). */
  occurrenceKey: string;
  resource: WsEncounter;
}

export interface SeedSchedule {
  appointments: WsAppointment[];
  encounters: SeedEncounter[];
  taskLogs: Record<string, WsTaskLog[]>;
}

/** Builds the schedule around `now` (the seed's `today`) in the agency's timezone. */
export function buildSchedule(rng: Rng, args: { now: Date; zone: string; caregivers: SeedCaregiver[]; clients: SeedClient[] }): SeedSchedule {
  const now = DateTime.fromJSDate(args.now, { zone: args.zone });
  const today = now.startOf("day");
  const ids = new IdSequence(rng, 109131800, 11);
  const series = buildSeries(rng, ids, args.clients, today);
  const occurrences = expand(series, today).sort((a, b) => a.startMs - b.startMs || a.series.id.localeCompare(b.series.id));
  assign(rng, occurrences, args.caregivers);
  settleStatuses(rng, occurrences, now, today);
  const appointments = occurrences.map((o, i) => toWire(o, i));
  const { encounters, taskLogs } = buildVisits(rng, occurrences, args.caregivers, now);
  return { appointments, encounters, taskLogs };
}

class IdSequence {
  private seq = 0;
  constructor(
    private readonly rng: Rng,
    private readonly base: number,
    private readonly stride: number,
  ) {}
  next(): string {
    return String(this.base + this.seq++ * this.stride + this.rng.int(0, this.stride - 1));
  }
}

function buildSeries(rng: Rng, ids: IdSequence, clients: SeedClient[], today: DateTime): Series[] {
  const out: Series[] = [];
  const items = () => rng.sample(SCHEDULED_ITEMS, rng.int(2, 4));
  clients.forEach((client, i) => {
    // Guarantee the schedule has at least one overnight and one 24-hour series whatever the draw.
    const pattern = i === 0 ? PATTERNS.find((p) => p.type === "overnight")! : i === 1 ? PATTERNS.find((p) => p.type === "live_in")! : rng.weighted(PATTERNS.map((p) => [p, p.weight] as const));
    out.push({ id: ids.next(), client, type: pattern.type, ...pattern.make(rng), items: items() });
    // Some morning clients also get a Tue/Thu afternoon or weekend visit (times never overlap the morning one).
    if (pattern.type === "morning" && rng.chance(0.2)) {
      const second = rng.pick(PATTERNS.filter((p) => p.type === "afternoon"));
      out.push({ id: ids.next(), client, type: second.type, ...second.make(rng), items: items() });
    }
  });
  // One-offs: appointments and errands (2–3 h), each with its own id.
  for (let k = 0; k < 12; k++) {
    out.push(oneOff(rng, ids, rng.pick(clients), today.plus({ days: rng.int(-PAST_DAYS, FUTURE_DAYS - 1) }), rng.pick([h(10), h(11), h(14)]), rng.int(2, 3)));
  }
  // Guaranteed shifts today and tomorrow for the demo, for clients who have no visit then (so `expand`
  // cannot drop them); tomorrow's is a new request nobody has taken yet.
  const free = (date: DateTime) => clients.find((c) => !out.some((x) => x.client === c && (x.onDate ? x.onDate.hasSame(date, "day") : x.weekdays.includes(date.weekday))))!;
  out.push(oneOff(rng, ids, free(today), today, h(14), 3));
  const tomorrow = today.plus({ days: 1 });
  out.push({ ...oneOff(rng, ids, free(tomorrow), tomorrow, h(9), 4), open: true });
  return out;
}

function oneOff(rng: Rng, ids: IdSequence, client: SeedClient, date: DateTime, startMinutes: number, hours: number): Series {
  return { id: ids.next(), client, type: startMinutes < h(12) ? "morning" : "afternoon", startMinutes, hours, weekdays: [], onDate: date, items: [rng.pick(SCHEDULED_ITEMS.filter((x) => x.name === "Transportation" || x.name === "Companionship"))] };
}

function expand(series: Series[], today: DateTime): Occurrence[] {
  // Zone-aware luxon arithmetic costs an Intl call per offset, so local start times are computed once per
  // (day, time of day). Durations are absolute: a 24 h shift across a DST change ends at 07:00 or 09:00.
  const startCache = new Map<string, number>();
  const localStart = (date: DateTime, minutes: number) => {
    const k = `${date.toISODate()}|${minutes}`;
    let ms = startCache.get(k);
    if (ms === undefined) startCache.set(k, (ms = date.plus({ minutes }).toMillis()));
    return ms;
  };
  const days = Array.from({ length: PAST_DAYS + FUTURE_DAYS }, (_, i) => today.plus({ days: i - PAST_DAYS }));
  const out: Occurrence[] = [];
  const busyByClient = new Map<string, [number, number][]>();
  const add = (s: Series, date: DateTime) => {
    const startMs = localStart(date, s.startMinutes);
    const endMs = startMs + s.hours * 3_600_000;
    // A one-off that would clash with the client's regular visit is dropped (a coordinator would merge them).
    const clientBusy = busyByClient.get(s.client.id) ?? [];
    if (clientBusy.some(([a, b]) => startMs < b && a < endMs)) return;
    clientBusy.push([startMs, endMs]);
    busyByClient.set(s.client.id, clientBusy);
    out.push({ series: s, startMs, endMs, weekday: date.weekday, week: `${date.weekYear}-${date.weekNumber}`, caregiverId: null, status: "SCHEDULED" });
  };
  for (const s of series.filter((x) => !x.onDate)) {
    for (const date of days) if (s.weekdays.includes(date.weekday)) add(s, date);
  }
  for (const s of series.filter((x) => x.onDate)) add(s, s.onDate!.startOf("day"));
  return out;
}

/**
 * Greedy staffing: hardest series first (fewest eligible caregivers, most hours), one regular caregiver for
 * the whole series when someone fits, else per weekday, else per occurrence; unfilled occurrences stay open.
 */
function assign(rng: Rng, occurrences: Occurrence[], caregivers: SeedCaregiver[]): void {
  const busy = new Map<string, [number, number][]>(caregivers.map((c) => [c.id, []]));
  const weekHours = new Map<string, number>();
  const hoursOf = (o: Occurrence) => (o.endMs - o.startMs) / 3_600_000;

  const fitsAll = (cg: SeedCaregiver, group: Occurrence[]): boolean => {
    if (milesBetween(cg.point, group[0]!.series.client.point) > MAX_MILES) return false;
    const mine = busy.get(cg.id)!;
    const added = new Map<string, number>();
    for (const o of group) {
      if (mine.some(([bs, be]) => o.startMs < be + TRAVEL_BUFFER_MS && bs < o.endMs + TRAVEL_BUFFER_MS)) return false;
      added.set(o.week, (added.get(o.week) ?? 0) + hoursOf(o));
    }
    const cap = (cg.profile.weeklyHoursTarget ?? 40) + OVERTIME_TOLERANCE_HOURS;
    return [...added].every(([week, hrs]) => (weekHours.get(`${cg.id}|${week}`) ?? 0) + hrs <= cap);
  };
  const take = (cg: SeedCaregiver, group: Occurrence[]) => {
    for (const o of group) {
      o.caregiverId = cg.id;
      busy.get(cg.id)!.push([o.startMs, o.endMs]);
      const k = `${cg.id}|${o.week}`;
      weekHours.set(k, (weekHours.get(k) ?? 0) + hoursOf(o));
    }
  };

  const bySeries = new Map<Series, Occurrence[]>();
  for (const o of occurrences) {
    const list = bySeries.get(o.series);
    if (list) list.push(o);
    else bySeries.set(o.series, [o]);
  }
  const ranked = [...bySeries.entries()]
    .filter(([s]) => !s.open)
    .map(([s, occ]) => ({ s, occ, eligible: caregivers.filter((c) => isEligible(c, s.client.prefs)) }))
    .sort((a, b) => a.eligible.length - b.eligible.length || b.s.hours * b.occ.length - a.s.hours * a.occ.length || a.s.id.localeCompare(b.s.id));

  for (const { s, occ, eligible } of ranked) {
    const prefs = s.client.prefs;
    const scored = eligible
      .map((c) => ({
        c,
        score:
          (prefs.preferredCaregiverIds.includes(c.id) ? -50 : 0) +
          milesBetween(c.point, s.client.point) +
          (c.profile.preferredShiftTypes.includes(s.type) ? -4 : 0) +
          rng.float(0, 2),
      }))
      .sort((a, b) => a.score - b.score)
      .map((x) => x.c);
    const regular = scored.find((c) => fitsAll(c, occ));
    if (regular) {
      take(regular, occ);
      continue;
    }
    const byWeekday = new Map<number, Occurrence[]>();
    for (const o of occ) {
      const list = byWeekday.get(o.weekday);
      if (list) list.push(o);
      else byWeekday.set(o.weekday, [o]);
    }
    for (const group of byWeekday.values()) {
      const c = scored.find((x) => fitsAll(x, group));
      if (c) take(c, group);
      else
        for (const o of group) {
          const one = scored.find((x) => fitsAll(x, [o]));
          if (one) take(one, [o]);
        }
    }
  }
}

/**
 * Past shifts are COMPLETED (or CANCELLED when nobody covered them); a few are cancelled on purpose, and a
 * few upcoming ones are opened (a caregiver called off) so the demo always has shifts to fill: one later
 * today when there is one, two tomorrow, three later on.
 */
function settleStatuses(rng: Rng, occurrences: Occurrence[], now: DateTime, today: DateTime): void {
  const nowMs = now.toMillis();
  for (const o of occurrences) {
    if (o.endMs <= nowMs) o.status = o.caregiverId ? "COMPLETED" : "CANCELLED";
  }
  const [tomorrowMs, dayAfterMs] = [today.plus({ days: 1 }).toMillis(), today.plus({ days: 2 }).toMillis()];
  const upcoming = occurrences.filter((o) => o.startMs > nowMs && o.caregiverId && !o.series.open);
  const soonToday = upcoming.find((o) => o.startMs < tomorrowMs && o.startMs >= nowMs + 3_600_000);
  const tomorrow = upcoming.filter((o) => o.startMs >= tomorrowMs && o.startMs < dayAfterMs);
  const later = upcoming.filter((o) => o.startMs >= dayAfterMs);
  const toOpen = [...(soonToday ? [soonToday] : []), ...rng.sample(tomorrow, 2), ...rng.sample(later, 3)];
  for (const o of toOpen) o.caregiverId = null;

  const completed = occurrences.filter((o) => o.status === "COMPLETED");
  for (const o of rng.sample(completed, 2)) o.status = "CANCELLED";
  for (const o of rng.sample(later.filter((o) => o.caregiverId), 2)) o.status = "CANCELLED";
}

function toWire(o: Occurrence, index: number): WsAppointment {
  const done = o.status === "COMPLETED";
  return {
    resourceType: "Appointment",
    id: o.series.id,
    caregiver: o.caregiverId ? { id: o.caregiverId } : null,
    client: { id: o.series.client.id },
    start: formatWireDateTime(new Date(o.startMs)),
    end: formatWireDateTime(new Date(o.endMs)),
    status: o.status,
    position: { latitude: o.series.client.point.lat, longitude: o.series.client.point.lng },
    scheduledItems: o.series.items.map((x) => ({ ...x })),
    tasks: o.series.items.map((x, k) => ({ id: String(67890 + index * 4 + k), description: TASK_DESCRIPTIONS[x.name] ?? x.name, status: done ? "COMPLETE" : "NOT_COMPLETE" })),
  };
}

/** Care logs for completed visits and for visits in progress right now, plus a few shift notes. */
function buildVisits(rng: Rng, occurrences: Occurrence[], caregivers: SeedCaregiver[], now: DateTime): { encounters: SeedEncounter[]; taskLogs: Record<string, WsTaskLog[]> } {
  const byId = new Map(caregivers.map((c) => [c.id, c]));
  const payRate = new Map(caregivers.map((c) => [c.id, 18.5 + rng.int(0, 14) * 0.25]));
  const ids = new IdSequence(rng, 128777000, 3);
  const encounters: SeedEncounter[] = [];
  for (const o of occurrences) {
    const inProgress = o.status === "SCHEDULED" && o.startMs <= now.toMillis() && now.toMillis() < o.endMs;
    if (!o.caregiverId || (o.status !== "COMPLETED" && !inProgress)) continue;
    const cg = byId.get(o.caregiverId)!;
    const client = o.series.client;
    const liveIn = o.series.type === "live_in";
    const start = new Date(o.startMs + rng.int(-7, 8) * 60_000);
    encounters.push({
      occurrenceKey: shiftKey(o.series.id, new Date(o.startMs), now.zoneName!),
      resource: {
        resourceType: "Encounter",
        id: ids.next(),
        status: inProgress ? "IN_PROGRESS" : "COMPLETE",
        subject: { reference: `Patient/${client.id}`, display: `${client.first} ${client.last}` },
        participant: { Individual: [{ reference: `Practitioner/${cg.id}`, display: `${cg.first} ${cg.last}` }] },
        appointment: { reference: `Appointment/${o.series.id}` },
        period: {
          start: formatWireDateTime(start),
          end: inProgress ? null : formatWireDateTime(new Date(o.endMs + rng.int(-5, 10) * 60_000)),
        },
        rates: liveIn
          ? { payRate: [{ id: "67891", amount: 260, method: "liveIn" }], billRate: [{ id: "12346", amount: 420, method: "liveIn" }] }
          : { payRate: [{ id: "67890", amount: payRate.get(cg.id)!, method: "Hourly" }], billRate: [{ id: "12345", amount: 32, method: "Hourly" }] },
      },
    });
  }
  const recent = encounters.filter((e) => e.resource.status === "COMPLETE" && Date.parse(e.resource.period?.start ?? "") > now.minus({ days: 3 }).toMillis());
  const taskLogs: Record<string, WsTaskLog[]> = {};
  const logIds = new IdSequence(rng, 4124449500, 5);
  for (const e of rng.sample(recent, 10)) {
    const note = rng.pick(SHIFT_NOTES);
    taskLogs[e.resource.id] = [
      { id: logIds.next(), title: note.title, description: note.description, status: "COMPLETE", comment: "", recorded: e.resource.period?.end ?? formatWireDateTime(now.toJSDate()) },
    ];
  }
  return { encounters, taskLogs };
}
