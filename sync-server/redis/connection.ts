/**
 * Redis connections. Request-path clients fail fast (no offline queue, short timeouts) so a request never
 * hangs on Redis; they keep reconnecting in the background and recover without a restart.
 */
import { Redis } from "ioredis";

export function createFastFailRedis(url: string, name: string): Redis {
  return new Redis(url, {
    connectionName: `venzory-${name}`,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 1_000,
    commandTimeout: 1_000,
    lazyConnect: false,
    retryStrategy: (times) => Math.min(times * 200, 2_000),
  });
}

/** Resolves true once the connection is ready, false after `timeoutMs` (it keeps trying in the background). */
export async function redisReady(redis: Redis, timeoutMs: number): Promise<boolean> {
  if (redis.status === "ready") return true;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      redis.off("ready", onReady);
      resolve(false);
    }, timeoutMs);
    const onReady = () => {
      clearTimeout(timer);
      resolve(true);
    };
    redis.once("ready", onReady);
  });
}

/** PING with a deadline; false instead of throwing. */
export async function redisAlive(redis: Redis, timeoutMs = 500): Promise<boolean> {
  try {
    const answer = await Promise.race([
      redis.ping(),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), timeoutMs)),
    ]);
    return answer === "PONG";
  } catch {
    return false;
  }
}
