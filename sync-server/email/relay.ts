/**
 * Moves committed outbox rows into the queue. Right after commit for speed; and a periodic sweep for
 * rows that never got there (a crash between commit and enqueue, Redis down at the time, a Redis that
 * lost its data). Rows are claimed with FOR UPDATE SKIP LOCKED so several instances share the work, and
 * the job id is the outbox id, so a row enqueued twice is still one job.
 */
import type { Queue } from "bullmq";
import type { Db } from "../db/prisma.js";
import type { Logger } from "../log/logger.js";
import { emailJobOptions, type EmailJobData } from "./queue.js";

/** A queued job that is still pending after this long is re-added in case Redis lost it (a no-op otherwise). */
const REENQUEUE_AFTER_MS = 10 * 60_000;

export interface RelayOptions {
  maxAttempts: number;
  sweepAfterMs: number;
  /** Longest a request waits on Redis to enqueue; past it the email is left for the sweep. */
  enqueueTimeoutMs?: number;
}

/**
 * BullMQ waits for its connection to become ready before running a command, which would hold a request
 * for as long as Redis is down. A deadline keeps the fast path fast; the sweep covers what it gives up on.
 */
function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`queue did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

export class EmailRelay {
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<number>;

  constructor(
    private readonly db: Db,
    private readonly queue: Queue<EmailJobData>,
    private readonly dlq: Queue,
    private readonly log: Logger,
    private readonly opts: RelayOptions,
  ) {}

  /** Enqueues one committed row; false (and the row stays pending for the sweep) when Redis is unavailable. */
  async enqueue(outboxId: string, requestId: string | null): Promise<boolean> {
    try {
      await this.add(outboxId, requestId);
      await this.db.emailOutbox.updateMany({ where: { id: outboxId, status: "PENDING" }, data: { enqueuedAt: new Date() } });
      return true;
    } catch (err) {
      this.log.warn({ err: (err as Error).message, outboxId, requestId }, "email not enqueued yet; the outbox sweep will retry");
      return false;
    }
  }

  /** Enqueues pending rows the fast path missed. Returns how many it handed to the queue. */
  sweep(limit = 200): Promise<number> {
    this.sweeping ??= this.sweepOnce(limit).finally(() => (this.sweeping = undefined));
    return this.sweeping;
  }

  private async sweepOnce(limit: number): Promise<number> {
    const now = Date.now();
    const neverQueuedBefore = new Date(now - this.opts.sweepAfterMs);
    const staleBefore = new Date(now - Math.max(REENQUEUE_AFTER_MS, this.opts.sweepAfterMs));
    return this.db.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ id: string; requestId: string | null }[]>`
        SELECT "id", "requestId" FROM "EmailOutbox"
        WHERE "status" = 'PENDING'
          AND (("enqueuedAt" IS NULL AND "createdAt" <= ${neverQueuedBefore}) OR "enqueuedAt" <= ${staleBefore})
        ORDER BY "createdAt" LIMIT ${limit}
        FOR UPDATE SKIP LOCKED`;
      let queued = 0;
      for (const row of rows) {
        try {
          await this.add(row.id, row.requestId);
          await tx.emailOutbox.update({ where: { id: row.id }, data: { enqueuedAt: new Date() } });
          queued++;
        } catch (err) {
          this.log.warn({ err: (err as Error).message }, "outbox sweep cannot reach the queue; will try again");
          break;
        }
      }
      if (queued) this.log.info({ queued }, "outbox sweep enqueued emails");
      return queued;
    });
  }

  private add(outboxId: string, requestId: string | null) {
    const job = this.queue.add("send", { outboxId, requestId }, { jobId: outboxId, ...emailJobOptions(this.opts.maxAttempts) });
    job.catch(() => {}); // a late rejection after the deadline is already handled
    return withDeadline(job, this.opts.enqueueTimeoutMs ?? 1_000);
  }

  /** After an admin reset a dead email to pending: drop its old jobs, then enqueue it afresh. */
  async requeue(outboxId: string, requestId: string | null): Promise<boolean> {
    try {
      const timeout = this.opts.enqueueTimeoutMs ?? 1_000;
      await withDeadline(
        this.queue.getJob(outboxId).then((j) => j?.remove()),
        timeout,
      );
      await withDeadline(
        this.dlq.getJob(outboxId).then((j) => j?.remove()),
        timeout,
      );
    } catch (err) {
      this.log.warn({ err: (err as Error).message, outboxId }, "could not clear the old job; the sweep will enqueue the email");
      return false;
    }
    return this.enqueue(outboxId, requestId);
  }

  startSweeper(intervalMs: number): void {
    this.timer = setInterval(() => {
      this.sweep().catch((err) => this.log.warn({ err: (err as Error).message }, "outbox sweep failed"));
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.sweeping?.catch(() => {});
  }
}
