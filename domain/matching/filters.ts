import { z } from "zod";
import type { Caregiver, CaregiverProfile, Client, ClientPreferences, GeoPoint, Shift } from "../types.js";
import { haversineMiles } from "./geo.js";
import { agencyWeek, countsAsWork } from "./hours.js";
import { clippedMs, overlapsMs } from "./intervals.js";
import { matchPolicy, type MatchPolicy, type MatchPolicyInput } from "./policy.js";

/** Why a caregiver was not offered a shift. Every applicable reason is reported, not just the first. */
export const ExclusionReason = z.enum([
  "inactive",
  "not_hired",
  "original_caregiver",
  "opted_out",
  "do_not_send",
  "missing_skill",
  "language_mismatch",
  "gender_preference",
  "no_location",
  "beyond_max_distance",
  "beyond_caregiver_max_distance",
  "schedule_conflict",
  "time_off",
  "open_offer_conflict",
  "daily_offer_cap",
]);
export type ExclusionReason = z.infer<typeof ExclusionReason>;

/** A period a caregiver is unavailable (approved time off, marked unavailability). */
export interface TimeOff {
  caregiverId: string;
  start: Date;
  end: Date;
}

/** Everything the hard filters need. Collections are plain data so a caller can build them from SQL rows. */
export interface FilterInput {
  /** The open shift (its `caregiverId` may still be the caregiver who called off). */
  shift: Shift;
  client: Client;
  preferences: ClientPreferences;
  caregivers: readonly Caregiver[];
  profiles: ReadonlyMap<string, CaregiverProfile>;
  /** Assigned shifts around the open shift (at least its agency week and ±1 day), for overlap and hours. */
  schedule: readonly Shift[];
  timeOff: readonly TimeOff[];
  /** Caregivers who replied STOP. */
  optedOutIds: Iterable<string>;
  /** The caregiver who called off; never offered their own shift back. */
  originalCaregiverId: string | null;
  /** Caregivers holding an open (unanswered) offer for another shift that overlaps this one. */
  openOfferConflictIds: Iterable<string>;
  /** Offers already sent to each caregiver today (agency-local day). */
  offersSentToday: ReadonlyMap<string, number>;
  policy: MatchPolicyInput;
}

/** A caregiver who passed every hard filter, with the facts the scorer needs. */
export interface Candidate {
  caregiver: Caregiver;
  profile: CaregiverProfile | null;
  /** Straight-line miles to the shift; null when the shift has no location. */
  distanceMiles: number | null;
  /** Hours already scheduled in the agency week containing the shift start. */
  weeklyHours: number;
  /** Hours in that week including this shift (the overtime test uses each week the shift touches). */
  projectedWeeklyHours: number;
  /** Taking the shift would exceed the overtime cap: still eligible, but tier 3 and flagged for approval. */
  overtime: boolean;
}

export interface Exclusion {
  caregiverId: string;
  reasons: ExclusionReason[];
}

export interface FilterResult {
  eligible: Candidate[];
  excluded: Exclusion[];
}

const HOUR_MS = 3_600_000;

/**
 * Intervals grouped by caregiver in one flat typed array (compressed-row layout): caregiver slot `i` owns
 * pairs `data[2·offsets[i] … 2·offsets[i+1])`. Thousands of small per-caregiver arrays made ranking
 * garbage-collector bound; this is two allocations per list.
 */
export interface IntervalIndex {
  offsets: Int32Array;
  data: Float64Array;
}

function buildIndex(slot: ReadonlyMap<string, number>, n: number, rows: readonly { caregiverId: string | null; start: Date; end: Date }[], keep: (i: number) => boolean): IntervalIndex {
  const slots = new Int32Array(rows.length).fill(-1);
  const offsets = new Int32Array(n + 1);
  for (let r = 0; r < rows.length; r++) {
    const id = rows[r]!.caregiverId;
    const i = id === null || !keep(r) ? undefined : slot.get(id);
    if (i === undefined) continue;
    slots[r] = i;
    offsets[i + 1]!++;
  }
  for (let i = 0; i < n; i++) offsets[i + 1]! += offsets[i]!;
  const fill = offsets.slice(0, n);
  const data = new Float64Array(offsets[n]! * 2);
  for (let r = 0; r < rows.length; r++) {
    const i = slots[r]!;
    if (i < 0) continue;
    const at = fill[i]!++ * 2;
    data[at] = rows[r]!.start.getTime();
    data[at + 1] = rows[r]!.end.getTime();
  }
  return { offsets, data };
}

/** Prepared, per-shift facts shared by every caregiver check; built once so the per-caregiver loop stays cheap. */
export interface FilterContext {
  policy: MatchPolicy;
  shiftStart: number;
  shiftEnd: number;
  shiftLocation: GeoPoint | null;
  /** Weeks the shift touches (1, or 2 across Sunday midnight), with the shift's own hours in each. */
  weeks: { start: number; end: number; shiftHours: number }[];
  /** Caregiver id → slot in the interval indexes. */
  slot: Map<string, number>;
  /** Other work (assigned, not cancelled, not this shift). */
  busy: IntervalIndex;
  off: IntervalIndex;
  optedOut: Set<string>;
  doNotSend: Set<string>;
  openOfferConflict: Set<string>;
}

/** Builds the shared context. Exposed so rankCandidates and filterCandidates share one implementation. */
export function prepareFilter(input: FilterInput): FilterContext {
  const policy = matchPolicy(input.policy);
  const shiftStart = input.shift.start.getTime();
  const shiftEnd = input.shift.end.getTime();
  const first = agencyWeek(input.shift.start, policy.timezone);
  const weekList = [first];
  if (shiftEnd > first.end) weekList.push(agencyWeek(new Date(first.end), policy.timezone));
  const weeks = weekList.map((w) => ({ ...w, shiftHours: clippedMs(shiftStart, shiftEnd, w.start, w.end) / HOUR_MS }));

  const slot = new Map<string, number>();
  input.caregivers.forEach((c, i) => slot.set(c.id, i));
  const n = input.caregivers.length;
  const sched = input.schedule;
  // The open shift itself is not "other work", whoever it is still assigned to.
  const busy = buildIndex(slot, n, sched, (r) => sched[r]!.key !== input.shift.key && countsAsWork(sched[r]!));
  const off = buildIndex(slot, n, input.timeOff, () => true);

  return {
    policy,
    shiftStart,
    shiftEnd,
    shiftLocation: input.shift.location ?? input.client.location,
    weeks,
    slot,
    busy,
    off,
    optedOut: new Set(input.optedOutIds),
    doNotSend: new Set(input.preferences.doNotSendCaregiverIds),
    openOfferConflict: new Set(input.openOfferConflictIds),
  };
}

/** Hours of slot `i`'s intervals inside [winStart, winEnd). */
function hoursIn(ix: IntervalIndex, i: number, winStart: number, winEnd: number): number {
  let ms = 0;
  const d = ix.data;
  for (let k = ix.offsets[i]! * 2, end = ix.offsets[i + 1]! * 2; k < end; k += 2) ms += clippedMs(d[k]!, d[k + 1]!, winStart, winEnd);
  return ms / HOUR_MS;
}

function anyOverlap(ix: IntervalIndex, i: number, start: number, end: number, bufferMs: number): boolean {
  const d = ix.data;
  for (let k = ix.offsets[i]! * 2, e = ix.offsets[i + 1]! * 2; k < e; k += 2) if (overlapsMs(d[k]!, d[k + 1]!, start, end, bufferMs)) return true;
  return false;
}

/** Checks one caregiver; returns the candidate or the list of reasons it was excluded. */
export function checkCaregiver(cg: Caregiver, input: FilterInput, ctx: FilterContext): Candidate | ExclusionReason[] {
  const { policy } = ctx;
  const prefs = input.preferences;
  const profile = input.profiles.get(cg.id) ?? null;
  const reasons: ExclusionReason[] = [];

  if (!cg.active) reasons.push("inactive");
  if (!cg.hired) reasons.push("not_hired");
  if (cg.id === input.originalCaregiverId) reasons.push("original_caregiver");
  if (ctx.optedOut.has(cg.id)) reasons.push("opted_out");
  if (ctx.doNotSend.has(cg.id)) reasons.push("do_not_send");
  if (!prefs.requiredSkills.every((s) => cg.skills.includes(s))) reasons.push("missing_skill");
  const lang = prefs.requiredLanguage;
  if (lang !== null && cg.language !== lang && !cg.otherLanguages.includes(lang)) reasons.push("language_mismatch");
  // A caregiver whose gender we do not know cannot be shown to satisfy a client's stated preference.
  if (prefs.genderPreference !== null && cg.gender !== prefs.genderPreference) reasons.push("gender_preference");

  let distanceMiles: number | null = null;
  if (ctx.shiftLocation !== null) {
    // Without a shift location nobody can be measured; we then skip distance rules rather than exclude all.
    if (cg.location === null) reasons.push("no_location");
    else {
      distanceMiles = haversineMiles(cg.location, ctx.shiftLocation);
      if (distanceMiles > policy.maxDistanceMiles) reasons.push("beyond_max_distance");
      const own = profile?.maxDistanceMiles ?? null;
      if (own !== null && distanceMiles > own) reasons.push("beyond_caregiver_max_distance");
    }
  }

  // A caregiver missing from `input.caregivers` (checked directly) has no indexed time: slot -1 is empty.
  const slot = ctx.slot.get(cg.id) ?? -1;
  const bufferMs = policy.travelBufferMinutes * 60_000;
  if (slot >= 0 && anyOverlap(ctx.busy, slot, ctx.shiftStart, ctx.shiftEnd, bufferMs)) reasons.push("schedule_conflict");
  // Time off blocks the shift itself; travel buffer is about getting between visits, not days off.
  if (slot >= 0 && anyOverlap(ctx.off, slot, ctx.shiftStart, ctx.shiftEnd, 0)) reasons.push("time_off");
  if (ctx.openOfferConflict.has(cg.id)) reasons.push("open_offer_conflict");
  if ((input.offersSentToday.get(cg.id) ?? 0) >= policy.dailyOfferCap) reasons.push("daily_offer_cap");

  if (reasons.length > 0) return reasons;

  let weekly = 0;
  let projected = 0;
  let overtime = false;
  ctx.weeks.forEach((w, wi) => {
    const existing = slot >= 0 ? hoursIn(ctx.busy, slot, w.start, w.end) : 0;
    const withShift = existing + w.shiftHours;
    if (wi === 0) {
      weekly = existing;
      projected = withShift;
    }
    if (withShift > policy.overtimeCapHours) overtime = true;
  });
  return { caregiver: cg, profile, distanceMiles, weeklyHours: weekly, projectedWeeklyHours: projected, overtime };
}

/**
 * Hard filters: who may be offered this shift at all. Over-cap caregivers are *not* excluded — the issue
 * allows tier 3 to exceed the cap with a flag, so they come back with `overtime: true`.
 */
export function filterCandidates(input: FilterInput): FilterResult {
  const ctx = prepareFilter(input);
  const eligible: Candidate[] = [];
  const excluded: Exclusion[] = [];
  for (const cg of input.caregivers) {
    const r = checkCaregiver(cg, input, ctx);
    if (Array.isArray(r)) excluded.push({ caregiverId: cg.id, reasons: r });
    else eligible.push(r);
  }
  return { eligible, excluded };
}
