import { Link, useParams } from "@tanstack/react-router";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { countKey } from "../../../shared/counts/rules.js";
import { Scanner, type ScanEvent } from "../../scan/index.js";
import { errorMessage } from "../../ui/format.js";
import { useOnline } from "../../ui/useOnline.js";
import { useStockActions } from "../inventory/data.js";
import { useCountActions, useProgress, useShowsExpected, type SessionData } from "./data.js";
import { CountNotices } from "./CountNotices.js";
import { CountPanel, type OpenKey } from "./CountPanel.js";
import { scanTarget } from "./scanTarget.js";
import { KeyLabel, sessionTitle, StatusBadge, WithSession } from "./parts.js";
import { PendingSyncList } from "./PendingSyncList.js";
import { deviceStandingLines, ownStandingLine, totalProgress } from "./view.js";
import "./counts.css";

/**
 * The tablet's count screen: one hand, gloves, poor light. Scan (camera, hardware scanner or typed) to
 * open an item with the keypad, or in tally mode to add one per scan; +/− and digits; progress per
 * location; the recount prompt; what still waits for sync. Every count is a line in the replica and
 * the outbox at once, so hours offline and reloads lose nothing.
 */
export function CountScreen() {
  const { sessionId } = useParams({ from: "/app/counts/$sessionId" });
  return <WithSession sessionId={sessionId}>{(data) => <Counting data={data} sessionId={sessionId} />}</WithSession>;
}

function Counting({ data, sessionId }: { data: SessionData; sessionId: string }) {
  const session = data.session!;
  const actions = useCountActions();
  const stockActions = useStockActions();
  const showExpected = useShowsExpected(session);
  const online = useOnline();
  const progress = useProgress(data);
  const total = totalProgress(progress);
  const locationChoices = useMemo(
    () =>
      (data.scope ?? [...data.locations.values()].filter((l) => !l.archived).map((l) => l.id)).filter(
        (id) => data.locations.get(id) && !data.locations.get(id)!.archived,
      ),
    [data.scope, data.locations],
  );
  const [locationId, setLocationId] = useState<string>(() => locationChoices[0] ?? "");
  const [mode, setMode] = useState<"keypad" | "tally">("keypad");
  const [open, setOpen] = useState<OpenKey | null>(null);
  const [entry, setEntry] = useState("");
  const [message, setMessage] = useState<{ text: string; tone: "ok" | "error" } | null>(null);
  const [showAll, setShowAll] = useState(false);
  const closed = session.status !== "IN_PROGRESS";

  // Joining tells the completer this device takes part (once per device; a line joins too).
  const joined = useRef(false);
  useEffect(() => {
    if (joined.current || closed) return;
    joined.current = true;
    const mine =
      data.pending.some((p) => p.kind === "start" || p.kind === "join") ||
      data.lines.some((l) => l.clientId === data.clientId && l.clientId !== null);
    if (!mine) actions.join(sessionId).catch(() => undefined);
  }, [actions, closed, data.clientId, data.lines, data.pending, sessionId]);

  const standing = useMemo(() => deviceStandingLines(data.lines, data.clientId), [data.lines, data.clientId]);
  const pendingLineIds = useMemo(() => new Set(data.pending.flatMap((p) => (p.lineId ? [p.lineId] : []))), [data.pending]);
  const mineOf = useCallback((key: string) => ownStandingLine(data.lines, data.clientId, key), [data.lines, data.clientId]);
  const recounts = standing.filter((l) => l.needsRecount && (l.clientId === null || l.clientId === data.clientId));

  const openKey = (key: OpenKey, at?: string) => {
    if (at) setLocationId(at);
    setOpen(key);
    setEntry("");
  };

  const record = async (key: OpenKey, quantity: number, at = locationId) => {
    const item = data.items.get(key.itemId);
    try {
      await actions.record({
        sessionId,
        itemId: key.itemId,
        locationId: at,
        batchId: key.batchId,
        countedQuantity: quantity,
        showExpected,
      });
      setMessage({ text: `Counted ${quantity} × ${item?.name ?? "item"}`, tone: "ok" });
      return true;
    } catch (err) {
      setMessage({ text: errorMessage(err), tone: "error" });
      return false;
    }
  };

  /** A scan: find the item (GTIN, SKU or code), its batch from the lot, then open it or tally one more. */
  const onScan = async (scan: ScanEvent) => {
    const target = await scanTarget(scan, data, locationId, stockActions.ensureBatch);
    if ("error" in target) {
      setMessage({ text: target.error, tone: "error" });
      return;
    }
    const { item, batchId } = target;
    const key = { itemId: item.id, batchId };
    if (mode === "tally" && (!item.batchTracked || batchId)) {
      // One more than the count the replica holds now, not than the count drawn when this scan arrived.
      try {
        const n = await actions.tally({ sessionId, itemId: key.itemId, locationId, batchId: key.batchId, showExpected });
        setMessage({ text: `Counted ${n} × ${item.name}`, tone: "ok" });
      } catch (err) {
        setMessage({ text: errorMessage(err), tone: "error" });
      }
      setOpen(key);
      return;
    }
    openKey(key);
    setMessage({ text: `${item.name}${item.batchTracked && !batchId ? ": choose the lot" : ""}`, tone: "ok" });
  };

  const here = progress.find((p) => p.locationId === locationId);
  const toCount = [...data.stock.values()]
    .filter((s) => s.locationId === locationId && !standing.some((l) => countKey(l) === countKey(s)))
    .sort((a, b) => (data.items.get(a.itemId)?.name ?? "").localeCompare(data.items.get(b.itemId)?.name ?? ""));
  const countedHere = standing.filter((l) => l.locationId === locationId).sort((a, b) => b.createdAt.localeCompare(a.createdAt));

  return (
    <section className="screen counts count-screen" aria-labelledby="count-title" data-session-id={sessionId}>
      <div className="screen-header">
        <h1 id="count-title">{sessionTitle(session, data.locations)}</h1>
        <StatusBadge status={session.status} />
        {session.blind && <span className="badge badge-muted">blind</span>}
        <Link className="button secondary big" to="/counts/$sessionId/review" params={{ sessionId }}>
          Review
        </Link>
      </div>
      <p className="count-progress" data-testid="count-progress" data-counted={total.counted} data-total={total.total}>
        <strong>{total.counted}</strong> of {total.total} counted
        <progress max={Math.max(1, total.total)} value={total.counted} aria-label="Counted so far" />
      </p>
      {closed && (
        <p className="notice" role="alert">
          This count is {session.status === "COMPLETED" ? "completed" : "cancelled"}. New counts are not accepted.
        </p>
      )}

      {recounts.length > 0 && (
        <div className="card recount-prompt" role="alert" data-testid="recount-prompt">
          <strong>Please count again:</strong>
          <ul className="plain-list">
            {recounts.map((l) => (
              <li key={l.id}>
                <button type="button" className="big warn" onClick={() => openKey({ itemId: l.itemId, batchId: l.batchId }, l.locationId)}>
                  Recount{" "}
                  <KeyLabel
                    item={data.items.get(l.itemId)}
                    batch={l.batchId ? data.batches.get(l.batchId) : null}
                    location={data.locations.get(l.locationId)}
                  />
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      <CountNotices data={data} />

      <fieldset className="location-tabs" aria-label="Counting at">
        <legend className="visually-hidden">Counting at</legend>
        {(showAll ? locationChoices : locationChoices.slice(0, 12)).map((id) => {
          const p = progress.find((x) => x.locationId === id);
          return (
            <button
              key={id}
              type="button"
              className={`big location-tab${id === locationId ? " current" : ""}`}
              aria-pressed={id === locationId}
              onClick={() => {
                setLocationId(id);
                setOpen(null);
              }}
            >
              {data.locations.get(id)?.name}
              <span className="tab-progress" data-testid="location-progress">
                {p?.counted ?? 0}/{p?.total ?? 0}
              </span>
            </button>
          );
        })}
        {locationChoices.length > 12 && !showAll && (
          <button type="button" className="big secondary" onClick={() => setShowAll(true)}>
            More locations
          </button>
        )}
      </fieldset>

      <p className={`count-message ${message?.tone ?? ""}`} role="status" aria-live="polite" data-testid="count-message">
        {message?.text ?? ""}
      </p>
      {open && !closed && (
        <CountPanel
          key={`${open.itemId}|${open.batchId ?? ""}|${locationId}`}
          data={data}
          open={open}
          locationId={locationId}
          entry={entry}
          setEntry={setEntry}
          mine={mineOf(countKey({ ...open, locationId }))}
          showExpected={showExpected}
          onBatch={(batchId) => setOpen({ ...open, batchId })}
          onSave={async (q) => {
            if (await record(open, q)) {
              setOpen(null);
              setEntry("");
            }
          }}
          onClose={() => setOpen(null)}
        />
      )}

      {!closed && (
        <div className="count-scan">
          <fieldset className="mode-toggle" aria-label="Scan mode">
            <button type="button" className="big" aria-pressed={mode === "keypad"} onClick={() => setMode("keypad")}>
              Scan opens keypad
            </button>
            <button type="button" className="big" aria-pressed={mode === "tally"} onClick={() => setMode("tally")}>
              Tally: +1 per scan
            </button>
          </fieldset>
          {mode === "tally" && (
            <p className="muted" data-testid="tally-hint">
              Every scan adds one. With the camera, a pack held in view counts once: take it out of view before showing the next.
            </p>
          )}
          {/* The shared scanner: camera on demand, a hardware scanner typing anywhere, and a typed-code field. */}
          <Scanner onScan={(s) => void onScan(s)} autoStart={false} manualLabel="Scan or type a code" />
        </div>
      )}

      <div className="count-lists">
        <section className="card" aria-labelledby="to-count-title">
          <h2 id="to-count-title">
            To count at {data.locations.get(locationId)?.name ?? "this location"} ({toCount.length})
          </h2>
          <ul className="plain-list tap-list">
            {toCount.map((s) => (
              <li key={s.id}>
                <button
                  type="button"
                  className="big list-button"
                  disabled={closed}
                  onClick={() => openKey({ itemId: s.itemId, batchId: s.batchId })}
                >
                  <KeyLabel item={data.items.get(s.itemId)} batch={s.batchId ? data.batches.get(s.batchId) : null} />
                  {showExpected && <span className="expected">expected {s.quantity}</span>}
                </button>
              </li>
            ))}
            {toCount.length === 0 && (
              <li className="muted">Everything here is counted{here?.total ? "" : " (nothing held here yet: scan to add)"}.</li>
            )}
          </ul>
        </section>
        <section className="card" aria-labelledby="counted-title">
          <h2 id="counted-title">Counted here ({countedHere.length})</h2>
          <ul className="plain-list tap-list">
            {countedHere.map((l) => (
              <li
                key={l.id}
                data-testid="counted-line"
                data-item-id={l.itemId}
                data-quantity={l.countedQuantity}
                data-pending={pendingLineIds.has(l.id)}
              >
                <button
                  type="button"
                  className="big list-button"
                  disabled={closed}
                  onClick={() => openKey({ itemId: l.itemId, batchId: l.batchId })}
                >
                  <KeyLabel item={data.items.get(l.itemId)} batch={l.batchId ? data.batches.get(l.batchId) : null} />
                  <span className="counted-qty">{l.countedQuantity}</span>
                  {l.clientId !== null && l.clientId !== data.clientId && <span className="badge badge-muted">other device</span>}
                  {pendingLineIds.has(l.id) && <span className="badge badge-pending">pending</span>}
                  {l.needsRecount && <span className="badge badge-warning">recount</span>}
                </button>
              </li>
            ))}
          </ul>
        </section>
      </div>
      <PendingSyncList data={data} online={online} />
    </section>
  );
}
