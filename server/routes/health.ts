import { Hono } from "hono";
import type { AppEnv } from "../deps.js";

/**
 * `GET /health`: 200 when every dependency (database, WellSky, …) answers, 503 with the failing ones
 * otherwise. Each check is bounded so a hung dependency cannot hang the probe.
 */
export const healthRoutes = new Hono<AppEnv>().get("/health", async (c) => {
  const { health } = c.get("deps");
  const results = await Promise.all(
    health.map(async (h) => {
      const started = performance.now();
      try {
        const detail = await withTimeout(h.check(), 5_000);
        return [h.name, { ok: true, latencyMs: Math.round(performance.now() - started), ...(detail ?? {}) }] as const;
      } catch (err) {
        return [h.name, { ok: false, error: (err as Error).message }] as const;
      }
    }),
  );
  const ok = results.every(([, r]) => r.ok);
  return c.json({ status: ok ? "healthy" : "unhealthy", checks: Object.fromEntries(results) }, ok ? 200 : 503);
});

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e) => {
        clearTimeout(t);
        reject(e);
      },
    );
  });
}
