import type { LocationRow } from "../../../shared/protocol/entities.js";

/** Every location inside `id` (children, their children, …), bounded so corrupt parent loops cannot spin. */
export function descendantsOf(rows: readonly LocationRow[], id: string): string[] {
  const childrenOf = new Map<string, string[]>();
  for (const r of rows) if (r.parentId) childrenOf.set(r.parentId, [...(childrenOf.get(r.parentId) ?? []), r.id]);
  const out: string[] = [];
  const seen = new Set([id]);
  const queue = [id];
  while (queue.length > 0) {
    for (const child of childrenOf.get(queue.shift()!) ?? []) {
      if (seen.has(child)) continue;
      seen.add(child);
      out.push(child);
      queue.push(child);
    }
  }
  return out;
}
