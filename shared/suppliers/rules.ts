import { DomainError } from "../errors.js";

export const SUPPLIER_NAME_MAX = 120;
export const MINIMUM_ORDER_MAX = 1_000_000;
export const LEAD_TIME_DAYS_MAX = 365;

/** A supplier new prices or orders may use: it exists (in this practice) and is not archived. */
export function assertSupplierActive<S extends { name: string; archived: boolean }>(supplier: S | null | undefined): S {
  if (!supplier) throw new DomainError("NOT_FOUND", "Supplier not found.");
  if (supplier.archived) throw new DomainError("CONFLICT", `Supplier "${supplier.name}" is archived; restore it first.`);
  return supplier;
}

/** Supplier names are unique per practice (the database's unique key compares exactly, and so does this). */
export function assertUniqueSupplierName(others: Iterable<{ id: string; name: string }>, candidate: { id: string; name: string }): void {
  for (const other of others) {
    if (other.id !== candidate.id && other.name === candidate.name) {
      throw new DomainError("ALREADY_EXISTS", `A supplier named "${candidate.name}" already exists.`, {
        field: "name",
        supplierId: other.id,
      });
    }
  }
}

/**
 * The preferred supplier of an item is the one whose price counts (stock value, reorder suggestions),
 * so it must quote a price for the item: a supplier item for (supplier, item) has to exist.
 */
export function assertQuotesItem(quote: unknown, supplier: { name: string }, item: { name: string }): void {
  if (!quote)
    throw new DomainError(
      "CONFLICT",
      `"${supplier.name}" has no price for "${item.name}"; add one before making it the preferred supplier.`,
    );
}

export function assertCanUnarchiveSupplier(supplier: { archived: boolean }): void {
  if (!supplier.archived) throw new DomainError("CONFLICT", "This supplier is not archived.");
}
