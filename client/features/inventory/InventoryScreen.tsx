import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { useCan } from "../../app/replicaContext.js";
import { Badge } from "../../ui/Badge.js";
import { useLocationWithPath } from "../locations/data.js";
import { AdjustForm } from "./AdjustForm.js";
import { useStockAt } from "./data.js";
import { StockTable } from "./StockTable.js";

/** Stock at one location, with the adjust form for roles that may adjust. */
export function InventoryScreen({ locationId }: { locationId: string }) {
  const found = useLocationWithPath(locationId);
  const lines = useStockAt(locationId);
  const canAdjust = useCan("stock.adjust");
  const [itemId, setItemId] = useState<string | null>(null);
  const [filter, setFilter] = useState("");
  const [heldOnly, setHeldOnly] = useState(false);

  if (!found || !lines) return <p className="page-status">Loading…</p>;
  const { location, path } = found;
  if (!location) {
    return (
      <section className="screen">
        <p className="page-status">This location is not on this device (yet). It may appear after the next sync.</p>
        <Link to="/">Back to locations</Link>
      </section>
    );
  }

  const needle = filter.trim().toLowerCase();
  const shown = lines.filter(
    (l) => (!heldOnly || l.batches.length > 0) && (!needle || `${l.item.name} ${l.item.sku ?? ""} ${l.item.gtin ?? ""}`.toLowerCase().includes(needle)),
  );
  const mayAdjust = canAdjust && !location.archived;
  const startAdjust = (id: string) => {
    setItemId(id);
    // Tablet flow: tap "Adjust" on a row, type the amount.
    requestAnimationFrame(() => document.getElementById("adjust-amount")?.focus());
  };

  return (
    <section className="screen" aria-labelledby="inventory-title">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/">Locations</Link>
        {path.slice(0, -1).map((p) => (
          <span key={p.id}>
            {" › "}
            <Link to="/locations/$locationId" params={{ locationId: p.id }}>
              {p.name}
            </Link>
          </span>
        ))}
      </nav>
      <div className="screen-header">
        <h1 id="inventory-title">{location.name}</h1>
        {location.archived && <Badge tone="muted">archived</Badge>}
      </div>
      <div className="split">
        <div>
          <label htmlFor="stock-filter" className="visually-hidden">
            Find an item
          </label>
          <div className="table-tools">
            <input id="stock-filter" type="search" placeholder="Find an item" value={filter} onChange={(e) => setFilter(e.target.value)} />
            <label className="checkbox">
              <input type="checkbox" checked={heldOnly} onChange={(e) => setHeldOnly(e.target.checked)} />
              Only items kept here
            </label>
          </div>
          {shown.length === 0 ? (
            <p className="page-status">{lines.length === 0 ? "No items in this practice yet." : "No item matches."}</p>
          ) : (
            <StockTable lines={shown} onAdjust={mayAdjust ? startAdjust : undefined} />
          )}
        </div>
        {mayAdjust && <AdjustForm locationId={location.id} itemId={itemId} onItemChange={setItemId} />}
      </div>
    </section>
  );
}
