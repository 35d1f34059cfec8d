import { Link } from "@tanstack/react-router";
import { useState, type FormEvent } from "react";
import { displayPrice } from "../../../shared/suppliers/money.js";
import { useCan } from "../../app/replicaContext.js";
import { errorMessage } from "../../ui/format.js";
import { FormError } from "../../ui/FormError.js";
import { formatUnits, type BatchStockLine } from "./compute.js";
import { daysLabel, useLotLookup, useSetExpiryHorizon, useStockViews, useTotalsLabel } from "./data.js";
import { LotMovements } from "./LotMovements.js";
import { VirtualRows } from "./VirtualRows.js";

export const STOCK_VIEWS = ["low", "expiring", "expired", "value", "lots"] as const;
export type StockView = (typeof STOCK_VIEWS)[number];
const TITLES: Record<StockView, string> = {
  low: "Low stock",
  expiring: "Expiring soon",
  expired: "Expired stock",
  value: "Stock value",
  lots: "Lot lookup",
};

/** One of the practice-wide stock lists, read offline from the replica. */
export function StockViewsScreen({ view }: { view: StockView }) {
  return (
    <section className="screen" aria-labelledby="view-title">
      <nav className="view-tabs" aria-label="Stock lists">
        {STOCK_VIEWS.map((v) => (
          <Link key={v} to="/stock/$view" params={{ view: v }}>
            {TITLES[v]}
          </Link>
        ))}
      </nav>
      <h1 id="view-title">{TITLES[view]}</h1>
      {view === "lots" ? <LotLookup /> : <PracticeView view={view} />}
    </section>
  );
}

function BatchLine({ line, today }: { line: BatchStockLine; today: string }) {
  return (
    <>
      <span>
        {line.item?.name ?? "Unknown item"} · Lot {line.batch.lot}
        <span className="muted"> · {line.location?.name ?? "unknown location"}</span>
      </span>
      <span className="num">{line.quantity ?? "hidden (blind count)"}</span>
      <span className="row-end">
        {line.batch.expiryDate} <span className="muted">({daysLabel(line.batch.expiryDate!, today)})</span>
      </span>
    </>
  );
}

function PracticeView({ view }: { view: Exclude<StockView, "lots"> }) {
  const data = useStockViews();
  const total = useTotalsLabel(data?.value.totalsByCurrency, formatUnits);
  if (!data) return <p className="page-status">Loading…</p>;
  const { today } = data;
  if (view === "low") {
    return data.low.length === 0 ? (
      <p className="page-status">Nothing is at or below its reorder point.</p>
    ) : (
      <>
        <p className="muted">
          Practice-wide: the total over all locations against each item's reorder point; “to order” reaches its maximum.
        </p>
        <VirtualRows
          label="Low stock"
          rows={data.low}
          rowKey={(l) => l.item.id}
          render={(l) => (
            <>
              <span>
                <Link to="/items/$itemId" params={{ itemId: l.item.id }}>
                  {l.item.name}
                </Link>
                <span className="muted">
                  {" "}
                  · reorder at {l.reorderPoint}
                  {l.item.maxStock != null ? `, max ${l.item.maxStock}` : ""}
                </span>
              </span>
              <span className="num">{l.onHand} on hand</span>
              <span className="row-end">
                <strong>{l.toMax}</strong> to order
              </span>
            </>
          )}
        />
      </>
    );
  }
  if (view === "expiring") {
    return (
      <>
        <HorizonSetting horizon={data.horizon} />
        {data.expiring.size === 0 ? (
          <p className="page-status">No stock expires in the next {data.horizon} days.</p>
        ) : (
          [...data.expiring].map(([group, lines]) => (
            <div key={group} className="view-group">
              <h2>
                Within {group} days ({lines.length})
              </h2>
              <VirtualRows
                label={`Within ${group} days`}
                rows={lines}
                rowKey={(l) => `${l.batch.id}:${l.location?.id}`}
                render={(l) => <BatchLine line={l} today={today} />}
              />
            </div>
          ))
        )}
      </>
    );
  }
  if (view === "expired") {
    return data.expired.length === 0 ? (
      <p className="page-status">No expired stock on the shelves.</p>
    ) : (
      <VirtualRows
        label="Expired stock"
        rows={data.expired}
        rowKey={(l) => `${l.batch.id}:${l.location?.id}`}
        render={(l) => <BatchLine line={l} today={today} />}
      />
    );
  }
  return (
    <>
      <p>
        Total: <strong data-testid="stock-value-total">{total}</strong>
      </p>
      <p className="muted">
        Value = quantity on hand (all locations) × the preferred supplier's current unit price.{" "}
        {data.value.unpriced > 0 ? `${data.value.unpriced} item(s) have no preferred price and count as 0.` : ""}
      </p>
      <VirtualRows
        label="Stock value"
        rows={data.value.lines}
        rowKey={(l) => l.item.id}
        render={(l) => (
          <>
            <span>
              {l.item.name}
              <span className="muted">
                {" "}
                · {l.quantity} × {l.unitPrice && l.currency ? displayPrice(l.unitPrice, l.currency) : "no preferred price"}
              </span>
            </span>
            <span className="num">{l.currency ? `${l.currency} ${formatUnits(l.value)}` : "—"}</span>
            <span />
          </>
        )}
      />
    </>
  );
}

function HorizonSetting({ horizon }: { horizon: number }) {
  const canSet = useCan("practice.manage");
  const setHorizon = useSetExpiryHorizon();
  const [days, setDays] = useState(String(horizon));
  const [error, setError] = useState<string | null>(null);
  if (!canSet) return <p className="muted">Looking {horizon} days ahead.</p>;
  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      setError(null);
      await setHorizon(Number(days));
    } catch (err) {
      setError(errorMessage(err));
    }
  }
  return (
    <form className="inline-form" onSubmit={submit}>
      <label htmlFor="horizon">Look ahead (days, for the whole practice)</label>
      <input id="horizon" type="number" min={1} max={730} step={1} value={days} onChange={(e) => setDays(e.target.value)} />
      <button type="submit" className="secondary">
        Save
      </button>
      <FormError message={error} />
    </form>
  );
}

function LotLookup() {
  const [lot, setLot] = useState("");
  const lines = useLotLookup(lot);
  return (
    <>
      <label htmlFor="lot-search">Lot number</label>
      <input
        id="lot-search"
        type="search"
        value={lot}
        onChange={(e) => setLot(e.target.value)}
        placeholder="e.g. FLU-24A"
        autoComplete="off"
      />
      <p className="muted">Every location holding this lot now (from this device, offline too), then its movements (from the server).</p>
      {lot.trim() &&
        lines &&
        (lines.length === 0 ? (
          <p className="page-status">No stock of lot “{lot.trim()}”.</p>
        ) : (
          <VirtualRows
            label="Locations holding the lot"
            rows={lines}
            rowKey={(l) => `${l.batch.id}:${l.location?.id}`}
            render={(l) => (
              <>
                <span>
                  {l.location ? (
                    <Link to="/locations/$locationId" params={{ locationId: l.location.id }}>
                      {l.location.name}
                    </Link>
                  ) : (
                    "Unknown location"
                  )}
                  <span className="muted">
                    {" "}
                    · {l.item?.name} · expires {l.batch.expiryDate ?? "—"}
                    {l.batch.expiryRaw && l.batch.expiryRaw !== l.batch.expiryDate ? ` (given as ${l.batch.expiryRaw})` : ""}
                  </span>
                </span>
                <span className="num">{l.quantity ?? "hidden (blind count)"}</span>
                <span />
              </>
            )}
          />
        ))}
      {lot.trim() && <LotMovements lot={lot} />}
    </>
  );
}
