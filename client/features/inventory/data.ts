import { useLiveQuery } from "dexie-react-hooks";
import { useMemo } from "react";
import type { AdjustmentReason } from "../../../shared/stock/rules.js";
import { stockAdjust } from "../../../shared/mutations/index.js";
import type { BatchRow, ItemRow } from "../../../shared/protocol/entities.js";
import { useMutate, useReplica } from "../../app/replicaContext.js";
import { buildStockLines, type StockLine } from "./stockLines.js";

/** Items with their quantities at `locationId` (0 included), live; undefined while loading. */
export function useStockAt(locationId: string): StockLine[] | undefined {
  const { db } = useReplica();
  return useLiveQuery(async () => {
    const [items, rows, shadows] = await Promise.all([
      db.item.toArray(),
      db.inventory.where("locationId").equals(locationId).toArray(),
      db.shadows.toArray(),
    ]);
    const batchIds = [...new Set(rows.flatMap((r) => (r.batchId ? [r.batchId] : [])))];
    const batches = (await db.batch.bulkGet(batchIds)).filter((b): b is BatchRow => b !== undefined);
    const pending = new Set(shadows.filter((s) => s.entity === "inventory").map((s) => s.id));
    return buildStockLines(items, rows, new Map(batches.map((b) => [b.id, b])), pending);
  }, [db, locationId]);
}

/** Active items, by name (for the adjust form). */
export function useActiveItems(): ItemRow[] | undefined {
  const { db } = useReplica();
  return useLiveQuery(async () => (await db.item.orderBy("name").toArray()).filter((i) => !i.archived), [db]);
}

/** Batches of one item, soonest expiry first. */
export function useBatchesOf(itemId: string | null): BatchRow[] {
  const { db } = useReplica();
  return (
    useLiveQuery(async () => {
      if (!itemId) return [];
      const rows = await db.batch.where("itemId").equals(itemId).toArray();
      return rows.sort((a, b) => (a.expiryDate ?? "9999").localeCompare(b.expiryDate ?? "9999"));
    }, [db, itemId]) ?? []
  );
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
    }),
    [mutate],
  );
}
