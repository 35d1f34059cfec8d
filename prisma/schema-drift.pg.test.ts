/**
 * The migrations and schema.prisma must describe the same database. We build one database from the
 * migrations and another from Prisma's own SQL for schema.prisma (its schema engine, as WebAssembly),
 * and compare their catalogs. Raw-SQL additions (CHECK constraints, policies) are compared separately.
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase, type TestDatabase } from "../test/db.js";
import { adminUrl, databaseUrl } from "../test/pg-urls.js";
import { diffSchemas } from "./tools/schema-engine.js";

const CATALOG = {
  columns: `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default, character_maximum_length, numeric_precision, numeric_scale
            FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations' ORDER BY 1, 2`,
  indexes: `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY 1, 2`,
  constraints: `SELECT conrelid::regclass::text AS tbl, conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
                WHERE connamespace = 'public'::regnamespace AND contype IN ('p', 'f', 'u') AND conrelid::regclass::text <> '_prisma_migrations' ORDER BY 1, 2`,
  enums: `SELECT t.typname, array_agg(e.enumlabel ORDER BY e.enumsortorder) AS labels FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY 1 ORDER BY 1`,
};

async function catalog(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const out = {} as Record<keyof typeof CATALOG, unknown[]>;
    for (const [k, sql] of Object.entries(CATALOG)) out[k as keyof typeof CATALOG] = (await c.query(sql)).rows;
    const checks = await c.query(
      `SELECT conrelid::regclass::text AS tbl, conname FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND contype = 'c' ORDER BY 1, 2`,
    );
    return { ...out, checks: checks.rows as { tbl: string; conname: string }[] };
  } finally {
    await c.end();
  }
}

let migrated: TestDatabase;
let fromSchemaName: string;
beforeAll(async () => {
  migrated = await testDatabase(1);
  fromSchemaName = `venzory_schema_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${fromSchemaName}"`);
  await admin.end();
  const sql = await diffSchemas(null, readFileSync(new URL("./schema.prisma", import.meta.url), "utf8"), databaseUrl(fromSchemaName));
  const c = new pg.Client({ connectionString: databaseUrl(fromSchemaName) });
  await c.connect();
  await c.query(sql);
  await c.end();
}, 120_000);

afterAll(async () => {
  await migrated.drop();
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${fromSchemaName}" WITH (FORCE)`);
  await admin.end();
});

/** Indexes schema.prisma cannot express (expression or partial), added by raw SQL in a migration. */
const RAW_INDEXES = ["Location_sibling_name_key"];

describe("schema drift", () => {
  it("the migrated database matches schema.prisma (tables, columns, indexes, keys, enums)", async () => {
    const [a, b] = await Promise.all([catalog(migrated.url), catalog(databaseUrl(fromSchemaName))]);
    expect(a.columns).toEqual(b.columns);
    const prismaIndexes = (rows: unknown[]) => rows.filter((r) => !RAW_INDEXES.includes((r as { indexname: string }).indexname));
    expect(prismaIndexes(a.indexes)).toEqual(b.indexes);
    expect(a.indexes.map((r) => (r as { indexname: string }).indexname)).toEqual(expect.arrayContaining(RAW_INDEXES));
    expect(a.constraints).toEqual(b.constraints);
    expect(a.enums).toEqual(b.enums);
  });

  it("the migrations add the CHECK constraints that keep quantities sane", async () => {
    const { checks } = await catalog(migrated.url);
    const names = checks.map((c) => c.conname);
    for (const expected of [
      "Inventory_quantity_nonnegative",
      "StockAdjustment_quantity_nonzero",
      "Transfer_locations_differ",
      "OrderItem_quantity_positive",
      "GoodsReceiptLine_quantity_nonnegative",
      "GoodsReceiptLine_damagedQuantity_nonnegative",
      "GoodsReceiptLine_records_a_pack",
      "OrderItem_packSize_positive",
      "StockSettings_overReceiptTolerancePercent_range",
      "CountLine_countedQuantity_nonnegative",
      "StockMovement_delta_nonzero",
      "Order_currency_iso4217",
      "Order_number_positive",
      "PracticeSupplierItem_currency_iso4217",
    ]) {
      expect(names).toContain(expected);
    }
  });
});
