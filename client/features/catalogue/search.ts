import { toGtin14 } from "../../../shared/gs1/gtin.js";

interface Searchable {
  name: string;
  sku: string | null;
  gtin: string | null;
}

/**
 * Whether an item matches what was typed: every word in its name (any order, any case), or the SKU
 * from its start, or the GTIN (typed as 8–14 digits; stored padded to 14, so "5012…" finds "05012…").
 * Pure and allocation-light: it runs over 10,000 items per keystroke.
 */
export function matchesItemQuery(item: Searchable, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  if (item.sku && item.sku.toLowerCase().startsWith(q)) return true;
  if (/^\d+$/.test(q) && item.gtin) {
    if (
      item.gtin.startsWith(q) ||
      (q.length <= 14 && item.gtin === toGtin14(q)) ||
      item.gtin.replace(/^0+/, "").startsWith(q.replace(/^0+/, ""))
    )
      return true;
  }
  const name = item.name.toLowerCase();
  return q.split(/\s+/).every((word) => name.includes(word));
}
