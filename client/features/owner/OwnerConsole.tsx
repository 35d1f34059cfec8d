import { useCallback } from "react";
import { api } from "../../api/client.js";
import { FormError } from "../../ui/FormError.js";
import { describeError } from "../../api/describeError.js";
import { useServerData } from "../../ui/useServerData.js";
import { fetchOwnerOverview } from "./data.js";

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString([], { dateStyle: "medium", timeStyle: "short" }) : "never");

/** Every practice with its counts and last activity (read-only; no way to act as a practice). */
export function OwnerConsole() {
  const load = useCallback(() => fetchOwnerOverview(api), []);
  const { state } = useServerData(load);
  return (
    <section className="screen" aria-labelledby="owner-title">
      <div className="screen-header">
        <h1 id="owner-title">Practices</h1>
      </div>
      {state.status === "loading" && <p className="page-status">Loading…</p>}
      {state.status === "error" && <FormError message={describeError(state.error)} />}
      {state.status === "ready" && (
        <>
          <p className="muted" data-testid="owner-summary">
            {state.data.summary.practiceCount} practices · {state.data.summary.memberCount} memberships ·{" "}
            {state.data.summary.activeLast30Days} active in the last 30 days
          </p>
          <table className="stock-table">
            <thead>
              <tr>
                <th scope="col">Practice</th>
                <th scope="col" className="num">
                  Members
                </th>
                <th scope="col" className="num">
                  Items
                </th>
                <th scope="col">Created</th>
                <th scope="col">Last activity</th>
              </tr>
            </thead>
            <tbody>
              {state.data.practices.map((p) => (
                <tr key={p.id}>
                  <th scope="row">{p.name}</th>
                  <td className="num">{p.memberCount}</td>
                  <td className="num">{p.itemCount}</td>
                  <td>{when(p.createdAt)}</td>
                  <td>{when(p.lastActivityAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
