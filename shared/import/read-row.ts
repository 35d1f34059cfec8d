/** Reading one row of an item file: each cell checked by its column's rule, errors named by line and column. */
import { ITEM_CATEGORY_MAX, ITEM_NAME_MAX, ITEM_SKU_MAX, ITEM_UNIT_MAX, PACK_SIZE_MAX } from "../catalogue/rules.js";
import { LEAD_TIME_DAYS_MAX, MINIMUM_ORDER_MAX, SUPPLIER_NAME_MAX } from "../suppliers/rules.js";
import { SUPPLIER_COLUMNS, type ImportColumn } from "./columns.js";
import type { ImportRow, ItemValues, RowError, SupplierItemValues } from "./plan-types.js";
import { readBool, readCurrency, readGtin, readInt, readPrice, readText, type Read } from "./values.js";

/** SKUs match exactly after trimming, as the database's unique key (practiceId, sku) and the item rules do. */
export const skuKey = (sku: string) => sku.trim();
/** Supplier names match without case ("medisupply" is the practice's "MediSupply"), exact spelling first. */
export const nameKey = (name: string) => name.trim().toLowerCase();

/** The supplier's code for an item: the length supplierItem.set takes. */
const SUPPLIER_SKU_MAX = 64;

/** The column each item field is read from (errors about a field name it). */
export const ITEM_COLUMN: Record<keyof ItemValues, ImportColumn> = {
  name: "name",
  sku: "sku",
  gtin: "gtin",
  unit: "unit",
  packSize: "pack_size",
  category: "category",
  batchTracked: "batch_tracked",
};

/** The cells of one row, read: item fields (undefined = blank), supplier fields, or the errors found. */
export interface ReadRow {
  line: number;
  item: { [K in keyof ItemValues]?: ItemValues[K] } & { name?: string };
  supplier: string | null;
  link: { [K in keyof SupplierItemValues]?: SupplierItemValues[K] };
  preferred: boolean | null;
}

export function readRow(row: ImportRow, errors: RowError[]): ReadRow | null {
  const before = errors.length;
  const cell = (c: ImportColumn) => (row.cells[c] ?? "").trim();
  const take = <T>(c: ImportColumn, read: (v: string) => Read<T>): T | undefined => {
    const v = cell(c);
    if (v === "") return undefined;
    const r = read(v);
    if (r.ok) return r.value;
    errors.push({ line: row.line, column: c, reason: r.reason });
    return undefined;
  };
  const out: ReadRow = { line: row.line, item: {}, supplier: null, link: {}, preferred: null };
  out.item.name = take("name", (v) => readText(v, ITEM_NAME_MAX));
  if (cell("name") === "") errors.push({ line: row.line, column: "name", reason: "Name is required." });
  out.item.sku = take("sku", (v) => readText(v, ITEM_SKU_MAX));
  out.item.gtin = take("gtin", readGtin);
  if (cell("sku") === "" && cell("gtin") === "") {
    errors.push({ line: row.line, column: "sku", reason: "Give a sku or a gtin: a re-import finds the item by them." });
  }
  out.item.unit = take("unit", (v) => readText(v, ITEM_UNIT_MAX));
  out.item.packSize = take("pack_size", (v) => readInt(v, 1, PACK_SIZE_MAX));
  out.item.category = take("category", (v) => readText(v, ITEM_CATEGORY_MAX));
  out.item.batchTracked = take("batch_tracked", readBool);
  out.supplier = take("supplier", (v) => readText(v, SUPPLIER_NAME_MAX)) ?? null;
  out.link.supplierSku = take("supplier_sku", (v) => readText(v, SUPPLIER_SKU_MAX));
  out.link.unitPrice = take("unit_price", readPrice);
  out.link.currency = take("currency", readCurrency);
  out.link.packSize = take("supplier_pack_size", (v) => readInt(v, 1, PACK_SIZE_MAX));
  out.link.minimumOrder = take("minimum_order", (v) => readInt(v, 1, MINIMUM_ORDER_MAX));
  out.link.leadTimeDays = take("lead_time_days", (v) => readInt(v, 0, LEAD_TIME_DAYS_MAX));
  out.preferred = take("preferred", readBool) ?? null;
  if (cell("supplier") === "") {
    const orphan = SUPPLIER_COLUMNS.find((c) => cell(c) !== "");
    if (orphan) errors.push({ line: row.line, column: "supplier", reason: `Name the supplier that ${orphan} belongs to.` });
  }
  return errors.length === before ? out : null;
}
