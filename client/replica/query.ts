import type { EntityName, EntityRow } from "../../shared/protocol/entities.js";
import Dexie, { type Table } from "dexie";
import type { InventoryRow } from "../../shared/protocol/entities.js";
import type { ReplicaDb } from "./db.js";

/** Single-field indexes per table (see db.ts), tried in order when a match names one of them. */
export const INDEXED: Record<EntityName, readonly string[]> = {
  location: ["parentId", "name"],
  item: ["gtin", "sku", "defaultSupplierId", "name"],
  batch: ["itemId"],
  inventory: ["itemId"], // by location: the [locationId+itemId] index (see inventoryAt)
  parLevel: ["itemId", "locationId"],
  stockSettings: [],
  supplier: ["name"],
  supplierItem: ["itemId", "supplierId"],
  countSession: ["status", "locationId"],
  countLine: ["sessionId"],
  countConflict: ["sessionId"],
  order: ["status", "supplierId"],
  orderItem: ["orderId", "itemId"],
  orderTemplate: ["supplierId"],
  orderTemplateItem: ["templateId"],
  goodsReceipt: ["orderId"],
  goodsReceiptLine: ["receiptId", "orderItemId"],
};

type Indexable = string | number;
const isIndexable = (v: unknown): v is Indexable => typeof v === "string" || typeof v === "number";

/**
 * How queryRows reads a match: by primary key, by inventory's [locationId+itemId] index (the whole key,
 * or its locationId prefix: inventoryAt), by a single-field index, or the whole table. Said once here so
 * a bulk reader (bulkRead.ts) reads and orders exactly as queryRows does.
 */
export type ReadPath =
  { kind: "id" } | { kind: "inventoryKey" } | { kind: "inventoryAt" } | { kind: "field"; field: string } | { kind: "scan" };

export function readPath(entity: EntityName, match: object): ReadPath {
  const m = match as Record<string, unknown>;
  if (isIndexable(m.id)) return { kind: "id" };
  if (entity === "inventory" && isIndexable(m.locationId))
    return isIndexable(m.itemId) ? { kind: "inventoryKey" } : { kind: "inventoryAt" };
  const field = INDEXED[entity].find((k) => isIndexable(m[k]));
  return field ? { kind: "field", field } : { kind: "scan" };
}

/** True when `row` has every defined field of `match` (undefined fields are ignored; null must equal null). */
export function rowMatches(row: object, match: object): boolean {
  const fields = row as Record<string, unknown>;
  for (const [key, value] of Object.entries(match)) {
    if (value !== undefined && fields[key] !== value) return false;
  }
  return true;
}

/**
 * Rows of `entity` in the visible tables matching every field of `match`. Uses the best index available
 * and filters the rest in JS, because Dexie cannot index null (inventory.batchId is often null).
 */
export async function queryRows<E extends EntityName>(db: ReplicaDb, entity: E, match: Partial<EntityRow<E>>): Promise<EntityRow<E>[]> {
  const table = db.entityTable(entity);
  const m = match as Record<string, unknown>;
  const path = readPath(entity, match);
  let candidates: EntityRow<E>[];
  if (path.kind === "id") {
    const row = await table.get(m.id as string);
    candidates = row ? [row] : [];
  } else if (path.kind === "inventoryKey") {
    candidates = await table
      .where("[locationId+itemId]")
      .equals([m.locationId as Indexable, m.itemId as Indexable])
      .toArray();
  } else if (path.kind === "inventoryAt") {
    candidates = (await inventoryAt(db, [m.locationId as string])) as EntityRow<E>[];
  } else if (path.kind === "field") {
    candidates = await table
      .where(path.field)
      .equals(m[path.field] as Indexable)
      .toArray();
  } else {
    candidates = await table.toArray();
  }
  return candidates.filter((row) => rowMatches(row, match));
}

/**
 * The stock rows at these locations, through the [locationId+itemId] index (its locationId prefix): a
 * separate locationId index would be one more index entry written per row, 50,000 of them in a large
 * practice's first sync, for reads this one serves.
 */
export async function inventoryAt(db: ReplicaDb, locationIds: readonly string[]): Promise<InventoryRow[]> {
  const perLocation = await Promise.all(
    [...new Set(locationIds)].map((id) =>
      db.inventory.where("[locationId+itemId]").between([id, Dexie.minKey], [id, Dexie.maxKey]).toArray(),
    ),
  );
  return perLocation.flat();
}

/**
 * The stock rows of these lots, read through their items' itemId index (no batchId index: see db.ts
 * version 6) and kept when their batchId is one of the lots'.
 */
export async function inventoryOfBatches(db: ReplicaDb, batches: ReadonlyArray<{ id: string; itemId: string }>): Promise<InventoryRow[]> {
  if (batches.length === 0) return [];
  const ids = new Set(batches.map((b) => b.id));
  const rows = await db.inventory
    .where("itemId")
    .anyOf([...new Set(batches.map((b) => b.itemId))])
    .toArray();
  return rows.filter((r) => r.batchId !== null && ids.has(r.batchId));
}

/**
 * Every row of a table, read `slice` rows per request (by primary key) instead of in one getAll. The
 * browser materialises each answer in the task that delivers it: 50,000 stock rows in one answer was one
 * long task of about 200 ms when the dashboard first read a large practice; in slices each is a fraction.
 * Only Dexie reads, one after another, so it works inside a live query (which follows each of them).
 */
export async function readAllInSlices<T extends { id: string }>(table: Table<T, string>, slice = 5_000): Promise<T[]> {
  const rows: T[] = [];
  let last: string | null = null;
  for (;;) {
    const page: T[] = await (last === null ? table.orderBy(":id") : table.where(":id").above(last)).limit(slice).toArray();
    for (const row of page) rows.push(row);
    if (page.length < slice) return rows;
    last = page[page.length - 1]!.id;
  }
}
