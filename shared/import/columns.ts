/**
 * The column contract of the item import file. The import screen prints this table and offers it as a
 * template, so the words here are what a practice manager reads: keep them short and concrete.
 * One row per item and supplier: an item bought from two suppliers takes two rows that repeat the item
 * columns. A blank optional cell leaves an existing item's value as it is (and takes the default for a
 * new item), so a file exported, edited in a spreadsheet and imported again changes only what was edited.
 */
export const IMPORT_COLUMNS = [
  { name: "name", required: true, example: "Nitrile gloves M", help: "Item name (required)." },
  {
    name: "sku",
    required: false,
    example: "GLV-M-100",
    help: "Your own code for the item. Rows are matched to existing items by SKU, else by GTIN: give one of the two.",
  },
  { name: "gtin", required: false, example: "05012345678900", help: "Barcode number (GTIN-8, -12, -13 or -14) with a valid check digit." },
  { name: "unit", required: false, example: "box", help: 'Unit stock is counted in (default "each").' },
  { name: "pack_size", required: false, example: "100", help: "Units per pack, a whole number ≥ 1 (default 1)." },
  { name: "category", required: false, example: "Consumables", help: "Free text grouping." },
  { name: "batch_tracked", required: false, example: "no", help: "yes / no: every movement names a lot and expiry (default no)." },
  { name: "supplier", required: false, example: "MediSupply Ltd", help: "Supplier name; a supplier not yet known is created." },
  { name: "supplier_sku", required: false, example: "MS-44821", help: "The supplier's code for the item." },
  {
    name: "unit_price",
    required: false,
    example: "12.50",
    help: "Price per unit with a dot for decimals, up to 4 decimals (12.50, not 12,50). Required with a supplier.",
  },
  { name: "currency", required: false, example: "GBP", help: "ISO 4217 code (default GBP)." },
  { name: "supplier_pack_size", required: false, example: "10", help: "Units per supplier pack, whole number ≥ 1 (default 1)." },
  { name: "minimum_order", required: false, example: "1", help: "Minimum order in supplier packs, whole number ≥ 1 (default 1)." },
  { name: "lead_time_days", required: false, example: "3", help: "Days from order to delivery, whole number ≥ 0." },
  { name: "preferred", required: false, example: "yes", help: "yes / no: this supplier is the item's preferred one (one per item)." },
] as const;

export type ImportColumn = (typeof IMPORT_COLUMNS)[number]["name"];
export const IMPORT_COLUMN_NAMES: readonly ImportColumn[] = IMPORT_COLUMNS.map((c) => c.name);

/** Columns that describe the supplier item; any of them filled needs a supplier. */
export const SUPPLIER_COLUMNS: readonly ImportColumn[] = [
  "supplier_sku",
  "unit_price",
  "currency",
  "supplier_pack_size",
  "minimum_order",
  "lead_time_days",
  "preferred",
];

/**
 * A header cell as written by people and spreadsheets ("Unit Price", " unit-price ") → the contract's
 * name ("unit_price"), or null when it is not a column of the contract.
 */
export function normaliseHeader(header: string): ImportColumn | null {
  const key = header
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
  return (IMPORT_COLUMN_NAMES as readonly string[]).includes(key) ? (key as ImportColumn) : null;
}
