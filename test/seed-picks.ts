import { DateTime } from "luxon";
import type { Caregiver, Shift } from "../domain/types.js";
import type { TestCoverline } from "./harness.js";

/**
 * Picks people and shifts out of the seeded agency for end-to-end tests, by what a test needs ("a caregiver
 * with exactly one shift tomorrow") rather than by hard-coded ids: the seed is laid out around the test's clock.
 */

export const activeCaregivers = (t: TestCoverline): Caregiver[] => t.seed!.caregivers.filter((c) => c.active && c.hired);

/** The agency-local ISO date `offsetDays` from the test clock's today. */
export function localDay(t: TestCoverline, offsetDays = 0): string {
  return DateTime.fromJSDate(t.clock.now(), { zone: t.config.AGENCY_TIMEZONE }).plus({ days: offsetDays }).toISODate()!;
}

export function startsOn(t: TestCoverline, s: Shift, day: string): boolean {
  return DateTime.fromJSDate(s.start, { zone: t.config.AGENCY_TIMEZONE }).toISODate() === day;
}

/** Scheduled shifts of one caregiver, in start order. */
export function shiftsOf(t: TestCoverline, caregiverId: string): Shift[] {
  return t.seed!.shifts.filter((s) => s.caregiverId === caregiverId && s.status === "SCHEDULED").sort((a, b) => a.start.getTime() - b.start.getTime());
}

/** Caregivers (excluding `exclude`) with exactly one scheduled shift starting on `day` that matches `accept`. */
export function caregiversWithOneShiftOn(t: TestCoverline, day: string, accept: (s: Shift, cg: Caregiver) => boolean = () => true, exclude: string[] = []): { cg: Caregiver; shift: Shift }[] {
  const out: { cg: Caregiver; shift: Shift }[] = [];
  for (const cg of activeCaregivers(t)) {
    if (exclude.includes(cg.id)) continue;
    const mine = t.seed!.shifts.filter((s) => s.caregiverId === cg.id && startsOn(t, s, day));
    if (mine.length === 1 && mine[0]!.status === "SCHEDULED" && accept(mine[0]!, cg)) out.push({ cg, shift: mine[0]! });
  }
  return out;
}

/** Active caregivers with no shift at all starting on `day`. */
export function caregiversFreeOn(t: TestCoverline, day: string): Caregiver[] {
  return activeCaregivers(t).filter((cg) => !t.seed!.shifts.some((s) => s.caregiverId === cg.id && startsOn(t, s, day)));
}

/** Unassigned upcoming shifts (what a coordinator would start a fill for), soonest first. */
export function openShifts(t: TestCoverline, minHoursAhead = 6): Shift[] {
  const from = t.clock.now().getTime() + minHoursAhead * 3600_000;
  return t.seed!.shifts.filter((s) => !s.caregiverId && s.status === "SCHEDULED" && s.start.getTime() > from).sort((a, b) => a.start.getTime() - b.start.getTime());
}

/** Whether the client of `shift` has a primary contact with a phone (who hears about late arrivals, changes). */
export function primaryContactOf(t: TestCoverline, clientId: string) {
  return t.seed!.contacts.find((c) => c.clientId === clientId && c.primary && c.phone) ?? null;
}

/** Every identifying detail of everyone in the agency except `keep` — for "nobody else's data leaked" checks. */
export function othersPersonalData(t: TestCoverline, keep: { caregiverId?: string; clientIds?: string[] } = {}): string[] {
  const seed = t.seed!;
  const out: string[] = [];
  for (const c of seed.caregivers) if (c.id !== keep.caregiverId) out.push(`${c.firstName} ${c.lastName}`, c.phone, c.phone.slice(2));
  for (const c of seed.clients) {
    if (keep.clientIds?.includes(c.id)) continue;
    out.push(`${c.firstName} ${c.lastName}`, c.address.line, ...(c.phone ? [c.phone] : []));
  }
  for (const c of seed.contacts) {
    if (keep.clientIds?.includes(c.clientId)) continue;
    out.push(`${c.firstName} ${c.lastName}`, ...(c.phone ? [c.phone, c.phone.slice(2)] : []));
  }
  for (const c of seed.coordinators) out.push(c.phone);
  return out.filter((s) => s.length >= 6);
}

/** POST /api/fills and the campaign view once its first wave went out. */
export async function startFillViaApi(t: TestCoverline, shiftKey: string): Promise<FillView> {
  const res = await t.app.request("/api/fills", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ shiftId: shiftKey }) });
  if (res.status !== 201 && res.status !== 200) throw new Error(`POST /api/fills → ${res.status}: ${await res.text()}`);
  const { id } = (await res.json()) as { id: number };
  return fillView(t, id);
}

export async function fillView(t: TestCoverline, id: number): Promise<FillView> {
  return (await (await t.app.request(`/api/fills/${id}`)).json()) as FillView;
}

export interface FillView {
  id: number;
  status: string;
  wave: number;
  shift: { key: string; clientId: string; start: string; end: string };
  winner: { caregiverId: string; assignment: string } | null;
  candidates: { caregiverId: string; tier: number; score: number }[];
  offers: { id: number; caregiverId: string; status: string; wave: number }[];
  timeline: { action: string }[];
}

/** Every message Coverline sent so far (any status), for leak checks. */
export async function allOutbound(t: TestCoverline): Promise<{ channel: string; to: string; text: string; status: string }[]> {
  const { rows } = await t.db.pool.query<{ channel: string; to_address: string; body: string; status: string }>("SELECT channel, to_address, body, status FROM outbound_messages ORDER BY id");
  return rows.map((r) => ({ channel: r.channel, to: r.to_address, text: r.body, status: r.status }));
}
