import { claimInbound, claimUnprocessedInbound, markInbound, recordInbound, setConsent } from "../db/repos/messages.js";
import type { Pool } from "../db/pool.js";
import { complianceKeyword, type InboundMessage } from "../domain/messages.js";
import type { Clock } from "../lib/clock.js";
import type { Logger } from "../lib/logger.js";
import { renderSms } from "../prompts/sms/index.js";
import type { Sender } from "../tools/ports.js";
import { runTurn, type AgentGraph } from "./graph.js";
import type { AgentStateType } from "./state.js";

export interface InboundDeps {
  pool: Pool;
  graph: AgentGraph;
  sender: Sender;
  clock: Clock;
  logger: Logger;
  settings: {
    agencyName: string;
    officePhone: string;
    timezone: string;
    /** RingCentral confirms STOP itself (TCR); only the outbox transport needs our own confirmation. */
    sendStopConfirmation: boolean;
  };
  /** Max messages processed at once in this process. */
  concurrency?: number;
}

export interface InboundProcessor {
  /** Stores the message (dedup on the provider's id) and queues it; returns at once. */
  accept(msg: InboundMessage): Promise<{ id: number; duplicate: boolean }>;
  /**
   * Processes one stored message now (used by accept's queue, the sweeper and tests). "waiting": an earlier
   * message from the same sender is still being handled (by another process); try again shortly.
   */
  process(id: number): Promise<AgentStateType | "compliance" | "skipped" | "waiting">;
  /** Re-processes messages a crash left behind (status received/failed). */
  sweep(limit?: number): Promise<number>;
  /** Resolves when everything accepted so far has been processed. */
  idle(): Promise<void>;
}

/** Backoff while an earlier message from the same sender is in progress elsewhere (~25 s in all). */
const WAITING_RETRY_DELAYS_MS = [50, 100, 200, 400, 800, 1_600, 3_200, 6_400, 12_800];

/**
 * The inbound pipeline: record (dedup) → ack → process off the request path. Messages from one sender are
 * handled in order (a reply must see the state its previous message left) — within this process by a chain per
 * sender, across processes by the claim (claimInbound); different senders in parallel.
 * STOP/START/HELP are answered before the agent ever sees the message.
 */
export function createInboundProcessor(deps: InboundDeps): InboundProcessor {
  const chains = new Map<string, Promise<unknown>>();
  const inFlight = new Set<Promise<unknown>>();
  const limit = deps.concurrency ?? 8;
  let running = 0;
  const waiting: (() => void)[] = [];
  const slot = async () => {
    if (running < limit) {
      running++;
      return;
    }
    await new Promise<void>((r) => waiting.push(r));
    running++;
  };
  const release = () => {
    running--;
    waiting.shift()?.();
  };

  async function process(id: number): Promise<AgentStateType | "compliance" | "skipped" | "waiting"> {
    const row = await claimInbound(deps.pool, id);
    if (row === "waiting") return "waiting";
    if (!row) return "skipped";
    const started = performance.now();
    try {
      const keyword = row.channel === "slack" ? null : complianceKeyword(row.text);
      if (keyword) {
        await handleCompliance(deps, keyword, row.from, id, /^\s*ayuda\b/i.test(row.text) ? "es" : "en");
        await markInbound(deps.pool, id, "processed", { intent: keyword === "opt_in" ? "opt_in" : keyword });
        deps.logger.info({ inboundId: id, intent: keyword, latencyMs: Math.round(performance.now() - started) }, "turn");
        return "compliance";
      }
      const state = await runTurn(deps.graph, {
        id,
        channel: row.channel,
        from: row.from,
        text: row.text,
        receivedAt: row.receivedAt.toISOString(),
        replyTarget: row.replyTarget ?? undefined,
      });
      await markInbound(deps.pool, id, "processed", { intent: state.interpretation?.intent ?? (state.sender?.kind === "coordinator" ? "coordinator" : undefined) });
      deps.logger.info(
        { inboundId: id, sender: state.sender?.kind, intent: state.interpretation?.intent, confidence: state.interpretation?.confidence, source: state.interpretation?.source, tools: state.tools, outcome: state.outcome, latencyMs: Math.round(performance.now() - started) },
        "turn",
      );
      return state;
    } catch (err) {
      // Loses nothing: the row stays `failed` and the sweeper retries it (up to MAX_INBOUND_ATTEMPTS).
      await markInbound(deps.pool, id, "failed", { error: (err as Error).name + ": " + ((err as Error).message ?? "").slice(0, 300) });
      deps.logger.error({ inboundId: id, err }, "turn failed");
      throw err;
    }
  }

  /**
   * Queues a message behind its sender's earlier ones. A claim refused as "waiting" (an earlier message from
   * the same sender is still pending — in another process, or accepted here but queued behind this one because
   * its insert returned later) is retried after a backoff OUTSIDE the chain, so the message it waits for can
   * run. After the last try the row stays `received` and the restart sweeper takes it.
   */
  function enqueue(id: number, from: string, attempt = 0): void {
    const prev = chains.get(from) ?? Promise.resolve();
    const next = prev.then(async () => {
      await slot();
      try {
        return (await process(id)) === "waiting";
      } catch {
        return false; // logged in process(); the sweeper retries
      } finally {
        release();
      }
    });
    chains.set(from, next);
    const done = next.then(async (waiting) => {
      const delayMs = WAITING_RETRY_DELAYS_MS[attempt];
      if (!waiting || delayMs === undefined) return;
      await new Promise((r) => setTimeout(r, delayMs));
      enqueue(id, from, attempt + 1);
    });
    inFlight.add(done);
    void done.finally(() => {
      inFlight.delete(done);
      if (chains.get(from) === next) chains.delete(from);
    });
  }

  return {
    async accept(msg) {
      const r = await recordInbound(deps.pool, msg);
      if (!r.duplicate) enqueue(r.id, msg.from);
      return r;
    },
    process,
    async sweep(max = 50) {
      const rows = await claimUnprocessedInbound(deps.pool, max, { receivedBefore: new Date(deps.clock.now().getTime() - 30_000) });
      for (const row of rows) {
        // claimUnprocessedInbound marked them processing; hand them back to the normal path.
        await markInbound(deps.pool, row.id, "received");
        enqueue(row.id, row.from);
      }
      return rows.length;
    },
    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}

async function handleCompliance(deps: InboundDeps, keyword: "opt_out" | "opt_in" | "help", phone: string, inboundId: number, lang: "en" | "es"): Promise<void> {
  const now = deps.clock.now();
  const s = deps.settings;
  const ctx = { agencyName: s.agencyName, officePhone: s.officePhone, timezone: s.timezone, now };
  if (keyword === "opt_out") {
    // Confirm first: once opted out, the messenger suppresses every text to this number, at send time.
    if (s.sendStopConfirmation) await deps.sender.send({ channel: "sms", to: phone, text: renderSms("stop_confirm", "en", {}, ctx), idempotencyKey: `compliance:${inboundId}` });
    await setConsent(deps.pool, phone, true, "keyword", now);
    return;
  }
  if (keyword === "opt_in") {
    await setConsent(deps.pool, phone, false, "keyword", now);
    await deps.sender.send({ channel: "sms", to: phone, text: renderSms("start_confirm", "en", {}, ctx), idempotencyKey: `compliance:${inboundId}` });
    return;
  }
  await deps.sender.send({ channel: "sms", to: phone, text: renderSms("help", lang, {}, ctx), idempotencyKey: `compliance:${inboundId}` });
}
