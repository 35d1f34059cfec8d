import { useState } from "react";
import { errorMessage } from "../../ui/format.js";
import { FormError } from "../../ui/FormError.js";
import { displayPrice, lineTotal, useOrderActions, useSupplierOffers, type OrderView } from "./data.js";

/** Quantities are whole packs (1 … 1,000,000), as the shared line schema allows. */
function parsePacks(text: string): number | null {
  if (!/^\d{1,7}$/.test(text.trim())) return null;
  const n = Number(text.trim());
  return n >= 1 && n <= 1_000_000 ? n : null;
}

/** The order's lines with their price snapshot and total; a draft's lines are changed, removed and added here. */
export function OrderLines({ view, editable }: { view: OrderView; editable: boolean }) {
  const { order, lines, total } = view;
  const actions = useOrderActions();
  const [error, setError] = useState<string | null>(null);
  const showReceived = order.status !== "DRAFT";

  async function run(change: () => Promise<unknown>) {
    try {
      await change();
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <section className="card" aria-labelledby="order-lines-title">
      <h2 id="order-lines-title">Lines</h2>
      <FormError message={error} />
      {lines.length === 0 ? (
        <p className="muted">No lines yet{editable ? ": add the items to order below." : "."}</p>
      ) : (
        <div className="table-scroll">
          <table className="stock-table order-lines">
            <thead>
              <tr>
                <th scope="col">Item</th>
                <th scope="col" className="sku">
                  Their SKU
                </th>
                <th scope="col" className="num">
                  Pack
                </th>
                <th scope="col" className="num">
                  Packs
                </th>
                {showReceived && (
                  <th scope="col" className="num">
                    Received
                  </th>
                )}
                <th scope="col" className="num">
                  Price / pack
                </th>
                <th scope="col" className="num">
                  Line total
                </th>
                {editable && <th scope="col">{""}</th>}
              </tr>
            </thead>
            <tbody>
              {lines.map(({ line, itemName, unit }) => {
                const amount = lineTotal(line);
                return (
                  <tr key={line.id}>
                    <th scope="row">{itemName}</th>
                    <td className="sku">{line.supplierSku ?? "—"}</td>
                    <td className="num">
                      {line.packSize} {unit}
                    </td>
                    <td className="num">
                      {editable ? (
                        <QuantityInput
                          key={line.quantity}
                          label={`Packs of ${itemName}`}
                          value={line.quantity}
                          onCommit={(q) => run(() => actions.setLine(order.id, line.itemId, q))}
                        />
                      ) : (
                        line.quantity
                      )}
                    </td>
                    {showReceived && <td className="num">{line.receivedQuantity}</td>}
                    <td className="num">{line.unitPrice === null ? "to confirm" : displayPrice(line.unitPrice, order.currency)}</td>
                    <td className="num">{amount === null ? "—" : displayPrice(amount, order.currency)}</td>
                    {editable && (
                      <td>
                        <button
                          type="button"
                          className="secondary"
                          onClick={() => void run(() => actions.removeLine(order.id, line.itemId))}
                        >
                          Remove <span className="visually-hidden">{itemName}</span>
                        </button>
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <p className="order-total" data-testid="order-total">
        Total {total.currency} {total.printedTotal}
        {total.unpricedLines > 0 && <span className="muted"> (and {total.unpricedLines} lines with a price to confirm)</span>}
      </p>
      {editable && <AddLine view={view} onError={setError} />}
    </section>
  );
}

function QuantityInput({ label, value, onCommit }: { label: string; value: number; onCommit: (q: number) => Promise<void> }) {
  const [text, setText] = useState(String(value));
  const packs = parsePacks(text);
  const commit = () => {
    if (packs !== null && packs !== value) void onCommit(packs);
    else if (packs === null) setText(String(value));
  };
  return (
    <input
      className="qty-input"
      aria-label={label}
      inputMode="numeric"
      value={text}
      onChange={(e) => setText(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => e.key === "Enter" && commit()}
    />
  );
}

function AddLine({ view, onError }: { view: OrderView; onError: (message: string | null) => void }) {
  const offers = useSupplierOffers(view.order.supplierId);
  const actions = useOrderActions();
  const [itemId, setItemId] = useState("");
  const [packsText, setPacksText] = useState("1");
  const onOrder = new Set(view.lines.map((l) => l.line.itemId));
  const available = offers?.filter((o) => !onOrder.has(o.terms.itemId)) ?? [];
  const chosen = available.find((o) => o.terms.itemId === itemId);
  const packs = parsePacks(packsText);

  async function add() {
    if (!chosen || packs === null) return;
    try {
      await actions.setLine(view.order.id, chosen.terms.itemId, packs);
      setItemId("");
      setPacksText("1");
      onError(null);
    } catch (err) {
      onError(errorMessage(err));
    }
  }

  return (
    <div className="order-add-line">
      <div className="field">
        <label htmlFor="order-add-item">Add item</label>
        <select id="order-add-item" value={itemId} onChange={(e) => setItemId(e.target.value)}>
          <option value="">
            {available.length ? "Choose an item this supplier prices…" : "Every item this supplier prices is on the order"}
          </option>
          {available.map((o) => (
            <option key={o.terms.id} value={o.terms.itemId}>
              {o.itemName} — {displayPrice(o.terms.unitPrice, o.terms.currency)} per pack of {o.terms.packSize}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="order-add-packs">Packs</label>
        <input
          id="order-add-packs"
          className="qty-input"
          inputMode="numeric"
          value={packsText}
          onChange={(e) => setPacksText(e.target.value)}
        />
      </div>
      <button type="button" disabled={!chosen || packs === null} onClick={() => void add()}>
        Add line
      </button>
      {chosen && chosen.terms.minimumOrder > 1 && <p className="muted">Minimum order: {chosen.terms.minimumOrder} packs.</p>}
      {chosen && chosen.terms.currency !== view.order.currency && (
        <p className="muted">
          Priced in {chosen.terms.currency}: the line's price will be "to confirm" in {view.order.currency}.
        </p>
      )}
    </div>
  );
}
