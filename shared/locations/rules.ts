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
    throw new DomainError(
      "LOCATION_NOT_EMPTY",
      `This location still has ${activeChildren} active sub-location(s); move or archive them first.`,
    );
  }
  if (stockOnHand > 0) {
    throw new DomainError("LOCATION_NOT_EMPTY", `This location still holds ${stockOnHand} unit(s) of stock; move or adjust it first.`);
  }
}

/** Names compare as people read them: spaces around and letter case do not make a different place. */
export function sameLocationName(a: string, b: string): boolean {
  return a.trim().localeCompare(b.trim(), undefined, { sensitivity: "accent" }) === 0;
}

interface NamedNode extends TreeNode {
  name: string;
  archived: boolean;
}

/**
 * Two active locations under the same parent (or both at the top) cannot share a name: "Fridge" twice
 * in one room is ambiguous on a tablet. Archived siblings do not hold their name (restoring one checks
 * again). `self` is the location being created, renamed, moved or restored; its own row is skipped.
 */
export function assertSiblingNameFree(siblings: Iterable<NamedNode>, self: { id: string; name: string; parentId: string | null }): void {
  for (const s of siblings) {
    if (s.id === self.id || s.archived || s.parentId !== self.parentId) continue;
    if (sameLocationName(s.name, self.name)) {
      throw new DomainError("ALREADY_EXISTS", `There is already a location named "${s.name}" here. Choose another name.`);
    }
  }
}
