/**
 * The stock views, computed from replica rows (pure, so they are unit-tested and run offline).
 * Quantities are per (item, location, batch) rows; practice-wide figures sum them.
 */
import type { BatchRow, InventoryRow, ItemRow, LocationRow, SupplierItemRow } from "../../../shared/protocol/entities.js";
import { expiryGroup, isExpired, sortFefo } from "../../../shared/stock/expiry.js";

export const DEFAULT_EXPIRY_HORIZON = 90;

/** Practice-wide quantity per item (over every location); null when a blind count withholds part of it. */
export function totalsByItem(rows: readonly InventoryRow[]): Map<string, number | null> {
  const totals = new Map<string, number | null>();
  for (const r of rows) {
    const before = totals.has(r.itemId) ? totals.get(r.itemId)! : 0;
    totals.set(r.itemId, before === null || r.quantity === null ? null : before + r.quantity);
  }
  return totals;
}

export interface LowStockLine {
  item: ItemRow;
  onHand: number;
  reorderPoint: number;
  /** How many bring it to the item's maximum (or back to its reorder point when no maximum is set). */
  toMax: number;
}

/** Active items at or below their reorder point, practice-wide; emptiest (relative to the point) first. */
export function lowStock(items: readonly ItemRow[], totals: ReadonlyMap<string, number | null>): LowStockLine[] {
  const out: LowStockLine[] = [];
  for (const item of items) {
    if (item.archived || item.reorderPoint === null) continue;
    const onHand = totals.has(item.id) ? totals.get(item.id)! : 0;
    // Unknown while a blind count runs: not claimed low (nor fine); it shows again once the count closes.
    if (onHand === null || onHand > item.reorderPoint) continue;
    const target = item.maxStock ?? item.reorderPoint;
    out.push({ item, onHand, reorderPoint: item.reorderPoint, toMax: Math.max(0, target - onHand) });
  }
  return out.sort((a, b) => a.onHand - a.reorderPoint - (b.onHand - b.reorderPoint) || a.item.name.localeCompare(b.item.name));
}

export interface BatchStockLine {
  batch: BatchRow;
  item: ItemRow | undefined;
  location: LocationRow | undefined;
  /** null: withheld while a blind count covers the row (a recall still lists where the lot is). */
  quantity: number | null;
}

/** Rows holding stock of a batch, joined to their batch, item and location, in FEFO order. */
export function batchLines(
  rows: readonly InventoryRow[],
  batches: ReadonlyMap<string, BatchRow>,
  items: ReadonlyMap<string, ItemRow>,
  locations: ReadonlyMap<string, LocationRow>,
): BatchStockLine[] {
  const lines: BatchStockLine[] = [];
  for (const r of rows) {
    const batch = r.batchId ? batches.get(r.batchId) : undefined;
    if (!batch || (r.quantity !== null && r.quantity <= 0)) continue;
    lines.push({ batch, item: items.get(r.itemId), location: locations.get(r.locationId), quantity: r.quantity });
  }
  const order = new Map(sortFefo(lines.map((l) => l.batch)).map((b, i) => [b.id, i]));
  return lines.sort(
    (a, b) => order.get(a.batch.id)! - order.get(b.batch.id)! || (a.location?.name ?? "").localeCompare(b.location?.name ?? ""),
  );
}

/** Stock lines expiring within the horizon, grouped 30 / 60 / 90 (… up to the horizon) days ahead. */
export function expiringSoon(lines: readonly BatchStockLine[], today: string, horizonDays: number): Map<number, BatchStockLine[]> {
  const groups = new Map<number, BatchStockLine[]>();
  for (const line of lines) {
    const group = expiryGroup(line.batch.expiryDate, today, horizonDays);
    if (group === null) continue;
    groups.set(group, [...(groups.get(group) ?? []), line]);
  }
  return new Map([...groups].sort(([a], [b]) => a - b));
}

export function expired(lines: readonly BatchStockLine[], today: string): BatchStockLine[] {
  return lines.filter((l) => isExpired(l.batch.expiryDate, today));
}

/** Price text ("12.3400", Decimal(12,4)) as an integer count of 1/10,000ths: exact, no binary float. */
export function priceUnits(text: string): bigint {
  const m = /^(\d+)(?:\.(\d{1,4}))?$/.exec(text);
  if (!m) throw new Error(`Not a price: ${text}`);
  return BigInt(m[1]!) * 10_000n + BigInt((m[2] ?? "").padEnd(4, "0"));
}

/** 1/10,000ths back to money text with two decimals, rounded half up ("1234567" → "123.46"). */
export function formatUnits(units: bigint): string {
  const cents = (units + 50n) / 100n;
  return `${cents / 100n}.${String(cents % 100n).padStart(2, "0")}`;
}

export interface ValueLine {
  item: ItemRow;
  quantity: number;
  /** The preferred supplier's price per unit, as stored; null when there is none to value it with. */
  unitPrice: string | null;
  currency: string | null;
  /** quantity × unit price, in 1/10,000ths. */
  value: bigint;
}

/**
 * Stock value: quantity × the preferred supplier's current unit price per unit (the item's default
 * supplier's quote; unitPrice is what one unit of the item costs, so no pack conversion). Items
 * without a preferred price are listed with no value. Sums stay integers (BigInt), per currency.
 */
export function stockValue(items: readonly ItemRow[], totals: ReadonlyMap<string, number | null>, prices: readonly SupplierItemRow[]) {
  const preferred = new Map<string, SupplierItemRow>();
  const byItem = new Map(items.map((i) => [i.id, i]));
  for (const p of prices) if (byItem.get(p.itemId)?.defaultSupplierId === p.supplierId) preferred.set(p.itemId, p);
  const lines: ValueLine[] = [];
  const totalsByCurrency = new Map<string, bigint>();
  for (const item of items) {
    const quantity = totals.get(item.id) ?? 0; // null (withheld by a blind count) counts as nothing
    if (quantity <= 0) continue;
    const price = preferred.get(item.id);
    const value = price ? priceUnits(price.unitPrice) * BigInt(quantity) : 0n;
    if (price) totalsByCurrency.set(price.currency, (totalsByCurrency.get(price.currency) ?? 0n) + value);
    lines.push({ item, quantity, unitPrice: price?.unitPrice ?? null, currency: price?.currency ?? null, value });
  }
  lines.sort((a, b) => (b.value > a.value ? 1 : b.value < a.value ? -1 : a.item.name.localeCompare(b.item.name)));
  return { lines, totalsByCurrency, unpriced: lines.filter((l) => l.unitPrice === null).length };
}
