/**
 * More API instances for the scale-out scenario: each in its own process (api-instance.ts), sharing the
 * database, Redis prefix and secrets with the bench's in-process instance. Tablets are pinned to one
 * instance each, as a load balancer with sticky sessions spreads them.
 */
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
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
