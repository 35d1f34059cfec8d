import { Link } from "@tanstack/react-router";
import { useMemo, useState } from "react";
import { useCan } from "../../app/replicaContext.js";
import { Badge } from "../../ui/Badge.js";
import { useLocations, useLocationWithPath } from "../locations/data.js";
import { AdjustForm } from "./AdjustForm.js";
import { useStockAt } from "./data.js";
import { StockTable } from "./StockTable.js";
import { descendantsOf } from "./subLocations.js";
import { useParLevelsAt } from "./levels.js";
import { ParLevelForm } from "./ParLevelForm.js";
import { useNarrow } from "./useNarrow.js";

/**
 * Stock at one location, with the stock form for roles that may change stock. A parent location can
 * show the totals of everything inside it. On a narrow screen (tablet portrait) the form opens under
 * the row whose "Adjust" was tapped, so it stays next to what it changes.
 */
export function InventoryScreen({ locationId }: { locationId: string }) {
  const found = useLocationWithPath(locationId);
  const allLocations = useLocations();
  const subIds = useMemo(() => (allLocations ? descendantsOf(allLocations, locationId) : []), [allLocations, locationId]);
  const [withSub, setWithSub] = useState(false);
  const ids = useMemo(() => (withSub ? [locationId, ...subIds] : [locationId]), [withSub, locationId, subIds]);
  const lines = useStockAt(ids);
  const canAdjust = useCan("stock.adjust");
  const narrow = useNarrow();
  const [itemId, setItemId] = useState<string | null>(null);
  const [filter, setFilter] = useState("");
  // Most locations hold a handful of a practice's items: start with those, the rest is one tick away.
  const [heldOnly, setHeldOnly] = useState(true);
  const parLevels = useParLevelsAt(locationId);

  if (!found || !lines) return <p className="page-status">Loading…</p>;
  const { location, path } = found;
  if (!location) {
    return (
      <section className="screen">
        <p className="page-status">This location is not on this device (yet). It may appear after the next sync.</p>
        <Link to="/locations">Back to locations</Link>
      </section>
    );
  }

  const needle = filter.trim().toLowerCase();
  const shown = lines.filter(
    (l) =>
      (!heldOnly || l.batches.length > 0) &&
      (!needle || `${l.item.name} ${l.item.sku ?? ""} ${l.item.gtin ?? ""}`.toLowerCase().includes(needle)),
  );
  // Totals over sub-locations are for reading; changes are made at the location that holds the stock.
  const mayAdjust = canAdjust && !location.archived && !withSub;
  const startAdjust = (id: string) => {
    setItemId((open) => (narrow && open === id ? null : id));
    // Tablet flow: tap "Adjust" on a row, type the amount in the form that opens right there.
    requestAnimationFrame(() => document.getElementById(narrow ? `row-${id}-amount` : "adjust-amount")?.focus());
  };

  return (
    <section className="screen" aria-labelledby="inventory-title">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/locations">Locations</Link>
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
            {subIds.length > 0 && (
              <label className="checkbox">
                <input type="checkbox" checked={withSub} onChange={(e) => setWithSub(e.target.checked)} />
                Include {subIds.length} sub-location{subIds.length === 1 ? "" : "s"} (totals)
              </label>
            )}
          </div>
          {shown.length === 0 ? (
            <p className="page-status">
              {lines.length === 0
                ? "No items in this practice yet."
                : heldOnly && !needle
                  ? "No stock kept here yet. Untick “Only items kept here” to add some."
                  : "No item matches."}
            </p>
          ) : (
            <StockTable
              lines={shown}
              onAdjust={mayAdjust ? startAdjust : undefined}
              openItemId={narrow && mayAdjust ? itemId : null}
              parLevels={withSub ? undefined : parLevels}
              renderForm={(line) => (
                <>
                  <AdjustForm key={line.item.id} variant="inline" locationId={location.id} itemId={line.item.id} onItemChange={setItemId} />
                  <ParLevelForm
                    key={`par-${line.item.id}`}
                    locationId={location.id}
                    locationName={location.name}
                    itemId={line.item.id}
                    itemName={line.item.name}
                    current={parLevels?.get(line.item.id)}
                    inline
                  />
                </>
              )}
            />
          )}
        </div>
        {mayAdjust && !narrow && (
          <div style={{ display: "grid", gap: "1rem" }}>
            <AdjustForm locationId={location.id} itemId={itemId} onItemChange={setItemId} />
            {itemId && (
              <ParLevelForm
                key={`par-${itemId}`}
                locationId={location.id}
                locationName={location.name}
                itemId={itemId}
                itemName={lines.find((l) => l.item.id === itemId)?.item.name ?? ""}
                current={parLevels?.get(itemId)}
              />
            )}
          </div>
        )}
      </div>
    </section>
  );
}
