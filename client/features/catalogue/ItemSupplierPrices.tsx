import { Link } from "@tanstack/react-router";
import { useState, type FormEvent } from "react";
import { useCan } from "../../app/replicaContext.js";
import { errorMessage } from "../../ui/format.js";
import { FormError } from "../../ui/FormError.js";
import { displayPrice, useQuotesForItem, useSupplierActions, useSuppliers, type SupplierItemRow } from "../suppliers/data.js";
import type { ItemRow } from "./data.js";

interface QuoteDraft {
  supplierId: string;
  supplierSku: string;
  unitPrice: string;
  currency: string;
  packSize: string;
  minimumOrder: string;
  leadTimeDays: string;
  preferred: boolean;
}

const blank: QuoteDraft = {
  supplierId: "",
  supplierSku: "",
  unitPrice: "",
  currency: "GBP",
  packSize: "1",
  minimumOrder: "1",
  leadTimeDays: "",
  preferred: false,
};
const trimPrice = (p: string) => p.replace(/(\.\d\d\d*?)0+$/, "$1");

/** Who sells this item at what price; one of them is the preferred supplier (its price counts for stock value). */
export function ItemSupplierPrices({ item }: { item: ItemRow }) {
  const quotes = useQuotesForItem(item.id);
  const suppliers = useSuppliers();
  const actions = useSupplierActions();
  const canManage = useCan("suppliers.manage") && !item.archived;
  const [draft, setDraft] = useState<QuoteDraft | null>(null);
  const [error, setError] = useState<string | null>(null);
  const byId = new Map((suppliers ?? []).map((s) => [s.id, s]));
  const set = <K extends keyof QuoteDraft>(key: K, value: QuoteDraft[K]) => setDraft((d) => d && { ...d, [key]: value });

  const edit = (q: SupplierItemRow) =>
    setDraft({
      supplierId: q.supplierId,
      supplierSku: q.supplierSku ?? "",
      unitPrice: trimPrice(q.unitPrice),
      currency: q.currency,
      packSize: String(q.packSize),
      minimumOrder: String(q.minimumOrder),
      leadTimeDays: q.leadTimeDays === null ? "" : String(q.leadTimeDays),
      preferred: item.defaultSupplierId === q.supplierId,
    });

  async function run(action: () => Promise<unknown>) {
    try {
      await action();
      setError(null);
      return true;
    } catch (err) {
      setError(errorMessage(err));
      return false;
    }
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!draft) return;
    const ok = await run(() =>
      actions.setQuote({
        itemId: item.id,
        supplierId: draft.supplierId,
        supplierSku: draft.supplierSku,
        unitPrice: draft.unitPrice.trim(),
        currency: draft.currency,
        packSize: Number(draft.packSize),
        minimumOrder: Number(draft.minimumOrder),
        leadTimeDays: draft.leadTimeDays.trim() === "" ? null : Number(draft.leadTimeDays),
        preferred: draft.preferred,
      }),
    );
    if (ok) setDraft(null);
  }

  const activeSuppliers = (suppliers ?? []).filter((s) => !s.archived);

  return (
    <section className="card" aria-labelledby="prices-title">
      <div className="screen-header">
        <h2 id="prices-title">Suppliers and prices</h2>
        {canManage && !draft && (
          <button
            type="button"
            className="secondary"
            onClick={() => setDraft({ ...blank, preferred: !item.defaultSupplierId })}
            disabled={activeSuppliers.length === 0}
          >
            Add a price
          </button>
        )}
      </div>
      {canManage && activeSuppliers.length === 0 && (
        <p className="muted">
          No suppliers yet: <Link to="/suppliers/new">add one</Link> first.
        </p>
      )}
      {!quotes ? null : quotes.length === 0 ? (
        <p className="muted">No supplier prices for this item.</p>
      ) : (
        // Scrolls sideways inside the card when a narrow tablet cannot fit every column; the page never does.
        <div className="table-scroll">
          <table className="stock-table quote-table">
            <thead>
              <tr>
                <th scope="col">Supplier</th>
                <th scope="col">Their SKU</th>
                <th scope="col" className="num">
                  Unit price
                </th>
                <th scope="col" className="num">
                  Pack
                </th>
                <th scope="col" className="num">
                  Min.
                </th>
                <th scope="col" className="num">
                  Lead time
                </th>
                <th scope="col">Preferred</th>
                {canManage && (
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {quotes.map((q) => {
                const supplier = byId.get(q.supplierId);
                const preferred = item.defaultSupplierId === q.supplierId;
                return (
                  <tr key={q.id}>
                    <th scope="row">
                      {supplier ? (
                        <Link to="/suppliers/$supplierId" params={{ supplierId: supplier.id }}>
                          {supplier.name}
                        </Link>
                      ) : (
                        "…"
                      )}
                      {supplier?.archived && <span className="badge badge-muted">archived</span>}
                    </th>
                    <td>{q.supplierSku ?? "—"}</td>
                    <td className="num">{displayPrice(q.unitPrice, q.currency)}</td>
                    <td className="num">{q.packSize}</td>
                    <td className="num">{q.minimumOrder}</td>
                    <td className="num">{q.leadTimeDays === null ? "—" : `${q.leadTimeDays} d`}</td>
                    <td>
                      {preferred ? (
                        <span className="badge badge-pending">preferred</span>
                      ) : canManage && !supplier?.archived ? (
                        <button
                          type="button"
                          className="link-button"
                          onClick={() => void run(() => actions.setPreferred(item.id, q.supplierId))}
                        >
                          Prefer
                        </button>
                      ) : null}
                    </td>
                    {canManage && (
                      <td className="row-end">
                        {!supplier?.archived && (
                          <button type="button" className="link-button" onClick={() => edit(q)}>
                            Edit
                          </button>
                        )}
                        <button
                          type="button"
                          className="link-button"
                          onClick={() => window.confirm("Remove this price?") && void run(() => actions.removeQuote(q.id))}
                        >
                          Remove
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
      {draft && (
        <form onSubmit={save} aria-label="Supplier price" className="editor-grid" style={{ marginTop: "1rem" }}>
          <div className="field">
            <label htmlFor="quote-supplier">Supplier</label>
            <select id="quote-supplier" value={draft.supplierId} onChange={(e) => set("supplierId", e.target.value)} required>
              <option value="">Choose…</option>
              {activeSuppliers.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="quote-price">Unit price</label>
            <input
              id="quote-price"
              value={draft.unitPrice}
              onChange={(e) => set("unitPrice", e.target.value)}
              inputMode="decimal"
              placeholder="12.50"
              required
              pattern="\d{1,8}(\.\d{1,4})?"
              title="A number like 12.50 (up to 4 decimals)"
            />
          </div>
          <div className="field">
            <label htmlFor="quote-currency">Currency</label>
            <input
              id="quote-currency"
              value={draft.currency}
              onChange={(e) => set("currency", e.target.value.toUpperCase())}
              maxLength={3}
              required
              pattern="[A-Za-z]{3}"
            />
          </div>
          <div className="field">
            <label htmlFor="quote-sku">Their SKU</label>
            <input
              id="quote-sku"
              value={draft.supplierSku}
              onChange={(e) => set("supplierSku", e.target.value)}
              maxLength={64}
              autoComplete="off"
            />
          </div>
          <div className="field">
            <label htmlFor="quote-pack">Units per pack</label>
            <input
              id="quote-pack"
              type="number"
              min={1}
              step={1}
              value={draft.packSize}
              onChange={(e) => set("packSize", e.target.value)}
              required
            />
          </div>
          <div className="field">
            <label htmlFor="quote-min">Minimum order (packs)</label>
            <input
              id="quote-min"
              type="number"
              min={1}
              step={1}
              value={draft.minimumOrder}
              onChange={(e) => set("minimumOrder", e.target.value)}
              required
            />
          </div>
          <div className="field">
            <label htmlFor="quote-lead">Lead time (days)</label>
            <input
              id="quote-lead"
              type="number"
              min={0}
              max={365}
              step={1}
              value={draft.leadTimeDays}
              onChange={(e) => set("leadTimeDays", e.target.value)}
            />
          </div>
          <div className="field">
            <span className="label">Preferred</span>
            <label className="checkbox">
              <input type="checkbox" checked={draft.preferred} onChange={(e) => set("preferred", e.target.checked)} />
              Preferred supplier for this item
            </label>
          </div>
          <div className="form-actions wide">
            <button type="submit">Save price</button>
            <button type="button" className="secondary" onClick={() => setDraft(null)}>
              Cancel
            </button>
          </div>
        </form>
      )}
      <FormError message={error} />
    </section>
  );
}
