/**
 * Builds and starts the sync server: database, Redis (optional outside production), pokes, HTTP.
 * `startServer` is used by `npm start`, by `main.ts` (plain production start) and by tests.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { Redis } from "ioredis";
import { SessionTokens } from "./auth/session-token.js";
import { loadConfig, type Config } from "./config/env.js";
import { createPrisma } from "./db/prisma.js";
import { createApp } from "./http/app.js";
import { clientErrorHandler } from "./http/client-error.js";
import { checkResponsesAgainstContracts } from "./http/route.js";
import { createLogger, type Logger } from "./log/logger.js";
import { createFastFailRedis, redisAlive, redisReady } from "./redis/connection.js";
import { CsrfTokens } from "./http/middleware/csrf.js";
import { createLimiters } from "./http/middleware/rate-limits.js";
import { createEmailQueues } from "./email/queue.js";
import { EmailRelay } from "./email/relay.js";
import { createTransport } from "./email/transport-factory.js";
import { startEmailWorker, type RunningEmailWorker } from "./email/worker.js";
import { configureAppUrl } from "./domains/accounts/links.js";
import { drainAfterAnswer } from "./domains/accounts/after-answer.js";
import { PokeHub } from "./sync/poke.js";
import { pruneTombstones } from "./sync/tombstones.js";
import type { PushMode } from "./sync/push.js";

export interface ServerOverrides {
  port?: number;
  host?: string;
  databaseUrl?: string;
  /** The restricted tenant-scoped connection (see DATABASE_APP_URL). */
  appDatabaseUrl?: string;
  /** null: run without Redis even if REDIS_URL is set. */
  redisUrl?: string | null;
  staticDir?: string;
  sessionSecret?: string;
  pushMode?: PushMode;
  logger?: Logger;
  env?: Record<string, string | undefined>;
  /** Run an email worker inside this process (default: in development only; production runs `worker:email`). */
  inProcessEmailWorker?: boolean;
  /** Multiplies every rate limit (tests that make many requests raise it). */
  limitsScale?: number;
  /**
   * Check every answer against its contract (http/route.ts; default: outside production). Benchmarks
   * turn it off to measure the server as deployed. It applies to the whole process.
   */
  checkResponses?: boolean;
}

export interface RunningServer {
  url: string;
  relay?: EmailRelay;
  port: number;
  config: Config;
  log: Logger;
  close(): Promise<void>;
}

/** Outside production a missing secret is generated once and kept in the data folder. */
function localSecret(config: Config, configured: string | undefined, name: string): string {
  if (configured) return configured;
  const file = path.join(config.DATA_DIR, name);
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(config.DATA_DIR, { recursive: true });
  const secret = randomBytes(48).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export async function startServer(overrides: ServerOverrides = {}): Promise<RunningServer> {
  const config = loadConfig({ ...(overrides.env ?? process.env) });
  checkResponsesAgainstContracts(overrides.checkResponses ?? config.NODE_ENV !== "production");
  const log = overrides.logger ?? createLogger(config.LOG_LEVEL);
  const databaseUrl = overrides.databaseUrl ?? config.DATABASE_URL;
  if (!databaseUrl) throw new Error("DATABASE_URL is not set: the server needs PostgreSQL.");
  const redisUrl = overrides.redisUrl === null ? undefined : (overrides.redisUrl ?? config.REDIS_URL);
  if (!redisUrl && config.NODE_ENV === "production") throw new Error("REDIS_URL is not set: production needs Redis.");

  // Tenant-scoped API work runs on the restricted connection when there is one; cross-tenant jobs (relay,
  // worker, housekeeping, pipeline health) on the system connection.
  const appUrl = overrides.appDatabaseUrl ?? config.DATABASE_APP_URL;
  const db = createPrisma(appUrl ?? databaseUrl, config.DATABASE_POOL_SIZE);
  const systemUrl = config.DATABASE_SYSTEM_URL ?? (appUrl ? databaseUrl : undefined);
  const systemDb = systemUrl ? createPrisma(systemUrl, 5) : db;
  let redis: Redis | undefined;
  if (redisUrl) {
    redis = createFastFailRedis(redisUrl, "api");
    redis.on("error", (err) => log.debug({ err }, "redis connection error"));
  } else {
    log.warn("Running WITHOUT Redis (degraded mode): pokes stay inside this process; health reports 'degraded'.");
  }
  // A fail-fast client (no offline queue) refuses every command until it is connected, so the start-up
  // check first waits for "ready" (within the same deadline), then asks for PONG.
  if (redis && config.NODE_ENV === "production") {
    const deadline = Date.now() + 3_000;
    if (!(await redisReady(redis, 3_000)) || !(await redisAlive(redis, Math.max(500, deadline - Date.now())))) {
      redis.disconnect();
      throw new Error("Redis does not answer at REDIS_URL: production refuses to start without it (rate limits would not hold).");
    }
  }
  // Rate limits get their own connection: short timeouts, no offline queue, so an outage answers at once.
  const limiterRedis = redisUrl ? createFastFailRedis(redisUrl, "rate-limits") : undefined;
  limiterRedis?.on("error", (err) => log.debug({ err: err.message }, "rate-limit redis error"));
  // Fail-fast clients refuse commands until connected: give them a moment at start-up.
  if (redis) await redisReady(redis, 2_000);
  if (limiterRedis && !(await redisReady(limiterRedis, 2_000)))
    log.error("Redis is not reachable: sign-in stays refused (503) until it is.");
  if (!limiterRedis) log.warn("Rate limits use in-memory counters (no Redis): they are per process and reset on restart.");
  const limiters = createLimiters({ redis: limiterRedis, prefix: config.REDIS_PREFIX, log, limitsScale: overrides.limitsScale });

  const pokes = new PokeHub(log, redis, config.REDIS_PREFIX);
  await pokes.connect();

  // Emails: the relay moves committed outbox rows into the queue; without Redis they wait in the outbox.
  const queues = redis
    ? createEmailQueues(redis, config.REDIS_PREFIX, (err) => log.debug({ err: err.message }, "email queue connection error"))
    : undefined;
  const relay = queues
    ? new EmailRelay(systemDb, queues.emails, queues.dlq, log, {
        maxAttempts: config.EMAIL_MAX_ATTEMPTS,
        sweepAfterMs: config.EMAIL_SWEEP_AFTER_MS,
      })
    : undefined;
  relay?.startSweeper(config.EMAIL_SWEEP_INTERVAL_MS);
  let worker: RunningEmailWorker | undefined;
  if (redisUrl && (overrides.inProcessEmailWorker ?? config.NODE_ENV === "development")) {
    worker = startEmailWorker({
      db: systemDb,
      redisUrl,
      redisPrefix: config.REDIS_PREFIX,
      transport: createTransport(config, log),
      log: log.child({ component: "email-worker" }),
      from: config.EMAIL_FROM,
      concurrency: config.EMAIL_WORKER_CONCURRENCY,
      maxAttempts: config.EMAIL_MAX_ATTEMPTS,
      retryBaseMs: config.EMAIL_RETRY_BASE_MS,
    });
  }

  const app = createApp({
    db,
    systemDb,
    log,
    tokens: new SessionTokens(overrides.sessionSecret ?? localSecret(config, config.SESSION_SECRET, "session-secret")),
    csrf: new CsrfTokens(localSecret(config, config.CSRF_SECRET, "csrf-secret")),
    limiters,
    pokes,
    redis,
    queues,
    relay,
    redisPrefix: config.REDIS_PREFIX,
    staticDir: overrides.staticDir ?? config.STATIC_DIR,
    trustProxy: config.TRUST_PROXY,
    pushMode: overrides.pushMode ?? config.SYNC_PUSH_MODE,
    pushChunk: config.SYNC_PUSH_CHUNK,
    pullPageSize: config.PULL_PAGE_SIZE,
    production: config.NODE_ENV === "production",
    // Links in emails; without APP_URL they point at this server (its configured port).
    appUrl: config.APP_URL ?? `http://localhost:${overrides.port ?? config.PORT}`,
    platformOwnerEmail: config.PLATFORM_OWNER_EMAIL,
  });

  // Hourly housekeeping; any instance may run it (the delete is idempotent).
  const housekeeping = setInterval(() => {
    pruneTombstones(systemDb, config.TOMBSTONE_RETENTION_DAYS).then(
      (n) => n && log.info({ pruned: n }, "pruned expired tombstones"),
      (err: Error) => log.warn({ err: err.message }, "tombstone pruning failed"),
    );
  }, 3_600_000);
  housekeeping.unref();

  const host = overrides.host ?? config.HOST;
  const server = app.listen(overrides.port ?? config.PORT, host);
  server.on("clientError", clientErrorHandler({ production: config.NODE_ENV === "production" }));
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host === "0.0.0.0" || host === "127.0.0.1" ? "localhost" : host}:${port}`;
  log.info({ url }, "sync server listening");
  // Without APP_URL, links in emails point at this server; only now is its real port known (port 0).
  if (!config.APP_URL) configureAppUrl(url);

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      log.info("shutting down: refusing new connections, finishing in-flight requests");
      clearInterval(housekeeping);
      await pokes.close();
      await relay?.stop();
      const done = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      // Long-lived poke streams would hold close() forever; end them after the grace period.
      const timer = setTimeout(() => server.closeAllConnections(), config.SHUTDOWN_TIMEOUT_MS);
      await done;
      clearTimeout(timer);
      // Account emails are prepared after their request was answered: let that work commit first.
      await drainAfterAnswer();
      await worker?.close(config.SHUTDOWN_TIMEOUT_MS);
      await queues?.emails.close();
      await queues?.dlq.close();
      await db.$disconnect();
      if (systemDb !== db) await systemDb.$disconnect();
      await redis?.quit().catch(() => {});
      limiterRedis?.disconnect();
      log.info("shutdown complete");
    })());

  return { url, port, config, log, relay, close };
}
