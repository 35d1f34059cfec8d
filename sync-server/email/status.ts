/** Email pipeline health: worker heartbeat, queue depths and the outbox backlog. */
import type { Queue } from "bullmq";
import type { Redis } from "ioredis";
import type { Db } from "../db/prisma.js";
import { lastHeartbeat, STALE_AFTER_MS } from "./heartbeat.js";

export async function emailStatus(db: Db, redis: Redis, prefix: string, queues: { emails: Queue; dlq: Queue }) {
  const [beat, counts, dlq, outbox] = await Promise.all([
    lastHeartbeat(redis, prefix),
    queues.emails.getJobCounts("waiting", "active", "delayed", "failed"),
    queues.dlq.getJobCounts("waiting", "completed", "failed"),
    db.emailOutbox.groupBy({ by: ["status"], where: { status: { in: ["PENDING", "DEAD"] } }, _count: true }),
  ]);
  const worker = beat === null ? "absent" : Date.now() - beat > STALE_AFTER_MS ? "stale" : "alive";
  const backlog = Object.fromEntries(outbox.map((o) => [o.status.toLowerCase(), o._count]));
  return {
    status: worker === "alive" ? "ok" : "degraded",
    worker: { status: worker, lastSeen: beat ? new Date(beat).toISOString() : null },
    queue: { ...counts, dlq: (dlq.waiting ?? 0) + (dlq.completed ?? 0) + (dlq.failed ?? 0) },
    outbox: { pending: backlog.pending ?? 0, dead: backlog.dead ?? 0 },
  };
}
