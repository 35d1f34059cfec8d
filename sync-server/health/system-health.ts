/**
 * The system's health for GET /api/health: PostgreSQL and Redis, each with its latency, and the email
 * pipeline. Unhealthy ("down") only when a part the API needs is down; Redis may be intentionally absent
 * in development ("degraded"), and email problems degrade but never make the service unhealthy (the
 * outbox keeps every email).
 */
import type { Redis } from "ioredis";
import type { z } from "zod";
import type { health } from "../../shared/api/health.js";
import type { Db } from "../db/prisma.js";
import type { createEmailQueues } from "../email/queue.js";
import { emailStatus } from "../email/status.js";
import { redisAlive } from "../redis/connection.js";
import { databaseAnswers } from "./database-ping.js";

export type SystemHealth = z.infer<typeof health.response>;

export interface HealthDeps {
  db: Db;
  /** Cross-tenant connection for the email outbox backlog. */
  systemDb: Db;
  redis?: Redis;
  queues?: ReturnType<typeof createEmailQueues>;
  redisPrefix: string;
}

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await fn();
  return { value, ms: Math.round((performance.now() - start) * 10) / 10 };
}

export async function systemHealth(deps: HealthDeps): Promise<SystemHealth> {
  const pg = await timed(() => databaseAnswers(deps.db, 2_000));
  const redis = deps.redis ? await timed(() => redisAlive(deps.redis!, 1_000)) : null;
  const checks = {
    postgres: { status: pg.value ? ("up" as const) : ("down" as const), latencyMs: pg.ms },
    redis: redis
      ? { status: redis.value ? ("up" as const) : ("down" as const), latencyMs: redis.ms }
      : { status: "absent" as const, note: "running without Redis (degraded: memory-only rate limits, no cross-instance pokes)" },
  };
  const down = Object.entries(checks)
    .filter(([, c]) => c.status === "down")
    .map(([name]) => name);
  const email =
    deps.redis && deps.queues && redis?.value && pg.value
      ? await emailStatus(deps.systemDb, deps.redis, deps.redisPrefix, deps.queues).catch(() => ({ status: "unknown" as const }))
      : { status: "unavailable" as const };
  const status: SystemHealth["status"] = down.length ? "down" : redis && email.status === "ok" ? "ok" : "degraded";
  return { status, down, checks: { ...checks, email }, time: new Date().toISOString() };
}
