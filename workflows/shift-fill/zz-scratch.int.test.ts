import { it } from "vitest";
import { DateTime } from "luxon";
import { startTestCoverline, TZ } from "../../test/harness.js";
import { rankForShift } from "./rank.js";

it("explore", async () => {
  const t0 = Date.now();
  const t = await startTestCoverline();
  console.log("start ms", Date.now() - t0);
  const seed = t.seed!;
  const now = t.clock.now();
  console.log("caregivers", seed.caregivers.filter(c => c.active && c.hired).length, "clients", seed.clients.length, "coords", seed.coordinators.map(c => `${c.id}:${c.slackUserId}:b=${c.backupId}:s=${c.supervisorId}`).join(" "));
  const future = seed.shifts.filter(s => s.start > now && s.start.getTime() < now.getTime() + 3 * 86400_000);
  console.log("future 3d shifts", future.length, "open", future.filter(s => !s.caregiverId).map(s => s.key + " " + DateTime.fromJSDate(s.start, { zone: TZ }).toFormat("ccc HH:mm")).join(", "));
  const t1 = Date.now();
  let n = 0;
  for (const s of future.slice(0, 12)) {
    const client = await t.fill.ctx.client(s.clientId);
    const { result } = await rankForShift(t.fill.ctx, s, client!, { originalCaregiverId: s.caregiverId, campaignId: 0 });
    n++;
    const tiers = [1, 2, 3].map(k => result.ranked.filter(r => r.tier === k).length);
    console.log(s.key, s.caregiverId ? "assigned" : "OPEN", DateTime.fromJSDate(s.start, { zone: TZ }).toFormat("ccc HH:mm"), "ranked", result.ranked.length, "tiers", tiers.join("/"), "excl", result.excluded.length);
  }
  console.log("rank ms each", (Date.now() - t1) / n);
  await t.stop();
}, 120_000);
