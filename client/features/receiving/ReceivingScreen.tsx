/**
 * "/receiving": deliveries at the door. The orders a delivery can be received against (sent or partly
 * received, from the replica: works offline) with what is still to come, and a delivery nobody ordered.
 */
import { Link } from "@tanstack/react-router";
import { orderNumberLabel } from "../../../shared/orders/rules.js";
import { useCan } from "../../app/replicaContext.js";
import { Badge } from "../../ui/Badge.js";
import { useOpenOrders } from "./data.js";
import { ORDER_STATUS_LABELS } from "./labels.js";
import "./receiving.css";

export function ReceivingScreen() {
  const orders = useOpenOrders();
  const canReceive = useCan("orders.receive");
  return (
    <section className="screen receiving" aria-labelledby="receiving-title">
      <div className="screen-header">
        <h1 id="receiving-title">Receive a delivery</h1>
        {canReceive && (
          <Link className="button-link" to="/receiving/new" search={{}}>
            Delivery without an order
          </Link>
        )}
      </div>
      {!canReceive && <p className="notice">Your role does not receive deliveries.</p>}
      <h2>Open orders</h2>
      {orders === undefined ? (
        <p className="page-status">Loading…</p>
      ) : orders.length === 0 ? (
        <p className="muted">No sent orders are waiting for a delivery.</p>
      ) : (
        <ul className="plain-list open-orders">
          {orders.map(({ order, supplier, lines, ordered, received, outstanding }) => (
            <li key={order.id} className="card open-order" data-testid="open-order" data-order-id={order.id} data-status={order.status}>
              <div>
                <h3>
                  {order.number ? `Order ${orderNumberLabel(order.number)}` : "Order (not numbered yet)"} · {supplier?.name ?? "Supplier"}
                  <Badge tone={order.status === "SENT" ? "muted" : "warning"}>{ORDER_STATUS_LABELS[order.status]}</Badge>
                </h3>
                <p className="muted">
                  {lines.length} {lines.length === 1 ? "line" : "lines"} · {ordered} packs ordered · {received} received ·{" "}
                  <strong>{outstanding} still to come</strong>
                  {order.sentAt && ` · sent ${order.sentAt.slice(0, 10)}`}
                </p>
              </div>
              {canReceive && (
                <Link
                  className="button-link"
                  to="/receiving/new"
                  search={{ order: order.id }}
                  aria-label={`Receive order ${order.number ? orderNumberLabel(order.number) : "(not numbered yet)"} from ${supplier?.name ?? "supplier"}`}
                >
                  Receive
                </Link>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
