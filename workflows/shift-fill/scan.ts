import type { Clock } from "../../lib/clock.js";
import type { Logger } from "../../lib/logger.js";
import type { AgencyReader } from "../../tools/ports.js";
import { FillError, type FillEngine } from "./engine.js";

/**
 * Finds shifts in the next `horizonHours` that have no caregiver in WellSky and starts a fill for each
 * (source `unassigned_scan`). Idempotent: a shift with a live campaign is left alone. The Connect API has no
 * shift webhooks, so polling per client is the only way to notice a shift emptied in WellSky directly.
 */
export async function scanUnassigned(deps: { engine: FillEngine; agency: AgencyReader; clock: Clock; logger: Logger }, horizonHours: number): Promise<number> {
  const now = deps.clock.now();
  const to = new Date(now.getTime() + horizonHours * 3600_000);
  const clients = await deps.agency.activeClients();
  const shifts = await deps.agency.clientShiftsBetween(now, to, clients.map((c) => c.id));
  const open = shifts.filter((s) => s.caregiverId === null && s.status === "SCHEDULED" && s.start > now);
  let started = 0;
  for (const shift of open) {
    try {
      const r = await deps.engine.start({ shiftKey: shift.key, source: "unassigned_scan", actor: "system", reason: "no caregiver assigned in WellSky" });
      if (r.created) started += 1;
    } catch (err) {
      if (!(err instanceof FillError)) throw err;
      deps.logger.warn({ shiftKey: shift.key, code: err.code }, "unassigned shift not filled");
    }
  }
  if (started > 0) deps.logger.info({ started, open: open.length }, "unassigned scan started fills");
  return started;
}
