import { DelegateBackoff, handleWhen, retry, type IRetryBackoffContext, type RetryPolicy } from "cockatiel";
import pThrottle from "p-throttle";
import type { Clock } from "../../lib/clock.js";
import type { Logger } from "../../lib/logger.js";
import {
  WellSkyAuthError,
  WellSkyHttpError,
  WellSkyNetworkError,
  WellSkyNotFoundError,
  WellSkyResponseError,
  WellSkyRouteError,
} from "./errors.js";
import { buildUrl, TOKEN_PATH, type QueryValue } from "./paths.js";
import { TokenCache } from "./token.js";

/** Retry budget. `maxAttempts` counts every try, the first included. */
export interface RetryOptions {
  maxAttempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { maxAttempts: 4, initialDelayMs: 250, maxDelayMs: 8_000 };
/** Client-side pacing for syncs; the API asks for ≤ 100 req/s and "not batch" (reference §6). */
export const DEFAULT_RATE_PER_SECOND = 10;
export const DEFAULT_TIMEOUT_MS = 20_000;

/** The API Gateway's unmatched-route body (reference §3). */
const ROUTE_MISS_MARKER = "Invalid key=value pair";

export interface TransportOptions {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  ratePerSecond: number;
  retry: RetryOptions;
  timeoutMs: number;
  fetch: typeof fetch;
  clock: Clock;
  logger: Logger;
}

export interface RequestSpec {
  method: "GET" | "POST" | "PUT" | "DELETE";
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  /**
   * Safe to send twice. Defaults to true except for POST. A non-idempotent request (a create) is retried
   * only when the server refused it (429) or the failure happened before it was sent (token fetch), since a
   * 5xx or a dropped connection may hide a create that went through.
   */
  idempotent?: boolean;
}

/**
 * HTTP to WellSky: bearer token with one refresh-and-retry on 401/403, route-miss detection, exponential
 * backoff with jitter on transient failures, and client-side pacing of every request (token calls too).
 */
export class Transport {
  readonly tokens: TokenCache;
  private readonly send: (url: string, init: RequestInit) => Promise<Response>;
  private readonly retryIdempotent: RetryPolicy;
  private readonly retryRefusedOnly: RetryPolicy;
  /** Errors raised before the API request left (token acquisition): safe to retry even for a create. */
  private readonly notSent = new WeakSet<object>();

  constructor(private readonly opts: TransportOptions) {
    if (!(opts.ratePerSecond > 0)) throw new RangeError("ratePerSecond must be > 0");
    if (!Number.isInteger(opts.retry.maxAttempts) || opts.retry.maxAttempts < 1) throw new RangeError("retry.maxAttempts must be an integer ≥ 1");
    const raw = (url: string, init: RequestInit) => opts.fetch(url, { ...init, signal: AbortSignal.timeout(opts.timeoutMs) });
    // Evenly spaced (one request per 1/rate s) rather than bursts of `rate` per window: smoother on the API.
    this.send = Number.isFinite(opts.ratePerSecond) ? pThrottle({ limit: 1, interval: 1000 / opts.ratePerSecond })(raw) : raw;
    this.tokens = new TokenCache(() => this.fetchToken(), opts.clock);
    this.retryIdempotent = this.makePolicy((e) => isTransient(e));
    this.retryRefusedOnly = this.makePolicy((e) => isRefused(e) || (isTransient(e) && this.notSent.has(e)));
  }

  /** Sends one API request (with auth, retries and pacing) and returns the parsed JSON body, or undefined when empty. */
  request(spec: RequestSpec): Promise<unknown> {
    const idempotent = spec.idempotent ?? spec.method !== "POST";
    return (idempotent ? this.retryIdempotent : this.retryRefusedOnly).execute(() => this.attempt(spec));
  }

  private makePolicy(shouldRetry: (e: Error) => boolean): RetryPolicy {
    const { maxAttempts, initialDelayMs, maxDelayMs } = this.opts.retry;
    const backoff = new DelegateBackoff<IRetryBackoffContext<unknown>, number>((ctx, attempt = 0) => {
      const ceiling = Math.min(maxDelayMs, initialDelayMs * 2 ** attempt);
      // "Equal jitter": half fixed, half random, so retries from many callers spread out but never fire at once.
      let delay = ceiling / 2 + (Math.random() * ceiling) / 2;
      const err = "error" in ctx.result ? ctx.result.error : undefined;
      if (err instanceof WellSkyHttpError && err.retryAfterMs !== null) delay = Math.max(delay, Math.min(err.retryAfterMs, maxDelayMs));
      return { delay, state: attempt + 1 };
    });
    // cockatiel's maxAttempts counts retries, ours counts tries.
    const policy = retry(handleWhen(shouldRetry), { maxAttempts: maxAttempts - 1, backoff });
    policy.onRetry((e) => {
      const err = "error" in e ? e.error : undefined;
      this.opts.logger.warn(
        { attempt: e.attempt, delayMs: Math.round(e.delay), status: err instanceof WellSkyHttpError ? err.status : undefined, path: errPath(err), error: err?.name },
        "wellsky request failed; retrying",
      );
    });
    return policy;
  }

  private async attempt(spec: RequestSpec): Promise<unknown> {
    let lease = await this.acquire(() => this.tokens.get());
    let res = await this.sendApi(spec, lease.token);
    if (res.status !== 401 && res.status !== 403) return this.handle(res, spec);

    let body = await this.readText(res, spec);
    if (!lease.fresh) {
      // The cached token may have been revoked or expired early: refresh once and retry once.
      this.tokens.invalidate(lease.token);
      lease = { token: await this.acquire(() => this.tokens.refresh()), fresh: true };
      res = await this.sendApi(spec, lease.token);
      if (res.status !== 401 && res.status !== 403) return this.handle(res, spec);
      body = await this.readText(res, spec);
    }
    // A fresh token still refused: the gateway's route-miss body means a wrong path, not bad credentials.
    if (res.status === 403 && body.includes(ROUTE_MISS_MARKER)) throw new WellSkyRouteError(res.status, body, spec.method, spec.path);
    throw new WellSkyAuthError(res.status, body, spec.method, spec.path);
  }

  private async acquire<T>(get: () => Promise<T>): Promise<T> {
    try {
      return await get();
    } catch (err) {
      if (err instanceof Error) this.notSent.add(err);
      throw err;
    }
  }

  private async sendApi(spec: RequestSpec, token: string): Promise<Response> {
    const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: "application/json" };
    if (spec.body !== undefined) headers["Content-Type"] = "application/json";
    const started = Date.now();
    const res = await this.sendRaw(spec.method, spec.path, buildUrl(this.opts.baseUrl, spec.path, spec.query), {
      method: spec.method,
      headers,
      body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
    });
    // Path only: query strings may carry phone numbers.
    this.opts.logger.debug({ method: spec.method, path: spec.path, status: res.status, ms: Date.now() - started }, "wellsky request");
    return res;
  }

  private async sendRaw(method: string, path: string, url: string, init: RequestInit): Promise<Response> {
    try {
      return await this.send(url, init);
    } catch (cause) {
      throw new WellSkyNetworkError(method, path, { cause });
    }
  }

  private async readText(res: Response, spec: { method: string; path: string }): Promise<string> {
    try {
      return await res.text();
    } catch (cause) {
      throw new WellSkyNetworkError(spec.method, spec.path, { cause });
    }
  }

  private async handle(res: Response, spec: RequestSpec): Promise<unknown> {
    const text = await this.readText(res, spec);
    if (res.ok) return parseJson(text, spec.method, spec.path);
    if (res.status === 404) throw new WellSkyNotFoundError(text, spec.method, spec.path);
    throw new WellSkyHttpError(res.status, text, spec.method, spec.path, undefined, parseRetryAfter(res.headers.get("retry-after"), this.opts.clock));
  }

  /** POST /oauth/accesstoken with the client_credentials grant as JSON (the live-verified form). */
  private async fetchToken(): Promise<unknown> {
    const spec = { method: "POST", path: TOKEN_PATH };
    const res = await this.sendRaw(spec.method, spec.path, buildUrl(this.opts.baseUrl, TOKEN_PATH), {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ grant_type: "client_credentials", client_id: this.opts.clientId, client_secret: this.opts.clientSecret }),
    });
    const text = await this.readText(res, spec);
    if (res.status === 429 || res.status >= 500) {
      throw new WellSkyHttpError(res.status, text, spec.method, spec.path, undefined, parseRetryAfter(res.headers.get("retry-after"), this.opts.clock));
    }
    if (!res.ok) {
      throw new WellSkyAuthError(res.status, text, spec.method, spec.path, `WellSky token endpoint refused the client credentials (${res.status})`);
    }
    return parseJson(text, spec.method, spec.path);
  }
}

function parseJson(text: string, method: string, path: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new WellSkyResponseError(`2xx answer is not JSON: ${text.slice(0, 120)}`, method, path, { cause });
  }
}

/** Retry-After as delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, clock: Clock): number | null {
  if (!value) return null;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - clock.now().getTime());
}

/** 5xx, 429 and no-answer failures are worth another try; 4xx answers and our own validation are not. */
export function isTransient(err: unknown): boolean {
  if (err instanceof WellSkyNetworkError) return true;
  return err instanceof WellSkyHttpError && (err.status === 429 || err.status >= 500);
}

/** The server declined to process the request at all, so resending cannot duplicate it. */
function isRefused(err: unknown): boolean {
  return err instanceof WellSkyHttpError && err.status === 429;
}

function errPath(err: Error | undefined): string | undefined {
  return err instanceof WellSkyHttpError || err instanceof WellSkyNetworkError ? err.path : undefined;
}
