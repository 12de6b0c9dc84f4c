import { OutboundRequest, type OutboundChannel, type SendOutcome } from "../domain/messages.js";
import type { Clock } from "../lib/clock.js";
import { scrubPhones, type Logger } from "../lib/logger.js";
import type { SlackTransport, SmsTransport, TransportResult } from "./transport.js";

/** An outbound row as the messenger sees it (db/repos/outbound-store.ts provides it). */
export interface StoredOutbound {
  id: number;
  channel: OutboundChannel;
  to: string;
  text: string;
  blocks: Record<string, unknown>[] | null;
  threadTs: string | null;
  status: "queued" | "sent" | "failed" | "suppressed";
  transport: string;
  error: string | null;
  attempts: number;
}

/** Persistence the messenger needs; implemented over the repos by `createOutboundStore` in db/repos/outbound-store.ts. */
export interface OutboundStore {
  /**
   * Records a message about to be sent, under its idempotency key, reading SMS consent at this moment as part of
   * the same write: an SMS to a number that has opted out (STOP) is stored `suppressed`, anything else `queued`
   * (attempts 1, the caller sends it). An existing key changes nothing and returns that row, with the first
   * send's status, and `duplicate: true`.
   */
  insert(req: OutboundRequest, init: { transport: string; createdAt: Date }): Promise<{ id: number; duplicate: boolean; row: StoredOutbound }>;
  /** Whether the number has opted out of SMS (STOP) as of now; retryFailed asks before each resend. */
  isOptedOut(phone: string): Promise<boolean>;
  mark(id: number, result: { status: "sent" | "failed" | "suppressed"; providerMessageId?: string; error?: string; at: Date }): Promise<unknown>;
  /** Atomically moves due failed rows back to queued (attempts + 1) and returns them. */
  claimFailed(opts: { now: Date; limit: number; maxAttempts: number; backoffMs: number }): Promise<StoredOutbound[]>;
}

export interface MessengerDeps {
  store: OutboundStore;
  transports: { sms: SmsTransport; slack: SlackTransport };
  clock: Clock;
  logger: Logger;
  /** Total send attempts per message before it stays failed for a human (default MAX_SEND_ATTEMPTS). */
  maxAttempts?: number;
  /** First retry delay; doubles per attempt (default RETRY_BACKOFF_MS). */
  retryBackoffMs?: number;
}

export interface Messenger {
  /**
   * Sends one message at most once per idempotency key. Never throws for a transport failure: the outcome is
   * `failed` and `retryFailed` picks it up. Throws `InvalidOutboundRequestError` for a malformed request.
   */
  send(req: OutboundRequest): Promise<SendOutcome>;
  /** Resends failed messages that are due (for a periodic job). Re-checks SMS consent first. */
  retryFailed(limit?: number): Promise<SendOutcome[]>;
}

/**
 * Five attempts with 30 s doubling backoff spans ~8 minutes: long enough to ride out a provider blip or a
 * RingCentral 60 s rate-limit penalty, short enough that a shift offer is not delivered hours late.
 */
export const MAX_SEND_ATTEMPTS = 5;
export const RETRY_BACKOFF_MS = 30_000;
/** Retry batch size when the job does not say. */
const DEFAULT_RETRY_BATCH = 50;
/** Errors are stored on the row and logged; keep them short. */
const MAX_ERROR_LENGTH = 500;

const E164 = /^\+[1-9]\d{6,14}$/;

/** OutboundRequest plus what the messenger needs: SMS recipients must already be E.164 (consent is keyed by it). */
const SendRequest = OutboundRequest.superRefine((r, ctx) => {
  if (r.channel === "sms" && !E164.test(r.to)) {
    ctx.addIssue({ code: "custom", path: ["to"], message: "SMS recipient must be an E.164 number like +13035550123" });
  }
});

export class InvalidOutboundRequestError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid outbound request: ${issues.join("; ")}`);
    this.name = "InvalidOutboundRequestError";
  }
}

/** Creates the one place outbound messages go through: idempotent, consent-checked, durable on failure. */
export function createMessenger(deps: MessengerDeps): Messenger {
  const { store, transports, clock, logger } = deps;
  const maxAttempts = deps.maxAttempts ?? MAX_SEND_ATTEMPTS;
  const backoffMs = deps.retryBackoffMs ?? RETRY_BACKOFF_MS;

  function transportFor(channel: OutboundChannel): SmsTransport | SlackTransport {
    return channel === "sms" ? transports.sms : transports.slack;
  }

  async function deliver(row: StoredOutbound): Promise<SendOutcome> {
    let result: TransportResult;
    try {
      result =
        row.channel === "sms"
          ? await transports.sms.sendSms({ to: row.to, text: row.text })
          : await transports.slack.postMessage({
              channel: row.to,
              text: row.text,
              ...(row.blocks ? { blocks: row.blocks } : {}),
              ...(row.threadTs ? { threadTs: row.threadTs } : {}),
            });
    } catch (err) {
      const error = describeError(err);
      await store.mark(row.id, { status: "failed", error, at: clock.now() });
      logger.warn({ outboundId: row.id, channel: row.channel, status: "failed", attempts: row.attempts, error }, "outbound send failed");
      return { status: "failed", id: row.id, error, duplicate: false };
    }
    await store.mark(row.id, { status: "sent", at: clock.now(), ...(result.providerMessageId ? { providerMessageId: result.providerMessageId } : {}) });
    logger.info({ outboundId: row.id, channel: row.channel, status: "sent", transport: result.transport, attempts: row.attempts }, "outbound sent");
    return { status: "sent", id: row.id, transport: result.transport, duplicate: false };
  }

  return {
    async send(input) {
      const parsed = SendRequest.safeParse(input);
      if (!parsed.success) {
        throw new InvalidOutboundRequestError(parsed.error.issues.map((i) => `${i.path.join(".") || "request"}: ${i.message}`));
      }
      const req = parsed.data;
      // Consent is read now, at send time (by the insert itself) — not when the message was planned — so a STOP
      // that arrived in between wins. RingCentral would also block it, but then the row would read "failed".
      const { row, duplicate } = await store.insert(req, { transport: transportFor(req.channel).name, createdAt: clock.now() });
      if (duplicate) {
        logger.info({ outboundId: row.id, channel: row.channel, status: row.status, duplicate: true }, "outbound duplicate; not sent again");
        return outcomeOf(row);
      }
      if (row.status === "suppressed") {
        logger.info({ outboundId: row.id, channel: row.channel, status: "suppressed", reason: "opted_out" }, "outbound suppressed");
        return { status: "suppressed", id: row.id, reason: "opted_out", duplicate: false };
      }
      return deliver(row);
    },

    async retryFailed(limit = DEFAULT_RETRY_BATCH) {
      const rows = await store.claimFailed({ now: clock.now(), limit, maxAttempts, backoffMs });
      const outcomes: SendOutcome[] = [];
      for (const row of rows) {
        if (row.channel === "sms" && (await store.isOptedOut(row.to))) {
          await store.mark(row.id, { status: "suppressed", at: clock.now() });
          logger.info({ outboundId: row.id, channel: row.channel, status: "suppressed", reason: "opted_out" }, "outbound retry suppressed");
          outcomes.push({ status: "suppressed", id: row.id, reason: "opted_out", duplicate: false });
          continue;
        }
        outcomes.push(await deliver(row));
      }
      return outcomes;
    },
  };
}

/** The outcome a repeated send reports: whatever happened to the first one. */
function outcomeOf(row: StoredOutbound): SendOutcome {
  switch (row.status) {
    case "sent":
      return { status: "sent", id: row.id, transport: row.transport, duplicate: true };
    case "suppressed":
      return { status: "suppressed", id: row.id, reason: "opted_out", duplicate: true };
    case "failed":
      return { status: "failed", id: row.id, error: row.error ?? "send failed", duplicate: true };
    case "queued":
      // The first send with this key is still in flight (or its process died mid-send). Sending again could
      // text the person twice, so report it as not sent rather than guess.
      return { status: "failed", id: row.id, error: "in progress: the first send with this idempotency key has not finished", duplicate: true };
  }
}

/** A storable, log-safe error description: provider messages can quote the phone number. */
function describeError(err: unknown): string {
  const base = err instanceof Error ? `${err.name === "Error" ? "" : `${err.name}: `}${err.message}` : String(err);
  return scrubPhones(base).slice(0, MAX_ERROR_LENGTH);
}
