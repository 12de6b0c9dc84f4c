import type { Clock } from "../../lib/clock.js";
import { WellSkyResponseError } from "./errors.js";
import { TOKEN_PATH } from "./paths.js";
import { TokenResponse } from "./schemas.js";

/** Re-fetch this long before the token's stated expiry, so a request never leaves with a dying token. */
export const TOKEN_REFRESH_MARGIN_MS = 5 * 60_000;

/** What the cache needs from the transport: one POST to the token endpoint, returning the parsed JSON. */
export type FetchToken = () => Promise<unknown>;

/** A token and whether this call fetched it (a fresh token that still gets a 403 means a wrong route). */
export interface TokenLease {
  token: string;
  fresh: boolean;
}

/**
 * Caches the client_credentials access token. Expiry is measured on our clock from the moment the answer
 * arrived (`expires_in` seconds later), not from `issued_at`, so server clock skew cannot make us use a
 * stale token. Concurrent callers share one in-flight fetch.
 */
export class TokenCache {
  private current: { token: string; refreshAt: number } | null = null;
  private inflight: Promise<string> | null = null;

  constructor(
    private readonly fetchToken: FetchToken,
    private readonly clock: Clock,
  ) {}

  /** A usable token: the cached one unless it is within the refresh margin of expiry. */
  async get(): Promise<TokenLease> {
    if (this.current && this.clock.now().getTime() < this.current.refreshAt) return { token: this.current.token, fresh: false };
    return { token: await this.refresh(), fresh: true };
  }

  /** Fetches a new token now (after a 401/403), sharing a fetch already in flight. */
  refresh(): Promise<string> {
    this.inflight ??= this.fetchNew().finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  /** Forgets the token unless a newer one has replaced it since `token` was handed out. */
  invalidate(token: string): void {
    if (this.current?.token === token) this.current = null;
  }

  private async fetchNew(): Promise<string> {
    const result = TokenResponse.safeParse(await this.fetchToken());
    if (!result.success) {
      throw new WellSkyResponseError("token answer lacks a usable access_token/expires_in", "POST", TOKEN_PATH, { cause: result.error });
    }
    const parsed = result.data;
    const lifetimeMs = parsed.expires_in * 1000;
    // A token shorter-lived than twice the margin would otherwise be "expired" on arrival.
    const margin = Math.min(TOKEN_REFRESH_MARGIN_MS, lifetimeMs / 2);
    this.current = { token: parsed.access_token, refreshAt: this.clock.now().getTime() + lifetimeMs - margin };
    return parsed.access_token;
  }
}
