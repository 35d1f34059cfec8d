import { Link, useNavigate } from "@tanstack/react-router";
import { useState, type FormEvent } from "react";
import { useCan } from "../../app/replicaContext.js";
import { errorMessage } from "../../ui/format.js";
import { FormError } from "../../ui/FormError.js";
import { displayPrice, useQuotesOfSupplier, useSupplier, useSupplierActions, type DirectorySupplier, type SupplierRow } from "./data.js";
import { DirectoryPicker } from "./DirectoryPicker.js";

interface Draft {
  name: string;
  accountNumber: string;
  orderEmail: string;
  phone: string;
  notes: string;
}
const draftOf = (s: SupplierRow | null): Draft => ({
  name: s?.name ?? "",
  accountNumber: s?.accountNumber ?? "",
  orderEmail: s?.orderEmail ?? "",
  phone: s?.phone ?? "",
  notes: s?.notes ?? "",
});

/** "/suppliers/new" and "/suppliers/<id>": a supplier's account details and the prices it quotes. */
export function SupplierEditor({ supplierId }: { supplierId: string | null }) {
  const supplier = useSupplier(supplierId ?? "");
  if (supplierId && supplier === undefined) return <p className="page-status">Loading…</p>;
  if (supplierId && supplier === null) {
    return (
      <p className="page-status">
        This supplier does not exist (or has not arrived yet). <Link to="/suppliers">Back to suppliers</Link>
      </p>
    );
  }
  return <SupplierForm key={supplierId ?? "new"} supplier={supplier ?? null} />;
}

function SupplierForm({ supplier }: { supplier: SupplierRow | null }) {
  const [draft, setDraft] = useState(() => draftOf(supplier));
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [directoryEntry, setDirectoryEntry] = useState<DirectorySupplier | null>(null);
  const actions = useSupplierActions();
  const navigate = useNavigate();
  const canManage = useCan("suppliers.manage");
  const readOnly = !canManage || supplier?.archived === true;
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(null);
    try {
      if (supplier) {
        await actions.update(supplier.id, draft);
        setSaved("Saved.");
      } else {
        const id = await actions.create(draft, directoryEntry?.id ?? null);
        await navigate({ to: "/suppliers/$supplierId", params: { supplierId: id }, replace: true });
      }
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  async function toggleArchive() {
    if (!supplier) return;
    try {
      if (supplier.archived) await actions.unarchive(supplier.id);
      else if (window.confirm(`Archive "${supplier.name}"? Items that prefer it will have no preferred supplier; its prices are kept.`))
        await actions.archive(supplier.id);
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  /** A picked directory entry fills the name (and the website into empty notes); the rest is the practice's own account. */
  function pick(entry: DirectorySupplier | null) {
    setDirectoryEntry(entry);
    if (!entry) return;
    setDraft((d) => ({ ...d, name: entry.name, notes: d.notes || (entry.website ? `Website: ${entry.website}` : "") }));
  }

  const field = (key: keyof Draft, label: string, props: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <div className="field">
      <label htmlFor={`supplier-${key}`}>{label}</label>
      <input id={`supplier-${key}`} value={draft[key]} onChange={(e) => set(key, e.target.value)} autoComplete="off" {...props} />
    </div>
  );

  return (
    <section className="screen" aria-labelledby="supplier-title">
      <div className="screen-header">
        <div>
          <p className="breadcrumb">
            <Link to="/suppliers">Suppliers</Link> /
          </p>
          <h1 id="supplier-title">
            {supplier ? supplier.name : "New supplier"}
            {supplier?.archived && <span className="badge badge-muted">archived</span>}
          </h1>
        </div>
        {supplier && canManage && (
          <button type="button" className={supplier.archived ? "secondary" : "danger"} onClick={toggleArchive}>
            {supplier.archived ? "Restore supplier" : "Archive supplier"}
          </button>
        )}
      </div>
      <form className="card" onSubmit={submit} aria-labelledby="supplier-title">
        {!supplier && canManage && <DirectoryPicker picked={directoryEntry} onPick={pick} />}
        <fieldset disabled={readOnly} className="editor-grid" style={{ border: 0, padding: 0, margin: 0 }}>
          {field("name", "Name", { required: true, maxLength: 120 })}
          {field("accountNumber", "Account number", { maxLength: 64 })}
          {field("orderEmail", "Order email", { type: "email", maxLength: 254, inputMode: "email" })}
          {field("phone", "Phone", { type: "tel", maxLength: 40 })}
          <div className="field wide">
            <label htmlFor="supplier-notes">Notes</label>
            <textarea id="supplier-notes" rows={3} value={draft.notes} onChange={(e) => set("notes", e.target.value)} maxLength={2000} />
          </div>
        </fieldset>
        <FormError message={error} />
        {saved && <p className="form-success">{saved}</p>}
        {!readOnly && (
          <div className="form-actions">
            <button type="submit">{supplier ? "Save changes" : "Create supplier"}</button>
          </div>
        )}
      </form>
      {supplier && <SupplierPrices supplierId={supplier.id} />}
    </section>
  );
}

function SupplierPrices({ supplierId }: { supplierId: string }) {
  const rows = useQuotesOfSupplier(supplierId);
  if (!rows) return null;
  return (
    <section className="card" aria-labelledby="supplier-prices-title">
      <h2 id="supplier-prices-title">Items and prices</h2>
      {rows.length === 0 ? (
        <p className="muted">No prices yet: add them from an item's page.</p>
      ) : (
        <table className="stock-table">
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col">Their SKU</th>
              <th scope="col" className="num">
                Unit price
              </th>
              <th scope="col" className="num">
                Min. order
              </th>
              <th scope="col" className="num">
                Lead time
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ quote, itemName, preferred }) => (
              <tr key={quote.id}>
                <th scope="row">
                  <Link to="/items/$itemId" params={{ itemId: quote.itemId }}>
                    {itemName}
                  </Link>
                  {preferred && <span className="badge badge-pending">preferred</span>}
                </th>
                <td>{quote.supplierSku ?? "—"}</td>
                <td className="num">{displayPrice(quote.unitPrice, quote.currency)}</td>
                <td className="num">{quote.minimumOrder}</td>
                <td className="num">{quote.leadTimeDays === null ? "—" : `${quote.leadTimeDays} d`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
