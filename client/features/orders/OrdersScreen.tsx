import { Link, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useCan } from "../../app/replicaContext.js";
import { errorMessage } from "../../ui/format.js";
import { FormError } from "../../ui/FormError.js";
import { useServerData } from "../../ui/useServerData.js";
import { useReloadWhenSynced } from "../sync/data.js";
import { loadEmailStates, useOrderActions, useOrderableSuppliers, useOrderSummaries, type OrderRow } from "./data.js";
import { emailStateText, orderNumber, STATUS_LABELS } from "./emailState.js";
import { TemplatesCard } from "./TemplatesCard.js";
import "./orders.css";

const STATUSES: OrderRow["status"][] = ["DRAFT", "SENT", "PARTIALLY_RECEIVED", "RECEIVED", "CANCELLED"];

/** "/orders": the practice's orders by status, a new draft, the templates. */
export function OrdersScreen() {
  const summaries = useOrderSummaries();
  const [status, setStatus] = useState<OrderRow["status"]>("DRAFT");
  const emails = useServerData(loadEmailStates);
  // A send just pushed changes what the server says about its email: read again when the outbox drains.
  useReloadWhenSynced(emails.reload);
  const canOrder = useCan("orders.manage");
  const shown = summaries?.filter((s) => s.order.status === status);
  const emailMap = emails.state.status === "ready" ? emails.state.data : null;

  return (
    <section className="screen orders-screen" aria-labelledby="orders-title">
      <div className="screen-header">
        <h1 id="orders-title">Orders</h1>
        {canOrder && (
          <Link className="button link-as-button" to="/orders/suggestions">
            Suggested orders
          </Link>
        )}
      </div>
      {canOrder && <NewDraft />}
      <div className="order-tabs" role="group" aria-label="Order status">
        {STATUSES.map((s) => (
          <button key={s} type="button" className="secondary" aria-pressed={status === s} onClick={() => setStatus(s)}>
            {STATUS_LABELS[s]} ({summaries?.filter((x) => x.order.status === s).length ?? 0})
          </button>
        ))}
      </div>
      {emails.state.status === "error" && <p className="muted">Email states need a connection; orders below are from this device.</p>}
      {!shown ? (
        <p className="page-status">Loading…</p>
      ) : shown.length === 0 ? (
        <p className="page-status">No {STATUS_LABELS[status].toLowerCase()} orders.</p>
      ) : (
        <div className="table-scroll">
          <table className="stock-table order-list">
            <thead>
              <tr>
                <th scope="col">Order</th>
                <th scope="col">Supplier</th>
                <th scope="col" className="num">
                  Lines
                </th>
                <th scope="col" className="num">
                  Total
                </th>
                <th scope="col">Email</th>
              </tr>
            </thead>
            <tbody>
              {shown.map(({ order, supplierName, lineCount, total }) => (
                <tr key={order.id}>
                  <th scope="row">
                    <Link to="/orders/$orderId" params={{ orderId: order.id }} className="row-link">
                      {orderNumber(order)}
                    </Link>
                  </th>
                  <td>{supplierName}</td>
                  <td className="num">{lineCount}</td>
                  <td className="num">
                    {total.currency} {total.printedTotal}
                    {total.unpricedLines > 0 && <span className="muted"> + {total.unpricedLines} to confirm</span>}
                  </td>
                  <td>{emailStateText(order, emailMap?.get(order.id))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canOrder && <TemplatesCard />}
    </section>
  );
}

/** Pick a supplier and start an empty draft (offline too). */
function NewDraft() {
  const suppliers = useOrderableSuppliers();
  const [supplierId, setSupplierId] = useState("");
  const [error, setError] = useState<string | null>(null);
  const actions = useOrderActions();
  const navigate = useNavigate();

  async function start() {
    try {
      const orderId = await actions.createDraft(supplierId);
      await navigate({ to: "/orders/$orderId", params: { orderId } });
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <div className="card order-new">
      <div className="field">
        <label htmlFor="new-order-supplier">New order to</label>
        <select id="new-order-supplier" value={supplierId} onChange={(e) => setSupplierId(e.target.value)}>
          <option value="">Choose a supplier…</option>
          {suppliers?.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
              {s.orderEmail ? "" : " (no order email: phone in)"}
            </option>
          ))}
        </select>
      </div>
      <button type="button" disabled={!supplierId} onClick={start}>
        Start draft
      </button>
      <FormError message={error} />
    </div>
  );
}
