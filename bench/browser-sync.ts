/**
 * The browser side of the benchmark: a new tablet signs in and builds its replica of a large practice in
 * headless Chromium (Debian's /usr/bin/chromium through playwright-core, a fresh profile per run).
 *
 * Measured per run:
 *  - sign-in click → replica complete (meta.lastSyncAt written at the practice's head version, polled);
 *  - pull requests and their bytes on the wire (compressed, from the DevTools protocol's Network domain);
 *  - apply rows/s: rows / Σ of the client's per-page apply time (the `venzory:pull-apply` User Timing
 *    entries client/sync/pull.ts writes: the page's transaction), and Σ of validating the pages (done as
 *    each arrives, overlapping the write of the page before); pulls and pages up to complete only;
 *  - the limit, in the same page right after: the same records read back from the replica (stock in its
 *    packs) and written with plain IndexedDB `put`s (no awaits in between, one transaction per pull
 *    page's worth of rows) into a scratch database with the replica's stores and indexes; and the same
 *    rows with stock one record per row, as the replica stored them before packs;
 *  - long tasks (PerformanceObserver "longtask", registered before the app's scripts run): count, max, sum.
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type CDPSession, type Page } from "playwright-core";
import type { SeededPractice } from "./data.js";
import { installIdbHelpers, type BenchIdb, type StoreShape } from "./in-page-idb.js";
import { round } from "./stats.js";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Builds the PWA into `outDir` in a child process (vite and the generated Prisma client do not share a process well). */
export async function buildClientInto(root: string, outDir: string, options: { minify?: boolean } = {}): Promise<void> {
  const args = [path.join(root, "node_modules/vite/bin/vite.js"), "build", "--outDir", outDir, "--emptyOutDir", "--logLevel", "warn"];
  if (options.minify === false) args.push("--minify", "false");
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: { ...process.env, NODE_ENV: "production" },
      stdio: ["ignore", "inherit", "inherit"],
    });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`vite build exited with ${code}`))));
  });
}

export interface BrowserSyncResult {
  /** Sign-in click → the transaction of the page that completed the replica committed. */
  totalMs: number;
  /** Sign-in click → first pull request sent. */
  firstPullAfterMs: number;
  pulls: number;
  /** Compressed bytes of the pull responses on the wire (headers included). */
  pullWireBytes: number;
  pullEncoding: string;
  rows: { location: number; item: number; batch: number; inventory: number };
  /** Rows changed by all pulls (every replicated entity). */
  appliedRows: number;
  /** Σ of the client's per-page apply time (its transaction) and the resulting rate. */
  applyMs: number;
  /** Σ of validating each page's rows, done as it arrives (while the page before is written). */
  validateMs: number;
  /** Each page: rows, its transaction, its validation (in the JSON only). */
  pages: Array<{ rows: number; applyMs: number; validateMs: number }>;
  applyRowsPerSec: number;
  /** The slowest page apply. */
  applyPageMaxMs: number;
  /** Plain IndexedDB puts of the same records (stock in packs) in the same page: the hardware limit for the apply. */
  rawWriteMs: number;
  rawRowsPerSec: number;
  applyVsRaw: number;
  /** The same rows put one record per stock row, with the indexes of the layout before packs. */
  rawFlatWriteMs: number;
  /** Each layout's raw writes per table (in the JSON only). */
  rawPerTableMs: Record<string, number>;
  rawFlatPerTableMs: Record<string, number>;
  /**
   * CPU time of this process from the click to complete: mostly the in-process server's sign-in and pulls
   * (their compression included), plus the playwright driver's share; it shares the cores with the browser.
   */
  serverCpuMs: number;
  /** Long tasks from the sign-in click to the end (the sync and the screen it lands on). */
  longTasks: LongTaskSummary;
  /** Long tasks of loading the app before the click (a fresh profile: nothing cached, nothing compiled). */
  loadLongTasks: LongTaskSummary;
}

interface InPageStats {
  longTasks: number[];
  /** Start of each long task, in ms since the epoch (same order as longTasks). */
  longTaskStarts: number[];
  applies: { duration: number; rows: number; validateMs: number; cursor: number; endAt: number }[];
}

declare global {
  interface Window {
    __venzoryBench?: InPageStats;
  }
}

/** Installed before any app script: collects long tasks and the pull-apply User Timing entries. */
function installObservers(): void {
  if (window.__venzoryBench) return;
  const stats: InPageStats = { longTasks: [], longTaskStarts: [], applies: [] };
  window.__venzoryBench = stats;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      stats.longTasks.push(e.duration);
      stats.longTaskStarts.push(performance.timeOrigin + e.startTime);
    }
  }).observe({ type: "longtask", buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.name !== "venzory:pull-apply") continue;
      const detail = (e as PerformanceMeasure).detail as { rows?: number; validateMs?: number; cursor?: number } | null;
      stats.applies.push({
        duration: e.duration,
        rows: detail?.rows ?? 0,
        validateMs: detail?.validateMs ?? 0,
        cursor: detail?.cursor ?? 0,
        endAt: performance.timeOrigin + e.startTime + e.duration,
      });
    }
  }).observe({ type: "measure", buffered: true });
}

/**
 * Waits (at most 30 s) until the page's service worker is installed: a new device installs it a few
 * seconds after its first sync, and its precaching must not share what a benchmark measures next.
 */
export async function serviceWorkerInstalled(page: Page): Promise<void> {
  await page.evaluate(() => Promise.race([navigator.serviceWorker.ready, new Promise((resolve) => setTimeout(resolve, 30_000))]));
}

/** In the page: the name of the replica database starting with `prefix`, if one exists yet. */
async function replicaName(prefix: string): Promise<string | undefined> {
  return (await indexedDB.databases()).map((d) => d.name ?? "").find((n) => n.startsWith(prefix));
}

/** In the page: meta rows of the replica, read with plain IndexedDB; never creates the database. */
async function replicaMeta(dbName: string): Promise<{ cursor?: number; lastSyncAt?: string } | null> {
  const names = (await indexedDB.databases()).map((d) => d.name);
  if (!names.includes(dbName)) return null;
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(dbName);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  try {
    if (!db.objectStoreNames.contains("meta")) return null;
    const tx = db.transaction("meta", "readonly");
    const store = tx.objectStore("meta");
    const get = (key: string) =>
      new Promise<unknown>((resolve, reject) => {
        const r = store.get(key);
        r.onsuccess = () => resolve((r.result as { value?: unknown } | undefined)?.value);
        r.onerror = () => reject(r.error);
      });
    return { cursor: (await get("cursor")) as number | undefined, lastSyncAt: (await get("lastSyncAt")) as string | undefined };
  } finally {
    db.close();
  }
}

/**
 * In the page: counts the replica's rows, then writes the same records into a scratch database with the
 * replica's stores and indexes, about `chunk` rows per transaction, and times it: stock as the replica
 * stores it, in packs (`ms`, the limit of the layout the replica writes), and again one record per row
 * with the indexes of the layout before packs (`flatMs`, the limit that layout had).
 */
async function rawWriteLimit(args: { dbName: string; chunk: number }) {
  const idb = (globalThis as unknown as { benchIdb: BenchIdb }).benchIdb; // installIdbHelpers
  // The tables a pull writes: every store but the device's own bookkeeping (the list of
  // client/replica/db.ts BOOKKEEPING_TABLES, repeated because this function runs in the page alone).
  const replica = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(args.dbName);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const tables = [...replica.objectStoreNames].filter((name) => !["outbox", "rejected", "shadows", "meta"].includes(name));
  replica.close();
  const { shapes, rows } = await idb.snapshot(args.dbName, tables, tables);
  const stockRows = (rows.stock as Array<{ rows: unknown[] }>).flatMap((pack) => pack.rows);
  const rowsIn = (name: string, record: unknown) => (name === "stock" ? (record as { rows: unknown[] }).rows.length : 1);
  const write = async (layout: Record<string, StoreShape>, records: Record<string, unknown[]>) => {
    const scratch = await idb.scratch(layout);
    const started = performance.now();
    let written = 0;
    const perTable: Record<string, number> = {};
    for (const [name, all] of Object.entries(records)) {
      const tableStarted = performance.now();
      for (let i = 0; i < all.length;) {
        const tx = scratch.db.transaction(name, "readwrite");
        const store = tx.objectStore(name);
        for (let inTx = 0; i < all.length && inTx < args.chunk; i++) {
          store.put(all[i]);
          inTx += rowsIn(name, all[i]);
          written += rowsIn(name, all[i]);
        }
        await idb.done(tx);
      }
      perTable[name] = Math.round(performance.now() - tableStarted);
    }
    const ms = performance.now() - started;
    await scratch.drop();
    return { ms, written, perTable };
  };
  const packed = await write(shapes, rows);
  const { stock: _packs, ...others } = shapes;
  const flatInventory: StoreShape = {
    keyPath: "id",
    autoIncrement: false,
    indexes: [
      { name: "itemId", keyPath: "itemId", multiEntry: false, unique: false },
      { name: "[locationId+itemId]", keyPath: ["locationId", "itemId"], multiEntry: false, unique: false },
    ],
  };
  const { stock: _stockRecords, ...otherRows } = rows;
  const flat = await write({ ...others, inventory: flatInventory }, { ...otherRows, inventory: stockRows });
  return {
    ms: packed.ms,
    written: packed.written,
    flatMs: flat.ms,
    perTable: packed.perTable,
    flatPerTable: flat.perTable,
    counts: { location: rows.location!.length, item: rows.item!.length, batch: rows.batch!.length, inventory: stockRows.length },
  };
}

/** Follows the pull requests of `page` on the wire. */
async function watchPulls(cdp: CDPSession) {
  const pulls = new Map<string, { sentAt: number; bytes: number; encoding: string; finished: boolean }>();
  await cdp.send("Network.enable");
  cdp.on("Network.requestWillBeSent", (e) => {
    if (e.request.url.includes("/api/sync/pull")) pulls.set(e.requestId, { sentAt: Date.now(), bytes: 0, encoding: "", finished: false });
  });
  cdp.on("Network.responseReceived", (e) => {
    const p = pulls.get(e.requestId);
    if (p) p.encoding = Object.entries(e.response.headers).find(([k]) => k.toLowerCase() === "content-encoding")?.[1] ?? "identity";
  });
  cdp.on("Network.loadingFinished", (e) => {
    const p = pulls.get(e.requestId);
    if (p) {
      p.bytes = e.encodedDataLength;
      p.finished = true;
    }
  });
  return pulls;
}

export interface BrowserSyncOptions {
  baseUrl: string;
  practice: SeededPractice;
  /** Rows per raw-write transaction (the server's pull page size). */
  pageSize: number;
  timeoutMs?: number;
  pollMs?: number;
  /** Writes a DevTools CPU profile of the whole sync here (open it in DevTools' Performance panel). */
  cpuProfilePath?: string;
}

/** One new tablet: fresh profile, sign in, wait for the complete replica, measure the raw write limit. */
export async function browserInitialSync(options: BrowserSyncOptions): Promise<BrowserSyncResult> {
  const { baseUrl, practice, pageSize } = options;
  const timeoutMs = options.timeoutMs ?? Number(process.env.BENCH_BROWSER_TIMEOUT_MS ?? 300_000);
  const pollMs = options.pollMs ?? 100;
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), "venzory-bench-chromium-"));
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      headless: true,
      args: CHROMIUM_ARGS,
    });
    // tsx compiles with esbuild's keepNames, which wraps functions in a `__name` helper: the functions
    // serialised into the page below need it too.
    await context.addInitScript({ content: "globalThis.__name = (f) => f;" });
    await context.addInitScript(installObservers);
    await context.addInitScript(installIdbHelpers);
    const page = context.pages()[0] ?? (await context.newPage());
    const cdp = await context.newCDPSession(page);
    const pulls = await watchPulls(cdp);

    // The profile covers the page load too (its long tasks are reported apart from the sync's).
    if (options.cpuProfilePath) {
      await cdp.send("Profiler.enable");
      await cdp.send("Profiler.setSamplingInterval", { interval: 500 });
      await cdp.send("Profiler.start");
    }
    await page.goto(`${baseUrl}/`);
    await page.getByLabel("Email", { exact: true }).fill(practice.email);
    await page.getByLabel("Password", { exact: true }).fill(practice.password);
    const clickedAt = Date.now();
    const cpuAtClick = process.cpuUsage();
    await page.getByRole("button", { name: "Sign in" }).click();

    // Done when the page that brings the replica to the practice's version has committed: read from the
    // app's own User Timing entries. (Polling the replica's meta from the page instead opened the
    // database every 100 ms, and each read was one more transaction a pull page had to wait behind.)
    const done = await page
      .waitForFunction((version) => window.__venzoryBench?.applies.find((a) => a.cursor === version)?.endAt, practice.version, {
        timeout: timeoutMs,
        polling: pollMs,
      })
      .catch(async (error: unknown) => {
        const text = (
          await page
            .locator("body")
            .innerText()
            .catch(() => "")
        ).slice(0, 500);
        throw new Error(`the replica was not complete after ${timeoutMs} ms; ${pulls.size} pulls; the page says: ${text}`, {
          cause: error,
        });
      });
    const completeAt = (await done.jsonValue()) as number;
    const serverCpu = process.cpuUsage(cpuAtClick);
    // Each user has a replica of their own per practice ("venzory-<practice>-u-<user>"); the bench signs in one.
    const dbName = (await page.evaluate(replicaName, `venzory-${practice.practiceId}`)) ?? `venzory-${practice.practiceId}`;
    const meta = await page.evaluate(replicaMeta, dbName);
    if (!meta?.lastSyncAt || meta.cursor !== practice.version)
      throw new Error(`the replica's meta after the last page: ${JSON.stringify(meta)}`);
    if (options.cpuProfilePath) {
      const { profile } = await cdp.send("Profiler.stop");
      await writeFile(options.cpuProfilePath, JSON.stringify(profile));
    }
    // Let trailing work (live queries re-rendering after the last page; the service worker's install,
    // which a new device starts a few seconds after its first sync) finish before reading long tasks and
    // measuring the raw limit on a quiet machine.
    await serviceWorkerInstalled(page);
    await settle(page);
    const inPage = await page.evaluate(() => window.__venzoryBench!);
    const raw = await page.evaluate(rawWriteLimit, { dbName, chunk: pageSize });
    const expected = practice.rows;
    if (raw.counts.item !== expected.item || raw.counts.inventory !== expected.inventory || raw.counts.location !== expected.location) {
      throw new Error(`incomplete replica: ${JSON.stringify(raw.counts)} vs ${JSON.stringify(expected)}`);
    }

    // The first sync's pages only: a device pulls again soon after (when its change stream connects, after
    // a push), and that later page, which waits behind the screens' first whole-replica reads, is no part
    // of building the replica. Counting it put about 300 ms of waiting and no rows into the apply Σ.
    const pullList = [...pulls.values()].filter((p) => p.sentAt <= completeAt);
    const applies = inPage.applies.filter((a) => a.endAt <= completeAt);
    const applyMs = applies.reduce((s, a) => s + a.duration, 0);
    const appliedRows = applies.reduce((s, a) => s + a.rows, 0);
    // Fewer rows than the replica holds: a page failed and the sync's retry pulled it again, which the
    // figures would hide (the retry's backoff in the total, the failed page's work nowhere).
    const replicaRows = raw.counts.location + raw.counts.item + raw.counts.inventory + raw.counts.batch;
    if (appliedRows < replicaRows)
      throw new Error(`the first sync's pages applied ${appliedRows} rows, the replica holds ${replicaRows}: a page failed`);
    const applyRowsPerSec = (appliedRows / applyMs) * 1000;
    const rawRowsPerSec = (raw.written / raw.ms) * 1000;
    return {
      totalMs: Math.round(completeAt - clickedAt),
      firstPullAfterMs: pullList.length ? Math.min(...pullList.map((p) => p.sentAt)) - clickedAt : NaN,
      pulls: pullList.length,
      pullWireBytes: pullList.reduce((s, p) => s + p.bytes, 0),
      pullEncoding: [...new Set(pullList.map((p) => p.encoding))].join(","),
      rows: raw.counts,
      applyMs: round(applyMs),
      validateMs: round(applies.reduce((sum, a) => sum + a.validateMs, 0)),
      pages: applies.map((a) => ({ rows: a.rows, applyMs: round(a.duration), validateMs: round(a.validateMs) })),
      appliedRows,
      applyRowsPerSec: round(applyRowsPerSec, 0),
      applyPageMaxMs: round(Math.max(0, ...applies.map((a) => a.duration))),
      rawWriteMs: round(raw.ms),
      rawRowsPerSec: round(rawRowsPerSec, 0),
      applyVsRaw: round(applyRowsPerSec / rawRowsPerSec, 2),
      rawFlatWriteMs: round(raw.flatMs),
      rawPerTableMs: raw.perTable,
      rawFlatPerTableMs: raw.flatPerTable,
      serverCpuMs: round((serverCpu.user + serverCpu.system) / 1000),
      longTasks: longTaskSummary(inPage, clickedAt, (at) => at >= clickedAt),
      loadLongTasks: longTaskSummary(inPage, clickedAt, (at) => at < clickedAt),
    };
  } finally {
    await context?.close().catch(() => {});
    await rm(userDataDir, { recursive: true, force: true });
  }
}

/** `longest`: the three longest, each with when it started (seconds after the sign-in click). */
interface LongTaskSummary {
  count: number;
  maxMs: number;
  totalMs: number;
  longest: Array<{ atS: number; ms: number }>;
}

function longTaskSummary(stats: InPageStats, clickedAt: number, keep: (startedAt: number) => boolean): LongTaskSummary {
  const tasks = stats.longTasks
    .map((ms, i) => ({ at: stats.longTaskStarts[i]!, ms }))
    .filter((t) => keep(t.at))
    .sort((a, b) => b.ms - a.ms);
  return {
    count: tasks.length,
    maxMs: round(tasks[0]?.ms ?? 0),
    totalMs: round(tasks.reduce((sum, t) => sum + t.ms, 0)),
    longest: tasks.slice(0, 3).map((t) => ({ atS: round((t.at - clickedAt) / 1000, 1), ms: round(t.ms) })),
  };
}

/** Waits until the page has had 500 ms without a long task (at most 10 s). */
async function settle(page: Page): Promise<void> {
  const deadline = Date.now() + 10_000;
  let seen = -1;
  while (Date.now() < deadline) {
    const count = await page.evaluate(() => window.__venzoryBench?.longTasks.length ?? 0);
    if (count === seen) return;
    seen = count;
    await page.waitForTimeout(500);
  }
}
