// `npm test`: the whole suite (vitest projects unit, pg, pg-timing, e2e) on any machine.
// Uses the PostgreSQL at TEST_DATABASE_ADMIN_URL and the Redis at REDIS_URL (defaults: the local
// services) when they answer; otherwise starts throwaway ones and removes them afterwards.
// Extra arguments go to vitest: `npm test -- --project pg sync-server/sync`.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import { ensurePrismaClient, ROOT } from "./prepare.js";
import { freePort, postgresAnswers, startEmbeddedPostgres } from "../sync-server/dev/embedded-postgres.js";
import { findOnPath, startLocalRedis } from "../sync-server/dev/local-redis.js";

const started = Date.now();
const vitestArgs = process.argv.slice(2);
const say = (msg: string) => console.log(`[test] ${msg}`);
const cleanups: Array<() => Promise<void> | void> = [];

// Which projects run decides what the run needs (`--project unit` needs neither database nor browser).
const projects = vitestArgs.flatMap((a, i) => (a === "--project" ? [vitestArgs[i + 1]] : a.startsWith("--project=") ? [a.slice(10)] : []));
const runs = (name: string) => projects.length === 0 || projects.includes(name);
const needsServices = runs("pg") || runs("pg-timing") || runs("e2e");

async function redisAnswers(url: string): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, connectTimeout: 2000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on("error", () => {});
  try {
    await client.connect();
    const ok = (await client.ping()) === "PONG";
    await client.quit();
    return ok;
  } catch {
    client.disconnect();
    return false;
  }
}

/** A throwaway cluster from the distribution's PostgreSQL server binaries, if installed. */
async function startDebianPostgres(): Promise<string | null> {
  const root = "/usr/lib/postgresql";
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, "bin/initdb"))) : [];
  const version = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!version) return null;
  const bin = path.join(root, version, "bin");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "venzory-test-pg-"));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  // initdb refuses to run as root: hand the directory to the postgres user and run as it.
  let owner = {};
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }));
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }));
    fs.chownSync(dir, uid, gid);
    owner = { uid, gid };
  }
  const port = await freePort(55432);
  const run = (cmd: string, args: string[]) =>
    execFileSync(path.join(bin, cmd), args, { ...owner, stdio: "pipe", env: { ...process.env, LC_ALL: "C" } });
  run("initdb", ["-D", `${dir}/data`, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale"]);
  // Durability is pointless for a throwaway cluster; turning it off makes the suite faster.
  const opts = `-k /tmp -p ${port} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  run("pg_ctl", ["-D", `${dir}/data`, "-l", `${dir}/postgres.log`, "-o", opts, "-w", "start"]);
  cleanups.push(() => void run("pg_ctl", ["-D", `${dir}/data`, "-m", "immediate", "stop"]));
  say(`started a throwaway PostgreSQL ${version} on port ${port}`);
  return `postgresql://postgres@127.0.0.1:${port}/postgres`;
}

async function ensurePostgres(): Promise<string> {
  const url = process.env.TEST_DATABASE_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  if (await postgresAnswers(url)) return url;
  say(`no PostgreSQL answers at ${new URL(url).host}; starting a throwaway one`);
  try {
    const debian = await startDebianPostgres();
    if (debian) return debian;
  } catch (err) {
    say(`the system PostgreSQL binaries failed (${(err as Error).message.split("\n")[0]}); trying the bundled one`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "venzory-test-epg-"));
  fs.chmodSync(dir, 0o755); // as root, postgres runs as the postgres user and must enter it
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  const quiet = { info() {}, warn: console.warn, error: console.error };
  const db = await startEmbeddedPostgres(dir, 55432, quiet);
  cleanups.push(db.stop);
  say("started a throwaway bundled PostgreSQL");
  const admin = new URL(db.databaseUrl);
  admin.pathname = "/postgres";
  return admin.toString();
}

async function ensureRedis(): Promise<string> {
  const url = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
  if (await redisAnswers(url)) return url;
  say(`no Redis answers at ${new URL(url).host}; starting a throwaway one`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "venzory-test-redis-"));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  const redis = await startLocalRedis(dir, { info() {}, warn: console.warn, error: console.error });
  if (!redis) throw new Error("No Redis: install redis-server (scripts/setup-system.sh does it on Debian as root) or set REDIS_URL.");
  cleanups.push(redis.stop);
  return redis.redisUrl;
}

async function cleanup() {
  for (const fn of cleanups.reverse())
    await Promise.resolve()
      .then(fn)
      .catch((e: Error) => say(`cleanup: ${e.message}`));
  cleanups.length = 0;
}

function summary(ok: boolean, detail: string): never {
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`\n${ok ? "✔" : "✘"} npm test: ${detail} (${secs} s)`);
  process.exit(ok ? 0 : 1);
}

// Ctrl+C reaches vitest too (same process group); we only have to outlive it to clean up.
let interrupted = false;
process.on("SIGINT", () => (interrupted = true));
process.on("SIGTERM", () => (interrupted = true));

let env: NodeJS.ProcessEnv;
const problems: string[] = [];
try {
  spawnSync("bash", [path.join(ROOT, "scripts/setup-system.sh"), ...(runs("e2e") ? [] : ["redis-server"])], { stdio: "inherit" });
  await ensurePrismaClient(say);
  // The client build for e2e is the e2e global setup's job (it builds through Vite's JS API).
  env = { ...process.env };
  if (needsServices) {
    env.TEST_DATABASE_ADMIN_URL = await ensurePostgres();
    env.REDIS_URL = await ensureRedis();
  }
  env.CHROMIUM_PATH ??= findOnPath("chromium") ?? findOnPath("chromium-browser") ?? "/usr/bin/chromium";
} catch (err) {
  await cleanup();
  summary(false, `setup failed: ${(err as Error).message}`);
}

// The whole suite (what CI runs) starts with the static checks: formatting, then lint (import boundaries).
if (vitestArgs.length === 0) {
  for (const [tool, args] of [
    ["prettier", ["--check", "."]],
    ["eslint", ["."]],
  ] as const) {
    say(`${tool} ${args.join(" ")}`);
    const check = spawnSync(path.join(ROOT, "node_modules/.bin", tool), [...args], { cwd: ROOT, stdio: "inherit" });
    if (check.status !== 0) {
      await cleanup();
      summary(false, `${tool} found problems (run \`npm run ${tool === "prettier" ? "format" : "lint"}\`)`);
    }
  }
}

const vitest = spawn(path.join(ROOT, "node_modules/.bin/vitest"), ["run", ...vitestArgs], { cwd: ROOT, stdio: "inherit", env });
const code = await new Promise<number>((resolve) => {
  vitest.on("exit", (c, signal) => resolve(c ?? (signal ? 1 : 0)));
  vitest.on("error", (err) => {
    problems.push(`could not run vitest: ${err.message}`);
    resolve(1);
  });
});
await cleanup();
const what = projects.length ? projects.join(", ") : "unit, pg, pg-timing, e2e";
if (interrupted) summary(false, "interrupted");
if (code !== 0)
  summary(false, `tests failed (vitest exit code ${code}; projects: ${what})${problems.length ? `; ${problems.join("; ")}` : ""}`);
if (problems.length) summary(false, `tests passed but ${problems.join("; ")}`);
summary(true, `all tests passed (projects: ${what})`);
