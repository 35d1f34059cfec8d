/**
 * GET /api/health: PostgreSQL and Redis, each with its latency. 200 when the system can serve
 * (Redis may be intentionally absent in development: "degraded"), 503 naming the part that is down.
 */
import { Router } from "express";
import type { Redis } from "ioredis";
import type { Db } from "../../db/prisma.js";
import { redisAlive } from "../../redis/connection.js";
import type { createEmailQueues } from "../../email/queue.js";
import { emailStatus } from "../../email/status.js";

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await fn();
  return { value, ms: Math.round((performance.now() - start) * 10) / 10 };
}

export function healthRouter(deps: { db: Db; systemDb: Db; redis?: Redis; queues?: ReturnType<typeof createEmailQueues>; redisPrefix: string }): Router {
  const router = Router();
  router.get("/health", async (_req, res) => {
    const pg = await timed(async () => {
      try {
        await Promise.race([deps.db.$queryRaw`SELECT 1`, new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), 2_000))]);
        return true;
      } catch {
        return false;
      }
    });
    const redis = deps.redis ? await timed(() => redisAlive(deps.redis!, 1_000)) : null;
    const checks = {
      postgres: { status: pg.value ? "up" : "down", latencyMs: pg.ms },
      redis: redis ? { status: redis.value ? "up" : "down", latencyMs: redis.ms } : { status: "absent", note: "running without Redis (degraded: memory-only rate limits, no cross-instance pokes)" },
    };
    const down = Object.entries(checks).filter(([, c]) => c.status === "down").map(([name]) => name);
    // Email problems degrade the service but do not make it unhealthy: the outbox keeps every email.
    const email = deps.redis && deps.queues && redis?.value && pg.value
      ? await emailStatus(deps.systemDb, deps.redis, deps.redisPrefix, deps.queues).catch(() => ({ status: "unknown" as const }))
      : { status: "unavailable" as const };
    const status = down.length ? "down" : redis && email.status === "ok" ? "ok" : "degraded";
    res.setHeader("Cache-Control", "no-store");
    res.status(down.length ? 503 : 200).json({ status, down, checks: { ...checks, email }, time: new Date().toISOString() });
  });
  return router;
}
