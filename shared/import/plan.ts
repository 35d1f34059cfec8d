/**
 * The import planner: rows of an item file + what the replica already holds → per-row errors and the
 * mutations that bring the practice to what the file says, and nothing more. Pure: no storage, no
 * clock; ids come from `newId`. Re-planning the same file against the replica it produced yields no
 * mutations, which is what makes a re-import safe (a second run changes nothing).
 *
 * Matching: a row names an existing item by SKU (exact, surrounding spaces ignored), else by GTIN. Rows that name
 * the same item (one per supplier) must agree on the item's columns. A blank optional cell leaves an
 * existing value alone and takes the default for a new item.
 */
import { IMPORT_COLUMNS } from "./columns.js";
import { matchRows } from "./match-rows.js";
import type { ImportFile, ImportPlan, PlanOptions, ReplicaSnapshot, RowError } from "./plan-types.js";
import { planWrites } from "./write-ops.js";

export type * from "./plan-types.js";

export function planImport(file: ImportFile, replica: ReplicaSnapshot, options: PlanOptions): ImportPlan {
  const errors: RowError[] = [];
  const summary: ImportPlan["summary"] = {
    rows: file.rows.length,
    rowsWithErrors: 0,
    itemsCreated: 0,
    itemsUpdated: 0,
    suppliersCreated: 0,
    pricesSet: 0,
    preferredSet: 0,
  };
  if (!file.columns.includes("name")) errors.push({ line: 1, column: "name", reason: 'The header has no "name" column.' });
  if (!file.columns.includes("sku") && !file.columns.includes("gtin")) {
    errors.push({ line: 1, column: "sku", reason: 'The header needs a "sku" or a "gtin" column to match items on re-import.' });
  }
  if (errors.length > 0) return { errors, ops: [], summary: { ...summary, rowsWithErrors: file.rows.length } };
  const matched = matchRows(file.rows, replica, errors, summary, options.newId);
  const ops = planWrites(matched, summary, options.newId);
  return { errors, ops, summary };
}

/** The template: the header and one example row, in contract order. */
export function templateRows(): { header: string[]; example: string[] } {
  return { header: IMPORT_COLUMNS.map((c) => c.name), example: IMPORT_COLUMNS.map((c) => c.example) };
}
