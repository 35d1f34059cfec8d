import type { LocationRow } from "../../../shared/protocol/entities.js";

export interface LocationNode {
  location: LocationRow;
  depth: number;
  children: LocationNode[];
}

const byName = (a: LocationRow, b: LocationRow) => a.name.localeCompare(b.name, undefined, { sensitivity: "base", numeric: true });

/**
 * Builds the nested tree, sorted by name. Archived locations are left out unless asked for. A location
 * whose parent is missing from the list (not synced yet, or hidden) is shown at the top level rather
 * than lost; rows caught in a cycle (bad data) are shown at the top level too.
 */
export function buildLocationTree(rows: readonly LocationRow[], includeArchived: boolean): LocationNode[] {
  const visible = rows.filter((r) => includeArchived || !r.archived);
  const ids = new Set(visible.map((r) => r.id));
  const childrenOf = new Map<string | null, LocationRow[]>();
  for (const row of visible) {
    const parent = row.parentId && ids.has(row.parentId) ? row.parentId : null;
    const list = childrenOf.get(parent) ?? [];
    list.push(row);
    childrenOf.set(parent, list);
  }
  const seen = new Set<string>();
  const build = (parent: string | null, depth: number): LocationNode[] =>
    (childrenOf.get(parent) ?? [])
      .filter((row) => !seen.has(row.id) && seen.add(row.id))
      .sort(byName)
      .map((location) => ({ location, depth, children: build(location.id, depth + 1) }));
  const roots = build(null, 0);
  // Rows caught in a parent cycle (bad data) are unreachable from the top: show them there anyway.
  for (const row of visible.filter((r) => !seen.has(r.id)).sort(byName)) {
    if (seen.has(row.id)) continue;
    seen.add(row.id);
    roots.push({ location: row, depth: 0, children: build(row.id, 1) });
  }
  return roots;
}

/** Depth-first list of the tree, for a parent <select> with indentation. */
export function flattenTree(nodes: readonly LocationNode[]): LocationNode[] {
  return nodes.flatMap((n) => [n, ...flattenTree(n.children)]);
}

/** Names from the root down to `id` (empty when unknown). */
export function pathTo(rows: readonly LocationRow[], id: string): LocationRow[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const path: LocationRow[] = [];
  for (let cur = byId.get(id); cur && path.length <= rows.length; cur = cur.parentId ? byId.get(cur.parentId) : undefined)
    path.unshift(cur);
  return path;
}

/**
 * Where `id` may be moved: every active location except itself and its descendants (a move there would
 * be a cycle, which the shared rule refuses anyway; the dialog should not offer it). Depth-first order.
 */
export function moveTargets(tree: readonly LocationNode[], id: string): LocationNode[] {
  const walk = (nodes: readonly LocationNode[]): LocationNode[] =>
    nodes.flatMap((n) => (n.location.id === id ? [] : [...(n.location.archived ? [] : [n]), ...walk(n.children)]));
  return walk(tree);
}
