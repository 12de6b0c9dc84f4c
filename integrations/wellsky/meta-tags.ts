import type { Meta } from "./schemas.js";

/**
 * Accessors for the flags and enums WellSky keeps in `meta.tag[]` code/display pairs. Displays are strings
 * with inconsistent spelling on the live API ("True", "true", "None"), so every read goes through here.
 */

type Tagged = { meta?: Meta | undefined };

/** Raw display of the first tag with this code (codes compared case-insensitively), or undefined. */
export function tagValue(resource: Tagged, code: string): string | undefined {
  const want = code.toLowerCase();
  return resource.meta?.tag.find((t) => t.code.toLowerCase() === want)?.display;
}

/** "True"/"true"/"1"/"yes" → true, "False"/"false"/"0"/"no" → false, missing/"None"/anything else → null. */
export function parseTagBool(display: string | undefined): boolean | null {
  const v = display?.trim().toLowerCase();
  if (v === "true" || v === "1" || v === "yes") return true;
  if (v === "false" || v === "0" || v === "no") return false;
  return null;
}

/** A numeric tag ("80", "100"); "None", "" and missing are null. */
export function parseTagNumber(display: string | undefined): number | null {
  const v = display?.trim();
  if (!v || !/^-?\d+(\.\d+)?$/.test(v)) return null;
  return Number(v);
}

/** Whether a Patient is a client (vs. prospect/referral contact); null when the tag is absent or "None". */
export function isClient(patient: Tagged): boolean | null {
  return parseTagBool(tagValue(patient, "isClient"));
}

/** Whether a Practitioner is hired (vs. applicant); null when the tag is absent or "None". */
export function isHired(practitioner: Tagged): boolean | null {
  return parseTagBool(tagValue(practitioner, "isHired"));
}

/** The status id (Patient: 80 = care started; Practitioner: 100 = hired), or null ("None" is common). */
export function statusId(resource: Tagged): number | null {
  return parseTagNumber(tagValue(resource, "status"));
}

/** ProfileTag ids from the comma-joined `profileTags` tag ("45,67, 89"). */
export function profileTagIds(resource: Tagged): string[] {
  const raw = tagValue(resource, "profileTags");
  if (!raw) return [];
  return raw
    .split(",")
    .map((s) => s.trim())
    .filter((s) => /^\d+$/.test(s));
}

/** A copy of `resource` whose meta tags carry `agencyId` exactly once (writes must carry it, reference §2). */
export function withAgencyTag<T extends Tagged & Record<string, unknown>>(resource: T, agencyId: string): T & { meta: Meta } {
  const tags = (resource.meta?.tag ?? []).filter((t) => t.code.toLowerCase() !== "agencyid");
  return { ...resource, meta: { ...(resource.meta ?? {}), tag: [...tags, { code: "agencyId", display: agencyId }] } };
}
