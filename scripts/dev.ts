// `npm run dev`: the API under `tsx watch` (restarts on server changes) plus the Vite dev server
// (hot reload for the client). Local PostgreSQL/Redis are started here, once, so API restarts
// do not restart the database.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { ensurePrismaClient, ROOT } from "./prepare.js";
import { startEmbeddedPostgres } from "../sync-server/dev/embedded-postgres.js";
import { startLocalRedis } from "../sync-server/dev/local-redis.js";
import { localRoleUrls } from "../sync-server/dev/database-roles.js";
import { loadConfig } from "../sync-server/config/env.js";
import { migrate } from "../sync-server/db/migrate.js";
import { seedDemo } from "../prisma/seed.js";

const say = (msg: string) => console.log(`[dev] ${msg}`);
const logger = {
  info: (m: unknown, s?: string) => say(s ?? String(m)),
  warn: (m: unknown, s?: string) => say(`WARN ${s ?? String(m)}`),
  error: (m: unknown, s?: string) => say(`ERROR ${s ?? String(m)}`),
};
const stops: Array<() => Promise<void>> = [];
const children: ChildProcess[] = [];

let shuttingDown = false;
async function shutdown(code: number) {
  // Ctrl+C reaches the children directly too; their exit must not start a second shutdown.
  if (shuttingDown) return;
  shuttingDown = true;
  // Children first (they hold database connections), then the services we started.
  await Promise.all(
    children.map((c) =>
      c.exitCode !== null || c.signalCode !== null ? undefined : new Promise((r) => (c.once("exit", r), c.kill("SIGTERM"))),
    ),
  );
  for (const stop of stops.reverse()) await stop().catch(() => {});
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

try {
  const config = loadConfig();
  await ensurePrismaClient(say);
  let databaseUrl = config.DATABASE_URL;
  if (!databaseUrl) {
    const db = await startEmbeddedPostgres(config.DATA_DIR, undefined, logger);
    stops.push(db.stop);
    databaseUrl = db.databaseUrl;
  }
  let redisUrl = config.REDIS_URL;
  if (!redisUrl) {
    const redis = await startLocalRedis(config.DATA_DIR, logger);
    if (redis) stops.push(redis.stop);
    else say("WARN redis-server is not installed: the API runs in degraded mode (no shared rate limits, queues or live sync).");
    redisUrl = redis?.redisUrl;
  }
  await migrate(databaseUrl);
  await seedDemo(databaseUrl);

  // On the local database the API runs as the row-level-security role, as in production.
  const roles = !config.DATABASE_URL && !config.DATABASE_APP_URL ? await localRoleUrls(databaseUrl) : undefined;
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    ...(roles ? { DATABASE_APP_URL: roles.appUrl, DATABASE_SYSTEM_URL: roles.systemUrl } : {}),
    ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
  };
  const bin = (name: string) => path.join(ROOT, "node_modules/.bin", name);
  const run = (cmd: string, args: string[]) => {
    const child = spawn(bin(cmd), args, { cwd: ROOT, env, stdio: "inherit" });
    children.push(child);
    // If either dies on its own (not during shutdown), stop everything rather than half-run.
    child.on("exit", (code, signal) => {
      if (shuttingDown) return;
      say(`${cmd} exited (${signal ?? code}); stopping`);
      void shutdown(code ?? 1);
    });
  };
  run("tsx", ["watch", "--clear-screen=false", "sync-server/main.ts"]);
  run("vite", []);
  say(`API on http://127.0.0.1:${config.PORT} (tsx watch); client on the Vite URL printed below. Demo password: venzory-demo-2026`);
} catch (err) {
  say(`ERROR ${(err as Error).message}`);
  await shutdown(1);
}
