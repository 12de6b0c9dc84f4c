import { LRUCache } from "lru-cache";
import { DateTime } from "luxon";
import type { Caregiver, Client, ClientContact, Language, Shift } from "../../domain/types.js";
import { systemClock, type Clock } from "../../lib/clock.js";
import type { WellSkyClient } from "./client.js";
import { WellSkyNotFoundError } from "./errors.js";
import { indexProfileTags, toCaregiver, toClient, toClientContact, toShift } from "./mappers.js";
import { collect, paginate } from "./paging.js";
import type { WsProfileTag } from "./schemas.js";

/** Who a phone number is, as WellSky knows it (structurally the tools' `Person`). */
export type WellSkyPerson =
  | { kind: "caregiver"; id: string; firstName: string; language: Language }
  | { kind: "client"; id: string; firstName: string; language: Language }
  | { kind: "family"; id: string; clientId: string; firstName: string; language: Language }
  | { kind: "unknown" };

export interface AgencyAdapterOptions {
  /** IANA zone of the agency (AGENCY_TIMEZONE): admin tasks carry a shift's local date and times. */
  timezone: string;
  /** How long directory reads (caregivers, clients, contacts) are reused; schedules are cached shorter. */
  directoryTtlMs?: number;
  scheduleTtlMs?: number;
  /** Parallel requests; the client's own rate limiter still caps the rate (default 10 rps). */
  concurrency?: number;
  /** "Now" for look-back windows (past care logs); the injected clock, never the wall clock. */
  clock?: Clock;
}

/**
 * The agency as Coverline reads and writes it, over the WellSky Connect client. The API has no agency-wide
 * shift search and appointment searches need a caregiver or client id, so schedules are read per person and
 * month (`monthNo`) — the fewest calls the API allows — and cached briefly.
 */
export function wellskyAgency(client: WellSkyClient, opts: AgencyAdapterOptions) {
  const dirTtl = opts.directoryTtlMs ?? 5 * 60_000;
  const schedTtl = opts.scheduleTtlMs ?? 30_000;
  const concurrency = opts.concurrency ?? 8;
  const memo = new LRUCache<string, { v: unknown }>({ max: 5_000, ttl: dirTtl });
  const sched = new LRUCache<string, Shift[]>({ max: 20_000, ttl: schedTtl });
  /** Notes written (or being written) by this process, so a caller's retry does not write the same note twice. */
  const notes = new LRUCache<string, Promise<void>>({ max: 1_000, ttl: NOTE_DEDUPE_MS });

  async function cached<T>(key: string, load: () => Promise<T>, ttl = dirTtl): Promise<T> {
    const hit = memo.get(key);
    if (hit) return hit.v as T;
    const v = await load();
    memo.set(key, { v }, { ttl });
    return v;
  }

  const tags = () => cached<Map<string, WsProfileTag>>("tags", async () => indexProfileTags(await client.listProfileTags()));

  const activeCaregivers = () =>
    cached("caregivers", async () => {
      const all = await collect(paginate((p) => client.searchPractitioners({ active: true, is_hired: true }, p)));
      const t = await tags();
      return all.map((p) => toCaregiver(p, t)).filter((c) => c.active && c.hired);
    });

  const activeClients = () =>
    cached("clients", async () => (await collect(paginate((p) => client.searchPatients({ active: true }, p)))).map(toClient).filter((c) => c.active));

  /** Every shift of one person overlapping [from, to): one search per calendar month (UTC) touched. */
  async function personShifts(kind: "caregiverId" | "clientId", id: string, from: Date, to: Date): Promise<Shift[]> {
    const out: Shift[] = [];
    for (const month of monthsBetween(from, to)) {
      const key = `${kind}:${id}:${month}`;
      let shifts = sched.get(key);
      if (!shifts) {
        shifts = (await collect(paginate((p) => client.searchAppointments({ [kind]: id, monthNo: month }, p)))).map((a) => toShift(a, opts.timezone));
        sched.set(key, shifts);
      }
      out.push(...shifts.filter((s) => s.start < to && s.end > from));
    }
    return out;
  }

  async function forEach<T, R>(items: readonly T[], fn: (item: T) => Promise<R[]>): Promise<R[]> {
    const results: R[] = [];
    let next = 0;
    const workers = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) results.push(...(await fn(items[next++]!)));
    });
    await Promise.all(workers);
    return results;
  }

  async function contactsIndex(): Promise<Map<string, WellSkyPerson>> {
    return cached("contacts-by-phone", async () => {
      // Contacts change rarely; an hour-old index only delays recognising a brand-new family number.
      const index = new Map<string, WellSkyPerson>();
      const clients = await activeClients();
      await forEach(clients, async (c) => {
        for (const contact of await clientContacts(c.id)) {
          if (contact.phone) index.set(contact.phone, { kind: "family", id: contact.id, clientId: c.id, firstName: contact.firstName, language: contact.language });
        }
        return [];
      });
      return index;
    }, 60 * 60_000);
  }

  const clientContacts = (clientId: string): Promise<ClientContact[]> =>
    cached(`contacts:${clientId}`, async () => (await client.listRelatedPersons(clientId)).map(toClientContact));

  async function writeNote(shiftKey: string, note: NoteInput): Promise<void> {
    const shift = await client.getShift(shiftKey);
    try {
      const log = await careLogOf(shift);
      if (log) {
        // A TaskLog that landed although WellSky answered 500 (or timed out) is not written twice: checked after a
        // failed write, and before writing on a retry (its first attempt may have failed before that check).
        if (note.mayExist && (await hasTaskLog(log.id, note))) return;
        try {
          await client.addTaskLog(log.id, { title: note.title, description: note.description });
        } catch (err) {
          if (await hasTaskLog(log.id, note).catch(() => false)) return;
          throw err;
        }
        return;
      }
      if (note.beforeStart === "skip") return;
    } catch {
      // The search or the TaskLog failed (some care logs refuse TaskLogs, reference §8.6): an admin task still
      // reaches the office. If a failed TaskLog did land after all, the office sees the note twice, not never.
    }
    const start = DateTime.fromJSDate(shift.start, { zone: opts.timezone });
    const end = DateTime.fromJSDate(shift.end, { zone: opts.timezone });
    const window = `${start.toFormat("yyyy-LL-dd HH:mm")}–${end.toFormat(end.hasSame(start, "day") ? "HH:mm" : "yyyy-LL-dd HH:mm")}`;
    await client.createAdminTask({
      description: `${note.title}: ${note.description} Shift ${window} (appointment ${shift.appointmentId}).`,
      executionDate: start.toISODate()!,
      dueDate: shift.start,
      requester: { resourceType: "Patient", id: shift.clientId },
    });
  }

  async function hasTaskLog(careLogId: string, note: { title: string; description: string }): Promise<boolean> {
    return (await client.listTaskLogs(careLogId)).some((t) => t.title === note.title && (t.description ?? "") === note.description);
  }

  /** The care log (encounter) of a shift occurrence, once the visit has started. */
  async function careLogOf(shift: Shift) {
    const day = new Date(Date.UTC(shift.start.getUTCFullYear(), shift.start.getUTCMonth(), shift.start.getUTCDate()));
    const logs = await collect(paginate((p) => client.searchEncounters({ clientId: shift.clientId, startDate: day, endDate: day }, p)));
    return logs.find((e) => (e.appointment?.reference ?? "").endsWith(`/${shift.appointmentId}`));
  }

  return {
    /**
     * Loads the directory reads (caregivers, clients, family-contact phone index) ahead of the first message:
     * at 10 req/s the contact index of a 100-client agency takes ~10 s, which a sender should not wait for.
     */
    async warm(): Promise<void> {
      await Promise.all([activeCaregivers(), tags()]);
      await contactsIndex();
    },
    async getShift(shiftKey: string): Promise<Shift | null> {
      try {
        return await client.getShift(shiftKey);
      } catch (err) {
        if (err instanceof WellSkyNotFoundError) return null;
        throw err;
      }
    },
    async getClient(clientId: string): Promise<Client | null> {
      return cached(`client:${clientId}`, async () => {
        try {
          return toClient(await client.getPatient(clientId));
        } catch (err) {
          if (err instanceof WellSkyNotFoundError) return null;
          throw err;
        }
      });
    },
    async getCaregiver(caregiverId: string): Promise<Caregiver | null> {
      const pool = await activeCaregivers();
      const hit = pool.find((c) => c.id === caregiverId);
      if (hit) return hit;
      try {
        return await client.getCaregiver(caregiverId);
      } catch (err) {
        if (err instanceof WellSkyNotFoundError) return null;
        throw err;
      }
    },
    activeCaregivers,
    activeClients,
    scheduleBetween(from: Date, to: Date, caregiverIds: readonly string[]) {
      return forEach(caregiverIds, (id) => personShifts("caregiverId", id, from, to));
    },
    clientShiftsBetween(from: Date, to: Date, clientIds: readonly string[]) {
      return forEach(clientIds, (id) => personShifts("clientId", id, from, to));
    },
    priorCaregiversOf(clientId: string): Promise<Set<string>> {
      return cached(`prior:${clientId}`, async () => {
        const now = (opts.clock ?? systemClock).now();
        const since = new Date(now.getTime() - 180 * 24 * 3600_000);
        const encounters = await collect(paginate((p) => client.searchEncounters({ clientId, startDate: since, endDate: now }, p)));
        const ids = new Set<string>();
        for (const e of encounters) {
          for (const ref of practitionerRefs(e.participant)) {
            const m = /Practitioner\/(\w+)/.exec(ref);
            if (m) ids.add(m[1]!);
          }
        }
        return ids;
      });
    },
    clientContacts,
    async findPersonByPhone(phone: string): Promise<WellSkyPerson> {
      return cached(`phone:${phone}`, async () => {
        const cgs = await client.findPractitionersByPhone(phone);
        const cg = cgs[0];
        if (cg) {
          const c = toCaregiver(cg, await tags());
          return { kind: "caregiver", id: c.id, firstName: c.firstName, language: c.language };
        }
        for (const field of ["mobile_phone", "home_phone"] as const) {
          const page = await client.searchPatients({ [field]: phone }, { count: 5, page: 0 });
          const p = page.entries[0];
          if (p) {
            const c = toClient(p);
            return { kind: "client", id: c.id, firstName: c.firstName, language: "en" as Language };
          }
        }
        return (await contactsIndex()).get(phone) ?? { kind: "unknown" };
      });
    },

    async assignCaregiver(shiftKey: string, caregiverId: string | null): Promise<void> {
      await client.assignCaregiver(shiftKey, caregiverId);
      sched.clear(); // schedules changed; the next read must see it
    },
    /**
     * A note the office sees on the shift. Once the visit has a care log it is a TaskLog there (the one reliable
     * way to write a shift note). Before that — call-offs and late arrivals are nearly always reported before the
     * start — or when the care log refuses it, it is an AdminTask about the client, dated and timed in the
     * agency's zone and naming the shift — unless the note asks nothing of the office (`beforeStart: "skip"`),
     * which then writes nothing. Throws only when neither landed, so callers keep their own fallback.
     * The same note for the same shift is written once per process (for 12 h); a restart may repeat it.
     */
    noteOnShift(shiftKey: string, note: NoteInput): Promise<void> {
      const key = JSON.stringify([shiftKey, note.title, note.description, note.beforeStart ?? "office_task"]);
      const known = notes.get(key);
      if (known) return known;
      const write = writeNote(shiftKey, note);
      notes.set(key, write);
      write.catch(() => notes.delete(key)); // a failed note may be retried
      return write;
    },
  };
}

export type WellSkyAgency = ReturnType<typeof wellskyAgency>;

/** A shift note; `mayExist` marks a retry, whose earlier attempt may have landed (checked before writing). */
interface NoteInput {
  title: string;
  description: string;
  beforeStart?: "office_task" | "skip";
  mayExist?: boolean;
}

/** How long a written note is remembered for retries: a shift's notes are written within hours of each other. */
const NOTE_DEDUPE_MS = 12 * 3600_000;

/** `YYYYMM` of every UTC month touched by [from, to). */
function monthsBetween(from: Date, to: Date): string[] {
  const out: string[] = [];
  const d = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), 1));
  while (d < to) {
    out.push(`${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, "0")}`);
    d.setUTCMonth(d.getUTCMonth() + 1);
  }
  return out;
}

/** Practitioner references of an encounter; the API spells it `Individual` (live) or FHIR's array form. */
function practitionerRefs(p: unknown): string[] {
  if (!p) return [];
  if (Array.isArray(p)) return p.map((x: { individual?: { reference?: string } }) => x.individual?.reference ?? "");
  const o = p as { Individual?: { reference?: string }[]; individual?: { reference?: string }[] };
  return [...(o.Individual ?? []), ...(o.individual ?? [])].map((r) => r.reference ?? "");
}
