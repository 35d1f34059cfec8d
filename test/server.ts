/**
 * A real server for API tests: the API on the row-level-security role (as in production), its own Redis
 * namespace (so rate-limit counters and queues never leak between test files or runs), a silent logger,
 * and rate limits raised unless a test is about them.
 */
import { randomUUID } from "node:crypto";
import { createLogger } from "../sync-server/log/logger.js";
import { startServer, type RunningServer, type ServerOverrides } from "../sync-server/server.js";
import { asAppRole, redisUrl } from "./pg-urls.js";

export function uniqueRedisPrefix(): string {
  return `t${randomUUID().slice(0, 8)}`;
}

export function startTestServer(databaseUrl: string, overrides: ServerOverrides = {}): Promise<RunningServer> {
  return startServer({
    port: 0,
    databaseUrl,
    appDatabaseUrl: asAppRole(databaseUrl),
    redisUrl: redisUrl(),
    sessionSecret: "x".repeat(40),
    logger: createLogger(process.env.TEST_LOG_LEVEL ?? "silent"),
    staticDir: "/nonexistent",
    limitsScale: 100,
    ...overrides,
    env: { ...process.env, NODE_ENV: "test", REDIS_PREFIX: uniqueRedisPrefix(), ...overrides.env },
  });
}
