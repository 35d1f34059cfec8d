import { DomainError } from "../errors.js";

/**
 * An item new work may use: it exists (in this practice) and is not archived. Shared by the client's
 * optimistic apply and the server mutators, so both sides refuse with the same code and message.
 */
export function assertItemActive<I extends { name: string; archived: boolean }>(item: I | null | undefined): I {
  if (!item) throw new DomainError("NOT_FOUND", "Item not found.");
  if (item.archived) throw new DomainError("ITEM_ARCHIVED", `Item "${item.name}" is archived.`);
  return item;
}
