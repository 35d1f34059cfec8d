import { Link, useParams } from "@tanstack/react-router";
import { useMemo, useState } from "react";
import type { CountResolution } from "../../../shared/counts/rules.js";
import type { CountLineRow } from "../../../shared/protocol/entities.js";
import { describeError } from "../../api/describeError.js";
import { useCan } from "../../app/replicaContext.js";
import { errorMessage } from "../../ui/format.js";
import { useOnline } from "../../ui/useOnline.js";
import { useCountActions, useCountDevices, useMemberNames, useShowsExpected, useUncounted, type SessionData } from "./data.js";
import { KeyLabel, sessionTitle, StatusBadge, when, WithSession } from "./parts.js";
import { formatMoney, reviewKeys, summarise, varianceValue, type ReviewKey } from "./view.js";
import "./counts.css";

const CHOICE_LABEL: Record<CountResolution, string> = {
  USE_COUNTED: "counted after the movements (use counted)",
  USE_COUNTED_PLUS_MOVEMENTS: "counted before the movements (use counted + movements)",
};

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

function KeyRow({
  k,
  data,
  showExpected,
  canOverride,
  deviceLabel,
}: {
  k: ReviewKey;
  data: SessionData;
  showExpected: boolean;
  canOverride: boolean;
  deviceLabel: (l: CountLineRow) => string;
}) {
  const actions = useCountActions();
  const [error, setError] = useState<string | null>(null);
  const price = data.prices.get(k.itemId);
  const value = varianceValue(k.variance, price?.unitPrice);
  const act = (p: Promise<unknown>) =>
    p.then(
      () => setError(null),
      (e: unknown) => setError(errorMessage(e)),
    );
  const doubleOpen = k.doubleCount && k.doubleCount.resolution === null;
  const movedOpen = k.stockMoved && k.stockMoved.resolution === null && k.movementSinceSeen !== 0;
  const chosenLine = k.doubleCount?.resolution ? k.deciding.id : null;
  return (
    <tr
      data-testid="review-key"
      data-item-id={k.itemId}
      data-location-id={k.locationId}
      data-final={k.final}
      data-open={k.open}
      className={k.open ? "open-conflict" : ""}
    >
      <th scope="row">
        <KeyLabel
          item={data.items.get(k.itemId)}
          batch={k.batchId ? data.batches.get(k.batchId) : null}
          location={data.locations.get(k.locationId)}
        />
      </th>
      <td className="num">{showExpected ? k.onHand : "—"}</td>
      <td>
        <ul className="plain-list counts-per-device">
          {k.counts.map((l) => (
            <li key={l.id} className={l.id === k.deciding.id && k.counts.length > 1 ? "deciding" : ""}>
              <strong>{l.countedQuantity}</strong> <span className="muted">{deviceLabel(l)}</span>
              {l.needsRecount && <span className="badge badge-warning">recount asked</span>}
              {chosenLine === l.id && <span className="badge badge-ok">chosen</span>}
              {doubleOpen && canOverride && (
                <button type="button" className="big" onClick={() => act(actions.resolve(k.doubleCount!.id, k.choice, l.id))}>
                  Use {l.countedQuantity}
                </button>
              )}
            </li>
          ))}
        </ul>
        {doubleOpen && <span className="badge badge-warning">double count: choose</span>}
      </td>
      <td className="num">{showExpected ? (k.movementSinceSeen === 0 ? "none" : signed(k.movementSinceSeen)) : "—"}</td>
      <td>
        {k.movementSinceSeen !== 0 && showExpected ? (
          <div className="choice">
            {movedOpen ? <span className="badge badge-warning">stock moved: choose</span> : <span>{CHOICE_LABEL[k.choice]}</span>}
            {canOverride && (
              <div className="choice-buttons">
                {(["USE_COUNTED", "USE_COUNTED_PLUS_MOVEMENTS"] as const).map((c) => (
                  <button
                    key={c}
                    type="button"
                    className={`big ${k.stockMoved?.resolution === c ? "" : "secondary"}`}
                    aria-pressed={k.stockMoved?.resolution === c}
                    onClick={() => act(actions.resolve(k.stockMoved!.id, c, k.doubleCount?.resolution ? k.deciding.id : null))}
                  >
                    {c === "USE_COUNTED" ? "Use counted" : "Use counted + movements"}: {k.onHand} → {k.finals[c]}
                  </button>
                ))}
              </div>
            )}
          </div>
        ) : (
          <span className="muted">
            {k.doubleCount?.resolution ? (k.doubleCount.details.agreed ? "counts agree" : "count chosen") : "as counted"}
          </span>
        )}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
      </td>
      <td className="num">{showExpected ? k.final : k.deciding.countedQuantity}</td>
      <td className={`num ${k.variance ? "variance" : ""}`}>{showExpected ? signed(k.variance) : "—"}</td>
      <td className="num">
        {showExpected && value !== null && price ? formatMoney(value, price.currency) : showExpected && k.variance ? "no price" : "—"}
      </td>
    </tr>
  );
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : n < 0 ? `−${-n}` : "0";
}

/** One choice for every open conflict (double counts keep their newest count). */
function ResolveAll({ keys }: { keys: readonly ReviewKey[] }) {
  const actions = useCountActions();
  const [error, setError] = useState<string | null>(null);
  const resolveAll = async (choice: CountResolution) => {
    try {
      for (const k of keys) {
        if (k.doubleCount && k.doubleCount.resolution === null) await actions.resolve(k.doubleCount.id, choice, k.deciding.id);
        if (k.stockMoved && k.stockMoved.resolution === null) await actions.resolve(k.stockMoved.id, choice, null);
      }
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <div className="card resolve-all">
      <h2>Resolve all open conflicts at once</h2>
      <p className="muted">Double counts keep the newest count. Stock-moved keys take the reading you choose.</p>
      <div className="row-actions">
        <button type="button" className="big" onClick={() => void resolveAll("USE_COUNTED")}>
          All: use counted
        </button>
        <button type="button" className="big" onClick={() => void resolveAll("USE_COUNTED_PLUS_MOVEMENTS")}>
          All: use counted + movements
        </button>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function Devices({ sessionId, online, canComplete }: { sessionId: string; online: boolean; canComplete: boolean }) {
  if (!canComplete) return null;
  return (
    <section className="card" aria-labelledby="devices-title" data-testid="count-devices">
      <h2 id="devices-title">Devices that joined</h2>
      {online ? <DeviceList sessionId={sessionId} /> : <p className="muted">Offline: unavailable (the server keeps this list).</p>}
    </section>
  );
}

function DeviceList({ sessionId }: { sessionId: string }) {
  const { state } = useCountDevices(sessionId);
  if (state.status === "loading") return <p className="muted">Loading…</p>;
  if (state.status === "error") return <p className="muted">Unavailable: {describeError(state.error)}</p>;
  if (!state.data.devices.length) return <p className="muted">No device has synced a count of this session yet.</p>;
  return (
    <ul className="plain-list">
      {state.data.devices.map((d) => (
        <li key={d.clientId} data-testid="count-device">
          <strong>{d.userName ?? "A colleague"}</strong> <span className="muted">device {d.clientId.slice(0, 4)}</span> · joined{" "}
          {when(d.joinedAt)} · last pushed {d.lastPushAt ? when(d.lastPushAt) : "never"} · {d.linesCounted} count
          {d.linesCounted === 1 ? "" : "s"}
        </li>
      ))}
    </ul>
  );
}

function Completion(props: {
  data: SessionData;
  sessionId: string;
  online: boolean;
  summaryOpen: number;
  waitingRecount: number;
  canOverride: boolean;
  uncountedLocal: number;
}) {
  const { data, sessionId, online, summaryOpen, waitingRecount, canOverride } = props;
  const actions = useCountActions();
  const { state: uncounted } = useUncounted(sessionId);
  const [zero, setZero] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [resolveRest, setResolveRest] = useState<CountResolution>("USE_COUNTED");
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const blocked = !canOverride && (summaryOpen > 0 || waitingRecount > 0);
  const uncountedKeys = online && uncounted.status === "ready" ? uncounted.data.keys : null;

  const complete = async () => {
    try {
      await actions.complete(sessionId, { resolveAll: summaryOpen > 0 && canOverride ? resolveRest : null, zeroUncounted: zero });
      setDone(true);
      setConfirming(false);
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <section className="card completion" aria-labelledby="complete-title">
      <h2 id="complete-title">Keys never counted ({uncountedKeys ? uncountedKeys.length : props.uncountedLocal})</h2>
      {uncountedKeys ? (
        <ul className="plain-list uncounted" data-testid="uncounted">
          {uncountedKeys.slice(0, 200).map((k) => (
            <li key={`${k.itemId}|${k.locationId}|${k.batchId ?? ""}`}>
              <KeyLabel
                item={data.items.get(k.itemId)}
                batch={k.batchId ? data.batches.get(k.batchId) : null}
                location={data.locations.get(k.locationId)}
              />
              {k.onHand !== null && <span className="muted"> · on hand {k.onHand}</span>}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">
          {online
            ? "Loading the server's list…"
            : `Offline: the server's list is unavailable; this device knows of ${props.uncountedLocal}.`}
        </p>
      )}
      <label className="checkbox big-check">
        <input type="checkbox" checked={zero} onChange={(e) => setZero(e.target.checked)} /> Zero them (set keys nobody counted to 0);
        otherwise they are left unchanged
      </label>
      {blocked && (
        <p className="notice">
          {summaryOpen > 0
            ? `${summaryOpen} open conflict${summaryOpen === 1 ? "" : "s"}: an admin must review before completing.`
            : `${waitingRecount} count(s) wait for a recount.`}
        </p>
      )}
      {!confirming ? (
        <button type="button" className="big" disabled={blocked || done} onClick={() => setConfirming(true)}>
          Complete count…
        </button>
      ) : (
        <div className="confirm" role="alertdialog" aria-labelledby="confirm-title">
          <p id="confirm-title">
            <strong>Complete this count?</strong> Stock is set to the final quantities (one count movement per key)
            {zero ? "; keys nobody counted go to 0" : ""}. This cannot be undone.
          </p>
          {summaryOpen > 0 && canOverride && (
            <label>
              Open conflicts ({summaryOpen}) resolve as
              <select
                aria-label="Open conflicts resolve as"
                value={resolveRest}
                onChange={(e) => setResolveRest(e.target.value as CountResolution)}
              >
                <option value="USE_COUNTED">use counted</option>
                <option value="USE_COUNTED_PLUS_MOVEMENTS">use counted + movements</option>
              </select>
            </label>
          )}
          <div className="row-actions">
            <button type="button" className="big" onClick={() => void complete()}>
              Yes, complete
            </button>
            <button type="button" className="big secondary" onClick={() => setConfirming(false)}>
              Not yet
            </button>
          </div>
        </div>
      )}
      {done && (
        <p className="form-success" role="status">
          Completing… the server books the counts when this device syncs.
        </p>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
