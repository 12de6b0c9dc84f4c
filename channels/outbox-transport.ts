import type { SlackTransport, SmsTransport, TransportResult } from "./transport.js";

/**
 * The transport used when no RingCentral/Slack credentials are configured. It sends nothing: the
 * outbound_messages row the messenger already wrote *is* the outbox, which `/dev/outbox` and the SMS simulator
 * read. Reporting success marks the row `sent`, exactly as a real send would.
 */
export function createOutboxTransport(): SmsTransport & SlackTransport {
  const ok = async (): Promise<TransportResult> => ({ transport: "outbox" });
  return { name: "outbox", sendSms: ok, postMessage: ok };
}
