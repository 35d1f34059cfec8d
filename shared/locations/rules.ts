import { DomainError } from "../errors.js";

export const LOCATION_NAME_MAX = 100;

interface TreeNode {
  id: string;
  parentId: string | null;
}

/**
 * Refuses a move that would put a location under itself or one of its descendants.
 * Walks up from the new parent; the walk is bounded by the number of locations so bad data cannot loop.
 */
export function assertNoCycle(locations: Iterable<TreeNode>, id: string, newParentId: string | null): void {
  if (newParentId === null) return;
  const parentOf = new Map<string, string | null>();
  for (const l of locations) parentOf.set(l.id, l.parentId);
  let cursor: string | null = newParentId;
  for (let steps = 0; cursor !== null && steps <= parentOf.size; steps++) {
    if (cursor === id) throw new DomainError("LOCATION_CYCLE", "A location cannot be moved under itself or one of its sub-locations.");
    cursor = parentOf.get(cursor) ?? null;
  }
}

/**
 * A location new work may use: it exists (in this practice) and is not archived. One rule and one
 * message for the client's optimistic apply and the server mutator, so both sides refuse alike.
 */
export function assertLocationActive<L extends { name: string; archived: boolean }>(location: L | null | undefined): L {
  if (!location) throw new DomainError("NOT_FOUND", "Location not found.");
  if (location.archived) throw new DomainError("LOCATION_ARCHIVED", `Location "${location.name}" is archived.`);
  return location;
}

/** An archived location comes back only when its parent is active (or it is top-level): no active child under an archived parent. */
export function assertCanUnarchive(location: { archived: boolean }, parent: { name: string; archived: boolean } | null): void {
  if (!location.archived) throw new DomainError("CONFLICT", "This location is not archived.");
  if (parent?.archived) throw new DomainError("LOCATION_ARCHIVED", `Location "${parent.name}" is archived; restore it first.`);
}

/** A location can be archived only when it holds no stock and has no active sub-locations. */
export function assertCanArchive(stockOnHand: number, activeChildren: number): void {
  if (activeChildren > 0) {
    throw new DomainError("LOCATION_NOT_EMPTY", `This location still has ${activeChildren} active sub-location(s); move or archive them first.`);
  }
  if (stockOnHand > 0) {
    throw new DomainError("LOCATION_NOT_EMPTY", `This location still holds ${stockOnHand} unit(s) of stock; move or adjust it first.`);
  }
}
