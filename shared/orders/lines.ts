/**
 * What an order line keeps of the supplier's terms when it is set: the price per pack (in the order's
 * currency), the supplier's SKU and the pack size. The tablet's optimistic apply and the server's
 * mutator both take the snapshot through `lineSnapshot`, from the supplier item they each hold, so a
 * line reads the same offline and after push. The snapshot is taken when the line is set (created or
 * its quantity changed) and never re-read after: a sent order keeps the prices it was sent with.
 */
import { z } from "zod";
import { DomainError } from "../errors.js";
import { canonicalPrice } from "../suppliers/money.js";
import { int32 } from "../validation/numbers.js";

/** The most lines one order (or template) holds. */
export const MAX_ORDER_LINES = 500;
/** The most packs one line orders. */
export const MAX_ORDER_PACKS = 1_000_000;
export const ORDER_REASON_MAX = 500;

export const packs = () => int32().min(1, "At least 1 pack").max(MAX_ORDER_PACKS, "Quantity is too large");
/** A line as mutations carry it: its id (chosen by the client), the item and the packs. */
export const orderLineArgs = z.object({ id: z.uuid(), itemId: z.uuid(), quantity: packs() });

/** The supplier item row as either side holds it (price as decimal text). */
export interface LineTerms {
  unitPrice: string;
  currency: string;
  supplierSku: string | null;
  packSize: number;
}

export interface LineSnapshot {
  /** Per pack, four decimals; null = "price to confirm" (no terms, or terms in another currency). */
  unitPrice: string | null;
  supplierSku: string | null;
  /** Item units per pack: what a received pack puts into stock. */
  packSize: number;
}

export function lineSnapshot(terms: LineTerms | null | undefined, orderCurrency: string): LineSnapshot {
  if (!terms) return { unitPrice: null, supplierSku: null, packSize: 1 };
  return {
    // A price in another currency is not converted: the supplier is asked to confirm it instead.
    unitPrice: terms.currency === orderCurrency ? canonicalPrice(terms.unitPrice) : null,
    supplierSku: terms.supplierSku,
    packSize: Math.max(1, terms.packSize),
  };
}

/** An order or template lists each item once (the line's quantity says how many). */
export function assertDistinctItems(lines: readonly { itemId: string }[]): void {
  const seen = new Set<string>();
  for (const [index, line] of lines.entries()) {
    if (seen.has(line.itemId))
      throw new DomainError("VALIDATION_FAILED", "An item is listed twice: change its quantity instead.", { line: index });
    seen.add(line.itemId);
  }
}
