import { DomainError } from "../errors.js";
import { isValidGtin, toGtin14 } from "../gs1/gtin.js";

export const ITEM_NAME_MAX = 200;
export const ITEM_SKU_MAX = 64;
export const ITEM_UNIT_MAX = 32;
export const ITEM_CATEGORY_MAX = 80;
export const ITEM_NOTES_MAX = 2000;
export const PACK_SIZE_MAX = 100_000;

/**
 * An item new work may use: it exists (in this practice) and is not archived. Shared by the client's
 * optimistic apply and the server mutators, so both sides refuse with the same code and message.
 */
export function assertItemActive<I extends { name: string; archived: boolean }>(item: I | null | undefined): I {
  if (!item) throw new DomainError("NOT_FOUND", "Item not found.");
  if (item.archived) throw new DomainError("ITEM_ARCHIVED", `Item "${item.name}" is archived.`);
  return item;
}

/** The GTIN as stored and compared (14 digits), or a VALIDATION_FAILED naming the field. */
export function normalizeGtin(code: string): string {
  const digits = code.trim();
  if (!isValidGtin(digits))
    throw new DomainError("VALIDATION_FAILED", "That is not a valid GTIN (barcode number): check the digits.", { field: "gtin" });
  return toGtin14(digits);
}

interface ItemIdentity {
  id: string;
  name: string;
  sku: string | null;
  gtin: string | null;
}

/**
 * Tenant-scoped uniqueness of SKU and GTIN, with a message naming the item that already has it. `others`
 * are the practice's items holding either code (indexed look-ups on the replica, the practice's rows on
 * the server); the item being edited is skipped by id. Archived items count too: their code still
 * identifies them in history and CSVs. SKUs compare exactly (after trimming), as the database's unique
 * key (practiceId, sku) does, so the friendly check and the backstop never disagree.
 */
export function assertUniqueCodes(
  others: Iterable<ItemIdentity>,
  candidate: { id: string; sku: string | null; gtin: string | null },
): void {
  for (const other of others) {
    if (other.id === candidate.id) continue;
    if (candidate.sku && other.sku === candidate.sku) {
      throw new DomainError("ALREADY_EXISTS", `SKU "${candidate.sku}" is already used by "${other.name}".`, {
        field: "sku",
        itemId: other.id,
      });
    }
    if (candidate.gtin && other.gtin === candidate.gtin) {
      throw new DomainError("ALREADY_EXISTS", `GTIN ${candidate.gtin} is already used by "${other.name}".`, {
        field: "gtin",
        itemId: other.id,
      });
    }
  }
}

/** Stock on hand, split by whether it lies in a batch. */
export interface ItemStock {
  batched: number;
  unbatched: number;
}

/**
 * Batch tracking can change only when no stock would be left on the wrong side of the rule: switching
 * it on with unbatched stock would leave units no movement may name; switching it off with stock in
 * batches would leave lots nobody can pick. Moving stock to zero first makes the change safe.
 */
export function assertCanChangeBatchTracking(from: boolean, to: boolean, stock: ItemStock): void {
  if (from === to) return;
  if (to && stock.unbatched > 0) {
    throw new DomainError(
      "CONFLICT",
      `Batch tracking cannot be switched on while ${stock.unbatched} unit(s) are held without a batch; adjust them to zero first.`,
      { field: "batchTracked" },
    );
  }
  if (!to && stock.batched > 0) {
    throw new DomainError(
      "CONFLICT",
      `Batch tracking cannot be switched off while ${stock.batched} unit(s) are held in batches; adjust them to zero first.`,
      { field: "batchTracked" },
    );
  }
}

/** An item can be archived only when nothing of it is on hand: archived items take no movements, so stock would be stranded. */
export function assertCanArchiveItem(item: { name: string; archived: boolean }, onHand: number): void {
  if (item.archived) throw new DomainError("ITEM_ARCHIVED", `Item "${item.name}" is archived.`);
  if (onHand > 0)
    throw new DomainError("CONFLICT", `"${item.name}" still has ${onHand} unit(s) on hand; use or adjust them to zero before archiving.`);
}

export function assertCanUnarchiveItem(item: { archived: boolean }): void {
  if (!item.archived) throw new DomainError("CONFLICT", "This item is not archived.");
}
