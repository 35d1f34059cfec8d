// `npm start`: one command from a fresh clone to a running Venzory.
// Development (default): no DATABASE_URL → private PostgreSQL in DATA_DIR; no REDIS_URL → local
// redis-server if installed, else degraded mode. The demo practice is seeded once.
// Production (NODE_ENV=production): both URLs are required; the demo seed only with SEED_DEMO=1.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { ensureClientBuild, ensurePrismaClient, ROOT } from "./prepare.js";
import { startEmbeddedPostgres } from "../sync-server/dev/embedded-postgres.js";
import { findOnPath, startLocalRedis } from "../sync-server/dev/local-redis.js";
import { createLogger, logFormat } from "../sync-server/log/logger.js";

function displayPath(p: string): string {
  const rel = path.relative(ROOT, p);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : p;
}

function box(lines: string[]): string {
  const width = Math.max(...lines.map((l) => l.length));
  const bar = "─".repeat(width + 2);
  return [`┌${bar}┐`, ...lines.map((l) => `│ ${l.padEnd(width)} │`), `└${bar}┘`].join("\n");
}

const production = process.env.NODE_ENV === "production";
// One format for every line this command prints, its own and the server's (see logFormat()).
const format = logFormat();
const log = createLogger("info", { format });
const fail = (message: string): never => {
  log.error(message);
  process.exit(1);
};

// Checked before loadConfig so the message says *why* (loadConfig only says "must be set").
if (production) {
  const missing = ["DATABASE_URL", "REDIS_URL"].filter((k) => !process.env[k]);
  if (missing.length) {
    fail(
      `NODE_ENV=production needs ${missing.join(" and ")}: the embedded PostgreSQL and local Redis ` +
        "are for development only. Point them at managed services and start again.",
    );
  }
}

const { loadConfig } = await import("../sync-server/config/env.js");
const config = (() => {
  try {
    return loadConfig();
  } catch (err) {
    return fail((err as Error).message);
  }
})();

// Everything started here, stopped in reverse order on shutdown or startup failure.
const cleanups: Array<{ name: string; run: () => Promise<void> }> = [];
async function cleanup() {
  for (const { name, run } of cleanups.reverse()) {
    await run().catch((err: Error) => log.error({ err }, `Stopping ${name} failed`));
  }
  cleanups.length = 0;
}

let shutdownAt = 0;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (shutdownAt) {
      // A terminal Ctrl+C reaches us twice (directly and relayed by npm/tsx): only a signal sent
      // well after the first means "stop waiting".
      if (Date.now() - shutdownAt < 2000) return;
      log.warn("Second signal: exiting without waiting");
      process.exit(1);
    }
    shutdownAt = Date.now();
    log.info(`${signal} received: closing the server, then stopping local services…`);
    void cleanup().then(() => process.exit(0));
  });
}

try {
  // On Debian as root, install a missing redis-server (never fatal: degraded mode still works).
  if (!production && !config.REDIS_URL && !findOnPath("redis-server")) {
    spawnSync("bash", [path.join(ROOT, "scripts/setup-system.sh"), "redis-server"], { stdio: "inherit" });
  }

  await ensurePrismaClient((m) => log.info(m));
  await ensureClientBuild((m) => log.info(m), { onlyIfMissing: production });

  let databaseUrl = config.DATABASE_URL;
  if (!databaseUrl) {
    const pg = await startEmbeddedPostgres(config.DATA_DIR, undefined, log);
    cleanups.push({ name: "local PostgreSQL", run: pg.stop });
    databaseUrl = pg.databaseUrl;
  }
  let redisUrl: string | null = config.REDIS_URL ?? null;
  if (!redisUrl) {
    const redis = await startLocalRedis(config.DATA_DIR, log);
    if (redis) {
      cleanups.push({ name: "local Redis", run: redis.stop });
      redisUrl = redis.redisUrl;
    } else {
      log.warn(
        "DEGRADED MODE: redis-server is not installed and REDIS_URL is not set. Rate limits are per process, " +
          "background jobs run inline and live sync notifications are off. Install redis-server (Debian: " +
          "`sudo apt-get install redis-server`) or set REDIS_URL.",
      );
    }
  }
  // The server's own modules read process.env; keep them in agreement with what we started.
  process.env.DATABASE_URL = databaseUrl;
  if (redisUrl) process.env.REDIS_URL = redisUrl;

  const { migrate } = await import("../sync-server/db/migrate.js");
  const { applied } = await migrate(databaseUrl);
  log.info(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(", ")}` : "Database schema is up to date");

  // The demo practice's logins come from the seed itself, so this box cannot drift from it.
  let demo: { password: string; emails: string[] } | undefined;
  if (!production || process.env.SEED_DEMO === "1") {
    const seed = await import("../prisma/seed.js");
    const { created } = await seed.seedDemo(databaseUrl);
    log.info(created ? "Seeded the demo practice" : "Demo practice already present");
    demo = { password: seed.DEMO_PASSWORD, emails: seed.DEMO_USERS.map((u) => `${u.email} (${u.role.toLowerCase()})`) };
  }

  // On the local database the API runs as the row-level-security role, as in production.
  if (!config.DATABASE_URL && !config.DATABASE_APP_URL) {
    const { localRoleUrls } = await import("../sync-server/dev/database-roles.js");
    const roles = await localRoleUrls(databaseUrl);
    process.env.DATABASE_APP_URL = roles.appUrl;
    process.env.DATABASE_SYSTEM_URL = roles.systemUrl;
  }

  const { startServer } = await import("../sync-server/server.js");
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer({
      port: config.PORT,
      databaseUrl,
      redisUrl,
      staticDir: config.STATIC_DIR,
      logger: createLogger(config.LOG_LEVEL, { format }),
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EADDRINUSE") {
      throw new Error(`Port ${config.PORT} is already in use. Stop whatever holds it, or start with PORT=<another port>.`);
    }
    throw err;
  }
  cleanups.push({ name: "HTTP server", run: server.close });
  const { keepServingOnUnhandledRejection } = await import("../sync-server/process-safety.js");
  keepServingOnUnhandledRejection(server.log);

  const lines = [`Venzory is running at ${server.url}`, ""];
  if (demo) lines.push(`Demo logins (password: ${demo.password}):`, ...demo.emails.map((l) => `  ${l}`), "");
  lines.push(
    `PostgreSQL: ${config.DATABASE_URL ? "DATABASE_URL" : `local, data in ${displayPath(config.DATA_DIR)}`}`,
    `Redis:      ${config.REDIS_URL ? "REDIS_URL" : redisUrl ? "local redis-server" : "none (degraded mode)"}`,
    "Press Ctrl+C to stop.",
  );
  console.log("\n" + box(lines) + "\n");
} catch (err) {
  if (shutdownAt) await new Promise(() => {}); // interrupted mid-startup: the signal handler exits
  log.error({ err }, `Startup failed: ${(err as Error).message}`);
  await cleanup();
  process.exit(1);
}
