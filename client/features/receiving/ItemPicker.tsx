/** Adding an item by hand (a pack without a readable code): search by name, SKU or GTIN, tap to add one pack. */
import { useId, useMemo, useState } from "react";
import type { ItemRow } from "../../../shared/protocol/entities.js";

const SHOWN = 6;

export function matchItems(items: Iterable<ItemRow>, query: string, limit = SHOWN): ItemRow[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const found: ItemRow[] = [];
  for (const item of items) {
    if (item.archived) continue;
    if (item.name.toLowerCase().includes(q) || item.sku?.toLowerCase().includes(q) || item.gtin?.includes(q)) found.push(item);
  }
  return found.sort((a, b) => a.name.localeCompare(b.name)).slice(0, limit);
}

export function ItemPicker({ items, onPick }: { items: ReadonlyMap<string, ItemRow>; onPick: (item: ItemRow) => void }) {
  const [query, setQuery] = useState("");
  const id = useId();
  const matches = useMemo(() => matchItems(items.values(), query), [items, query]);
  return (
    <div className="item-picker">
      <label htmlFor={id}>Add an item by hand</label>
      <input
        id={id}
        type="search"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        placeholder="Name, SKU or GTIN"
        autoComplete="off"
      />
      {matches.length > 0 && (
        <ul className="plain-list item-picker-list">
          {matches.map((item) => (
            <li key={item.id}>
              <button
                type="button"
                className="secondary"
                onClick={() => {
                  onPick(item);
                  setQuery("");
                }}
              >
                Add {item.name}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
