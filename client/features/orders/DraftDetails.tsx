import { useState } from "react";
import { errorMessage } from "../../ui/format.js";
import { FormError } from "../../ui/FormError.js";
import { useDeliveryLocations, useOrderActions, type OrderView } from "./data.js";

/** Supplier contact, delivery location and notes; editable while a draft. */
export function DraftDetails({ view, editable }: { view: OrderView; editable: boolean }) {
  const { order, supplier } = view;
  const locations = useDeliveryLocations();
  const actions = useOrderActions();
  const [notes, setNotes] = useState(order.notes ?? "");
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  async function run(change: () => Promise<unknown>) {
    setSaved(false);
    try {
      await change();
      setError(null);
      setSaved(true);
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <section className="card order-details" aria-label="Order details">
      <dl className="order-facts">
        <dt>Supplier</dt>
        <dd>{supplier?.name ?? "—"}</dd>
        <dt>Order email</dt>
        <dd>{supplier?.orderEmail ?? "none: phone the order in"}</dd>
        <dt>Account number</dt>
        <dd>{supplier?.accountNumber ?? "—"}</dd>
      </dl>
      {editable ? (
        <div className="editor-grid">
          <div className="field">
            <label htmlFor="order-delivery">Deliver to</label>
            <select
              id="order-delivery"
              value={order.deliveryLocationId ?? ""}
              onChange={(e) => void run(() => actions.update(order.id, { deliveryLocationId: e.target.value || null }))}
            >
              <option value="">The practice address</option>
              {locations?.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field wide">
            <label htmlFor="order-notes">Notes for the supplier</label>
            <textarea id="order-notes" rows={2} maxLength={2000} value={notes} onChange={(e) => setNotes(e.target.value)} />
          </div>
        </div>
      ) : (
        <dl className="order-facts">
          <dt>Deliver to</dt>
          <dd>{locations?.find((l) => l.id === order.deliveryLocationId)?.name ?? "The practice address"}</dd>
          <dt>Notes</dt>
          <dd>{order.notes ?? "—"}</dd>
          {order.sentAt && (
            <>
              <dt>Sent</dt>
              <dd>
                {new Date(order.sentAt).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" })}
                {order.sentManually ? " (phoned in)" : ""}
              </dd>
            </>
          )}
        </dl>
      )}
      {editable && notes !== (order.notes ?? "") && (
        <div className="form-actions">
          <button type="button" onClick={() => void run(() => actions.update(order.id, { notes: notes.trim() || null }))}>
            Save notes
          </button>
        </div>
      )}
      {saved && <p className="form-success">Saved.</p>}
      <FormError message={error} />
    </section>
  );
}
