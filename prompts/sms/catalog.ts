import type { Fmt } from "./format.js";
import type { SmsTemplateId, SmsVars } from "./vars.js";

/** One language's copy: a function per template. Every language must cover every template (checked by tsc). */
export type Catalog = { [K in SmsTemplateId]: (v: SmsVars[K], f: Fmt) => string };

/**
 * Joins lines. `false`/`undefined`/`null` parts drop out (optional lines); `""` is a deliberate blank line.
 */
export function lines(...parts: (string | false | undefined | null)[]): string {
  return parts.filter((p): p is string => typeof p === "string").join("\n");
}

/** Drive time if known, else miles, else nothing: the template decides the words around it. */
export function distanceOf(v: { driveMinutes?: number | undefined; distanceMiles?: number | undefined }): { minutes: number } | { miles: number } | null {
  if (v.driveMinutes !== undefined) return { minutes: v.driveMinutes };
  if (v.distanceMiles !== undefined) return { miles: v.distanceMiles };
  return null;
}
