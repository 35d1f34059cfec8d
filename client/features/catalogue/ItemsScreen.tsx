import { Link, useNavigate } from "@tanstack/react-router";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useDeferredValue, useRef, useState } from "react";
import { useCan } from "../../app/replicaContext.js";
import { useItemSearch, type ItemRow } from "./data.js";
import "./catalogue.css";

const ROW_HEIGHT = 64;

/**
 * The practice's items, searchable by name, SKU or GTIN. The list is virtualised: only the rows in view
 * (plus a few) are in the DOM, so 10,000 items scroll and filter smoothly on a tablet.
 */
export function ItemsScreen() {
  const [query, setQuery] = useState("");
  const [showArchived, setShowArchived] = useState(false);
  // Typing stays responsive: filtering 10,000 items runs at a lower priority than the keystroke.
  const deferred = useDeferredValue(query);
  const items = useItemSearch(deferred, showArchived);
  const canManage = useCan("catalogue.manage");
  const navigate = useNavigate();

  return (
    <section className="screen" aria-labelledby="items-title">
      <div className="screen-header">
        <h1 id="items-title">Items</h1>
        {canManage && (
          <Link className="button" to="/items/new">
            Add item
          </Link>
        )}
      </div>
      <div className="table-tools">
        <label htmlFor="item-search" className="visually-hidden">
          Search items
        </label>
        <input
          id="item-search"
          type="search"
          placeholder="Search by name, SKU or GTIN"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            // A typed (or wedge-scanned) code followed by Enter opens the one item it names.
            if (e.key === "Enter" && items?.length === 1) void navigate({ to: "/items/$itemId", params: { itemId: items[0]!.id } });
          }}
          autoComplete="off"
          inputMode="search"
        />
        <label className="checkbox">
          <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} />
          Show archived
        </label>
        {items && (
          <span className="muted" aria-live="polite">
            {items.length.toLocaleString()} item{items.length === 1 ? "" : "s"}
          </span>
        )}
      </div>
      {!items ? (
        <p className="page-status">Loading…</p>
      ) : items.length === 0 ? (
        <p className="page-status">
          {query ? "No item matches that search." : `No items in this practice yet${canManage ? ": add the first one." : "."}`}
        </p>
      ) : (
        <VirtualItemList items={items} />
      )}
    </section>
  );
}

function VirtualItemList({ items }: { items: ItemRow[] }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // The virtualizer's functions change on scroll; React Compiler rightly skips memoising this component.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  return (
    <div ref={scrollRef} className="item-scroll" data-testid="item-list">
      <ul className="item-list" style={{ height: virtualizer.getTotalSize() }} aria-label="Items">
        {virtualizer.getVirtualItems().map((row) => {
          const item = items[row.index]!;
          return (
            <li key={item.id} className="item-row" style={{ transform: `translateY(${row.start}px)`, height: ROW_HEIGHT }}>
              <Link to="/items/$itemId" params={{ itemId: item.id }} className="item-link">
                <span className="item-name">
                  {item.name}
                  {item.archived && <span className="badge badge-muted">archived</span>}
                  {item.batchTracked && <span className="badge badge-pending">batches</span>}
                </span>
                <span className="item-meta muted">{itemMeta(item)}</span>
              </Link>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function itemMeta(item: ItemRow): string {
  const parts = [
    item.sku ? `SKU ${item.sku}` : null,
    item.gtin ? `GTIN ${item.gtin.replace(/^0(?=\d{13}$)/, "")}` : null,
    item.category,
    item.packSize > 1 ? `${item.packSize} × ${item.unit}` : item.unit,
  ];
  return parts.filter(Boolean).join(" · ");
}
