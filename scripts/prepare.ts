// Build steps that a fresh clone lacks: the generated Prisma client and the built PWA. Every entry
// point that loads the Prisma client (`npm start`, `npm test`, `npm run typecheck`, `npm run build`,
// sync-server/main.ts, the email worker, the seed) runs `ensurePrismaClient` first. Each step runs only
// when its output is missing or older than its inputs, so the common case costs a few stat() calls.
//   tsx scripts/prepare.ts prisma | client | all
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name: string) => path.join(ROOT, "node_modules", ".bin", name);
type Log = (msg: string) => void;

/** Newest mtime under the given paths (files or folders; missing ones are skipped). */
function newestMtime(paths: string[]): number {
  let newest = 0;
  const visit = (p: string) => {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      for (const entry of fs.readdirSync(p)) if (entry !== "node_modules" && !entry.startsWith(".")) visit(path.join(p, entry));
    } else newest = Math.max(newest, st.mtimeMs);
  };
  paths.forEach((p) => visit(path.join(ROOT, p)));
  return newest;
}

function mtime(p: string): number {
  try {
    return fs.statSync(path.join(ROOT, p)).mtimeMs;
  } catch {
    return 0; // missing output = stale
  }
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    // The child's output goes to stderr: a server's stdout carries only its JSON log lines.
    const child = spawn(cmd, args, { cwd: ROOT, stdio: ["ignore", 2, 2], env: { ...process.env, ...env } });
    child.on("error", reject);
    child.on("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(cmd)} ${args.join(" ")} failed (${signal ?? `exit ${code}`})`)),
    );
  });
}

export const PRISMA_CLIENT_MISSING =
  "The generated Prisma client (sync-server/db/generated) is missing and the Prisma CLI is not installed: " +
  "run `npm ci` and `npm run build` (it generates the client) before starting.";

/** `onlyIfMissing`: in production an existing client is trusted even if the schema's mtime looks newer
 *  (copied deployments), and the Prisma CLI (a dev dependency) may be absent. */
export async function ensurePrismaClient(log: Log = console.log, { onlyIfMissing = false } = {}): Promise<void> {
  const output = "sync-server/db/generated/client.ts";
  if (mtime(output) && (onlyIfMissing || mtime(output) >= newestMtime(["prisma/schema.prisma"]))) return;
  if (!fs.existsSync(bin("prisma"))) {
    if (mtime(output)) return; // stale-looking but present, and nothing to regenerate it with
    throw new Error(PRISMA_CLIENT_MISSING);
  }
  log("Generating the Prisma client (prisma generate)…");
  // The schema engine cannot be downloaded here and `generate` does not need it: pointing it at
  // /bin/false stops the CLI from trying. prisma.config.ts supplies a placeholder DATABASE_URL.
  await run(bin("prisma"), ["generate"], { PRISMA_SCHEMA_ENGINE_BINARY: "/bin/false", PRISMA_HIDE_UPDATE_MESSAGE: "1" });
}

/** `onlyIfMissing`: production deploys may ship a prebuilt dist/ without Vite installed, so
 *  there an existing build is trusted even if source mtimes look newer. */
export async function ensureClientBuild(log: Log = console.log, { onlyIfMissing = false } = {}): Promise<void> {
  const output = "dist/client/index.html";
  const inputs = ["client", "shared", "vite.config.ts", "package-lock.json"];
  if (mtime(output) && (onlyIfMissing || mtime(output) >= newestMtime(inputs))) return;
  if (!fs.existsSync(path.join(ROOT, "vite.config.ts"))) throw new Error("vite.config.ts is missing: cannot build the client.");
  if (!fs.existsSync(bin("vite")))
    throw new Error("Vite is not installed (dev dependencies omitted?): run `npm ci`, or build dist/client elsewhere.");
  log("Building the web client (vite build)…");
  const started = Date.now();
  // A child process, not Vite's JS API: an in-process build sets process.env.NODE_ENV to
  // "production", which would flip the server we start next into production mode.
  await run(bin("vite"), ["build", "--logLevel", "warn"]);
  log(`Client built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const what = process.argv[2] ?? "all";
  try {
    if (what === "prisma" || what === "all") await ensurePrismaClient();
    if (what === "client" || what === "all") await ensureClientBuild();
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
}
