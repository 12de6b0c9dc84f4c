import type { OutboundRequest } from "../../domain/messages.js";
import type { Queryable } from "../pool.js";
import {
  claimFailedOutbound,
  getConsent,
  insertOutboundCheckingConsent,
  markOutbound,
  type OutboundRow,
  type OutboundStatus,
} from "./messages.js";

/**
 * The messenger's store (channels/messenger.ts `OutboundStore`) over the message repos. db/ cannot import
 * channels/, so this matches that interface structurally; server/main.ts passes it to createMessenger.
 */
export function createOutboundStore(q: Queryable) {
  return {
    insert(req: OutboundRequest, init: { transport: string; createdAt: Date }): Promise<{ id: number; duplicate: boolean; row: OutboundRow }> {
      return insertOutboundCheckingConsent(q, req, init.transport, { createdAt: init.createdAt });
    },
    async isOptedOut(phone: string): Promise<boolean> {
      return (await getConsent(q, phone))?.optedOut === true;
    },
    mark(id: number, result: { status: OutboundStatus; providerMessageId?: string; error?: string; at: Date }): Promise<OutboundRow | null> {
      return markOutbound(q, id, result);
    },
    claimFailed(opts: { now: Date; limit: number; maxAttempts: number; backoffMs: number }): Promise<OutboundRow[]> {
      return claimFailedOutbound(q, opts);
    },
  };
}
