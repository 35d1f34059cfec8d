/**
 * `npm run bench`: sync-server benchmark. No pass/fail thresholds; prints a report and writes
 * bench-results/latest.json. Uses the PostgreSQL at TEST_DATABASE_ADMIN_URL (default: local, trust auth)
 * and the Redis at REDIS_URL (default: local); creates a throwaway database and drops it at the end.
 *
 *   tsx bench/run.ts            full run (a few minutes on 2 cores)
 *   tsx bench/run.ts --quick    one push round, one pull run each, smaller concurrency runs
 *   tsx bench/run.ts --rounds=3 push rounds per mode (default 2)
 *   tsx bench/run.ts --browser-only          only the initial sync in headless Chromium (section 4)
 *   tsx bench/run.ts --server-only           only sections 0-3 (pgbench, push, pull, concurrent pushes)
 *   tsx bench/run.ts --push-only             only sections 0, 1 and 3 (pgbench, push, concurrent pushes)
 *   tsx bench/run.ts --browser-runs=3        fresh Chromium profiles for section 4 (default 2, --quick 1)
 *   tsx bench/run.ts --plain-runs=5          runs of the "items + stock" practice in section 4 (default 1)
 *   tsx bench/run.ts --browser-profile=DIR   also write a DevTools CPU profile of each browser run to DIR
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { DEFAULT_PULL_LIMIT, MAX_PULL_LIMIT } from "../shared/protocol/pull.js";
import { MAX_PUSH_BATCH } from "../shared/protocol/push.js";
import type { RunningServer } from "../sync-server/server.js";
import type { PushMode } from "../sync-server/sync/push.js";
import { browserInitialSync, buildClientInto, type BrowserSyncResult } from "./browser-sync.js";
import { benchSetup, startInProcess, startInstance, type RemoteInstance } from "./instances.js";
import { ensurePgbench, runPgbench, type PgbenchResult } from "./pgbench.js";
import { installQueryCounter } from "./query-count.js";
import { createBenchDatabase, ledgerMismatches, seedPractice, vacuumAnalyze, type PracticeSpec, type SeededPractice } from "./data.js";
import {
  concurrentPush,
  pullRuns,
  pushInterference,
  pushOffline,
  type ConcurrentResult,
  type InterferenceResult,
  type PullResult,
  type PushOfflineResult,
} from "./scenarios.js";
import { median, round } from "./stats.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const OUT_FILE = path.join(ROOT, "bench-results", "latest.json");
const QUICK = process.argv.includes("--quick");
const ROUNDS = Number(process.argv.find((a) => a.startsWith("--rounds="))?.slice(9) ?? (QUICK ? 1 : 2));
const BROWSER_ONLY = process.argv.includes("--browser-only");
const PUSH_ONLY = process.argv.includes("--push-only");
const SERVER_ONLY = PUSH_ONLY || process.argv.includes("--server-only");
const BROWSER_RUNS = Number(process.argv.find((a) => a.startsWith("--browser-runs="))?.slice(15) ?? (QUICK ? 1 : 2));
const PLAIN_RUNS = Number(process.argv.find((a) => a.startsWith("--plain-runs="))?.slice(13) ?? 1);
const BROWSER_PROFILE_DIR = process.argv.find((a) => a.startsWith("--browser-profile="))?.slice(18);

const CONFIG = {
  push: { mutations: 1000, batchSize: MAX_PUSH_BATCH, rounds: ROUNDS, locationCreateEvery: 50 },
  pull: {
    items: 10_000,
    inventoryRows: 50_000,
    locations: 5,
    rowsPerVersion: 100,
    pageSizes: [DEFAULT_PULL_LIMIT, MAX_PULL_LIMIT],
    runs: QUICK ? 1 : 2,
  },
  concurrent: { clients: 20, pushesPerClient: QUICK ? 10 : 25, baselinePushes: QUICK ? 20 : 50 },
  browser: { runs: BROWSER_RUNS, plainRuns: PLAIN_RUNS, pageSize: DEFAULT_PULL_LIMIT },
  // TPC-B with 2 clients: the database's own rate on this machine, measured in the same run.
  pgbench: { clients: 2, seconds: 10 },
};

const adminUrl = process.env.TEST_DATABASE_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const password = `bench-${randomBytes(9).toString("base64url")}`;
const runTag = randomBytes(3).toString("hex");
const t0 = performance.now();
const elapsed = () => `${((performance.now() - t0) / 1000).toFixed(1)}s`;
const progress = (msg: string) => console.log(`[bench ${elapsed().padStart(6)}] ${msg}`);

// ───────────── cleanup (also on failure and Ctrl-C) ─────────────

const cleanups: Array<() => Promise<void>> = [];
async function cleanup() {
  while (cleanups.length) await cleanups.pop()!().catch((err) => console.error("[bench] cleanup step failed:", err));
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.error(`\n[bench] ${signal}: cleaning up`);
    void cleanup().finally(() => process.exit(130));
  });
}

async function server(
  databaseUrl: string,
  pushMode: PushMode,
  env: Record<string, string> = {},
  staticDir = path.join(ROOT, "bench", "no-static-files"),
): Promise<RunningServer & { localUrl: string; twin: () => Promise<RemoteInstance> }> {
  const setup = await benchSetup(databaseUrl, redisUrl, { pushMode, staticDir, env });
  const s = await startInProcess(setup);
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await s.close();
  };
  cleanups.push(close);
  /** Another instance of this server in its own process (docs/operations.md: N instances, one database and Redis). */
  const twin = async () => {
    const other = await startInstance(setup);
    cleanups.push(other.close);
    return other;
  };
  // Tablets in Node use `url` (127.0.0.1); Chromium is given `localUrl` (localhost: a secure context, as the PWA needs).
  return { ...s, close, twin };
}

function practiceSpec(name: string, overrides: Partial<PracticeSpec> = {}): PracticeSpec {
  return {
    name: `Bench ${name}`,
    email: `${name}-${runTag}@bench.venzory.test`,
    password,
    locations: 5,
    items: 200,
    inventoryRows: 1000,
    rowsPerVersion: 100,
    ...overrides,
  };
}

async function machineInfo(databaseUrl: string) {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  const pgVersion = (await c.query<{ server_version: string }>("SHOW server_version")).rows[0]?.server_version;
  const maxConnections = (await c.query<{ max_connections: string }>("SHOW max_connections")).rows[0]?.max_connections;
  await c.end();
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    memoryGiB: round(os.totalmem() / 1024 ** 3, 1),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
    postgres: pgVersion ?? "unknown",
    postgresMaxConnections: Number(maxConnections),
    loadAverageAtStart: os.loadavg().map((l) => round(l, 2)),
    loadAverageAtEnd: [] as number[],
  };
}

// ───────────── the run ─────────────

interface Results {
  machine: Awaited<ReturnType<typeof machineInfo>>;
  /** Absent with --browser-only. */
  server?: ServerResults;
  browser: BrowserRun[];
}

interface ServerResults {
  /** pgbench TPC-B on the same PostgreSQL: before the push section and after the concurrent section. */
  pgbench: PgbenchResult[];
  push: {
    rounds: PushOfflineResult[];
    summary: Record<
      string,
      {
        medianMs: number;
        medianMutationsPerSec: number;
        medianMaxRequestMs: number;
        medianCpuMsPerMutation: number;
        medianQueriesPerMutation: number;
      }
    >;
    interference: InterferenceResult[];
  };
  /** Absent with --push-only. */
  pull?: { dataset: SeededPractice["rows"]; versions: number; runs: PullResult[] };
  concurrent: ConcurrentResult[];
  checks: { ledgerMismatches: number; pushRejected: number; concurrentFailed: number };
}

async function main() {
  progress(`creating database (admin ${new URL(adminUrl).host}), Redis ${new URL(redisUrl).host}`);
  const database = await createBenchDatabase(adminUrl);
  cleanups.push(database.drop);
  progress(`database ${database.name} migrated`);
  const machine = await machineInfo(database.url);
  // The browser section needs Chromium: install it as `npm test` does (Debian/Ubuntu as root).
  if (!SERVER_ONLY) spawnSync("bash", [path.join(ROOT, "scripts/setup-system.sh"), "chromium"], { stdio: "inherit" });
  // The client build runs in a child process while the database is seeded.
  const clientDir = await mkdtemp(path.join(os.tmpdir(), "venzory-bench-client-"));
  cleanups.push(() => rm(clientDir, { recursive: true, force: true }));
  const built = SERVER_ONLY ? Promise.resolve() : buildClientInto(ROOT, clientDir, { minify: !BROWSER_PROFILE_DIR });
  built.catch(() => {}); // awaited below; not an unhandled rejection meanwhile

  const pullPractice = PUSH_ONLY ? undefined : await seedPullPractice(database.url);
  // The practice as the sync issue measured it (items and stock only), beside the set-up practice above.
  const plainPractice = PUSH_ONLY || SERVER_ONLY ? undefined : await seedPullPractice(database.url, false);
  const serverResults = BROWSER_ONLY ? undefined : await serverSections(database.url, pullPractice, machine.postgres);
  if (BROWSER_ONLY) await vacuumAnalyze(database.url);

  // 4. A new tablet's initial sync of the pull practice in headless Chromium.
  await built;
  const browser: BrowserRun[] = [];
  const browserServer = SERVER_ONLY || !pullPractice ? undefined : await server(database.url, "per-mutation", {}, clientDir);
  const browserRuns = [
    ...Array.from({ length: CONFIG.browser.runs }, () => ({ label: "set up", practice: pullPractice })),
    ...Array.from({ length: CONFIG.browser.plainRuns }, () => ({ label: "items + stock", practice: plainPractice })),
  ];
  for (let i = 0; browserServer && i < browserRuns.length; i++) {
    const { label, practice } = browserRuns[i]!;
    if (!practice) continue;
    const cpuProfilePath = BROWSER_PROFILE_DIR && path.resolve(BROWSER_PROFILE_DIR, `browser-sync-${i + 1}.cpuprofile`);
    if (BROWSER_PROFILE_DIR) mkdirSync(path.resolve(BROWSER_PROFILE_DIR), { recursive: true });
    const r = await browserInitialSync({
      baseUrl: browserServer.localUrl,
      practice,
      pageSize: CONFIG.browser.pageSize,
      cpuProfilePath,
    });
    browser.push({ ...r, practice: label });
    progress(
      `browser initial sync ${i + 1}/${browserRuns.length} (${label}): ${fmtMs(r.totalMs)}, apply ${r.applyRowsPerSec} rows/s vs raw ${r.rawRowsPerSec} rows/s (raw writes ${fmtMs(r.rawWriteMs)}; one record per stock row ${fmtMs(r.rawFlatWriteMs)}), server CPU ${fmtMs(r.serverCpuMs)}, ${r.longTasks.count} long tasks (max ${fmtMs(r.longTasks.maxMs)})`,
    );
  }
  await browserServer?.close();

  const results: Results = { machine, server: serverResults, browser };
  await cleanup();
  machine.loadAverageAtEnd = os.loadavg().map((l) => round(l, 2));

  const totalMs = performance.now() - t0;
  printReport(results, totalMs);
  mkdirSync(path.dirname(OUT_FILE), { recursive: true });
  writeFileSync(
    OUT_FILE,
    JSON.stringify(
      {
        finishedAt: new Date().toISOString(),
        totalRunMs: round(totalMs),
        quick: QUICK,
        browserOnly: BROWSER_ONLY,
        config: CONFIG,
        ...results,
      },
      null,
      2,
    ) + "\n",
  );
  console.log(`JSON written to ${path.relative(process.cwd(), OUT_FILE) || OUT_FILE}`);
}

/** `setUp` false: items and stock rows only, no suppliers, prices, lots or par levels. */
async function seedPullPractice(databaseUrl: string, setUp = true): Promise<SeededPractice> {
  progress(`seeding: pull practice (${CONFIG.pull.items} items, ${CONFIG.pull.inventoryRows} stock rows${setUp ? ", set up" : ""})`);
  return seedPractice(
    databaseUrl,
    practiceSpec(setUp ? "pull" : "pull-plain", {
      items: CONFIG.pull.items,
      inventoryRows: CONFIG.pull.inventoryRows,
      locations: CONFIG.pull.locations,
      rowsPerVersion: CONFIG.pull.rowsPerVersion,
      withProducts: true,
      withSuppliers: setUp,
    }),
  );
}

/** pgbench TPC-B on the same PostgreSQL, or undefined when pgbench is not there. */
async function pgbenchNow(binary: string | undefined, label: string): Promise<PgbenchResult | undefined> {
  if (!binary) return undefined;
  const r = await runPgbench(binary, adminUrl, CONFIG.pgbench);
  progress(`pgbench TPC-B ${label}: ${r.clients} clients, ${r.seconds} s: ${round(r.tps)} tps (latency avg ${r.latencyAvgMs} ms)`);
  return r;
}

/** Sections 0-3: pgbench, push, pull and concurrent pushes against the server over HTTP. */
async function serverSections(
  databaseUrl: string,
  pullPractice: SeededPractice | undefined,
  postgresVersion: string,
): Promise<ServerResults> {
  installQueryCounter();
  const pgbenchBinary = await ensurePgbench(Number.parseInt(postgresVersion, 10) || 15, progress);
  const pushPractices: Record<PushMode, SeededPractice> = {
    "per-mutation": await seedPractice(databaseUrl, practiceSpec("push-per-mutation")),
    "per-batch": await seedPractice(databaseUrl, practiceSpec("push-per-batch")),
  };
  const concA = await seedPractice(databaseUrl, practiceSpec("conc-a"));
  const concB = await seedPractice(databaseUrl, practiceSpec("conc-b"));
  const concOne = await seedPractice(databaseUrl, practiceSpec("conc-one"));
  await vacuumAnalyze(databaseUrl);
  progress("seeded and analysed");
  // 0. The database's own rate, right before the push section (and again after section 3).
  const pgbench: PgbenchResult[] = [];
  const before = await pgbenchNow(pgbenchBinary, "before push");
  if (before) pgbench.push(before);

  const servers: Record<PushMode, Awaited<ReturnType<typeof server>>> = {
    "per-mutation": await server(databaseUrl, "per-mutation"),
    "per-batch": await server(databaseUrl, "per-batch"),
  };

  // 1. Offline outbox push, alternating modes so drift (autovacuum, cache) hits both alike.
  const rounds: PushOfflineResult[] = [];
  for (let i = 0; i < CONFIG.push.rounds; i++) {
    for (const mode of ["per-mutation", "per-batch"] as const) {
      const r = await pushOffline(servers[mode].url, mode, pushPractices[mode], { mutations: CONFIG.push.mutations, seed: 42 + i });
      rounds.push(r);
      progress(`push round ${i + 1}/${CONFIG.push.rounds} ${mode.padEnd(12)} ${fmtMs(r.totalMs)}  ${r.mutationsPerSec} mut/s`);
    }
  }
  const pushSummary: ServerResults["push"]["summary"] = {};
  for (const mode of ["per-mutation", "per-batch"] as const) {
    const mine = rounds.filter((r) => r.mode === mode);
    pushSummary[mode] = {
      medianMs: round(median(mine.map((r) => r.totalMs))),
      medianMutationsPerSec: round(median(mine.map((r) => r.mutationsPerSec))),
      medianMaxRequestMs: round(median(mine.map((r) => Math.max(...r.requestMs)))),
      medianCpuMsPerMutation: round(median(mine.map((r) => r.cpuMsPerMutation)), 2),
      medianQueriesPerMutation: round(median(mine.map((r) => r.queriesPerMutation)), 1),
    };
  }
  // 1b. The cost to everyone else: single pushes of a second client while a 500-batch is applied.
  const interference: InterferenceResult[] = [];
  for (const mode of ["per-mutation", "per-batch"] as const) {
    const r = await pushInterference(servers[mode].url, mode, pushPractices[mode], 900);
    interference.push(r);
    progress(`interference ${mode.padEnd(12)} batch ${fmtMs(r.batchMs)}, other client's max ${fmtMs(r.otherLatencyMs.max)}`);
  }

  // 2. Full replica pull, default page size on the default server, then 5000 on a server allowing it.
  const pullResults: PullResult[] = [];
  for (const size of pullPractice ? CONFIG.pull.pageSizes : []) {
    const s =
      size === DEFAULT_PULL_LIMIT ? servers["per-mutation"] : await server(databaseUrl, "per-mutation", { PULL_PAGE_SIZE: String(size) });
    const runs = await pullRuns(s.url, pullPractice!, size, CONFIG.pull.runs);
    for (const r of runs) progress(`pull page ${size}: ${r.pages} pages, ${r.rows} rows, ${fmtBytes(r.bytes)}, wall ${fmtMs(r.wallMs)}`);
    pullResults.push(...runs);
    if (s !== servers["per-mutation"]) await s.close();
  }

  // 3. Concurrent single-mutation pushes, on the server's default mode (per-batch: group commit), and the
  // 20 tablets once more with one transaction per push (per-mutation), the same run's comparison.
  const url = servers["per-batch"].url;
  const concurrent: ConcurrentResult[] = [];
  const { clients, pushesPerClient, baselinePushes } = CONFIG.concurrent;
  concurrent.push(
    await concurrentPush(url, "baseline: 1 client, sequential", [concOne], { clients: 1, pushesPerClient: baselinePushes, seed: 7 }),
  );
  concurrent.push(
    await concurrentPush(url, `${clients} clients over 2 practices`, [concA, concB], { clients, pushesPerClient, seed: 100 }),
  );
  concurrent.push(await concurrentPush(url, `${clients} clients in 1 practice`, [concOne], { clients, pushesPerClient, seed: 200 }));
  concurrent.push(
    await concurrentPush(servers["per-mutation"].url, `${clients} clients in 1 practice, per-mutation`, [concOne], {
      clients,
      pushesPerClient,
      seed: 250,
    }),
  );
  // Scale-out as deployed (docs/operations.md): a second instance in its own process, tablets split over both.
  const second = await servers["per-batch"].twin();
  concurrent.push(
    await concurrentPush(url, `${clients} clients in 1 practice, 2 instances`, [concOne], { clients, pushesPerClient, seed: 300 }, [
      second,
    ]),
  );
  await second.close();
  for (const c of concurrent) progress(`concurrent ${c.label}: p95 ${c.latencyMs.p95} ms, ${c.mutationsPerSec} mut/s`);
  await servers["per-mutation"].close();
  await servers["per-batch"].close();
  const after = await pgbenchNow(pgbenchBinary, "after concurrent pushes");
  if (after) pgbench.push(after);

  return {
    pgbench,
    push: { rounds, summary: pushSummary, interference },
    pull: pullPractice && { dataset: pullPractice.rows, versions: pullPractice.version, runs: pullResults },
    concurrent,
    checks: {
      ledgerMismatches: await ledgerMismatches(databaseUrl),
      pushRejected: rounds.reduce((s, r) => s + r.rejected, 0),
      concurrentFailed: concurrent.reduce((s, c) => s + c.failed, 0),
    },
  };
}

// ───────────── report ─────────────

function fmtMs(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
}
function fmtBytes(b: number): string {
  return b >= 1024 * 1024 ? `${(b / 1024 / 1024).toFixed(2)} MiB` : `${(b / 1024).toFixed(1)} KiB`;
}
function table(head: string[], rows: (string | number)[][]): string {
  const cells = [head, ...rows.map((r) => r.map(String))];
  const widths = head.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  const line = (r: string[]) => "  " + r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [line(cells[0]!), "  " + widths.map((w) => "─".repeat(w)).join("  "), ...cells.slice(1).map(line)].join("\n");
}

function printReport(results: Results, totalMs: number) {
  const m = results.machine;
  const out: string[] = [];
  out.push("", "═".repeat(78), "Venzory sync benchmark", "═".repeat(78));
  out.push(`machine   ${m.cpus} CPU cores (${m.cpuModel}), ${m.memoryGiB} GiB RAM, ${m.platform}`);
  out.push(
    `runtime   Node ${m.node}, PostgreSQL ${m.postgres}; server and push clients share one Node process (section 3: tablets in a child process)`,
  );
  out.push(
    `run       ${fmtMs(totalMs)} total${QUICK ? " (--quick)" : ""}${BROWSER_ONLY ? " (--browser-only)" : ""}; load average (1/5/15 min) ${m.loadAverageAtStart.join(" ")} at start, ${m.loadAverageAtEnd.join(" ")} at end`,
  );
  if ((m.loadAverageAtStart[0] ?? 0) > m.cpus * 0.5) {
    out.push(
      `          WARNING: the machine was already busy when the run started; figures are pessimistic and noisy — compare within this run.`,
    );
  }

  const r = results.server;
  if (r) printServerSections(out, r);
  if (results.browser.length) printBrowserSection(out, results.browser);
  out.push("═".repeat(78));
  console.log(out.join("\n"));
}

function printServerSections(out: string[], r: ServerResults) {
  out.push("", `0. pgbench TPC-B on the same PostgreSQL (${CONFIG.pgbench.clients} clients, ${CONFIG.pgbench.seconds} s, scale 1)`);
  if (r.pgbench.length) {
    out.push(
      table(
        ["when", "tps", "latency avg"],
        r.pgbench.map((p, i) => [i === 0 ? "before push" : "after concurrent pushes", round(p.tps), `${p.latencyAvgMs} ms`]),
      ),
    );
  } else {
    out.push("  pgbench not available: no ratio.");
  }
  out.push(
    "",
    `1. Push ${CONFIG.push.mutations} queued mutations from one client (batches of ${CONFIG.push.batchSize}; stock.adjust + location.create every ${CONFIG.push.locationCreateEvery}th)`,
  );
  out.push(
    table(
      [
        "round",
        "mode",
        "total",
        "mutations/s",
        "requests",
        "slowest request",
        "CPU ms/mutation",
        "queries/mutation",
        "applied",
        "rejected",
      ],
      r.push.rounds.map((x, i) => [
        Math.floor(i / 2) + 1,
        x.mode,
        fmtMs(x.totalMs),
        x.mutationsPerSec,
        x.requests,
        fmtMs(Math.max(...x.requestMs)),
        x.cpuMsPerMutation,
        x.queriesPerMutation,
        x.applied,
        x.rejected,
      ]),
    ),
  );
  const pm = r.push.summary["per-mutation"]!;
  const pb = r.push.summary["per-batch"]!;
  out.push(
    table(
      ["median of rounds", "total", "mutations/s", "slowest request", "CPU ms/mutation", "queries/mutation", "÷ pgbench tps"],
      [pm, pb].map((x, i) => [
        i === 0 ? "per-mutation" : "per-batch",
        fmtMs(x.medianMs),
        x.medianMutationsPerSec,
        fmtMs(x.medianMaxRequestMs),
        x.medianCpuMsPerMutation,
        x.medianQueriesPerMutation,
        r.pgbench[0] ? round(x.medianMutationsPerSec / r.pgbench[0].tps, 2) : "n/a",
      ]),
    ),
  );
  if (r.pgbench[0]) {
    out.push(
      `  push rate / pgbench TPC-B tps (same run, before push): per-batch ${round(pb.medianMutationsPerSec / r.pgbench[0].tps, 2)} (target ≥ 1), per-mutation ${round(pm.medianMutationsPerSec / r.pgbench[0].tps, 2)}.`,
    );
  }
  const ratio = pm.medianMs / pb.medianMs;
  out.push(
    `  per-batch ran ${ratio >= 1 ? `${round(ratio, 2)}x faster` : `${round(1 / ratio, 2)}x slower`} than per-mutation (median total time).`,
  );
  out.push("  CPU ms/mutation = this Node process's CPU (server + benchmark client) divided by the mutations pushed.");
  out.push(
    "",
    `1b. Another client of the same practice pushing single mutations while one ${CONFIG.push.batchSize}-mutation batch is applied`,
  );
  out.push(
    table(
      ["mode", "batch took", "other pushes", "their p50", "their p95", "their max"],
      r.push.interference.map((x) => [
        x.mode,
        fmtMs(x.batchMs),
        x.otherRequests,
        fmtMs(x.otherLatencyMs.p50),
        fmtMs(x.otherLatencyMs.p95),
        fmtMs(x.otherLatencyMs.max),
      ]),
    ),
  );
  out.push("  per-batch holds the practice's version-counter lock for the whole batch; per-mutation releases it after each mutation.");

  if (r.pull) printPullSection(out, r.pull);

  out.push(
    "",
    "3. Push latency, single-mutation requests (stock.adjust), all clients start together: per-batch mode (the default, group commit) unless the scenario says per-mutation",
  );
  out.push(
    table(
      ["scenario", "requests", "p50", "p95", "p99", "max", "mean", "mutations/s", "wall", "CPU ms/mut", "queries/mut", "failed"],
      r.concurrent.map((c) => [
        c.label,
        c.requests,
        c.latencyMs.p50,
        c.latencyMs.p95,
        c.latencyMs.p99,
        c.latencyMs.max,
        c.latencyMs.mean,
        c.mutationsPerSec,
        fmtMs(c.wallMs),
        c.cpuMsPerMutation,
        c.queriesPerMutation,
        c.failed,
      ]),
    ),
  );
  out.push("  latencies in ms; writes within one practice serialise on its version counter row.");

  out.push(
    "",
    `checks    ledger mismatches: ${r.checks.ledgerMismatches}; push rejections: ${r.checks.pushRejected}; concurrent failed requests: ${r.checks.concurrentFailed}`,
  );
}

function printPullSection(out: string[], pull: NonNullable<ServerResults["pull"]>) {
  const d = pull.dataset;
  out.push(
    "",
    `2. Full replica pull: ${d.item} items, ${d.inventory} stock rows, ${d.location} locations (${pull.versions} versions, ≤${CONFIG.pull.rowsPerVersion} rows each)`,
  );
  out.push(
    table(
      [
        "page size",
        "pages",
        "rows",
        "wire bytes (gzip)",
        "wire bytes/row",
        "JSON bytes",
        "server (Σ requests)",
        "wall",
        "rows/s",
        "page p50",
        "page max",
      ],
      pull.runs.map((x) => [
        x.pageSize,
        x.pages,
        x.rows,
        fmtBytes(x.bytes),
        x.bytesPerRow,
        fmtBytes(x.rawBytes),
        fmtMs(x.serverMs),
        fmtMs(x.wallMs),
        x.rowsPerSec,
        fmtMs(x.pageMs.p50),
        fmtMs(x.pageMs.max),
      ]),
    ),
  );
  out.push("  server = sum of pull request durations (sent → last body byte); wall adds the client's JSON.parse of each page.");
}

/** One initial sync, and which practice it pulled. */
type BrowserRun = BrowserSyncResult & { practice: string };

function printBrowserSection(out: string[], runs: BrowserRun[]) {
  const rows = runs[0]?.rows;
  out.push(
    "",
    `4. Initial sync of a new tablet in headless Chromium (fresh profile each run): ${rows?.item} items, ${rows?.inventory} stock rows, ${rows?.location} locations;`,
    `   "set up" adds 20 suppliers, a price per item, a lot per 10th item and a par level per item, as a practice in use replicates them`,
  );
  out.push(
    table(
      [
        "run",
        "practice",
        "rows",
        "sign-in → complete",
        "pulls",
        "wire bytes",
        "apply Σ",
        "validate Σ",
        "apply rows/s",
        "raw IDB rows/s",
        "apply/raw",
        "raw Σ",
        "raw Σ, a record per row",
        "slowest page",
        "long tasks",
        "longest",
        "Σ long",
      ],
      runs.map((x, i) => [
        i + 1,
        x.practice,
        x.appliedRows,
        fmtMs(x.totalMs),
        x.pulls,
        `${fmtBytes(x.pullWireBytes)} ${x.pullEncoding}`,
        fmtMs(x.applyMs),
        fmtMs(x.validateMs),
        x.applyRowsPerSec,
        x.rawRowsPerSec,
        x.applyVsRaw,
        fmtMs(x.rawWriteMs),
        fmtMs(x.rawFlatWriteMs),
        fmtMs(x.applyPageMaxMs),
        x.longTasks.count,
        fmtMs(x.longTasks.maxMs),
        fmtMs(x.longTasks.totalMs),
      ]),
    ),
  );
  out.push("  apply = the client's per-page transaction (User Timing venzory:pull-apply); validate = checking a page's rows, done as");
  out.push("  it arrives, while the page before is written; raw IDB = the same records");
  out.push("  (stock in the replica's packs) put into a scratch database with the replica's indexes, one transaction per page's");
  out.push("  worth, in the same page afterwards; 'a record per row' = the same rows, stock one record each (the layout before packs);");
  out.push("  long tasks = from the sign-in click on (the app's own load before it is listed apart).");
  for (const [i, x] of runs.entries()) {
    const list = (t: typeof x.longTasks) => t.longest.map((l) => `${fmtMs(l.ms)} at ${l.atS} s`).join(", ") || "none";
    out.push(`  run ${i + 1}: longest tasks after sign-in ${list(x.longTasks)} (complete at ${(x.totalMs / 1000).toFixed(1)} s);`);
    out.push(
      `         server CPU from the click to complete ${fmtMs(x.serverCpuMs)} (${fmtMs(x.serverCpuMs / x.pulls)} per pull; this process serves it);`,
    );
    out.push(`         loading the app before it (fresh profile): ${x.loadLongTasks.count} long tasks, longest ${list(x.loadLongTasks)}`);
  }
  out.push("  Targets on a 2-core machine: complete ≤ 10 s, apply/raw ≥ 0.8, no long task > 200 ms.");
}

main()
  .then(() => process.exit(0))
  .catch(async (err) => {
    console.error("[bench] failed:", err);
    await cleanup();
    process.exit(1);
  });
