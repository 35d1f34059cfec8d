/**
 * The API as its own Node process, started the way docs/operations.md says
 * (`node --import tsx sync-server/main.ts`). Tests that must see the process survive (or die), or that
 * need several instances, use this instead of an in-process server: an unhandled rejection inside vitest
 * does not end the process the way it ends a real server.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { REPO_ROOT } from "../sync-server/config/env.js";
import { asAppRole, redisUrl } from "./pg-urls.js";
import type { ResendStub } from "./resend-stub.js";
import { uniqueRedisPrefix } from "./server.js";

export const SESSION_SECRET = "s".repeat(40);

export interface ServerProcess {
  /** The URL the server logged ("" for a process that does not listen, such as the email worker). */
  url: string;
  child: ChildProcess;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  /** True while the process has not exited. */
  alive(): boolean;
  /** SIGTERM, then wait for exit; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** The same database, connected as the cross-tenant role `venzory_system` (trust authentication in tests). */
export function asSystemRole(url: string): string {
  const u = new URL(url);
  u.username = "venzory_system";
  u.password = "";
  return u.toString();
}

/**
 * Every variable production requires (config/env.ts), pointed at a test database, the machine's Redis
 * (under a fresh prefix unless one is given, so instances of one test share it) and the Resend stand-in.
 */
export function productionEnv(databaseUrl: string, resend: ResendStub, extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    DATABASE_APP_URL: asAppRole(databaseUrl),
    DATABASE_SYSTEM_URL: asSystemRole(databaseUrl),
    REDIS_URL: redisUrl(),
    REDIS_PREFIX: uniqueRedisPrefix(),
    SESSION_SECRET,
    CSRF_SECRET: "c".repeat(40),
    RESEND_API_KEY: resend.apiKey,
    RESEND_BASE_URL: resend.url,
    PORT: "0",
    STATIC_DIR: "/nonexistent",
    LOG_LEVEL: "info",
    ...extra,
  };
}

/**
 * Spawns `node --import tsx <script>` (in `root`, the repository by default) with exactly `env` (plus
 * PATH/HOME) and resolves once the server logs its URL. Rejects with the process output if it exits first or does not listen within `timeoutMs`.
 */
export async function startServerProcess(
  env: Record<string, string>,
  opts: {
    script?: string;
    root?: string;
    timeoutMs?: number;
    /** What "ready" looks like in the output (default: the URL the server logs). */ ready?: RegExp;
  } = {},
): Promise<ServerProcess> {
  const ready = opts.ready ?? /"url":"(http:\/\/[^"]+)"/;
  const script = opts.script ?? "sync-server/main.ts";
  const root = opts.root ?? REPO_ROOT;
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, script)], {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  let exited = false;
  const exit = once(child, "exit").then(([code]) => {
    exited = true;
    return code as number | null;
  });
  child.stderr!.on("data", (d: Buffer) => (output += d));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`server did not listen within ${opts.timeoutMs ?? 60_000} ms:\n${output}`));
    }, opts.timeoutMs ?? 60_000);
    child.stdout!.on("data", (d: Buffer) => {
      output += d;
      const m = ready.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1] ?? "");
      }
    });
    void exit.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (code ${code}) before listening:\n${output}`));
    });
  });
  return {
    url,
    child,
    output: () => output,
    alive: () => !exited,
    async stop() {
      if (!exited) child.kill("SIGTERM");
      return exit;
    },
  };
}
