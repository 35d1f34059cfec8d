/**
 * pgbench TPC-B against the same PostgreSQL, in the same run: the yardstick the push rate is reported
 * against. A push figure alone says little on a shared, noisy machine; beside what the database itself
 * does in the same minute it says how much of the hardware the server's push path uses.
 *
 * pgbench ships with Debian's PostgreSQL client packages; when it is missing and we may install (root),
 * it is installed with apt-get; otherwise the section is skipped with the command to run.
 */
import { execFile } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";
import pg from "pg";

const run = promisify(execFile);

export interface PgbenchResult {
  clients: number;
  seconds: number;
  /** Transactions per second, without the initial connection time. */
  tps: number;
  latencyAvgMs: number;
}

/** The pgbench binary: on PATH, or under /usr/lib/postgresql/<major>/bin (newest first). */
function findPgbench(): string | undefined {
  const base = "/usr/lib/postgresql";
  if (existsSync(base)) {
    const majors = readdirSync(base)
      .filter((d) => /^\d+$/.test(d))
      .sort((a, b) => Number(b) - Number(a));
    for (const m of majors) if (existsSync(`${base}/${m}/bin/pgbench`)) return `${base}/${m}/bin/pgbench`;
  }
  for (const dir of (process.env.PATH ?? "").split(":")) if (dir && existsSync(`${dir}/pgbench`)) return `${dir}/pgbench`;
  return undefined;
}

/** Finds pgbench, installing Debian's client package when missing and running as root. */
export async function ensurePgbench(serverMajor: number, log: (msg: string) => void): Promise<string | undefined> {
  const found = findPgbench();
  if (found) return found;
  if (process.getuid?.() !== 0) {
    log(`pgbench not found; install it (apt-get install -y postgresql-client-${serverMajor}) to get the push/pgbench ratio`);
    return undefined;
  }
  log(`pgbench not found: apt-get install -y postgresql-client-${serverMajor}`);
  try {
    await run("apt-get", ["install", "-y", "--no-install-recommends", `postgresql-client-${serverMajor}`], { timeout: 300_000 });
  } catch {
    // The package lists may be missing in a fresh container.
    await run("apt-get", ["update"], { timeout: 300_000 }).catch(() => {});
    await run("apt-get", ["install", "-y", "--no-install-recommends", `postgresql-client-${serverMajor}`], { timeout: 300_000 }).catch(
      () => {},
    );
  }
  return findPgbench();
}

function withDatabase(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/**
 * Creates a scratch database, `pgbench -i` (scale 1), runs TPC-B with `clients` clients for `seconds`,
 * and drops the database again.
 */
export async function runPgbench(binary: string, adminUrl: string, opts: { clients: number; seconds: number }): Promise<PgbenchResult> {
  const name = `venzory_pgbench_${randomBytes(4).toString("hex")}`;
  await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
  try {
    const url = withDatabase(adminUrl, name);
    await run(binary, ["-i", "-q", "-s", "1", url], { timeout: 120_000 });
    const { stdout } = await run(binary, ["-c", String(opts.clients), "-j", String(opts.clients), "-T", String(opts.seconds), "-n", url], {
      timeout: (opts.seconds + 60) * 1000,
    });
    const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout)?.[1];
    const latency = /latency average = ([\d.]+) ms/.exec(stdout)?.[1];
    if (!tps) throw new Error(`unexpected pgbench output:\n${stdout}`);
    return { clients: opts.clients, seconds: opts.seconds, tps: Number(tps), latencyAvgMs: Number(latency ?? Number.NaN) };
  } finally {
    await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}
