/**
 * The email worker: a BullMQ worker that runs `deliverEmail` with the retry schedule, plus its heartbeat.
 * Its Redis connection must block (maxRetriesPerRequest: null); producers elsewhere fail fast instead.
 */
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { Worker } from "bullmq";
import { Redis } from "ioredis";
import type { Db } from "../db/prisma.js";
import type { Logger } from "../log/logger.js";
import { deliverEmail } from "./deliver.js";
import { startHeartbeat } from "./heartbeat.js";
import { createEmailQueues, EMAIL_QUEUE, retryDelay, type EmailJobData } from "./queue.js";
import type { EmailTransport } from "./transport.js";

export interface EmailWorkerOptions {
  db: Db;
  redisUrl: string;
  redisPrefix: string;
  transport: EmailTransport;
  log: Logger;
  from: string;
  concurrency: number;
  maxAttempts: number;
  retryBaseMs: number;
  /** How long a job may run before another worker may take it over (after a crash). */
  lockDurationMs?: number;
}

export interface RunningEmailWorker {
  worker: Worker<EmailJobData>;
  /** Stops taking jobs, lets active ones finish (up to `graceMs`), then closes connections. */
  close(graceMs?: number): Promise<void>;
}

export function startEmailWorker(opts: EmailWorkerOptions): RunningEmailWorker {
  const workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const connection = new Redis(opts.redisUrl, { maxRetriesPerRequest: null, connectionName: "venzory-email-worker" });
  connection.on("error", (err) => opts.log.debug({ err: err.message }, "worker redis error"));
  const queues = createEmailQueues(connection, opts.redisPrefix, (err) =>
    opts.log.debug({ err: err.message }, "email queue connection error"),
  );
  const lockDuration = opts.lockDurationMs ?? 30_000;
  const worker = new Worker<EmailJobData>(
    EMAIL_QUEUE,
    (job) =>
      deliverEmail(
        { db: opts.db, transport: opts.transport, dlq: queues.dlq, log: opts.log, from: opts.from, maxAttempts: opts.maxAttempts },
        job,
      ),
    {
      connection,
      prefix: opts.redisPrefix,
      concurrency: opts.concurrency,
      lockDuration,
      stalledInterval: lockDuration,
      maxStalledCount: 3,
      settings: { backoffStrategy: (attemptsMade: number) => retryDelay(attemptsMade, opts.retryBaseMs) },
    },
  );
  worker.on("error", (err) => opts.log.warn({ err: err.message }, "email worker error"));
  const stopHeartbeat = startHeartbeat(connection, opts.redisPrefix, workerId, (err) =>
    opts.log.debug({ err: err.message }, "heartbeat failed"),
  );
  opts.log.info({ workerId, concurrency: opts.concurrency, transport: opts.transport.name }, "email worker started");

  let closing: Promise<void> | undefined;
  return {
    worker,
    close: (graceMs = 10_000) =>
      (closing ??= (async () => {
        let timer: NodeJS.Timeout | undefined;
        const graceful = worker.close();
        const timedOut = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), graceMs)));
        if ((await Promise.race([graceful, timedOut])) === "timeout") {
          // Jobs still running keep their lock until it expires; another worker then takes them over,
          // and the provider's idempotency key stops a second send.
          opts.log.warn("email worker: active jobs did not finish in time; leaving them for another worker");
          await worker.close(true);
        }
        clearTimeout(timer);
        await stopHeartbeat();
        await queues.dlq.close();
        await queues.emails.close();
        await connection.quit().catch(() => {});
        opts.log.info({ workerId }, "email worker stopped");
      })()),
  };
}
