/** Liveness for load balancers and people: 200 when the system can serve, 503 naming what is down. */
import { z } from "zod";
import { defineContract } from "./define.js";

const check = z.object({ status: z.enum(["up", "down"]), latencyMs: z.number() });

export const health = defineContract({
  method: "GET",
  path: "/api/health",
  access: "public",
  // The same body with 200 or 503: the handler sets the status.
  response: z.object({
    status: z.enum(["ok", "degraded", "down"]),
    down: z.array(z.string()),
    checks: z.object({
      postgres: check,
      redis: z.union([check, z.object({ status: z.literal("absent"), note: z.string() })]),
      // Shape owned by the email pipeline (sync-server/email/status.ts); only its status is relied on.
      email: z.looseObject({ status: z.string() }),
    }),
    time: z.string(),
  }),
});
