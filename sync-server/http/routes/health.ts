/**
 * GET /api/health: PostgreSQL and Redis, each with its latency. 200 when the system can serve
 * (Redis may be intentionally absent in development: "degraded"), 503 naming the part that is down.
 */
import { Router } from "express";
import type { Redis } from "ioredis";
import type { z } from "zod";
import { health } from "../../../shared/api/health.js";
import type { Db } from "../../db/prisma.js";
import { databaseAnswers } from "../../db/ping.js";
import { redisAlive } from "../../redis/connection.js";
import type { createEmailQueues } from "../../email/queue.js";
import { emailStatus } from "../../email/status.js";
import { route } from "../route.js";

type HealthStatus = z.infer<typeof health.response>["status"];

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await fn();
  return { value, ms: Math.round((performance.now() - start) * 10) / 10 };
}

export function healthRouter(deps: { db: Db; systemDb: Db; redis?: Redis; queues?: ReturnType<typeof createEmailQueues>; redisPrefix: string }): Router {
  const router = Router();
  route(router, health, async (_input, { res }) => {
    const pg = await timed(() => databaseAnswers(deps.db, 2_000));
    const redis = deps.redis ? await timed(() => redisAlive(deps.redis!, 1_000)) : null;
    const checks = {
      postgres: { status: pg.value ? ("up" as const) : ("down" as const), latencyMs: pg.ms },
      redis: redis
        ? { status: redis.value ? ("up" as const) : ("down" as const), latencyMs: redis.ms }
        : { status: "absent" as const, note: "running without Redis (degraded: memory-only rate limits, no cross-instance pokes)" },
    };
    const down = Object.entries(checks).filter(([, c]) => c.status === "down").map(([name]) => name);
    // Email problems degrade the service but do not make it unhealthy: the outbox keeps every email.
    const email = deps.redis && deps.queues && redis?.value && pg.value
      ? await emailStatus(deps.systemDb, deps.redis, deps.redisPrefix, deps.queues).catch(() => ({ status: "unknown" as const }))
      : { status: "unavailable" as const };
    const status: HealthStatus = down.length ? "down" : redis && email.status === "ok" ? "ok" : "degraded";
    // The same body either way; the status tells a load balancer whether to send traffic here.
    if (down.length) res.status(503);
    return { status, down, checks: { ...checks, email }, time: new Date().toISOString() };
  });
  return router;
}
