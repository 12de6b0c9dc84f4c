import { Hono } from "hono";
import { requestId } from "hono/request-id";
import type { AppDeps, AppEnv } from "./deps.js";
import { ApiError, errorResponse } from "./errors.js";
import { healthRoutes } from "./routes/health.js";

/**
 * Builds the HTTP app from injected dependencies. Routes read services from the context, never from
 * module singletons, so tests build an app over fakes with `createApp(deps)` and call `app.request()`.
 */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.use("*", requestId({ headerName: "X-Request-Id" }));
  app.use("*", async (c, next) => {
    c.set("deps", deps);
    const started = performance.now();
    await next();
    // Paths carry ids only; query strings may carry phone numbers, so they are not logged.
    deps.logger.info(
      { requestId: c.get("requestId"), method: c.req.method, path: c.req.path, status: c.res.status, latencyMs: Math.round(performance.now() - started) },
      "request",
    );
  });

  app.route("/", healthRoutes);
  for (const mount of deps.routes ?? []) app.route("/", mount);

  app.notFound((c) => errorResponse(c, 404, "not_found", `No route for ${c.req.method} ${c.req.path}`));
  app.onError((err, c) => {
    if (err instanceof ApiError) return errorResponse(c, err.status, err.code, err.message);
    const status = (err as { status?: number }).status;
    if (typeof status === "number" && status >= 400 && status < 500) {
      // hono's own HTTPException (e.g. malformed JSON from a validator).
      return errorResponse(c, status as 400, "bad_request", err.message);
    }
    deps.logger.error({ err, requestId: c.get("requestId"), path: c.req.path }, "unhandled error");
    return errorResponse(c, 500, "internal", "Something went wrong on our side. It has been logged.");
  });
  return app;
}
