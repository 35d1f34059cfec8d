/**
 * `npm run bench:import [-- --rows=10000] [--profile=dir] [--reimport]`: the whole CSV import in headless
 * Chromium, as a manager does it: the built PWA served by the real server (throwaway database,
 * PostgreSQL, Redis), sign in, upload the file, preview, Apply, until the screen says "Import sent"
 * (every queued change applied by the server). No pass/fail threshold; prints the figures.
 *
 * Measured:
 *   preview   file chosen → the preview's Apply button (parse + plan against the replica)
 *   queued    Apply → "Queued on this device" full (validate, optimistic apply, outbox; pushes run meanwhile)
 *   sent      Apply → "Import sent" (polled every 100 ms)
 *   settled   Apply → the sync status "All changes synced" (the pull after the push has written the server's rows)
 * and, in the same run once settled (sharing IndexedDB with that pull doubled the figure), the limits beside them:
 *   raw IndexedDB: in the same page, the rows the import produced (items, suppliers, prices read back from
 *     the replica) written with plain `put`s into a scratch database with the replica's stores and
 *     indexes, 500 per transaction, each with a shadow row, and an outbox row per change: what the
 *     enqueue must write at the least;
 *   the server: `tsx bench/csv-import.ts` (pushes the same kind of file without a browser) is its own run.
 * `--reimport` then imports the same file with every price changed (the set-based price updates).
 * `--profile=dir` writes a DevTools CPU profile of Apply → settled (open it in the Performance panel).
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { benchSetup, startInProcess } from "./instances.js";
import { buildClientInto, CHROMIUM_ARGS, serviceWorkerInstalled } from "./browser-sync.js";
import { makeCsv } from "./csv-file.js";
import { rawEnqueueLimit } from "./csv-import-raw.js";
import { installIdbHelpers } from "./in-page-idb.js";
import { createBenchDatabase, seedPractice } from "./data.js";
import { startSyncRequestLog, syncRequestSummary, type SyncRequestSummary } from "./sync-requests.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const ROWS = Number(arg("rows") ?? 10_000);
const PROFILE_DIR = arg("profile");
const REIMPORT = process.argv.includes("--reimport");
const TIMEOUT_MS = Number(process.env.BENCH_BROWSER_TIMEOUT_MS ?? 600_000);
const adminUrl = process.env.TEST_DATABASE_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

const t0 = performance.now();
const log = (msg: string) => console.log(`[import-browser ${((performance.now() - t0) / 1000).toFixed(1).padStart(6)}s] ${msg}`);
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

interface ImportTimes {
  changes: number;
  previewMs: number;
  queuedMs: number;
  sentMs: number;
  /** Apply → the sync status says "All changes synced": the pull that follows has brought the server's rows back. */
  settledMs: number;
  requests: SyncRequestSummary;
}

/** Uploads `csv`, waits for the preview, clicks Apply and follows the progress bars to "Import sent". */
async function importFile(page: Page, csv: string, profile?: string): Promise<ImportTimes> {
  const picked = Date.now();
  await page.getByLabel("CSV file").setInputFiles({ name: "bench.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
  const apply = page.getByRole("button", { name: /^Apply [\d,]+ change/ });
  await apply.waitFor({ timeout: TIMEOUT_MS });
  const previewMs = Date.now() - picked;
  const changes = Number((await apply.innerText()).replace(/[^\d]/g, ""));
  const cdp = profile ? await page.context().newCDPSession(page) : undefined;
  if (cdp) {
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 500 });
    await cdp.send("Profiler.start");
  }
  await page.evaluate(startSyncRequestLog);
  const clicked = Date.now();
  await apply.click();
  let queuedMs = 0;
  const queued = page.getByRole("progressbar", { name: "Queued on this device" });
  const sent = page.getByRole("heading", { name: "Import sent" });
  let lastLog = clicked;
  for (;;) {
    if (Date.now() - clicked > TIMEOUT_MS) throw new Error(`not sent after ${TIMEOUT_MS} ms`);
    if (await sent.isVisible()) break;
    const error = page.locator(".import-card .form-error");
    if (await error.count()) throw new Error(`the import failed: ${await error.innerText()}`);
    if (!queuedMs && (await queued.count())) {
      const [value, max] = await queued.evaluate((el: HTMLProgressElement) => [el.value, el.max]);
      if (value === max) queuedMs = Date.now() - clicked;
    }
    if (Date.now() - lastLog > 10_000) {
      lastLog = Date.now();
      const applied = page.getByRole("progressbar", { name: "Applied by the server" });
      const value = (bar: typeof queued) => bar.evaluate((el: HTMLProgressElement) => el.value).catch(() => "?");
      log(`  … queued ${await value(queued)}, applied by the server ${await value(applied)}`);
    }
    await page.waitForTimeout(100);
  }
  const sentMs = Date.now() - clicked;
  // The pull deferred while the backlog was pushed now writes the server's copies of every imported row:
  // wait for it, so that nothing measured afterwards (the raw limit) shares IndexedDB with it.
  const summary = page.getByTestId("sync-summary");
  while (!/^All changes synced/.test((await summary.textContent()) ?? "")) {
    if (Date.now() - clicked > TIMEOUT_MS) throw new Error(`not settled after ${TIMEOUT_MS} ms`);
    await page.waitForTimeout(100);
  }
  const settledMs = Date.now() - clicked;
  if (cdp && profile) {
    const { profile: data } = await cdp.send("Profiler.stop");
    await writeFile(profile, JSON.stringify(data));
    log(`CPU profile: ${profile}`);
  }
  return { changes, previewMs, queuedMs: queuedMs || sentMs, sentMs, settledMs, requests: await page.evaluate(syncRequestSummary) };
}

function report(label: string, t: ImportTimes) {
  log(
    `${label}: ${t.changes.toLocaleString()} changes; preview ${secs(t.previewMs)}; Apply → all queued ${secs(t.queuedMs)}; ` +
      `APPLY → "IMPORT SENT" ${secs(t.sentMs)} (${Math.round((ROWS / t.sentMs) * 1000)} rows/s, ${Math.round((t.changes / t.sentMs) * 1000)} changes/s); ` +
      `Apply → "All changes synced" (the server's rows pulled back) ${secs(t.settledMs)}`,
  );
  const r = t.requests;
  log(
    `  push loop: ${r.pushes} pushes, first ${secs(r.firstPushAtMs)} after Apply, ${secs(r.pushMs)} in requests (server), ` +
      `${secs(r.betweenPushesMs)} between them (device); ${r.pulls} pulls, ${secs(r.pullMs)} in requests`,
  );
}

async function main() {
  log(`${ROWS.toLocaleString()} rows`);
  const clientDir = path.join(ROOT, "dist", "bench-import", "client");
  const built = buildClientInto(ROOT, clientDir, { minify: !PROFILE_DIR });
  const database = await createBenchDatabase(adminUrl);
  const password = `bench-${randomBytes(9).toString("base64url")}`;
  const practice = await seedPractice(database.url, {
    name: "Bench CSV browser",
    email: `csvb-${randomBytes(3).toString("hex")}@bench.venzory.test`,
    password,
    locations: 1,
    items: 0,
    inventoryRows: 0,
    rowsPerVersion: 100,
  });
  await built;
  const server = await startInProcess(await benchSetup(database.url, redisUrl, { staticDir: clientDir }));
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), "venzory-bench-import-"));
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1280, height: 900 },
    });
    // tsx compiles with esbuild's keepNames, which wraps functions in a `__name` helper: the functions
    // serialised into the page below need it too.
    await context.addInitScript({ content: "globalThis.__name = (f) => f;" });
    await context.addInitScript(installIdbHelpers);
    const page = context.pages()[0] ?? (await context.newPage());
    page.on("pageerror", (e) => log(`page error: ${e.message}`));
    page.on("console", (m) => {
      if (m.type() === "error") log(`console error: ${m.text()}`);
    });
    // Chromium gets the localhost URL: a secure context, as the PWA needs.
    await page.goto(`${server.url}/`);
    await page.getByLabel("Email", { exact: true }).fill(practice.email);
    await page.getByLabel("Password", { exact: true }).fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("link", { name: "Import/export" }).click();
    await page.getByRole("heading", { name: "Import and export", level: 1 }).waitFor();
    // A tablet in use: its service worker is installed, so its precaching does not share the import.
    await serviceWorkerInstalled(page);

    const gtinPrefix = String(100 + Math.floor(Math.random() * 800));
    const csv = makeCsv(ROWS, { gtinPrefix });
    log(`file: ${(Buffer.byteLength(csv) / 1024 / 1024).toFixed(2)} MiB`);
    const first = await importFile(page, csv, PROFILE_DIR && path.resolve(PROFILE_DIR, "csv-import-apply.cpuprofile"));
    report("import", first);

    const dbName = await page.evaluate(async () =>
      (await indexedDB.databases()).map((d) => d.name ?? "").find((n) => n.startsWith("venzory-")),
    );
    if (!dbName) throw new Error("no replica database in the page");
    const raw = await page.evaluate(rawEnqueueLimit, { dbName, chunk: 500, changes: first.changes });
    log(
      `SAME-RUN LIMIT (raw IndexedDB, same page): ${raw.rows.toLocaleString()} rows ${JSON.stringify(raw.counts)}, a shadow each, ${raw.outbox.toLocaleString()} outbox rows, ` +
        `500 per transaction: ${secs(raw.ms)} (${Math.round((raw.rows / raw.ms) * 1000)} rows/s); import queue/limit ${(first.queuedMs / raw.ms).toFixed(1)}×`,
    );

    if (REIMPORT) {
      await page.getByRole("button", { name: "Import another file" }).click();
      const again = await importFile(page, makeCsv(ROWS, { gtinPrefix, priceBump: 1 }));
      report("re-import, every price changed", again);
    }
  } finally {
    await context?.close().catch(() => {});
    await rm(userDataDir, { recursive: true, force: true });
    await server.close();
    await database.drop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
