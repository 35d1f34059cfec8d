import { Link, useParams } from "@tanstack/react-router";
import { useMemo } from "react";
import type { CountLineRow } from "../../../shared/protocol/entities.js";
import { useCan } from "../../app/replicaContext.js";
import { useOnline } from "../../ui/useOnline.js";
import { useMemberNames, useShowsExpected, type SessionData } from "./data.js";
import { sessionTitle, StatusBadge, when, WithSession } from "./parts.js";
import { formatMoney, reviewKeys, summarise } from "./view.js";
import { Completion, Devices, ResolveAll } from "./ReviewCompletion.js";
import { KeyRow } from "./ReviewKeyRow.js";
import "./counts.css";

/** The reviewer's screen: every counted key's figures, the conflicts to decide, devices, uncounted keys, Complete. */
export function ReviewScreen() {
  const { sessionId } = useParams({ from: "/app/counts/$sessionId/review" });
  return <WithSession sessionId={sessionId}>{(data) => <Review data={data} sessionId={sessionId} />}</WithSession>;
}

function Review({ data, sessionId }: { data: SessionData; sessionId: string }) {
  const session = data.session!;
  const showExpected = useShowsExpected(session);
  const canOverride = useCan("counts.override");
  const canComplete = useCan("counts.complete");
  const online = useOnline();
  const names = useMemberNames();
  const open = session.status === "IN_PROGRESS";
  const keys = useMemo(
    () => reviewKeys(data.lines, data.conflicts, (k) => data.stock.get(k)?.quantity ?? 0),
    [data.lines, data.conflicts, data.stock],
  );
  const counted = new Set(keys.map((k) => k.key));
  const uncountedLocal = [...data.stock.entries()].filter(([k]) => !counted.has(k)).map(([, s]) => s);
  const summary = summarise(keys, uncountedLocal.length, data.conflicts, data.prices);
  const waitingRecount = keys.filter((k) => k.needsRecount).length;
  const deviceLabel = (l: CountLineRow) =>
    l.clientId === null || l.clientId === data.clientId
      ? "this device"
      : `${l.userId ? (names.get(l.userId) ?? "a colleague") : "a colleague"} (device ${l.clientId.slice(0, 4)})`;

  return (
    <section className="screen counts review-screen" aria-labelledby="review-title" data-session-id={sessionId}>
      <div className="screen-header">
        <h1 id="review-title">Review: {sessionTitle(session, data.locations)}</h1>
        <StatusBadge status={session.status} />
        {open && (
          <Link className="button secondary big" to="/counts/$sessionId" params={{ sessionId }}>
            Back to counting
          </Link>
        )}
      </div>
      <div
        className="figures review-summary"
        data-testid="review-summary"
        data-open-conflicts={summary.openConflicts}
        data-counted={summary.keysCounted}
        data-total={summary.keysTotal}
      >
        <div className="card figure">
          <strong>
            {summary.keysCounted} / {summary.keysTotal}
          </strong>{" "}
          keys counted
        </div>
        <div className="card figure">
          <strong>{showExpected ? valueText(summary.valueByCurrency) : "hidden"}</strong> variance value
          <div className="muted small">
            Units × the preferred supplier's unit price on this device
            {summary.unpriced ? `; ${summary.unpriced} key${summary.unpriced === 1 ? "" : "s"} without a price not valued` : ""}.
          </div>
        </div>
        <div className={`card figure${summary.openConflicts ? " warn" : ""}`}>
          <strong>{summary.openConflicts}</strong> open conflict{summary.openConflicts === 1 ? "" : "s"}
        </div>
        {waitingRecount > 0 && (
          <div className="card figure warn">
            <strong>{waitingRecount}</strong> waiting for a recount
          </div>
        )}
      </div>
      {session.note && <p className="muted">Note: {session.note}</p>}
      {data.pending.length > 0 && (
        <p className="notice">
          {data.pending.length} change{data.pending.length === 1 ? "" : "s"} of this count on this device still wait to sync; the figures
          include them.
        </p>
      )}

      {data.notices
        .filter(
          (n) => n.kind === "rejected" && (n.name === "count.complete" || n.name === "count.resolveConflict" || n.name === "count.cancel"),
        )
        .map((n) => (
          <p key={n.id} className="notice" role="alert" data-testid="review-notice">
            The server refused{" "}
            {n.name === "count.complete" ? "completing" : n.name === "count.cancel" ? "cancelling" : "a conflict decision"}: {n.message}
          </p>
        ))}
      {open && canOverride && summary.openConflicts > 0 && <ResolveAll keys={keys} />}

      <section className="card" aria-labelledby="keys-title">
        <h2 id="keys-title">Counted ({keys.length})</h2>
        <div className="table-scroll">
          <table className="stock-table review-table">
            <thead>
              <tr>
                <th scope="col">Item</th>
                <th scope="col" className="num">
                  Expected now
                </th>
                <th scope="col">Counted</th>
                <th scope="col" className="num">
                  Moved since count
                </th>
                <th scope="col">Choice</th>
                <th scope="col" className="num">
                  Final
                </th>
                <th scope="col" className="num">
                  Variance
                </th>
                <th scope="col" className="num">
                  Value
                </th>
              </tr>
            </thead>
            <tbody>
              {keys.map((k) => (
                <KeyRow
                  key={k.key}
                  k={k}
                  data={data}
                  showExpected={showExpected}
                  canOverride={canOverride && open}
                  deviceLabel={deviceLabel}
                />
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <Devices sessionId={sessionId} online={online} canComplete={canComplete} />
      {open && canComplete && (
        <Completion
          data={data}
          sessionId={sessionId}
          online={online}
          summaryOpen={summary.openConflicts}
          waitingRecount={waitingRecount}
          canOverride={canOverride}
          uncountedLocal={uncountedLocal.length}
        />
      )}
      {!open && (
        <p className="muted">
          {session.status === "COMPLETED"
            ? `Completed ${when(session.completedAt)}${session.completedById ? ` by ${names.get(session.completedById) ?? "a colleague"}` : ""}`
            : `Cancelled ${when(session.cancelledAt)}`}
          {session.zeroedUncounted ? "; keys nobody counted were set to 0." : "."}
        </p>
      )}
    </section>
  );
}

function valueText(byCurrency: ReadonlyMap<string, bigint>): string {
  if (byCurrency.size === 0) return "0.00";
  return [...byCurrency].map(([c, v]) => formatMoney(v, c)).join(" · ");
}
