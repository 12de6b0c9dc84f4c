import { Hono } from "hono";
import { z } from "zod";
import { FillError } from "../../workflows/shift-fill/engine.js";
import { fillList, fillView } from "../../workflows/shift-fill/view.js";
import type { AppEnv } from "../deps.js";
import { validate } from "../validate.js";
import { ApiError } from "../errors.js";

const StatusQuery = z.object({ status: z.enum(["open", "filled", "escalated", "cancelled", "unfilled"]).optional() });
const StartBody = z.object({ shiftId: z.string().min(3).max(40).regex(/^[0-9A-Za-z_-]+$/) });
const IdParam = z.object({ id: z.coerce.number().int().positive() });


/**
 * Shift-fill API for coordinators and outside tools (contract: keep names and shapes).
 * `POST /api/fills {shiftId}` starts (or returns the live) campaign; `GET` lists and explains them.
 */
export const fillRoutes = new Hono<AppEnv>()
  .get("/api/fills", validate("query", StatusQuery), async (c) => {
    const { fill } = c.get("deps").services;
    return c.json({ fills: await fillList(fill.ctx, c.req.valid("query").status) });
  })
  .get("/api/fills/:id", validate("param", IdParam), async (c) => {
    const view = await fillView(c.get("deps").services.fill.ctx, c.req.valid("param").id);
    if (!view) throw new ApiError(404, "not_found", "No such fill campaign");
    return c.json(view);
  })
  .post("/api/fills", validate("json", StartBody), async (c) => {
    const { fill } = c.get("deps").services;
    try {
      const r = await fill.start({ shiftKey: c.req.valid("json").shiftId, source: "coordinator", actor: "api", reason: "POST /api/fills" });
      return c.json({ id: r.campaign.id, status: r.campaign.status, created: r.created, candidates: r.candidates, urgent: r.urgent }, r.created ? 201 : 200);
    } catch (err) {
      if (err instanceof FillError) throw new ApiError(err.code === "shift_not_found" ? 404 : 409, err.code, err.message);
      throw err;
    }
  });
