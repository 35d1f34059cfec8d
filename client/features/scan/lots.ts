/** Lot recall: every place a lot is held, from the replica's batches and inventory (works offline). */
import type { BatchRow, InventoryRow, ItemRow, LocationRow } from "../../../shared/protocol/entities.js";

export interface LotHolding {
  batch: BatchRow;
  item: ItemRow | null;
  location: LocationRow | null;
  /** Names from the root to the location, e.g. "Main building › Vaccine fridge". */
  path: string;
  quantity: number;
}

export interface LotReport {
  /** Batches with this lot (one per item that has it), even where nothing is held now. */
  batches: { batch: BatchRow; item: ItemRow | null }[];
  holdings: LotHolding[];
}

/** Location path by id, walking parents (a cycle or missing parent ends the walk). */
export function locationPath(byId: ReadonlyMap<string, LocationRow>, id: string): string {
  const names: string[] = [];
  const seen = new Set<string>();
  for (let at = byId.get(id); at && !seen.has(at.id); at = at.parentId ? byId.get(at.parentId) : undefined) {
    seen.add(at.id);
    names.unshift(at.name);
  }
  return names.join(" › ");
}

/**
 * Lots are compared exactly (GS1 lots are case-sensitive), after trimming what a keyboard adds around
 * them. Non-zero inventory rows only: a location that used up the lot no longer holds it.
 */
export function buildLotReport(
  lot: string,
  batches: readonly BatchRow[],
  items: ReadonlyMap<string, ItemRow>,
  inventory: readonly InventoryRow[],
  locations: ReadonlyMap<string, LocationRow>,
): LotReport {
  const wanted = lot.trim();
  const matching = batches.filter((b) => b.lot === wanted);
  const ids = new Map(matching.map((b) => [b.id, b]));
  const holdings = inventory
    .filter((r) => r.batchId !== null && ids.has(r.batchId) && r.quantity !== 0)
    .map((r) => ({
      batch: ids.get(r.batchId!)!,
      item: items.get(r.itemId) ?? null,
      location: locations.get(r.locationId) ?? null,
      path: locationPath(locations, r.locationId),
      quantity: r.quantity,
    }))
    .sort((a, b) => a.path.localeCompare(b.path) || (a.item?.name ?? "").localeCompare(b.item?.name ?? ""));
  return { batches: matching.map((batch) => ({ batch, item: items.get(batch.itemId) ?? null })), holdings };
}
