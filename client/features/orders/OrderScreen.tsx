import { getRouteApi, Link } from "@tanstack/react-router";
import { useCan } from "../../app/replicaContext.js";
import { useOrder, useOrderActions, useOrderNotices } from "./data.js";
import { DraftDetails } from "./DraftDetails.js";
import { orderNumber, STATUS_LABELS } from "./emailState.js";
import { EmailStateCard } from "./EmailStateCard.js";
import { OrderActions } from "./OrderActions.js";
import { OrderLines } from "./OrderLines.js";
import "./orders.css";

const orderRoute = getRouteApi("/app/orders/$orderId");

/** "/orders/<id>": a draft to edit and send, or a sent order with its email state and what can still be done. */
export function OrderScreen() {
  const { orderId } = orderRoute.useParams();
  const view = useOrder(orderId);
  const notices = useOrderNotices(orderId);
  const actions = useOrderActions();
  const canOrder = useCan("orders.manage");

  if (view === undefined) return <p className="page-status">Loading…</p>;
  if (view === null) {
    return (
      <p className="page-status">
        This order does not exist (or has not arrived yet). <Link to="/orders">Back to orders</Link>
      </p>
    );
  }
  const { order, supplier } = view;
  const editable = canOrder && order.status === "DRAFT";

  return (
    <section className="screen orders-screen" aria-labelledby="order-title">
      <div className="screen-header">
        <div>
          <p className="breadcrumb">
            <Link to="/orders">Orders</Link> /
          </p>
          <h1 id="order-title">
            Order {orderNumber(order)} · {supplier?.name ?? "(unknown supplier)"}
          </h1>
          <p>
            <span className="badge badge-pending" data-testid="order-status">
              {STATUS_LABELS[order.status]}
            </span>
            {order.sentManually && <span className="badge badge-muted">phoned in</span>}
            {order.cancelReason && <span className="muted"> Cancelled: {order.cancelReason}</span>}
            {order.closeReason && <span className="muted"> Closed short: {order.closeReason}</span>}
          </p>
        </div>
      </div>
      {notices.map((n) => (
        <div key={n.id} className={`card notice notice-${n.kind}`} role="alert">
          <p>
            <strong>{n.kind === "rejected" ? "Refused by the server" : "Applied with a conflict"}:</strong> {n.message}
          </p>
          <button type="button" className="secondary" onClick={() => void actions.dismissNotice(n.id)}>
            Dismiss
          </button>
        </div>
      ))}
      <DraftDetails view={view} editable={editable} />
      <OrderLines view={view} editable={editable} />
      {canOrder && <OrderActions view={view} />}
      {order.status !== "DRAFT" && order.emailed && <EmailStateCard order={order} />}
    </section>
  );
}
