/**
 * Benchmark data: a throwaway database per run, practices seeded in bulk with SQL (fast), and the
 * mutations the simulated clients push.
 *
 * Bulk rows keep the invariants the server relies on: every replicated row carries a version > 0 from
 * the practice counter (a new version every `rowsPerVersion` rows, so pull pages can split between
 * them), PracticeVersion.version is the highest version used, and every inventory row has one RECEIPT
 * movement whose delta equals its quantity (quantity = sum of movements).
 */
import { randomBytes, randomUUID } from "node:crypto";
import pg from "pg";
import { gtinCheckDigit } from "../shared/gs1/gtin.js";
import type { PushMutation } from "../shared/protocol/push.js";
import { createPrisma } from "../sync-server/db/prisma.js";
import { migrate } from "../sync-server/db/migrate.js";
import { withTransaction } from "../sync-server/db/transaction.js";
import { addMember, createPractice } from "../sync-server/domains/accounts/practices.js";
import type { BenchSyncClient } from "./http-client.js";

const NO_BATCH = "00000000-0000-0000-0000-000000000000";

// ───────────── database lifecycle ─────────────

export interface BenchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
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

/** Creates and migrates `venzory_bench_<random>`; `drop()` removes it even if connections remain. */
export async function createBenchDatabase(adminUrl: string): Promise<BenchDatabase> {
  const name = `venzory_bench_${randomBytes(5).toString("hex")}`;
  await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
  const url = withDatabase(adminUrl, name);
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  };
  try {
    await migrate(url);
  } catch (err) {
    await drop().catch(() => {});
    throw err;
  }
  return { name, url, drop };
}

// ───────────── practices ─────────────

export interface PracticeSpec {
  name: string;
  email: string;
  password: string;
  locations: number;
  items: number;
  /** Inventory rows (item × location pairs, each with its opening RECEIPT movement). */
  inventoryRows: number;
  /** Rows sharing one version; pull pages can only split between versions. */
  rowsPerVersion: number;
  /** Link every 5th item to a catalogue product (GTIN), as real practices do. */
  withProducts?: boolean;
  /**
   * The catalogue's other replicated rows, as a set-up practice has them: 20 suppliers with one price per
   * item (its preferred supplier), a lot for every 10th item, and a par level per item at the first location.
   */
  withSuppliers?: boolean;
}

export interface SeededPractice {
  practiceId: string;
  email: string;
  password: string;
  locationIds: string[];
  /** Up to 500 item ids, for mutations to target. */
  itemIds: string[];
  version: number;
  rows: { location: number; item: number; inventory: number; movements: number };
}

/** See PracticeSpec.withSuppliers. Rows take versions from `first` on, `per` rows a version; answers the last version used. */
async function seedSuppliersBatchesPars(c: pg.Client, practiceId: string, first: number, per: number): Promise<number> {
  await c.query(
    `INSERT INTO "PracticeSupplier" ("id", "practiceId", "name", "accountNumber", "orderEmail", "version", "updatedAt")
     SELECT gen_random_uuid(), $1::uuid, 'Bench supplier ' || lpad(g::text, 2, '0'), 'AC-' || g, 'orders' || g || '@supplier.example', $2::bigint, now()
     FROM generate_series(1, 20) g`,
    [practiceId, first],
  );
  // One price per item, its preferred supplier; items keep their versions (an initial sync takes everything).
  const prices = await c.query(
    `WITH s AS (SELECT "id", row_number() OVER (ORDER BY "name") - 1 AS k FROM "PracticeSupplier" WHERE "practiceId" = $1::uuid),
          i AS (SELECT "id", row_number() OVER (ORDER BY "sku") AS n FROM "Item" WHERE "practiceId" = $1::uuid),
          ins AS (
            INSERT INTO "PracticeSupplierItem" ("id", "practiceId", "practiceSupplierId", "itemId", "supplierSku", "unitPrice", "currency", "packSize", "minimumOrder", "leadTimeDays", "version", "updatedAt")
            SELECT gen_random_uuid(), $1::uuid, s."id", i."id", 'S-' || i.n, (1 + i.n % 997) + 0.25, 'GBP', 1 + i.n % 12, 1, i.n % 14,
                   $2::bigint + 1 + (i.n - 1) / $3::int, now()
            FROM i JOIN s ON s.k = i.n % 20
            RETURNING "practiceSupplierId", "itemId")
     UPDATE "Item" SET "defaultSupplierId" = ins."practiceSupplierId" FROM ins WHERE "Item"."id" = ins."itemId"`,
    [practiceId, first, per],
  );
  let next = first + 1 + Math.ceil((prices.rowCount ?? 0) / per);
  const batches = await c.query(
    `INSERT INTO "Batch" ("id", "practiceId", "itemId", "lot", "expiryDate", "expiryRaw", "version")
     SELECT gen_random_uuid(), $1::uuid, i."id", 'LOT-' || i.n, current_date + (i.n % 400)::int, to_char(current_date + (i.n % 400)::int, 'YYYY-MM-DD'),
            $2::bigint + (i.n / 10 - 1) / $3::int
     FROM (SELECT "id", row_number() OVER (ORDER BY "sku") AS n FROM "Item" WHERE "practiceId" = $1::uuid) i WHERE i.n % 10 = 0`,
    [practiceId, next, per],
  );
  next += Math.ceil((batches.rowCount ?? 0) / per);
  const pars = await c.query(
    `INSERT INTO "ParLevel" ("id", "practiceId", "itemId", "locationId", "minQuantity", "maxQuantity", "version", "updatedAt")
     SELECT gen_random_uuid(), $1::uuid, i."id", l."id", 5 + i.n % 10, 50 + i.n % 50, $2::bigint + (i.n - 1) / $3::int, now()
     FROM (SELECT "id", row_number() OVER (ORDER BY "sku") AS n FROM "Item" WHERE "practiceId" = $1::uuid) i
     CROSS JOIN (SELECT "id" FROM "Location" WHERE "practiceId" = $1::uuid ORDER BY "name" LIMIT 1) l`,
    [practiceId, next, per],
  );
  return next + Math.ceil((pars.rowCount ?? 0) / per) - 1;
}

/** A practice with one ADMIN member (argon2 hash: create few), then bulk catalogue and stock rows. */
export async function seedPractice(databaseUrl: string, spec: PracticeSpec): Promise<SeededPractice> {
  const db = createPrisma(databaseUrl, 1);
  let practiceId: string;
  try {
    practiceId = await withTransaction(db, async (tx) => {
      const practice = await createPractice(tx, { name: spec.name });
      await addMember(tx, practice.id, { email: spec.email, name: `${spec.name} admin`, password: spec.password, role: "ADMIN" });
      return practice.id;
    });
  } finally {
    await db.$disconnect();
  }

  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    await c.query("BEGIN");
    const per = spec.rowsPerVersion;
    // Locations: version 1.
    await c.query(
      `INSERT INTO "Location" ("id", "practiceId", "name", "version", "updatedAt")
       SELECT gen_random_uuid(), $1::uuid, 'Bench location ' || lpad(g::text, 3, '0'), 1, now() FROM generate_series(1, $2::int) g`,
      [practiceId, spec.locations],
    );

    // Catalogue products for every 5th item (global table, so GTINs carry a per-practice prefix).
    const productG: number[] = [];
    const productGtin: string[] = [];
    if (spec.withProducts) {
      const prefix = String(Math.floor(Math.random() * 900) + 100);
      for (let g = 5; g <= spec.items; g += 5) {
        const body = `5${prefix}${String(g).padStart(8, "0")}`; // 12 digits
        productG.push(g);
        productGtin.push(`0${body}${gtinCheckDigit(body)}`);
      }
      await c.query(
        `INSERT INTO "Product" ("id", "gtin", "name", "manufacturer", "updatedAt")
         SELECT gen_random_uuid(), x.gtin, 'Bench product ' || x.g, 'Bench Medical Ltd', now() FROM unnest($1::int[], $2::text[]) AS x(g, gtin)`,
        [productG, productGtin],
      );
    }

    // Items: versions 2 .. 1 + ceil(items / per).
    await c.query(
      `INSERT INTO "Item" ("id", "practiceId", "productId", "name", "sku", "unit", "packSize", "reorderPoint", "reorderQuantity", "batchTracked", "version", "updatedAt")
       SELECT gen_random_uuid(), $1::uuid, p."id",
              'Bench item ' || g || ' — ' || (ARRAY['gauze swab 10x10cm','nitrile gloves M','syringe 5ml','alcohol wipe','dressing pad'])[1 + g % 5],
              'BN-' || lpad(g::text, 6, '0'),
              (ARRAY['each','box','pack','vial'])[1 + g % 4],
              1 + g % 10,
              CASE WHEN g % 3 = 0 THEN NULL ELSE 5 + g % 20 END,
              CASE WHEN g % 3 = 0 THEN NULL ELSE 20 + g % 50 END,
              false,
              2 + (g - 1) / $3::int,
              now()
       FROM generate_series(1, $2::int) g
       LEFT JOIN unnest($4::int[], $5::text[]) AS m(product_n, gtin) ON m.product_n = g
       LEFT JOIN "Product" p ON p."gtin" = m.gtin`,
      [practiceId, spec.items, per, productG, productGtin],
    );
    const itemVersions = Math.ceil(spec.items / per);

    // Inventory: item × location pairs, in item order, versions after the items'.
    const firstInvVersion = 2 + itemVersions;
    await c.query(
      `INSERT INTO "Inventory" ("id", "practiceId", "locationId", "itemId", "batchId", "batchKey", "quantity", "version", "updatedAt")
       SELECT gen_random_uuid(), $1::uuid, pair.lid, pair.iid, NULL, $2::uuid, 1 + floor(random() * 500)::int,
              $3::bigint + (pair.n - 1) / $4::int, now()
       FROM (
         SELECT l."id" AS lid, i."id" AS iid, row_number() OVER (ORDER BY i."sku", l."name") AS n
         FROM "Item" i CROSS JOIN "Location" l
         WHERE i."practiceId" = $1::uuid AND l."practiceId" = $1::uuid
       ) pair
       WHERE pair.n <= $5::int`,
      [practiceId, NO_BATCH, firstInvVersion, per, spec.inventoryRows],
    );
    // The ledger: one opening receipt per inventory row, same version.
    await c.query(
      `INSERT INTO "StockMovement" ("id", "practiceId", "inventoryId", "locationId", "itemId", "batchId", "kind", "delta", "reason", "reference", "version")
       SELECT gen_random_uuid(), "practiceId", "id", "locationId", "itemId", NULL, 'RECEIPT', "quantity", 'opening stock', 'bench-seed', "version"
       FROM "Inventory" WHERE "practiceId" = $1::uuid`,
      [practiceId],
    );
    const invVersions = Math.ceil(spec.inventoryRows / per);
    let version = spec.inventoryRows > 0 ? firstInvVersion + invVersions - 1 : 1 + itemVersions;
    if (spec.withSuppliers) version = await seedSuppliersBatchesPars(c, practiceId, version + 1, per);
    await c.query(`UPDATE "PracticeVersion" SET "version" = $2 WHERE "practiceId" = $1::uuid`, [practiceId, version]);
    await c.query("COMMIT");

    const locs = await c.query<{ id: string }>(`SELECT "id" FROM "Location" WHERE "practiceId" = $1::uuid ORDER BY "name"`, [practiceId]);
    const items = await c.query<{ id: string }>(`SELECT "id" FROM "Item" WHERE "practiceId" = $1::uuid ORDER BY "sku" LIMIT 500`, [
      practiceId,
    ]);
    const counts = await c.query<{ location: number; item: number; inventory: number; movements: number }>(
      `SELECT (SELECT count(*)::int FROM "Location" WHERE "practiceId" = $1::uuid) AS location,
              (SELECT count(*)::int FROM "Item" WHERE "practiceId" = $1::uuid) AS item,
              (SELECT count(*)::int FROM "Inventory" WHERE "practiceId" = $1::uuid) AS inventory,
              (SELECT count(*)::int FROM "StockMovement" WHERE "practiceId" = $1::uuid) AS movements`,
      [practiceId],
    );
    return {
      practiceId,
      email: spec.email,
      password: spec.password,
      locationIds: locs.rows.map((r) => r.id),
      itemIds: items.rows.map((r) => r.id),
      version,
      rows: counts.rows[0]!,
    };
  } catch (err) {
    await c.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    await c.end();
  }
}

/** VACUUM ANALYZE after the bulk load, as autovacuum would have done on a live database. */
export async function vacuumAnalyze(databaseUrl: string): Promise<void> {
  await adminQuery(databaseUrl, "VACUUM ANALYZE");
}

/** Ledger check: every inventory row's quantity equals the sum of its movements. Returns the mismatches. */
export async function ledgerMismatches(databaseUrl: string): Promise<number> {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    const r = await c.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "Inventory" i
       LEFT JOIN (SELECT "inventoryId", sum("delta") AS s FROM "StockMovement" GROUP BY "inventoryId") m ON m."inventoryId" = i."id"
       WHERE i."quantity" <> COALESCE(m.s, 0)`,
    );
    return r.rows[0]?.n ?? -1;
  } finally {
    await c.end();
  }
}

// ───────────── mutations ─────────────

const POSITIVE_REASONS = ["FOUND", "COUNT_CORRECTION", "OTHER"] as const;

/** A deterministic pseudo-random generator, so every run pushes the same shape of work. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A positive stock adjustment (never rejected for insufficient stock) on a random item and location. */
export function stockAdjust(client: BenchSyncClient, practice: SeededPractice, rand: () => number): PushMutation {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  return client.mutation("stock.adjust", {
    id: randomUUID(),
    locationId: pick(practice.locationIds),
    itemId: pick(practice.itemIds),
    batchId: null,
    quantity: 1 + Math.floor(rand() * 20),
    reason: pick(POSITIVE_REASONS),
    ...(rand() < 0.3 ? { note: "Found in the back of the cupboard" } : {}),
  });
}

/**
 * The outbox of a client that was offline for a long time: `count` mutations, mostly stock.adjust and
 * a location.create every `locationEvery`-th one.
 */
export function offlineOutbox(
  client: BenchSyncClient,
  practice: SeededPractice,
  count: number,
  locationEvery = 50,
  seed = 42,
): PushMutation[] {
  const rand = rng(seed);
  const out: PushMutation[] = [];
  for (let i = 1; i <= count; i++) {
    if (i % locationEvery === 0) {
      out.push(client.mutation("location.create", { id: randomUUID(), name: `Bench shelf ${i}`, parentId: null }));
    } else {
      out.push(stockAdjust(client, practice, rand));
    }
  }
  return out;
}
