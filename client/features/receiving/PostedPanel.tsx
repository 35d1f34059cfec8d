/**
 * After posting: the receipt is on this device and queued. Says whether it still waits to sync, what the
 * order's status now is, and the server's refusal with its reason (the receipt can be corrected and
 * posted again: the packs taken are kept on screen).
 */
import { Link } from "@tanstack/react-router";
import { ORDER_STATUS_LABELS } from "./labels.js";
import { usePostedState } from "./data.js";

interface Props {
  receiptId: string;
  orderId: string | null;
  title: string;
  summary: string;
  onCorrect: () => void;
}

export function PostedPanel({ receiptId, orderId, title, summary, onCorrect }: Props) {
  const state = usePostedState(receiptId, orderId);
  if (!state) return <p className="page-status">Loading…</p>;
  const refused = state.notice?.kind === "rejected";
  const phase = refused ? "refused" : state.pending ? "pending" : "synced";
  return (
    <section className="screen receiving" aria-labelledby="posted-title">
      <div className="screen-header">
        <h1 id="posted-title">{title}</h1>
      </div>
      <div className="card posted" data-testid="receipt-posted" data-state={phase}>
        <h2>{refused ? "The server refused this receipt" : "Receipt posted"}</h2>
        <p>{summary}.</p>
        {phase === "pending" && (
          <p className="notice" role="status">
            Waiting to sync: it is saved on this tablet and is sent as soon as it is online.
          </p>
        )}
        {phase === "synced" && (
          <p className="form-success" role="status">
            Synced with the server.
          </p>
        )}
        {state.notice && (
          <p className={refused ? "form-error" : "notice"} role="alert" data-testid="receipt-notice">
            {state.notice.message}
          </p>
        )}
        {orderId && state.orderStatus && (
          <p>
            Order status:{" "}
            <strong data-testid="order-status" data-status={state.orderStatus}>
              {ORDER_STATUS_LABELS[state.orderStatus]}
            </strong>
            {state.pending && <span className="muted"> (on this tablet, until synced)</span>}
          </p>
        )}
        <div className="form-actions">
          {refused && (
            <button type="button" onClick={onCorrect}>
              Correct and post again
            </button>
          )}
          <Link className="button-link" to="/receiving">
            Next delivery
          </Link>
        </div>
      </div>
    </section>
  );
}
