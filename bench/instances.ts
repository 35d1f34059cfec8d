/**
 * The benchmarks' API servers: `benchSetup` says how (as deployed: the API on the row-level-security role,
 * system jobs on the system role, secrets and Redis prefix given so that another instance can share them),
 * `startInProcess` starts one in this process, and `startInstance` another in its own process
 * (api-instance.ts) for the scale-out scenario, where tablets are pinned to one instance each, as a load
 * balancer with sticky sessions spreads them.
 */
import { fork, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { localRoleUrls } from "../sync-server/dev/database-roles.js";
import { createLogger } from "../sync-server/log/logger.js";
import { startServer, type RunningServer } from "../sync-server/server.js";
import type { PushMode } from "../sync-server/sync/push.js";

export interface InstanceSetup {
  databaseUrl: string;
  appDatabaseUrl: string;
  redisUrl: string;
  pushMode: PushMode;
  sessionSecret: string;
  staticDir: string;
  limitsScale: number;
  /** Environment the server reads (REDIS_PREFIX, CSRF_SECRET, DATABASE_SYSTEM_URL): the same as the first instance's. */
  env: Record<string, string>;
}

export type InstanceMessage =
  { kind: "listening"; url: string } | { kind: "usage"; cpuMs: number; queries: number } | { kind: "failed"; error: string };

/** A server of the benchmark's throwaway database (fresh secrets and Redis prefix). */
export async function benchSetup(
  databaseUrl: string,
  redisUrl: string,
  opts: { staticDir: string; pushMode?: PushMode; env?: Record<string, string> },
): Promise<InstanceSetup> {
  const roles = await localRoleUrls(databaseUrl);
  return {
    databaseUrl,
    appDatabaseUrl: roles.appUrl,
    redisUrl,
    // The server's own default (SYNC_PUSH_MODE): the import benchmarks measure the app as deployed.
    pushMode: opts.pushMode ?? "per-batch",
    sessionSecret: randomBytes(32).toString("hex"),
    staticDir: opts.staticDir,
    // The bench signs in dozens of clients from one address: rate limits would measure themselves.
    limitsScale: 1_000,
    env: {
      REDIS_PREFIX: `bench${randomBytes(3).toString("hex")}`,
      CSRF_SECRET: randomBytes(32).toString("hex"),
      DATABASE_SYSTEM_URL: roles.systemUrl,
      ...opts.env,
    },
  };
}

/** The server of `setup` in this process, silent; `url` on 127.0.0.1 (no resolver round trip), `localUrl` as it listens. */
export async function startInProcess(setup: InstanceSetup): Promise<RunningServer & { localUrl: string }> {
  const s = await startServer({
    port: 0,
    host: "127.0.0.1",
    databaseUrl: setup.databaseUrl,
    appDatabaseUrl: setup.appDatabaseUrl,
    redisUrl: setup.redisUrl,
    pushMode: setup.pushMode,
    sessionSecret: setup.sessionSecret,
    logger: createLogger("silent"),
    staticDir: setup.staticDir,
    limitsScale: setup.limitsScale,
    // The server as deployed: outside production every answer is also checked against its contract,
    // which serialises a pull page twice more.
    checkResponses: false,
    env: { ...process.env, ...setup.env },
  });
  return { ...s, url: s.url.replace("//localhost:", "//127.0.0.1:"), localUrl: s.url };
}

/** What an instance in another process has used so far. */
export interface InstanceUsage {
  cpuMs: number;
  queries: number;
}

export interface RemoteInstance {
  url: string;
  usage(): Promise<InstanceUsage>;
  close(): Promise<void>;
}

function nextMessage(child: ChildProcess): Promise<InstanceMessage> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`API instance exited (${code})`));
    child.once("exit", onExit);
    child.once("message", (m) => {
      child.off("exit", onExit);
      resolve(m as InstanceMessage);
    });
  });
}

export async function startInstance(setup: InstanceSetup): Promise<RemoteInstance> {
  const child = fork(fileURLToPath(new URL("./api-instance.ts", import.meta.url)), [], { execArgv: ["--import", "tsx"] });
  child.send(setup);
  const first = await nextMessage(child);
  if (first.kind !== "listening") {
    child.kill();
    throw new Error(`API instance did not start: ${first.kind === "failed" ? first.error : first.kind}`);
  }
  return {
    url: first.url,
    async usage() {
      const reply = nextMessage(child);
      child.send("usage");
      const m = await reply;
      if (m.kind !== "usage") throw new Error("API instance: unexpected answer to usage");
      return { cpuMs: m.cpuMs, queries: m.queries };
    },
    async close() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.send("close");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      child.kill();
    },
  };
}
