/** The import benchmarks' file: items with one supplier price each, as a practice's spreadsheet has them. */
import { gtinCheckDigit } from "../shared/gs1/gtin.js";
import { toCsv } from "../client/features/import-export/csv.js";

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
  const header = [
    "name",
    "sku",
    "gtin",
    "unit",
    "pack_size",
    "category",
    "batch_tracked",
    "supplier",
    "supplier_sku",
    "unit_price",
    "currency",
    "supplier_pack_size",
    "minimum_order",
    "lead_time_days",
    "preferred",
  ];
  const data: string[][] = [];
  const prefix = options.gtinPrefix ?? String(100 + Math.floor(Math.random() * 800));
  for (let i = 1; i <= rows; i++) {
    const body = `5${prefix}${String(i).padStart(8, "0")}`;
    const gtin = options.noGtin || i % 10 === 0 ? "" : `0${body}${gtinCheckDigit(body)}`;
    const price = `${(i % 997) + 1 + (options.priceBump ?? 0)}.${String(i % 10_000)
      .padStart(4, "0")
      .slice(0, 2 + (i % 3))}`;
    data.push([
      `Item ${i}, ${["gauze swab 10x10cm", 'nitrile gloves "M"', "syringe 5ml", "alcohol wipe", "dressing pad"][i % 5]}`,
      `SKU-${String(i).padStart(6, "0")}`,
      gtin,
      ["each", "box", "pack"][i % 3]!,
      String(1 + (i % 50)),
      ["Consumables", "Vaccines", "Wound care"][i % 3]!,
      i % 7 === 0 ? "yes" : "no",
      `Supplier ${String(1 + (i % CSV_SUPPLIERS)).padStart(2, "0")} Ltd`,
      `S-${i}`,
      price,
      i % 11 === 0 ? "EUR" : "GBP",
      String(1 + (i % 12)),
      "1",
      String(i % 14),
      "yes",
    ]);
  }
  return toCsv(header, options.noSupplier ? data.map((r) => [...r.slice(0, 7), ...r.slice(7).map(() => "")]) : data);
}
