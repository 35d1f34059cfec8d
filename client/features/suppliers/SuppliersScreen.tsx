import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { useCan } from "../../app/replicaContext.js";
import { useQuoteCounts, useSuppliers } from "./data.js";

/** The practice's suppliers: account details and how many items each one prices. */
export function SuppliersScreen() {
  const suppliers = useSuppliers();
  const counts = useQuoteCounts();
  const [showArchived, setShowArchived] = useState(false);
  const canManage = useCan("suppliers.manage");
  const shown = suppliers?.filter((s) => showArchived || !s.archived);

  return (
    <section className="screen" aria-labelledby="suppliers-title">
      <div className="screen-header">
        <h1 id="suppliers-title">Suppliers</h1>
        <label className="checkbox">
          <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} />
          Show archived
        </label>
        {canManage && (
          <Link
            className="button"
            to="/suppliers/new"
            style={{ display: "inline-flex", alignItems: "center", minHeight: "var(--tap)", padding: "0 1rem" }}
          >
            Add supplier
          </Link>
        )}
      </div>
      {!shown ? (
        <p className="page-status">Loading…</p>
      ) : shown.length === 0 ? (
        <p className="page-status">No suppliers yet{canManage ? ": add the first one." : "."}</p>
      ) : (
        <table className="stock-table">
          <thead>
            <tr>
              <th scope="col">Supplier</th>
              <th scope="col">Account</th>
              <th scope="col">Order email</th>
              <th scope="col">Phone</th>
              <th scope="col" className="num">
                Items priced
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((s) => (
              <tr key={s.id}>
                <th scope="row">
                  <Link to="/suppliers/$supplierId" params={{ supplierId: s.id }} style={{ display: "inline-block", padding: "0.5rem 0" }}>
                    {s.name}
                  </Link>
                  {s.archived && <span className="badge badge-muted">archived</span>}
                </th>
                <td>{s.accountNumber ?? "—"}</td>
                <td>{s.orderEmail ?? "—"}</td>
                <td>{s.phone ?? "—"}</td>
                <td className="num">{counts?.get(s.id) ?? 0}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
