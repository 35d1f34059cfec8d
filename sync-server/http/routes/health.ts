/** GET /api/health: 200 when the system can serve, 503 (same body) naming the part that is down. */
import { Router } from "express";
import { health } from "../../../shared/api/health.js";
import { systemHealth, type HealthDeps } from "../../health/system-health.js";
import { route } from "../route.js";

export function healthRouter(deps: HealthDeps): Router {
  const router = Router();
  route(router, health, async (_input, { res }) => {
    const answer = await systemHealth(deps);
    // The status tells a load balancer whether to send traffic here.
    if (answer.down.length) res.status(503);
    return answer;
  });
  return router;
}
