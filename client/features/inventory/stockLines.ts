import type { BatchRow, InventoryRow, ItemRow } from "../../../shared/protocol/entities.js";
import { sumQuantities } from "../../../shared/stock/rules.js";

export interface BatchQuantity {
  batchId: string | null;
  batch: BatchRow | null;
  /** null: withheld while a blind count covers it. */
  quantity: number | null;
  pending: boolean;
}

/** One item at one location: the total over its batches, and whether any part is unsynced. */
export interface StockLine {
  item: ItemRow;
  /** null: a blind count withholds some of it from this role. */
  quantity: number | null;
  pending: boolean;
  batches: BatchQuantity[];
}

const byName = (a: StockLine, b: StockLine) => a.item.name.localeCompare(b.item.name, undefined, { sensitivity: "base", numeric: true });

/**
 * Joins inventory rows of a location with item names. Every active item appears (0 when it has no row
 * here); archived items only while they still have a row at this location.
 */
export function buildStockLines(
  items: readonly ItemRow[],
  rows: readonly InventoryRow[],
  batches: ReadonlyMap<string, BatchRow>,
  pendingRowIds: ReadonlySet<string>,
): StockLine[] {
  const rowsByItem = new Map<string, InventoryRow[]>();
  for (const row of rows) rowsByItem.set(row.itemId, [...(rowsByItem.get(row.itemId) ?? []), row]);
  return items
    .filter((item) => !item.archived || rowsByItem.has(item.id))
    .map((item) => {
      const own = rowsByItem.get(item.id) ?? [];
      return {
        item,
        quantity: sumQuantities(own),
        pending: own.some((r) => pendingRowIds.has(r.id)),
        batches: own.map((r) => ({
          batchId: r.batchId,
          batch: r.batchId ? (batches.get(r.batchId) ?? null) : null,
          quantity: r.quantity,
          pending: pendingRowIds.has(r.id),
        })),
      };
    })
    .sort(byName);
}
