/**
 * What the messenger needs from a channel's sender. Integrations (ringcentral/, slack/) and the outbox satisfy
 * these structurally — they cannot import channels/ (STYLE.md §2), so the shapes are kept deliberately small.
 * A transport throws on failure; the messenger turns that into a `failed` row.
 */

/** Result of a successful hand-off to a provider. */
export interface TransportResult {
  /** Which transport sent it: "outbox", "ringcentral", "slack". */
  transport: string;
  /** The provider's id for the sent message (RingCentral message id, Slack ts), when it gives one. */
  providerMessageId?: string;
}

export interface SmsTransport {
  /** Stored on each outbound row (outbound_messages.transport). */
  readonly name: string;
  sendSms(msg: { to: string; text: string }): Promise<TransportResult>;
}

export interface SlackTransport {
  readonly name: string;
  postMessage(msg: {
    channel: string;
    text: string;
    blocks?: Record<string, unknown>[];
    threadTs?: string;
  }): Promise<TransportResult>;
}
