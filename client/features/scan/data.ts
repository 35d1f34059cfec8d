/**
 * The scan screen's reads from the replica: GTIN → the practice's item. Lot recall reuses the stock
 * views' lot look-up (../stock-views/data.ts).
 */
import { useLiveQuery } from "dexie-react-hooks";
import type { BatchRow, ItemRow } from "../../../shared/protocol/entities.js";
import { normaliseLot } from "../../../shared/stock/batch-id.js";
import { useReplica } from "../../app/replicaContext.js";

/**
 * The practice's items for these 14-digit GTINs, by GTIN. Item rows may hold the GTIN as scanned on
 * the product (8, 12 or 13 digits) or padded to 14: both forms are looked up.
 */
export function useItemsByGtin(gtins: readonly string[]): Map<string, ItemRow> | undefined {
  const { db } = useReplica();
  const key = [...new Set(gtins)].sort().join(",");
  return useLiveQuery(async () => {
    const wanted = key ? key.split(",") : [];
    // GTIN-13, UPC-A (12) and GTIN-8 are the 14-digit form without its leading zeros.
    const forms = wanted.flatMap((g) => [g, g.slice(1), g.slice(2), g.slice(6)]);
    const rows = forms.length
      ? await db.item
          .where("gtin")
          .anyOf([...new Set(forms)])
          .toArray()
      : [];
    const found = new Map<string, ItemRow>();
    for (const row of rows.sort((a, b) => Number(a.archived) - Number(b.archived))) {
      const padded = (row.gtin ?? "").padStart(14, "0");
      if (wanted.includes(padded) && !found.has(padded)) found.set(padded, row);
    }
    return found;
  }, [db, key]);
}

/** The item's lots on this device (any lot, so a scanned one can be matched or recorded); undefined while loading. */
export function useLotsOfItem(itemId: string | undefined): BatchRow[] | undefined {
  const { db } = useReplica();
  return useLiveQuery(async () => (itemId ? db.batch.where("itemId").equals(itemId).toArray() : []), [db, itemId]);
}

/** The lot among `lots` that a scanned lot text names, compared as lots are stored. */
export function lotNamed(lots: readonly BatchRow[], lot: string): BatchRow | undefined {
  const wanted = normaliseLot(lot);
  return lots.find((b) => b.lot === wanted);
}
