// A throwaway Redis for local runs (`npm start` without REDIS_URL). Redis only holds caches,
// rate-limit counters and job queues here, so nothing is persisted (--save '', no AOF).
// Returns null when redis-server is not installed: the caller logs "degraded mode".
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { Redis } from "ioredis";
import { commandLine, freePort, isAlive, isOrphan, killAndWait, type DevLogger } from "./embedded-postgres.js";

const DEFAULT_PORT = 63790;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function findOnPath(command: string): string | null {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter).concat("/usr/sbin", "/usr/local/sbin")) {
    const candidate = path.join(dir, command);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      /* keep looking */
    }
  }
  return null;
}

export async function startLocalRedis(
  dataDir: string,
  logger: DevLogger = console,
  port = DEFAULT_PORT,
): Promise<{ redisUrl: string; stop(): Promise<void> } | null> {
  const bin = findOnPath("redis-server");
  if (!bin) return null;

  const dir = path.resolve(dataDir, "redis");
  const pidFile = path.join(dir, "redis.pid");
  const logFile = path.join(dir, "redis.log");
  fs.mkdirSync(dir, { recursive: true });
  await recoverFromCrash(pidFile, logger);

  const chosen = await freePort(port);
  if (chosen !== port) logger.warn(`Port ${port} is busy; local Redis uses ${chosen}`);
  if (fs.existsSync(logFile)) fs.renameSync(logFile, logFile + ".previous");

  // Not daemonized: we stay its parent and see it exit. detached = own process group, so a
  // terminal Ctrl+C reaches only node, which stops Redis after the HTTP server has closed.
  const args = [
    "--port",
    String(chosen),
    "--bind",
    "127.0.0.1",
    "--save",
    "",
    "--appendonly",
    "no",
    "--daemonize",
    "no",
    "--pidfile",
    pidFile,
    "--logfile",
    logFile,
    "--dir",
    dir,
  ];
  const child = spawn(bin, args, { detached: true, stdio: "ignore" });
  child.unref();
  const onExit = () => child.kill("SIGTERM");
  process.on("exit", onExit); // best effort if node exits without calling stop()

  const redisUrl = `redis://127.0.0.1:${chosen}`;
  try {
    await waitForPing(redisUrl, child, 10_000);
  } catch (err) {
    process.off("exit", onExit);
    child.kill("SIGKILL");
    const tail = fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8").trim().split("\n").slice(-5).join("\n") : "";
    throw new Error(`Local Redis (${bin}) did not start: ${(err as Error).message}${tail ? `\n${tail}` : ""}`);
  }
  logger.info({ port: chosen, log: logFile }, "Local Redis is ready");

  let stopping: Promise<void> | undefined;
  return {
    redisUrl,
    stop: () =>
      (stopping ??= (async () => {
        process.off("exit", onExit);
        if (child.exitCode === null && child.signalCode === null) {
          const exited = new Promise((r) => child.once("exit", r));
          child.kill("SIGTERM");
          const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
          await exited;
          clearTimeout(timer);
        }
        logger.info("Local Redis stopped");
      })()),
  };
}

/** A redis-server from a crashed run keeps running with nobody to stop it: stop it, if the
 *  pid file really names a redis-server whose node parent is gone. */
async function recoverFromCrash(pidFile: string, logger: DevLogger) {
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, "utf8").trim());
  if (pid > 0 && isAlive(pid) && (await commandLine(pid)).includes("redis-server")) {
    if (!(await isOrphan(pid))) {
      throw new Error(
        `Another Venzory run is using ${path.dirname(pidFile)} (redis-server pid ${pid}). ` +
          "Stop it first, or set DATA_DIR to another directory.",
      );
    }
    logger.warn({ pid }, "A local Redis from a previous run is still running (its parent died); stopping it");
    await killAndWait(pid, "SIGTERM", 5_000);
  }
  fs.rmSync(pidFile, { force: true });
}

async function waitForPing(url: string, child: ChildProcess, timeoutMs: number) {
  const { hostname, port } = new URL(url);
  let lastError = "not listening";
  for (const end = Date.now() + timeoutMs; Date.now() < end; await sleep(100)) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`redis-server exited (code ${child.exitCode})`);
    // Probe the port with a bare socket first: an ioredis client that never connected keeps a
    // 2 s disconnect timer alive, which would hold node open after shutdown.
    if (!(await tcpOpen(hostname, Number(port)))) continue;
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on("error", () => {});
    try {
      await client.connect();
      const pong = await client.ping();
      await client.quit();
      if (pong === "PONG") return;
    } catch (err) {
      lastError = (err as Error).message; // e.g. "LOADING" while it starts
      client.disconnect();
    }
  }
  throw new Error(`no PONG from ${url} within ${timeoutMs / 1000} s (${lastError})`);
}

function tcpOpen(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}
