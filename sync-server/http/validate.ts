/** Parses a request part with a zod schema; a failure becomes a 400 VALIDATION_FAILED via the error handler. */
import type { z } from "zod";

export function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  return schema.parse(value);
}
