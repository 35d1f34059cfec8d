/**
 * `npm run worker:email`: a separate process that sends queued emails. Needs DATABASE_URL and REDIS_URL.
 * On SIGTERM it stops taking jobs, finishes or releases active ones, and closes its connections.
 * Works on a fresh clone: the generated Prisma client is made (or its absence explained) before any
 * module that loads it is imported.
 */
import { ensurePrismaClient } from "../../scripts/prepare.js";
import { loadConfig } from "../config/env.js";

try {
  const config = loadConfig();
  await ensurePrismaClient(console.error, { onlyIfMissing: config.NODE_ENV === "production" });
  const { createPrisma } = await import("../db/prisma.js");
  const { createLogger } = await import("../log/logger.js");
  const { createTransport } = await import("./transport-factory.js");
  const { startEmailWorker } = await import("./worker.js");
  const log = createLogger(config.LOG_LEVEL).child({ process: "email-worker" });
  if (!config.DATABASE_URL || !config.REDIS_URL) throw new Error("DATABASE_URL and REDIS_URL must be set for the email worker.");
  // The worker reads emails of every practice: it uses the system role's connection when there is one.
  const db = createPrisma(config.DATABASE_SYSTEM_URL ?? config.DATABASE_URL, config.EMAIL_WORKER_CONCURRENCY + 2);
  const running = startEmailWorker({
    db,
    redisUrl: config.REDIS_URL,
    redisPrefix: config.REDIS_PREFIX,
    transport: createTransport(config, log),
    log,
    from: config.EMAIL_FROM,
    concurrency: config.EMAIL_WORKER_CONCURRENCY,
    maxAttempts: config.EMAIL_MAX_ATTEMPTS,
    retryBaseMs: config.EMAIL_RETRY_BASE_MS,
    lockDurationMs: process.env.EMAIL_JOB_LOCK_MS ? Number(process.env.EMAIL_JOB_LOCK_MS) : undefined,
  });
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, async () => {
      log.info({ signal }, "email worker: signal received, draining");
      await running.close(config.SHUTDOWN_TIMEOUT_MS);
      await db.$disconnect();
      process.exit(0);
    });
  }
} catch (err) {
  console.error(`Email worker could not start: ${(err as Error).message}`);
  process.exit(1);
}
