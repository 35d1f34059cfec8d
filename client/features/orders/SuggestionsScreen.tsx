import { Link, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { describeError } from "../../api/describeError.js";
import { errorMessage } from "../../ui/format.js";
import { FormError } from "../../ui/FormError.js";
import { useServerData } from "../../ui/useServerData.js";
import { displayPrice, loadSuggestions, useOrderActions, type SuggestionGroup } from "./data.js";
import "./orders.css";

/**
 * "/orders/suggestions": what to order, per preferred supplier, and why (computed on the server over the
 * stock ledger, so it needs a connection). "Create draft" turns a group into a draft the manager reviews.
 */
export function SuggestionsScreen() {
  const { state, reload } = useServerData(loadSuggestions);

  return (
    <section className="screen orders-screen" aria-labelledby="suggestions-title">
      <div className="screen-header">
        <div>
          <p className="breadcrumb">
            <Link to="/orders">Orders</Link> /
          </p>
          <h1 id="suggestions-title">Suggested orders</h1>
        </div>
        <button type="button" className="secondary" onClick={reload}>
          Refresh
        </button>
      </div>
      {state.status === "loading" ? (
        <p className="page-status">Working out what to order…</p>
      ) : state.status === "error" ? (
        <p className="page-status">{describeError(state.error)} Suggestions are worked out on the server from the stock history.</p>
      ) : state.data.groups.length === 0 ? (
        <p className="page-status">Nothing is below its reorder point (counting what is on order).</p>
      ) : (
        <>
          <p className="muted">
            Usage is averaged over the last {state.data.weeks} weeks. Each quantity brings the item to its maximum (or reorder point), plus
            what it uses while the order travels, rounded up to whole packs and the supplier's minimum.
          </p>
          {state.data.groups.map((group) => (
            <SuggestionCard key={group.supplierId ?? "none"} group={group} />
          ))}
        </>
      )}
    </section>
  );
}

function SuggestionCard({ group }: { group: SuggestionGroup }) {
  const actions = useOrderActions();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const title = group.supplierName ?? "No preferred supplier";

  async function createDraft() {
    if (!group.supplierId) return;
    try {
      const orderId = await actions.createFromSuggestion(group.supplierId, group.lines);
      await navigate({ to: "/orders/$orderId", params: { orderId } });
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  const headingId = `suggestion-${group.supplierId ?? "none"}`;
  return (
    <section className="card" aria-labelledby={headingId}>
      <div className="suggestion-head">
        <h2 id={headingId}>{title}</h2>
        {group.supplierId ? (
          <button type="button" onClick={() => void createDraft()}>
            Create draft ({group.lines.length} {group.lines.length === 1 ? "line" : "lines"})
          </button>
        ) : (
          <p className="muted">Choose a preferred supplier on these items' pages to order them.</p>
        )}
      </div>
      <FormError message={error} />
      <div className="table-scroll">
        <table className="stock-table suggestion-lines">
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col" className="num">
                On hand
              </th>
              <th scope="col" className="num">
                On order
              </th>
              <th scope="col" className="num">
                Reorder at
              </th>
              <th scope="col" className="num">
                Packs
              </th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {group.lines.map((line) => (
              <tr key={line.itemId}>
                <th scope="row">
                  {line.itemName}
                  {line.unitPrice && line.currency && <div className="muted">{displayPrice(line.unitPrice, line.currency)} per pack</div>}
                </th>
                <td className="num">{line.onHand}</td>
                <td className="num">{line.onOrder}</td>
                <td className="num">{line.reorderPoint}</td>
                <td className="num">
                  <strong>{line.packs}</strong>
                  <div className="muted">× {line.packSize}</div>
                </td>
                <td className="why">
                  {line.why}
                  {line.raisedToMinimum && <span className="badge badge-muted">minimum order</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
