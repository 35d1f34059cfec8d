import type { Table } from "dexie";
import type { EntityName, EntityRow, InventoryRow } from "../../shared/protocol/entities.js";
import type { ReplicaDb } from "./db.js";

/** Single-field indexes per table (see db.ts), tried in order when a match names one of them. */
export const INDEXED: Record<EntityName, readonly string[]> = {
  location: ["parentId", "name"],
  item: ["gtin", "sku", "defaultSupplierId", "name"],
  batch: ["itemId"],
  inventory: ["itemId"], // packed (stockPacks.ts); by location too, see inventoryAt
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
 * How queryRows reads a match: by primary key, inventory by location and item (through the item's packs)
 * or by location alone (inventoryAt), by a single-field index, or the whole table. Said once here so a
 * bulk reader (bulkRead.ts) reads and orders exactly as queryRows does.
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
  const m = match as Record<string, unknown>;
  const path = readPath(entity, match);
  let candidates: EntityRow<E>[];
  if (path.kind === "id") {
    const row = await db.entityTable(entity).get(m.id as string);
    candidates = row ? [row] : [];
  } else if (entity === "inventory") {
    candidates = (await inventoryCandidates(db, path, m)) as EntityRow<E>[];
  } else if (path.kind === "field") {
    candidates = (await rowsWhereAnyOf(db, entity, path.field, [m[path.field] as Indexable])) as EntityRow<E>[];
  } else {
    candidates = await db.entityTable(entity).toArray();
  }
  return candidates.filter((row) => rowMatches(row, match));
}

/** Stock rows a match on inventory can be answered from: by location and item, location, item, or all. */
function inventoryCandidates(db: ReplicaDb, path: ReadPath, m: Record<string, unknown>): Promise<InventoryRow[]> {
  if (path.kind === "inventoryKey" || (path.kind === "field" && path.field === "itemId")) return db.inventory.byItems([m.itemId as string]);
  if (path.kind === "inventoryAt") return inventoryAt(db, [m.locationId as string]);
  return db.inventory.toArray();
}

/**
 * Rows with one of `values` in the single-field index `field`, by value, then id (the order of an
 * equals look-up per value). Inventory's one such field, itemId, reads the packed store.
 */
export function rowsWhereAnyOf(
  db: ReplicaDb,
  entity: EntityName,
  field: string,
  values: readonly Indexable[],
): Promise<EntityRow<EntityName>[]> {
  if (entity === "inventory") return db.inventory.byItems(values as string[]);
  const where = db.indexedTable(entity as Exclude<EntityName, "inventory">).where(field);
  return (values.length === 1 ? where.equals(values[0]!) : where.anyOf([...values])).toArray() as Promise<EntityRow<EntityName>[]>;
}

/** The stock rows at these locations: location by location, each by item, then id. */
export function inventoryAt(db: ReplicaDb, locationIds: readonly string[]): Promise<InventoryRow[]> {
  return db.inventory.byLocations(locationIds);
}

/** The stock rows of these lots, read through their items and kept when their batchId is one of the lots'. */
export async function inventoryOfBatches(db: ReplicaDb, batches: ReadonlyArray<{ id: string; itemId: string }>): Promise<InventoryRow[]> {
  if (batches.length === 0) return [];
  const ids = new Set(batches.map((b) => b.id));
  const rows = await db.inventory.byItems([...new Set(batches.map((b) => b.itemId))]);
  return rows.filter((r) => r.batchId !== null && ids.has(r.batchId));
}

/**
 * Every record of a table, read `slice` records per request (by primary key, `keyOf`) instead of in one
 * getAll. The browser materialises each answer in the task that delivers it: 50,000 stock rows in one
 * answer was one long task of about 200 ms when the dashboard first read a large practice; in slices each
 * is a fraction. Only Dexie reads, one after another, so it works inside a live query (which follows each).
 */
export async function readAllInSlices<T, K extends string | number>(
  table: Table<T, K>,
  slice = 5_000,
  keyOf: (record: T) => K = (record) => (record as unknown as { id: K }).id,
): Promise<T[]> {
  const records: T[] = [];
  let last: K | null = null;
  for (;;) {
    const page: T[] = await (last === null ? table.orderBy(":id") : table.where(":id").above(last)).limit(slice).toArray();
    for (const record of page) records.push(record);
    if (page.length < slice) return records;
    last = keyOf(page[page.length - 1]!);
  }
}
