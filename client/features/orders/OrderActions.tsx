import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { DomainError } from "../../../shared/errors.js";
import { errorMessage } from "../../ui/format.js";
import { FormError } from "../../ui/FormError.js";
import { actionAllowedIn, useOrderActions, type OrderView } from "./data.js";

type ReasonAction = "cancel" | "close";

/**
 * What can still be done to the order: only the actions the shared status machine allows in its status
 * are offered. Offline they queue like any change; a refusal (here or from the server) shows its reason.
 */
export function OrderActions({ view }: { view: OrderView }) {
  const { order, supplier } = view;
  const actions = useOrderActions();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [offerManual, setOfferManual] = useState(false);
  const [asking, setAsking] = useState<ReasonAction | null>(null);
  const [reason, setReason] = useState("");
  const [templateName, setTemplateName] = useState("");
  const allowed = (a: Parameters<typeof actionAllowedIn>[1]) => actionAllowedIn(order.status, a);
  const noEmail = !supplier?.orderEmail?.trim();

  async function run(change: () => Promise<unknown>, message: string) {
    setDone(null);
    try {
      await change();
      setError(null);
      setDone(message);
      return true;
    } catch (err) {
      if (err instanceof DomainError && err.code === "SUPPLIER_NO_ORDER_EMAIL") setOfferManual(true);
      setError(errorMessage(err));
      return false;
    }
  }

  async function deleteDraft() {
    if (!window.confirm("Delete this draft? Its lines go with it.")) return;
    if (await run(() => actions.deleteDraft(order.id), "Deleted.")) await navigate({ to: "/orders" });
  }

  async function confirmReason() {
    const text = reason.trim();
    if (!text) return setError("Say why.");
    const ok = await run(
      () => (asking === "cancel" ? actions.cancel(order.id, text) : actions.close(order.id, text)),
      asking === "cancel" ? "Cancelled." : "Closed.",
    );
    if (ok) {
      setAsking(null);
      setReason("");
    }
  }

  const any = allowed("SEND") || allowed("DELETE") || allowed("CANCEL") || allowed("CLOSE");
  return (
    <section className="card" aria-labelledby="order-actions-title">
      <h2 id="order-actions-title">{any ? "Actions" : "Template"}</h2>
      <div className="order-actions">
        {allowed("SEND") && (
          <button type="button" onClick={() => void run(() => actions.send(order.id), "Sent: the supplier email is queued.")}>
            Send order
          </button>
        )}
        {allowed("MARK_SENT_MANUALLY") && (noEmail || offerManual) && (
          <button
            type="button"
            className="secondary"
            onClick={() => void run(() => actions.markSentManually(order.id, "Phoned in"), "Marked as sent (phoned in).")}
          >
            Mark as sent (phoned in)
          </button>
        )}
        {allowed("CANCEL") && (
          <button type="button" className="danger" onClick={() => setAsking("cancel")}>
            Cancel order…
          </button>
        )}
        {allowed("CLOSE") && (
          <button type="button" className="secondary" onClick={() => setAsking("close")}>
            Close (rest not coming)…
          </button>
        )}
        {allowed("DELETE") && (
          <button type="button" className="danger" onClick={() => void deleteDraft()}>
            Delete draft
          </button>
        )}
      </div>
      {allowed("SEND") && noEmail && <p className="muted">This supplier has no order email: phone the order in, then mark it as sent.</p>}
      {asking && (
        <div className="order-reason">
          <div className="field wide">
            <label htmlFor="order-reason">{asking === "cancel" ? "Why is it cancelled?" : "Why is the rest not coming?"}</label>
            <input id="order-reason" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} autoFocus />
          </div>
          <button type="button" className={asking === "cancel" ? "danger" : undefined} onClick={() => void confirmReason()}>
            {asking === "cancel" ? "Cancel the order" : "Close the order"}
          </button>
          <button type="button" className="secondary" onClick={() => setAsking(null)}>
            Back
          </button>
        </div>
      )}
      {view.lines.length > 0 && (
        <div className="order-template-save">
          <div className="field">
            <label htmlFor="order-template-name">Save these lines as a template</label>
            <input
              id="order-template-name"
              value={templateName}
              maxLength={100}
              placeholder="e.g. Monthly gloves"
              onChange={(e) => setTemplateName(e.target.value)}
            />
          </div>
          <button
            type="button"
            className="secondary"
            disabled={!templateName.trim()}
            onClick={() =>
              void run(() => actions.saveAsTemplate(order.id, templateName.trim()), `Template "${templateName.trim()}" saved.`).then(
                (ok) => ok && setTemplateName(""),
              )
            }
          >
            Save template
          </button>
        </div>
      )}
      {done && (
        <p className="form-success" role="status">
          {done}
        </p>
      )}
      <FormError message={error} />
    </section>
  );
}
