/**
 * Worker liveness in Redis: each worker writes its timestamp into one hash every few seconds; health
 * reads the newest one. A worker that stops writing turns "stale", then drops out.
 */
import type { Redis } from "ioredis";

export const HEARTBEAT_EVERY_MS = 5_000;
export const STALE_AFTER_MS = 30_000;

const heartbeatKey = (prefix: string) => `${prefix}:email-worker:heartbeats`;

export function startHeartbeat(redis: Redis, prefix: string, workerId: string, onError: (err: Error) => void): () => Promise<void> {
  const key = heartbeatKey(prefix);
  const beat = () => redis.hset(key, workerId, String(Date.now())).catch(onError);
  void beat();
  const timer = setInterval(beat, HEARTBEAT_EVERY_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await redis.hdel(key, workerId).catch(onError);
  };
}

/** The newest heartbeat, and forgets workers silent for an hour. */
export async function lastHeartbeat(redis: Redis, prefix: string): Promise<number | null> {
  const key = heartbeatKey(prefix);
  const all = await redis.hgetall(key);
  const now = Date.now();
  let newest: number | null = null;
  for (const [id, at] of Object.entries(all)) {
    const t = Number(at);
    if (now - t > 3_600_000) await redis.hdel(key, id);
    else newest = Math.max(newest ?? 0, t);
  }
  return newest;
}
