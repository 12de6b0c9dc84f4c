import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** An error a route means to return: a status, a stable code, and a message safe to show the caller. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** The one error envelope every route uses: `{ error: { code, message, requestId } }`. */
export function errorBody(c: Context, code: string, message: string) {
  return { error: { code, message, requestId: (c.get("requestId") as string | undefined) ?? "unknown" } };
}

export function errorResponse(c: Context, status: ContentfulStatusCode, code: string, message: string) {
  return c.json(errorBody(c, code, message), status);
}
