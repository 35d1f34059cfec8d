import { useLiveQuery } from "dexie-react-hooks";
import { useInitialSyncLoading } from "../sync/data.js";
import { useMemo } from "react";
import { lotMovements } from "../../../shared/api/stock.js";
import { stockSetExpiryHorizon } from "../../../shared/stock/mutations.js";
import { daysUntil, localToday } from "../../../shared/stock/expiry.js";
import type { BatchRow, ItemRow, LocationRow } from "../../../shared/protocol/entities.js";
import { api } from "../../api/client.js";
import { useMutate, useReplica } from "../../app/replicaContext.js";
import { inventoryOfBatches, readAllInSlices } from "../../replica/query.js";
import { batchLines, DEFAULT_EXPIRY_HORIZON, expired, expiringSoon, lowStock, stockValue, totalsByItem } from "./compute.js";

const byId = <T extends { id: string }>(rows: readonly T[]) => new Map(rows.map((r) => [r.id, r]));

/** The practice's "expiring soon" horizon in days (replicated setting; the default when never set). */
export function useExpiryHorizon(): number {
  const { db } = useReplica();
  return (
    useLiveQuery(async () => (await db.stockSettings.toCollection().first())?.expiryHorizonDays ?? DEFAULT_EXPIRY_HORIZON, [db]) ??
    DEFAULT_EXPIRY_HORIZON
  );
}

export function useSetExpiryHorizon() {
  const mutate = useMutate();
  return (days: number) => mutate(stockSetExpiryHorizon, { days });
}

/**
 * Everything the stock views and the dashboard show, live from the replica. Dated lots come through the
 * batch expiryDate index (only lots up to the horizon); totals and value need every stock row once, and
 * the dated lots' stock is picked from those rows.
 */
export function useStockViews() {
  const { db } = useReplica();
  const horizon = useExpiryHorizon();
  const today = localToday();
  const initialSync = useInitialSyncLoading();
  return useLiveQuery(async () => {
    // Reads no table while the first sync loads, so its pages do not re-run this whole-replica query.
    if (initialSync) return undefined;
    const horizonEnd = new Date(Date.parse(`${today}T00:00:00Z`) + horizon * 86_400_000).toISOString().slice(0, 10);
    // The three large tables in slices (readAllInSlices): read whole, the first read after a large
    // practice's initial sync was one long task.
    const [items, locations, inventory, dated, prices] = await Promise.all([
      readAllInSlices(db.item),
      db.location.toArray(),
      db.inventory.toArrayInSlices(),
      db.batch.where("expiryDate").belowOrEqual(horizonEnd).toArray(),
      readAllInSlices(db.supplierItem),
    ]);
    // The dated lots' stock, from the rows already read (the totals need every one anyway).
    const datedIds = new Set(dated.map((b) => b.id));
    const batchRows = inventory.filter((r) => r.batchId !== null && datedIds.has(r.batchId));
    const itemMap = byId<ItemRow>(items);
    const lines = batchLines(batchRows, byId<BatchRow>(dated), itemMap, byId<LocationRow>(locations));
    const totals = totalsByItem(inventory);
    return {
      today,
      horizon,
      low: lowStock(items, totals),
      expiring: expiringSoon(lines, today, horizon),
      expired: expired(lines, today),
      value: stockValue(items, totals, prices),
    };
  }, [db, horizon, today, initialSync]);
}

/** Every location holding stock of lots matching `lot` (exact lot text, any item), with quantities. */
export function useLotLookup(lot: string) {
  const { db } = useReplica();
  const needle = lot.trim();
  return useLiveQuery(async () => {
    if (!needle) return [];
    const batches = await db.batch.where("lot").equals(needle).toArray();
    if (batches.length === 0) return [];
    // Only the lots' items: the lookup runs again as the lot number is typed, and a practice has 10,000.
    const [rows, items, locations] = await Promise.all([
      inventoryOfBatches(db, batches),
      db.item.bulkGet([...new Set(batches.map((b) => b.itemId))]),
      db.location.toArray(),
    ]);
    return batchLines(rows, byId(batches), byId(items.filter((i) => i !== undefined)), byId(locations));
  }, [db, needle]);
}

export function daysLabel(expiryDate: string, today: string): string {
  const d = daysUntil(expiryDate, today);
  return d < 0 ? `expired ${-d} day${d === -1 ? "" : "s"} ago` : d === 0 ? "expires today" : `in ${d} day${d === 1 ? "" : "s"}`;
}

export function useTotalsLabel(totals: ReadonlyMap<string, bigint> | undefined, format: (units: bigint) => string): string {
  return useMemo(() => {
    if (!totals || totals.size === 0) return "0.00";
    return [...totals].map(([currency, units]) => `${currency} ${format(units)}`).join(" + ");
  }, [totals, format]);
}
export { formatUnits } from "./compute.js";

/** The lots with this exact lot text (one per item carrying it), with item names and every location's name, for the movement history. */
export function useLotBatches(lot: string) {
  const { db } = useReplica();
  const needle = lot.trim();
  return useLiveQuery(async () => {
    if (!needle) return undefined;
    const batches = await db.batch.where("lot").equals(needle).toArray();
    const [items, locations, stock] = await Promise.all([
      db.item.bulkGet(batches.map((b) => b.itemId)),
      db.location.toArray(),
      inventoryOfBatches(db, batches),
    ]);
    return {
      // Changes when a sync brings new server versions of the lot's stock: the history is read again then.
      stamp: stock
        .map((r) => `${r.id}@${r.version}`)
        .sort()
        .join(","),
      batches: batches.map((b, i) => ({ batch: b, itemName: items[i]?.name ?? "Unknown item" })),
      locationNames: new Map(locations.map((l) => [l.id, l.name])),
    };
  }, [db, needle]);
}

/** One page of a lot's ledger lines from the server (GET /api/stock/lots/:batchId/movements); never replicated. */
export function fetchLotMovements(batchId: string, cursor?: string) {
  return api.call(lotMovements, { params: { batchId }, query: { limit: 50, ...(cursor && { cursor }) } });
}
