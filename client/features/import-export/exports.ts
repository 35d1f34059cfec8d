/**
 * The export files, built from replica rows (so they work offline). Pure: rows in, header and cells
 * out; csv.ts turns them into text. The items file uses the import's column contract, so a file exported,
 * edited in a spreadsheet and imported again changes exactly what was edited.
 */
import { IMPORT_COLUMN_NAMES } from "../../../shared/import/columns.js";
import type { BatchRow, InventoryRow, ItemRow, LocationRow, SupplierItemRow, SupplierRow } from "../../../shared/protocol/entities.js";

type Cell = string | number | boolean | null;
export interface Sheet {
  header: readonly string[];
  rows: Cell[][];
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);

/** Active items, one row per supplier price (an item without prices gets one row with the supplier cells blank). */
export function itemsSheet(items: readonly ItemRow[], suppliers: readonly SupplierRow[], prices: readonly SupplierItemRow[]): Sheet {
  const supplierById = new Map(suppliers.map((s) => [s.id, s]));
  const pricesByItem = groupBy(prices, (p) => p.itemId);
  const rows: Cell[][] = [];
  for (const item of items.filter((i) => !i.archived).sort(byName)) {
    const itemCells = [item.name, item.sku, item.gtin, item.unit, item.packSize, item.category, item.batchTracked];
    const quotes = (pricesByItem.get(item.id) ?? [])
      .map((p) => ({ p, s: supplierById.get(p.supplierId) }))
      .filter((q): q is { p: SupplierItemRow; s: SupplierRow } => q.s !== undefined && !q.s.archived)
      .sort((a, b) => a.s.name.localeCompare(b.s.name));
    if (quotes.length === 0) rows.push([...itemCells, null, null, null, null, null, null, null, null]);
    for (const { p, s } of quotes) {
      rows.push([
        ...itemCells,
        s.name,
        p.supplierSku,
        p.unitPrice,
        p.currency,
        p.packSize,
        p.minimumOrder,
        p.leadTimeDays,
        item.defaultSupplierId === s.id,
      ]);
    }
  }
  return { header: IMPORT_COLUMN_NAMES, rows };
}

/** Suppliers with their details and, one row each, the prices they quote (a supplier without prices gets one row). */
export function suppliersSheet(suppliers: readonly SupplierRow[], prices: readonly SupplierItemRow[], items: readonly ItemRow[]): Sheet {
  const itemById = new Map(items.map((i) => [i.id, i]));
  const pricesBySupplier = groupBy(prices, (p) => p.supplierId);
  const rows: Cell[][] = [];
  for (const s of [...suppliers].sort(byName)) {
    const supplierCells = [s.name, s.accountNumber, s.orderEmail, s.phone, s.archived];
    const quotes = (pricesBySupplier.get(s.id) ?? [])
      .map((p) => ({ p, i: itemById.get(p.itemId) }))
      .filter((q): q is { p: SupplierItemRow; i: ItemRow } => q.i !== undefined)
      .sort((a, b) => a.i.name.localeCompare(b.i.name));
    if (quotes.length === 0) rows.push([...supplierCells, null, null, null, null, null, null, null, null, null, null]);
    for (const { p, i } of quotes) {
      rows.push([
        ...supplierCells,
        i.name,
        i.sku,
        i.gtin,
        p.supplierSku,
        p.unitPrice,
        p.currency,
        p.packSize,
        p.minimumOrder,
        p.leadTimeDays,
        i.defaultSupplierId === s.id,
      ]);
    }
  }
  return {
    header: [
      "supplier",
      "account_number",
      "order_email",
      "phone",
      "archived",
      "item",
      "sku",
      "gtin",
      "supplier_sku",
      "unit_price",
      "currency",
      "supplier_pack_size",
      "minimum_order",
      "lead_time_days",
      "preferred",
    ],
    rows,
  };
}

/** "Main building / Fridge 2": the location's path, so sibling names in different buildings stay apart. */
function locationPaths(locations: readonly LocationRow[]): Map<string, string> {
  const byId = new Map(locations.map((l) => [l.id, l]));
  const paths = new Map<string, string>();
  const pathOf = (id: string, depth = 0): string => {
    const known = paths.get(id);
    if (known !== undefined) return known;
    const loc = byId.get(id);
    if (!loc) return "";
    // A cycle cannot be stored, but a half-synced replica must not hang the export: stop at 50 levels.
    const path = loc.parentId && depth < 50 ? `${pathOf(loc.parentId, depth + 1)} / ${loc.name}` : loc.name;
    paths.set(id, path);
    return path;
  };
  for (const l of locations) pathOf(l.id);
  return paths;
}

/** Stock on hand by location and batch (rows holding nothing are left out), expiry first within an item (FEFO). */
export function stockSheet(
  locations: readonly LocationRow[],
  items: readonly ItemRow[],
  batches: readonly BatchRow[],
  inventory: readonly InventoryRow[],
): Sheet {
  const paths = locationPaths(locations);
  const itemById = new Map(items.map((i) => [i.id, i]));
  const batchById = new Map(batches.map((b) => [b.id, b]));
  const lines = inventory
    .filter((r) => r.quantity !== 0)
    .map((r) => ({
      r,
      path: paths.get(r.locationId) ?? "",
      item: itemById.get(r.itemId),
      batch: r.batchId ? batchById.get(r.batchId) : undefined,
    }))
    .sort(
      (a, b) =>
        a.path.localeCompare(b.path) ||
        (a.item?.name ?? "").localeCompare(b.item?.name ?? "") ||
        (a.batch?.expiryDate ?? "9999").localeCompare(b.batch?.expiryDate ?? "9999") ||
        (a.batch?.lot ?? "").localeCompare(b.batch?.lot ?? ""),
    );
  return {
    header: ["location", "item", "sku", "gtin", "unit", "lot", "expiry", "quantity"],
    rows: lines.map(({ r, path, item, batch }) => [
      path,
      item?.name ?? "(unknown item)",
      item?.sku ?? null,
      item?.gtin ?? null,
      item?.unit ?? null,
      batch?.lot ?? null,
      batch?.expiryDate ?? null,
      r.quantity,
    ]),
  };
}
