import { Link } from "@tanstack/react-router";
import { formatUnits, useStockViews, useTotalsLabel } from "../stock-views/data.js";
import { CountAccuracyFigure } from "../counts/index.js";

/**
 * The managers' landing page: the practice's stock at a glance, each figure opening its list. Read
 * offline from the replica. Orders and counts do not exist yet, so they show zero / none.
 */
export function Dashboard() {
  const data = useStockViews();
  const value = useTotalsLabel(data?.value.totalsByCurrency, formatUnits);
  if (!data) return <p className="page-status">Loading…</p>;
  const expiringCount = [...data.expiring.values()].reduce((n, lines) => n + lines.length, 0);
  return (
    <section className="screen" aria-labelledby="dashboard-title">
      <h1 id="dashboard-title">Stock overview</h1>
      <div className="figures">
        <Link className="card figure" to="/stock/$view" params={{ view: "low" }} data-testid="figure-low">
          <strong>{data.low.length}</strong> items low on stock
        </Link>
        <Link className="card figure" to="/stock/$view" params={{ view: "expiring" }} data-testid="figure-expiring">
          <strong>{expiringCount}</strong> lots expiring within {data.horizon} days
        </Link>
        <Link className="card figure" to="/stock/$view" params={{ view: "expired" }} data-testid="figure-expired">
          <strong>{data.expired.length}</strong> expired lots on the shelves
        </Link>
        <Link className="card figure" to="/stock/$view" params={{ view: "value" }} data-testid="figure-value">
          <strong>{value}</strong> stock value (preferred supplier prices)
        </Link>
        <div className="card figure" data-testid="figure-orders">
          <strong>0</strong> open orders
        </div>
        <CountAccuracyFigure />
      </div>
    </section>
  );
}
