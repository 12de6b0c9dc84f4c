import type { Clock } from "../../../lib/clock.js";
import type { DeliveryRecord, FakeStore } from "./store.js";

/** How long a delivery may take before it is recorded as failed. */
const DELIVERY_TIMEOUT_MS = 5_000;

/**
 * Webhook deliveries as the Subscription API describes them (reference §10): a thin POST of
 * `{resourceType, id}` to every active subscription for the criteria, carrying the registered
 * `channel.header` lines. One attempt, no signature (the live API documents neither retries nor signing).
 */
export class WebhookEmitter {
  private readonly inflight = new Set<Promise<unknown>>();

  constructor(
    private readonly store: FakeStore,
    private readonly clock: Clock,
  ) {}

  /** Delivers to every matching subscription and resolves with what happened to each. */
  emit(criteria: string, resource: { resourceType: string; id: string | number }): Promise<DeliveryRecord[]> {
    const subs = [...this.store.subscriptions.values()].filter((s) => s.criteria === criteria && (s.status ?? "active") === "active");
    const run = Promise.all(subs.map((s) => this.deliver(s.id, criteria, s.channel, resource)));
    this.inflight.add(run);
    void run.finally(() => this.inflight.delete(run));
    return run;
  }

  /** Waits for deliveries started by server-side events (e.g. clock-out). */
  async flush(): Promise<void> {
    while (this.inflight.size) await Promise.allSettled([...this.inflight]);
  }

  private async deliver(
    subscriptionId: string,
    criteria: string,
    channel: { endpoint: string; payload?: string | undefined; header: string[] },
    resource: { resourceType: string; id: string | number },
  ): Promise<DeliveryRecord> {
    const headers: Record<string, string> = { "Content-Type": channel.payload ?? "application/fhir+json" };
    for (const line of channel.header) {
      const cut = line.indexOf(":");
      if (cut > 0) headers[line.slice(0, cut).trim()] = line.slice(cut + 1).trim();
    }
    // The documented sample sends the id as a number.
    const payload = { resourceType: resource.resourceType, id: /^\d+$/.test(String(resource.id)) ? Number(resource.id) : resource.id };
    const record: DeliveryRecord = { at: this.clock.now(), subscriptionId, criteria, endpoint: channel.endpoint, headers, payload, status: null };
    try {
      const res = await fetch(channel.endpoint, { method: "POST", headers, body: JSON.stringify(payload), signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS) });
      record.status = res.status;
      await res.body?.cancel();
    } catch (err) {
      record.error = err instanceof Error ? err.message : String(err);
    }
    this.store.deliveries.push(record);
    return record;
  }
}
