/**
 * Typed failures of the WellSky Connect client. Non-2xx bodies are kept as raw text because the real API
 * answers with JSON, plain sentences or HTML depending on which layer failed (reference §5).
 */

/** Base class: every error the client throws on purpose is a WellSkyError. */
export class WellSkyError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "WellSkyError";
  }
}

/** The request never got an HTTP answer: connection refused or dropped, DNS failure, or our timeout. */
export class WellSkyNetworkError extends WellSkyError {
  constructor(readonly method: string, readonly path: string, options: { cause: unknown }) {
    super(`WellSky ${method} ${path}: no HTTP answer (${describeCause(options.cause)})`, options);
    this.name = "WellSkyNetworkError";
  }
}

/** A non-2xx HTTP answer. `body` is the raw response text, never parsed. */
export class WellSkyHttpError extends WellSkyError {
  constructor(
    readonly status: number,
    readonly body: string,
    readonly method: string,
    readonly path: string,
    message?: string,
    /** Milliseconds the server asked us to wait (Retry-After on a 429/503), when it said. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message ?? `WellSky ${method} ${path} answered ${status}: ${truncate(body)}`);
    this.name = "WellSkyHttpError";
  }
}

/**
 * The API Gateway's answer to a route it does not know (wrong casing, plurality or a missing trailing
 * slash): a 403 "Invalid key=value pair" that looks like an auth failure but is a wrong path (reference §3).
 */
export class WellSkyRouteError extends WellSkyHttpError {
  constructor(status: number, body: string, method: string, path: string) {
    super(
      status,
      body,
      method,
      path,
      `WellSky has no route ${method} ${path} (API Gateway answered ${status} "Invalid key=value pair" with a fresh token; check casing, plurality and the trailing slash)`,
    );
    this.name = "WellSkyRouteError";
  }
}

/** Credentials rejected: the token endpoint refused them, or a fresh token still got 401/403. */
export class WellSkyAuthError extends WellSkyHttpError {
  constructor(status: number, body: string, method: string, path: string, message?: string) {
    super(status, body, method, path, message ?? `WellSky rejected our credentials on ${method} ${path} (${status}): ${truncate(body)}`);
    this.name = "WellSkyAuthError";
  }
}

/** A 404 from WellSky, or an occurrence/resource the client looked for and did not find. */
export class WellSkyNotFoundError extends WellSkyHttpError {
  constructor(body: string, method: string, path: string, message?: string) {
    super(404, body, method, path, message ?? `WellSky ${method} ${path}: not found`);
    this.name = "WellSkyNotFoundError";
  }
}

/** Something Coverline would like but WellSky Connect does not offer; the message says what to do instead. */
export class WellSkyUnsupportedError extends WellSkyError {
  constructor(readonly operation: string, explanation: string) {
    super(`WellSky Connect does not support ${operation}: ${explanation}`);
    this.name = "WellSkyUnsupportedError";
  }
}

/** Rejected before sending: the request would break a documented API rule (bad id, paging or search params). */
export class WellSkyValidationError extends WellSkyError {
  constructor(readonly problems: string[]) {
    super(problems.join(" "));
    this.name = "WellSkyValidationError";
  }
}

/** A 2xx answer whose body is not what the API documents (not JSON, or fails the resource schema). */
export class WellSkyResponseError extends WellSkyError {
  constructor(message: string, readonly method: string, readonly path: string, options?: { cause?: unknown }) {
    super(`WellSky ${method} ${path}: ${message}`, options);
    this.name = "WellSkyResponseError";
  }
}

/** A wire record that cannot become a domain object (e.g. a caregiver with no usable phone). */
export class WellSkyMappingError extends WellSkyError {
  constructor(readonly resourceType: string, readonly id: string, reason: string) {
    super(`Cannot map ${resourceType}/${id}: ${reason}`);
    this.name = "WellSkyMappingError";
  }
}

function describeCause(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause);
  const inner = (cause as { cause?: unknown }).cause;
  return inner instanceof Error ? `${cause.message}: ${inner.message}` : cause.message;
}

function truncate(text: string, max = 300): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
