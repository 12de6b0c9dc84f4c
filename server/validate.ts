import { zValidator } from "@hono/zod-validator";
import type { ValidationTargets } from "hono";
import type { z } from "zod";
import { errorResponse } from "./errors.js";

/** A zod validator for a route part that answers bad input with the one error envelope (400, every issue). */
export function validate<T extends z.ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) {
  return zValidator(target, schema, (result, c) => {
    if (!result.success) {
      const message = result.error.issues.map((i) => `${i.path.map(String).join(".") || target}: ${i.message}`).join("; ");
      return errorResponse(c, 400, "invalid_request", message);
    }
  });
}
