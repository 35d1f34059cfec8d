/**
 * Tenant-safe references, proved with raw SQL as the schema owner (no application code, and a
 * superuser: row-level security does not apply, and foreign-key checks bypass it anyway). Every
 * reference from one tenant row to another is a composite key (practiceId, xId) -> (practiceId, id), so
 * a row of practice B that points at practice A's location, item, batch, order, session... is refused
 * with a foreign-key violation (23503). Each case first inserts the same row pointing at B's own rows,
 * which must succeed, so a refusal can only come from the cross-practice reference.
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase, type TestDatabase } from "../test/db.js";
import { makePractice, type TestPractice } from "../test/factories.js";

/** The rows of one practice that other rows can point at. */
interface Refs {
  practiceId: string;
  userId: string;
  locationId: string;
  location2Id: string;
  itemId: string;
  batchId: string;
  inventoryId: string;
  supplierId: string;
  orderId: string;
  orderItemId: string;
  templateId: string;
  receiptId: string;
  sessionId: string;
  clientId: string;
}

/** Which fixture row each referencing column names. */
const TARGET: Record<string, keyof Refs> = {
  locationId: "locationId",
  parentId: "locationId",
  deliveryLocationId: "locationId",
  fromLocationId: "locationId",
  toLocationId: "location2Id",
  itemId: "itemId",
  batchId: "batchId",
  inventoryId: "inventoryId",
  practiceSupplierId: "supplierId",
  defaultSupplierId: "supplierId",
  orderId: "orderId",
  orderItemId: "orderItemId",
  templateId: "templateId",
  receiptId: "receiptId",
  sessionId: "sessionId",
  clientId: "clientId",
};

/** table -> the row's own columns (besides practiceId and its references) and the references it makes. */
const CASES: { table: string; columns: (r: Refs) => Record<string, unknown>; refs: string[] }[] = [
  { table: "Item", columns: () => ({ id: randomUUID(), name: "Planted", updatedAt: new Date() }), refs: ["defaultSupplierId"] },
  {
    table: "PracticeSupplierItem",
    columns: () => ({ id: randomUUID(), unitPrice: 1, updatedAt: new Date() }),
    refs: ["practiceSupplierId", "itemId"],
  },
  { table: "Location", columns: () => ({ id: randomUUID(), name: "Planted", updatedAt: new Date() }), refs: ["parentId"] },
  { table: "Batch", columns: () => ({ id: randomUUID(), lot: `L-${randomUUID()}` }), refs: ["itemId"] },
  // batchKey must equal batchId (CHECK Inventory_batchKey_matches); a fresh location keeps the unique key free.
  { table: "Inventory", columns: () => ({ id: randomUUID(), updatedAt: new Date() }), refs: ["locationId", "itemId", "batchId"] },
  {
    table: "StockMovement",
    columns: () => ({ id: randomUUID(), kind: "ADJUSTMENT", delta: 1 }),
    refs: ["inventoryId", "locationId", "itemId", "batchId"],
  },
  {
    table: "StockAdjustment",
    columns: () => ({ id: randomUUID(), quantity: 1, reason: "FOUND" }),
    refs: ["locationId", "itemId", "batchId"],
  },
  { table: "Transfer", columns: () => ({ id: randomUUID(), quantity: 1 }), refs: ["fromLocationId", "toLocationId", "itemId", "batchId"] },
  { table: "Order", columns: () => ({ id: randomUUID(), updatedAt: new Date() }), refs: ["practiceSupplierId", "deliveryLocationId"] },
  { table: "OrderItem", columns: () => ({ id: randomUUID(), quantity: 1 }), refs: ["orderId", "itemId"] },
  {
    table: "OrderTemplate",
    columns: () => ({ id: randomUUID(), name: `T-${randomUUID()}`, updatedAt: new Date() }),
    refs: ["practiceSupplierId"],
  },
  { table: "OrderTemplateItem", columns: () => ({ id: randomUUID(), quantity: 1 }), refs: ["templateId", "itemId", "practiceSupplierId"] },
  { table: "GoodsReceipt", columns: () => ({ id: randomUUID() }), refs: ["orderId", "locationId"] },
  {
    table: "GoodsReceiptLine",
    columns: () => ({ id: randomUUID(), quantity: 1 }),
    refs: ["receiptId", "itemId", "orderItemId", "locationId", "batchId"],
  },
  { table: "CountSession", columns: () => ({ id: randomUUID(), updatedAt: new Date() }), refs: ["locationId"] },
  { table: "CountSessionItem", columns: () => ({}), refs: ["sessionId", "itemId"] },
  {
    table: "CountLine",
    columns: (r) => ({ id: randomUUID(), clientId: r.clientId, userId: r.userId, countedQuantity: 1 }),
    refs: ["sessionId", "itemId", "locationId", "batchId"],
  },
  {
    table: "CountConflict",
    columns: () => ({ id: randomUUID(), kind: "DOUBLE_COUNT" }),
    refs: ["sessionId", "itemId", "locationId", "batchId"],
  },
  {
    table: "MutationResult",
    columns: () => ({ seq: Math.floor(Math.random() * 1e9), mutationId: randomUUID(), name: "x", status: "APPLIED" }),
    refs: ["clientId"],
  },
];

let t: TestDatabase;
let owner: pg.Client;
let a: Refs;
let b: Refs;

async function insert(table: string, row: Record<string, unknown>): Promise<void> {
  const cols = Object.keys(row);
  await owner.query(
    `INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(", ")}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(", ")})`,
    Object.values(row),
  );
}

/** Runs `fn` in a transaction that is always rolled back; returns the SQLSTATE it failed with, or "ok". */
async function attempt(fn: () => Promise<void>): Promise<string> {
  await owner.query("BEGIN");
  try {
    await fn();
    return "ok";
  } catch (err) {
    return (err as { code?: string }).code ?? String(err);
  } finally {
    await owner.query("ROLLBACK");
  }
}

async function seed(p: TestPractice): Promise<Refs> {
  const practiceId = p.practiceId;
  const id = () => randomUUID();
  const r = {
    practiceId,
    userId: p.users.STAFF.id,
    locationId: p.locationId,
    itemId: p.itemIds[0]!,
    location2Id: id(),
    batchId: id(),
    inventoryId: id(),
    supplierId: id(),
    orderId: id(),
    orderItemId: id(),
    templateId: id(),
    receiptId: id(),
    sessionId: id(),
    clientId: id(),
  } satisfies Refs;
  const now = new Date();
  await insert("Location", { id: r.location2Id, practiceId, name: "Second store", updatedAt: now });
  await insert("Batch", { id: r.batchId, practiceId, itemId: r.itemId, lot: "LOT-1" });
  await insert("Inventory", {
    id: r.inventoryId,
    practiceId,
    locationId: r.locationId,
    itemId: r.itemId,
    batchId: r.batchId,
    batchKey: r.batchId,
    updatedAt: now,
  });
  await insert("PracticeSupplier", { id: r.supplierId, practiceId, name: "Supplier", updatedAt: now });
  await insert("Order", { id: r.orderId, practiceId, practiceSupplierId: r.supplierId, updatedAt: now });
  // Another item, so a test line for (order, itemId) stays unique.
  await insert("OrderItem", { id: r.orderItemId, practiceId, orderId: r.orderId, itemId: p.itemIds[1]!, quantity: 1 });
  await insert("OrderTemplate", { id: r.templateId, practiceId, name: "Weekly", updatedAt: now });
  await insert("GoodsReceipt", { id: r.receiptId, practiceId, locationId: r.locationId });
  await insert("CountSession", { id: r.sessionId, practiceId, updatedAt: now });
  await insert("SyncClient", { id: r.clientId, practiceId, userId: r.userId });
  return r;
}

/** B's row for `table`, its references pointing at B's rows except `foreign`, which points at `target`'s. */
async function plant(c: (typeof CASES)[number], foreign: string | null, target: Refs): Promise<void> {
  const row: Record<string, unknown> = { practiceId: b.practiceId, ...c.columns(b) };
  for (const ref of c.refs) row[ref] = (ref === foreign ? target : b)[TARGET[ref]!];
  if (c.table === "Inventory") {
    // A fresh location of B keeps (location, item, batchKey) unique unless the location is the attack.
    if (foreign !== "locationId") {
      row.locationId = randomUUID();
      await insert("Location", { id: row.locationId, practiceId: b.practiceId, name: "Fresh", updatedAt: new Date() });
    }
    row.batchKey = row.batchId;
  }
  await insert(c.table, row);
}

beforeAll(async () => {
  t = await testDatabase(2);
  const [pa, pb] = [await makePractice(t.db), await makePractice(t.db)];
  owner = new pg.Client({ connectionString: t.url });
  await owner.connect();
  [a, b] = [await seed(pa), await seed(pb)];
});
afterAll(async () => {
  await owner?.end();
  await t?.drop();
});

describe("tenant-safe foreign keys", () => {
  for (const c of CASES) {
    for (const ref of c.refs) {
      it(`${c.table}.${ref} cannot point into another practice`, async () => {
        // Control: the same row pointing at its own practice's rows is accepted.
        expect(await attempt(() => plant(c, null, b))).toBe("ok");
        expect(await attempt(() => plant(c, ref, a))).toBe("23503");
      });
    }
  }

  it("every foreign key between two tenant tables carries practiceId (new tables included)", async () => {
    const { rows } = await owner.query<{ conname: string; from_cols: string[]; to_cols: string[] }>(`
      SELECT c.conname,
             array(SELECT attname FROM unnest(c.conkey) WITH ORDINALITY k(n, o) JOIN pg_attribute ON attrelid = c.conrelid AND attnum = k.n ORDER BY o)::text[] AS from_cols,
             array(SELECT attname FROM unnest(c.confkey) WITH ORDINALITY k(n, o) JOIN pg_attribute ON attrelid = c.confrelid AND attnum = k.n ORDER BY o)::text[] AS to_cols
      FROM pg_constraint c
      WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
        AND EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = c.conrelid AND attname = 'practiceId' AND NOT attisdropped)
        AND EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = c.confrelid AND attname = 'practiceId' AND NOT attisdropped)
      ORDER BY 1`);
    expect(rows.length).toBeGreaterThan(40);
    const unsafe = rows.filter((r) => r.from_cols[0] !== "practiceId" || r.to_cols[0] !== "practiceId" || r.from_cols.length !== 2);
    expect(unsafe).toEqual([]);
  });
});

describe("ledger and batch references hold on (ON DELETE RESTRICT)", () => {
  it("a batch, item, location or inventory row named by a movement cannot be deleted", async () => {
    await insert("StockMovement", {
      id: randomUUID(),
      practiceId: a.practiceId,
      inventoryId: a.inventoryId,
      locationId: a.locationId,
      itemId: a.itemId,
      batchId: a.batchId,
      kind: "RECEIPT",
      delta: 5,
    });
    for (const [table, id] of [
      ["Batch", a.batchId],
      ["Inventory", a.inventoryId],
      ["Item", a.itemId],
      ["Location", a.locationId],
    ] as const) {
      expect({
        table,
        outcome: await attempt(() => owner.query(`DELETE FROM "${table}" WHERE "id" = $1`, [id]).then(() => undefined)),
      }).toEqual({ table, outcome: "23503" });
    }
  });

  it("an item with batches cannot be deleted (items are archived; batches outlive nothing)", async () => {
    const batchOnly = randomUUID();
    const itemId = randomUUID();
    await insert("Item", { id: itemId, practiceId: a.practiceId, name: "Batched", updatedAt: new Date() });
    await insert("Batch", { id: batchOnly, practiceId: a.practiceId, itemId, lot: "LOT-2" });
    expect(await attempt(() => owner.query(`DELETE FROM "Item" WHERE "id" = $1`, [itemId]).then(() => undefined))).toBe("23503");
  });
});

describe("removing a practice", () => {
  it("still removes everything it owns: RESTRICT guards rows inside a practice, not the practice's own cascade", async () => {
    await insert("StockMovement", {
      id: randomUUID(),
      practiceId: b.practiceId,
      inventoryId: b.inventoryId,
      locationId: b.locationId,
      itemId: b.itemId,
      batchId: b.batchId,
      kind: "RECEIPT",
      delta: 5,
    });
    await insert("CountSessionItem", { practiceId: b.practiceId, sessionId: b.sessionId, itemId: b.itemId });
    await owner.query(`DELETE FROM "Practice" WHERE "id" = $1`, [b.practiceId]);
    const { rows: tables } = await owner.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'practiceId' ORDER BY 1`,
    );
    for (const { table_name } of tables) {
      const { rows } = await owner.query(`SELECT count(*)::int AS n FROM "${table_name}" WHERE "practiceId" = $1`, [b.practiceId]);
      expect({ table: table_name, n: rows[0].n }).toEqual({ table: table_name, n: 0 });
    }
    // Practice A is untouched.
    expect((await owner.query(`SELECT count(*)::int AS n FROM "StockMovement" WHERE "practiceId" = $1`, [a.practiceId])).rows[0].n).toBe(1);
  });
});
