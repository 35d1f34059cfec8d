/**
 * `tsx bench/csv-import.ts [--rows=10000] [--batch=200]`: a CSV import of items with supplier prices,
 * end to end through the real server. No pass/fail threshold; prints the figures.
 *
 * What it times, on a fresh practice (throwaway database, the real Express server, PostgreSQL, Redis):
 *   parse   the file with papaparse (the client's parseImportCsv)
 *   plan    planImport against the (empty) replica
 *   push    every planned mutation through POST /api/sync/push in the client's batch size, in order,
 *           until the server has applied the last one ("apply" → all pushed and applied)
 * then pulls the practice back (what a replica would hold) and plans the same file again: the second
 * plan must be empty (idempotent re-import) and every price must come back with the digits sent.
 * Last, the same-run limit: the same rows as plain inserts, and one commit per push chunk (SYNC_PUSH_CHUNK).
 * Not timed here: the browser's IndexedDB work (queueing each mutation in the outbox, the optimistic
 * apply, the pull that confirms them) - the report says so.
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { fileURLToPath } from "node:url";
import { planImport, type PlannedOp, type ReplicaSnapshot } from "../shared/import/plan.js";
import type { ItemRow, SupplierItemRow, SupplierRow } from "../shared/protocol/entities.js";
import { parseImportCsv } from "../client/features/import-export/csv.js";
import { makeCsv } from "./csv-file.js";
import { benchSetup, startInProcess } from "./instances.js";
import { createBenchDatabase, seedPractice } from "./data.js";
import { BenchSyncClient, HttpClient } from "./http-client.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const ROWS = Number(process.argv.find((a) => a.startsWith("--rows="))?.slice(7) ?? 10_000);
// The client's push batch (client/sync/push.ts default, MAX_PUSH_BATCH).
const BATCH = Number(process.argv.find((a) => a.startsWith("--batch="))?.slice(8) ?? 500);
/** See CsvFileOptions. */
const NO_GTIN = process.argv.includes("--no-gtin");
const NO_SUPPLIER = process.argv.includes("--no-supplier");
const adminUrl = process.env.TEST_DATABASE_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

const t0 = performance.now();
const log = (msg: string) => console.log(`[csv-import ${((performance.now() - t0) / 1000).toFixed(1).padStart(6)}s] ${msg}`);
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main() {
  log(`${ROWS.toLocaleString()} rows, push batch ${BATCH}`);
  const database = await createBenchDatabase(adminUrl);
  const server = await startInProcess(await benchSetup(database.url, redisUrl, { staticDir: path.join(ROOT, "bench", "no-static-files") }));
  try {
    const password = `bench-${randomBytes(9).toString("base64url")}`;
    const practice = await seedPractice(database.url, {
      name: "Bench CSV",
      email: `csv-${randomBytes(3).toString("hex")}@bench.venzory.test`,
      password,
      locations: 1,
      items: 0,
      inventoryRows: 0,
      rowsPerVersion: 100,
    });
    const http = new HttpClient(server.url.replace("//localhost:", "//127.0.0.1:"));
    await http.login(practice.email, password);
    const client = new BenchSyncClient(http);

    const csv = makeCsv(ROWS, { noGtin: NO_GTIN, noSupplier: NO_SUPPLIER });
    log(`file: ${(Buffer.byteLength(csv) / 1024 / 1024).toFixed(2)} MiB`);

    const tApply = performance.now();
    const parsed = parseImportCsv(csv);
    const tParsed = performance.now();
    const plan = planImport(parsed, { items: [], suppliers: [], supplierItems: [] }, { newId: () => crypto.randomUUID() });
    const tPlanned = performance.now();
    if (parsed.errors.length || plan.errors.length)
      throw new Error(`unexpected errors: ${JSON.stringify([...parsed.errors, ...plan.errors].slice(0, 5))}`);
    log(
      `parse ${secs(tParsed - tApply)}, plan ${secs(tPlanned - tParsed)}: ${plan.ops.length.toLocaleString()} mutations ${JSON.stringify(plan.summary)}`,
    );

    const mutations = plan.ops.map((op: PlannedOp) => client.mutation(op.kind, op.args));
    let applied = 0;
    let rejected = 0;
    let requests = 0;
    let slowest = 0;
    for (let i = 0; i < mutations.length; i += BATCH) {
      const { res, http: h } = await client.push(mutations.slice(i, i + BATCH));
      requests++;
      slowest = Math.max(slowest, h.ms);
      if (res.stopped) throw new Error(`push stopped: ${JSON.stringify(res.stopped)}`);
      for (const r of res.results) {
        if (r.status === "applied") applied++;
        else {
          rejected++;
          if (rejected <= 3) console.error("rejected:", JSON.stringify(r));
        }
      }
      if (requests % 20 === 0) log(`  synced ${(i + BATCH).toLocaleString()} / ${mutations.length.toLocaleString()}`);
    }
    const tPushed = performance.now();
    log(
      `push: ${requests} requests, slowest ${slowest.toFixed(0)} ms, ${applied} applied, ${rejected} rejected, ${secs(tPushed - tPlanned)}`,
    );
    log(
      `APPLY → ALL APPLIED: ${secs(tPushed - tApply)} for ${ROWS.toLocaleString()} rows (${Math.round(plan.ops.length / ((tPushed - tApply) / 1000))} mutations/s)`,
    );

    // What a replica pulls back, then the same file again.
    const tPull = performance.now();
    const snapshot: { items: ItemRow[]; suppliers: SupplierRow[]; supplierItems: SupplierItemRow[] } = {
      items: [],
      suppliers: [],
      supplierItems: [],
    };
    for (let cursor = 0; ;) {
      const page = BenchSyncClient.parsePull(await client.pullRaw(cursor, 5000));
      for (const c of page.changes) {
        if (c.entity === "item") snapshot.items.push(c.row as ItemRow);
        if (c.entity === "supplier") snapshot.suppliers.push(c.row as SupplierRow);
        if (c.entity === "supplierItem") snapshot.supplierItems.push(c.row as SupplierItemRow);
      }
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    log(
      `pulled ${snapshot.items.length} items, ${snapshot.suppliers.length} suppliers, ${snapshot.supplierItems.length} prices in ${secs(performance.now() - tPull)}`,
    );
    const again = planImport(parseImportCsv(csv), snapshot as ReplicaSnapshot, { newId: () => crypto.randomUUID() });
    log(`re-import plan: ${again.ops.length} mutations, ${again.errors.length} errors (expected 0 and 0)`);

    const sent = new Map(
      plan.ops.flatMap((op) => {
        if (op.kind === "supplierItem.set") return [[op.args.id, op.args.unitPrice] as const];
        if (op.kind === "item.createWithPrices") return op.args.prices.map((p) => [p.id, p.unitPrice] as const);
        return [];
      }),
    );
    const digitsLost = snapshot.supplierItems.filter((p) => {
      const given = sent.get(p.id);
      if (given === undefined) return true;
      const [w, f = ""] = given.split(".");
      return p.unitPrice !== `${w}.${f.padEnd(4, "0")}`;
    }).length;
    log(`prices whose digits differ from the file: ${digitsLost} of ${snapshot.supplierItems.length}`);
    const preferred = snapshot.items.filter((i) => i.defaultSupplierId !== null).length;
    log(`items with their preferred supplier set: ${preferred} of ${snapshot.items.length}`);
    await sameRunLimit(database.url, snapshot.items.length, Math.ceil(plan.ops.length / Number(process.env.SYNC_PUSH_CHUNK ?? 25)));
    if (again.ops.length || again.errors.length || digitsLost || rejected) process.exitCode = 1;
  } finally {
    await server.close();
    await database.drop();
  }
}

/**
 * What this machine manages right now without the app, in the same database: the file's items and prices
 * as two plain multi-row inserts into scratch tables, and `commits` one-row transactions (the push commits
 * once per chunk). The import's figure reads against these, not against a figure from another day's load.
 */
async function sameRunLimit(url: string, rows: number, commits: number) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE TEMP TABLE scratch_item (LIKE "Item" INCLUDING DEFAULTS); CREATE TEMP TABLE scratch_commit (n int)`);
    const t1 = performance.now();
    await client.query(
      `INSERT INTO scratch_item ("id", "practiceId", "name", "sku", "unit", "packSize", "version", "updatedAt", "createdAt", "batchTracked", "archived")
       SELECT gen_random_uuid(), gen_random_uuid(), 'Item ' || n, 'SKU-' || n, 'each', 1, 1, now(), now(), false, false
       FROM generate_series(1, $1::int * 2) AS n`,
      [rows],
    );
    const inserted = performance.now() - t1;
    const t2 = performance.now();
    for (let i = 0; i < commits; i++) await client.query(`BEGIN; INSERT INTO scratch_commit VALUES (${i}); COMMIT`);
    const committed = performance.now() - t2;
    log(
      `SAME-RUN LIMIT: ${(rows * 2).toLocaleString()} plain row inserts ${secs(inserted)}; ${commits} one-row commits (one per push chunk) ${secs(committed)} (${Math.round(commits / (committed / 1000))} commits/s)`,
    );
  } finally {
    await client.end();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
