import { useLiveQuery } from "dexie-react-hooks";
import { useMemo } from "react";
import type { AdjustmentReason } from "../../../shared/stock/rules.js";
import { stockAdjust } from "../../../shared/mutations/index.js";
import { batchCreate, stockConsume, stockTransfer } from "../../../shared/stock/mutations.js";
import { batchIdFor, normaliseLot } from "../../../shared/stock/batch-id.js";
import { sortFefo } from "../../../shared/stock/expiry.js";
import type { BatchRow, InventoryRow, ItemRow } from "../../../shared/protocol/entities.js";
import { useMutate, useReplica } from "../../app/replicaContext.js";
import { inventoryAt } from "../../replica/query.js";
import { buildStockLines, type StockLine } from "./stockLines.js";
import { sumQuantities } from "../../../shared/stock/rules.js";

/**
 * Items with their quantities at the given locations (0 included), live; undefined while loading. With
 * several ids (a parent and its sub-locations) the quantities are their totals. Reads go through the
 * [locationId+itemId] index, so a tablet with 50,000 stock rows reads only this location's.
 */
export function useStockAt(locationIds: readonly string[]): StockLine[] | undefined {
  const { db } = useReplica();
  const key = locationIds.join(",");
  return useLiveQuery(async () => {
    const [items, rows, shadows] = await Promise.all([
      db.item.toArray(),
      inventoryAt(db, key.split(",")),
      db.shadows.where("[entity+id]").between(["inventory", ""], ["inventory", "\uffff"]).toArray(),
    ]);
    const batchIds = [...new Set(rows.flatMap((r) => (r.batchId ? [r.batchId] : [])))];
    const batches = (await db.batch.bulkGet(batchIds)).filter((b): b is BatchRow => b !== undefined);
    const pending = new Set(shadows.map((s) => s.id));
    return buildStockLines(items, mergeByBatch(rows), new Map(batches.map((b) => [b.id, b])), pending);
  }, [db, key]);
}

/** Rows of several locations folded into one per (item, batch), keeping one row id for the pending mark. */
function mergeByBatch(rows: readonly InventoryRow[]): InventoryRow[] {
  const byKey = new Map<string, InventoryRow>();
  for (const r of rows) {
    const k = `${r.itemId}:${r.batchId ?? ""}`;
    const seen = byKey.get(k);
    byKey.set(k, seen ? { ...seen, quantity: sumQuantities([seen, r]) } : r);
  }
  return [...byKey.values()];
}

/** Active items, by name (for the stock form). */
export function useActiveItems(): ItemRow[] | undefined {
  const { db } = useReplica();
  return useLiveQuery(async () => (await db.item.orderBy("name").toArray()).filter((i) => !i.archived), [db]);
}

/** Batches of one item in FEFO order (first expiry first). */
export function useBatchesOf(itemId: string | null): BatchRow[] {
  const { db } = useReplica();
  return useLiveQuery(async () => (itemId ? sortFefo(await db.batch.where("itemId").equals(itemId).toArray()) : []), [db, itemId]) ?? [];
}

export interface AdjustInput {
  locationId: string;
  itemId: string;
  batchId: string | null;
  /** Signed: positive adds, negative removes. */
  quantity: number;
  reason: AdjustmentReason;
  note?: string;
}

/** Stock writes; each validates, applies optimistically, queues and pushes; throws DomainError. */
export function useStockActions() {
  const mutate = useMutate();
  return useMemo(
    () => ({
      adjust: (input: AdjustInput) => mutate(stockAdjust, { id: crypto.randomUUID(), ...input, note: input.note || undefined }),
      transfer: (input: {
        itemId: string;
        batchId: string | null;
        fromLocationId: string;
        toLocationId: string;
        quantity: number;
        note?: string;
      }) => mutate(stockTransfer, { id: crypto.randomUUID(), ...input, note: input.note || undefined }),
      consume: (input: { locationId: string; itemId: string; batchId: string | null; quantity: number; note?: string }) =>
        mutate(stockConsume, { id: crypto.randomUUID(), ...input, note: input.note || undefined }),
      /** The lot's batch id (derived from item and lot), recording the lot first when this device has not seen it. */
      ensureBatch: async (itemId: string, lot: string, expiry: string | null, known: readonly BatchRow[]) => {
        const existing = known.find((b) => b.lot === normaliseLot(lot));
        if (existing) return existing.id;
        const id = await batchIdFor(itemId, lot);
        await mutate(batchCreate, { id, itemId, lot, expiry });
        return id;
      },
    }),
    [mutate],
  );
}
