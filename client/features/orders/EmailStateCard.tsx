import { useCallback, useState } from "react";
import { useCan } from "../../app/replicaContext.js";
import { describeError } from "../../api/describeError.js";
import { errorMessage } from "../../ui/format.js";
import { FormError } from "../../ui/FormError.js";
import { useServerData } from "../../ui/useServerData.js";
import { useReloadWhenSynced } from "../sync/data.js";
import { loadEmailState, useOrderActions, type OrderRow } from "./data.js";
import { emailStateText } from "./emailState.js";

/**
 * The supplier email's state, read from the server (the worker changes it outside any push): queued,
 * sent at, or failed with the reason and a Retry for admins. Read again after each sync and on Refresh.
 */
export function EmailStateCard({ order }: { order: OrderRow }) {
  const load = useCallback(() => loadEmailState(order.id), [order.id]);
  const { state, reload } = useServerData(load);
  useReloadWhenSynced(reload);
  const actions = useOrderActions();
  const canRetry = useCan("orders.manage");
  const [error, setError] = useState<string | null>(null);

  async function retry() {
    try {
      await actions.retryEmail(order.id);
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <section className="card" aria-labelledby="order-email-title">
      <h2 id="order-email-title">Supplier email</h2>
      {state.status === "loading" ? (
        <p className="muted">Reading the email state…</p>
      ) : state.status === "error" ? (
        <p className="muted">{describeError(state.error)}</p>
      ) : (
        <>
          <p data-testid="order-email-state" data-state={state.data.state}>
            {emailStateText(order, state.data)}
            {state.data.recipient && <span className="muted"> · to {state.data.recipient}</span>}
            {state.data.attempts > 1 && <span className="muted"> · {state.data.attempts} attempts</span>}
          </p>
          {state.data.canRetry && canRetry && (
            <button type="button" onClick={() => void retry()}>
              Retry email
            </button>
          )}
        </>
      )}
      <button type="button" className="secondary" onClick={reload}>
        Refresh
      </button>
      <FormError message={error} />
    </section>
  );
}
