import { recordAudit } from "../../db/repos/audit.js";
import type { Campaign } from "../../db/repos/fill.js";
import type { Caregiver, Client } from "../../domain/types.js";
import type { FillDeps } from "./ports.js";

/** Helpers every step of the workflow shares: audit, lookups with per-call caching. */
export interface FillContext extends FillDeps {
  audit(campaign: Pick<Campaign, "id"> | number, actor: string, action: string, reason?: string, data?: Record<string, unknown>): Promise<void>;
  caregiversById(): Promise<Map<string, Caregiver>>;
  client(clientId: string): Promise<Client | null>;
}

export function fillContext(deps: FillDeps): FillContext {
  return {
    ...deps,
    async audit(campaign, actor, action, reason, data) {
      const id = typeof campaign === "number" ? campaign : campaign.id;
      await recordAudit(deps.pool, { at: deps.clock.now(), actor, action, subjectType: "fill_campaign", subjectId: String(id), reason, data });
    },
    async caregiversById() {
      return new Map((await deps.agency.activeCaregivers()).map((c) => [c.id, c]));
    },
    client: (clientId) => deps.agency.getClient(clientId),
  };
}
