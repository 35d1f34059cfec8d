/** The import benchmarks' file: items with one supplier price each, as a practice's spreadsheet has them. */
import { gtinCheckDigit } from "../shared/gs1/gtin.js";
import { toCsv } from "../client/features/import-export/csv.js";
import { IMPORT_COLUMN_NAMES, SUPPLIER_COLUMNS, type ImportColumn } from "../shared/import/columns.js";

export const CSV_SUPPLIERS = 20;

export interface CsvFileOptions {
  /** Leave GTINs out: isolates the cost of linking new global products (a system-connection transaction each). */
  noGtin?: boolean;
  /** Items only (supplier columns blank): isolates item.create from supplierItem.set. */
  noSupplier?: boolean;
  /** Added to every price's whole part: a re-import with another bump changes every price (and nothing else). */
  priceBump?: number;
  /** The GTINs' company prefix (global products are shared by practices: a run's own keeps them new). */
  gtinPrefix?: string;
}

/** A realistic file: every 10th item without a GTIN, prices with 2 to 4 decimals, a comma CSV with quoted cells. */
export function makeCsv(rows: number, options: CsvFileOptions = {}): string {
  const data: Record<ImportColumn, string>[] = [];
  const prefix = options.gtinPrefix ?? String(100 + Math.floor(Math.random() * 800));
  for (let i = 1; i <= rows; i++) {
    const body = `5${prefix}${String(i).padStart(8, "0")}`;
    const gtin = options.noGtin || i % 10 === 0 ? "" : `0${body}${gtinCheckDigit(body)}`;
    const price = `${(i % 997) + 1 + (options.priceBump ?? 0)}.${String(i % 10_000)
      .padStart(4, "0")
      .slice(0, 2 + (i % 3))}`;
    data.push({
      name: `Item ${i}, ${["gauze swab 10x10cm", 'nitrile gloves "M"', "syringe 5ml", "alcohol wipe", "dressing pad"][i % 5]}`,
      sku: `SKU-${String(i).padStart(6, "0")}`,
      gtin,
      unit: ["each", "box", "pack"][i % 3]!,
      pack_size: String(1 + (i % 50)),
      category: ["Consumables", "Vaccines", "Wound care"][i % 3]!,
      batch_tracked: i % 7 === 0 ? "yes" : "no",
      supplier: `Supplier ${String(1 + (i % CSV_SUPPLIERS)).padStart(2, "0")} Ltd`,
      supplier_sku: `S-${i}`,
      unit_price: price,
      currency: i % 11 === 0 ? "EUR" : "GBP",
      supplier_pack_size: String(1 + (i % 12)),
      minimum_order: "1",
      lead_time_days: String(i % 14),
      preferred: "yes",
    });
  }
  // The columns in the import contract's order; items only: the supplier and its columns left blank.
  const blank = new Set<ImportColumn>(options.noSupplier ? ["supplier", ...SUPPLIER_COLUMNS] : []);
  return toCsv(
    [...IMPORT_COLUMN_NAMES],
    data.map((row) => IMPORT_COLUMN_NAMES.map((c) => (blank.has(c) ? "" : row[c]))),
  );
}
