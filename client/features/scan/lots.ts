import type { LocationRow } from "../../../shared/protocol/entities.js";

/** Names from the root to a location, e.g. "Main building › Vaccine fridge" (a cycle or missing parent ends the walk). */
export function locationPath(byId: ReadonlyMap<string, LocationRow>, id: string): string {
  const names: string[] = [];
  const seen = new Set<string>();
  for (let at = byId.get(id); at && !seen.has(at.id); at = at.parentId ? byId.get(at.parentId) : undefined) {
    seen.add(at.id);
    names.unshift(at.name);
  }
  return names.join(" › ");
}
