import type { InventoryRow, ItemRow, LocationRow } from "../../shared/protocol/entities.js";
import { ReplicaDb } from "../replica/db.js";
import { openReplica } from "../replica/open.js";

/**
 * Test helpers (imported by *.test.ts only). Each test opens its own replica under a unique name in
 * fake-indexeddb, so tests never see each other's data.
 */
let counter = 0;

/** A fresh replica with a unique database name. */
export async function freshReplica(): Promise<{ db: ReplicaDb; name: string; practiceId: string }> {
  const practiceId = crypto.randomUUID();
  const name = `venzory-test-${++counter}-${practiceId}`;
  return { db: await openReplica(practiceId, name), name, practiceId };
}

/** A deterministic-looking UUID for readable assertions: uuid(1) = 00000000-0000-4000-8000-000000000001. */
export function uuid(n: number): string {
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;
}

export function locationRow(id: string, over: Partial<LocationRow> = {}): LocationRow {
  return { id, version: 1, parentId: null, name: `Location ${id.slice(-4)}`, archived: false, ...over };
}

export function itemRow(id: string, over: Partial<ItemRow> = {}): ItemRow {
  return {
    id,
    version: 1,
    productId: null,
    gtin: null,
    name: `Item ${id.slice(-4)}`,
    sku: null,
    unit: "each",
    packSize: 1,
    reorderPoint: null,
    reorderQuantity: null,
    defaultSupplierId: null,
    category: null,
    notes: null,
    batchTracked: false,
    archived: false,
    ...over,
  };
}

export function inventoryRow(
  id: string,
  locationId: string,
  itemId: string,
  quantity: number | null,
  over: Partial<InventoryRow> = {},
): InventoryRow {
  return { id, version: 1, locationId, itemId, batchId: null, quantity, ...over };
}
