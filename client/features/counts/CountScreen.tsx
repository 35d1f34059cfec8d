import { Link, useParams } from "@tanstack/react-router";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { countKey } from "../../../shared/counts/rules.js";
import { toGtin14 } from "../../../shared/gs1/index.js";
import type { ItemRow } from "../../../shared/protocol/entities.js";
import { batchIdFor, normaliseLot } from "../../../shared/stock/batch-id.js";
import { Scanner, type ScanEvent } from "../../scan/index.js";
import { errorMessage } from "../../ui/format.js";
import { useOnline } from "../../ui/useOnline.js";
import { useStockActions } from "../inventory/data.js";
import { useCountActions, useProgress, useShowsExpected, type SessionData } from "./data.js";
import { Keypad } from "./Keypad.js";
import { expiryForBatch, KeyLabel, sessionTitle, StatusBadge, WithSession } from "./parts.js";
import { deviceStandingLines, ownStandingLine, totalProgress } from "./view.js";
import "./counts.css";

interface OpenKey {
  itemId: string;
  batchId: string | null;
}

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
    const r = scan.result;
    const gtin = r.kind === "gs1" ? r.gtin : r.kind === "gtin" ? r.gtin : undefined;
    const code = r.kind === "internal" ? r.code : r.kind === "hibc" ? r.product : undefined;
    const item = findItem(data.items, gtin, code ?? scan.text.trim());
    if (!item) {
      setMessage({ text: `No item of this practice has the code ${gtin ?? code ?? scan.text}.`, tone: "error" });
      return;
    }
    if (session.itemIds.length && !session.itemIds.includes(item.id)) {
      setMessage({ text: `${item.name} is not part of this count.`, tone: "error" });
      return;
    }
    const lot = r.kind === "gs1" || r.kind === "hibc" ? r.lot : undefined;
    let batchId: string | null = null;
    if (item.batchTracked && lot) {
      try {
        batchId = await stockActions.ensureBatch(
          item.id,
          lot,
          expiryForBatch(r.kind === "gs1" || r.kind === "hibc" ? r.expiry : undefined),
          batchesOf(data, item.id),
        );
      } catch (err) {
        // A counter without stock rights cannot record a new lot; the derived id still names the same batch.
        batchId = await batchIdFor(item.id, normaliseLot(lot));
        if (!data.batches.has(batchId)) {
          setMessage({ text: errorMessage(err), tone: "error" });
          return;
        }
      }
    } else if (item.batchTracked) {
      const held = [...data.stock.values()].filter((s) => s.itemId === item.id && s.locationId === locationId && s.batchId);
      batchId = held.length === 1 ? held[0]!.batchId : null;
    }
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
      <Notices data={data} />

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
      <PendingList data={data} online={online} />
    </section>
  );
}

function findItem(items: ReadonlyMap<string, ItemRow>, gtin: string | undefined, code: string | undefined): ItemRow | undefined {
  const all = [...items.values()].sort((a, b) => Number(a.archived) - Number(b.archived));
  if (gtin) {
    const found = all.find((i) => i.gtin && safeGtin14(i.gtin) === gtin);
    if (found) return found;
  }
  if (!code) return undefined;
  const c = code.trim().toLowerCase();
  return (
    all.find((i) => i.sku?.toLowerCase() === c) ?? all.find((i) => i.gtin && (i.gtin === code || safeGtin14(i.gtin) === safeGtin14(code)))
  );
}

function safeGtin14(code: string): string | null {
  return /^\d{8,14}$/.test(code) ? toGtin14(code) : null;
}

function batchesOf(data: SessionData, itemId: string) {
  return [...data.batches.values()].filter((b) => b.itemId === itemId);
}

function CountPanel(props: {
  data: SessionData;
  open: OpenKey;
  locationId: string;
  entry: string;
  setEntry: (v: string) => void;
  mine: { countedQuantity: number; needsRecount: boolean } | undefined;
  showExpected: boolean;
  onBatch: (batchId: string | null) => void;
  onSave: (quantity: number) => Promise<void>;
  onClose: () => void;
}) {
  const { data, open, locationId, entry, setEntry, mine, showExpected } = props;
  const item = data.items.get(open.itemId);
  const batches = batchesOf(data, open.itemId);
  const stock = data.stock.get(countKey({ ...open, locationId }));
  const needsBatch = !!item?.batchTracked && !open.batchId;
  const shown = entry === "" ? (mine?.countedQuantity ?? 0) : Number(entry);
  const value = Number.isFinite(shown) ? shown : 0;
  return (
    <section className="card count-panel" aria-labelledby="count-panel-title" data-testid="count-panel">
      <div className="count-panel-head">
        <h2 id="count-panel-title">
          <KeyLabel item={item} batch={open.batchId ? data.batches.get(open.batchId) : null} location={data.locations.get(locationId)} />
        </h2>
        <button type="button" className="secondary big" onClick={props.onClose} aria-label="Close">
          ✕
        </button>
      </div>
      {item?.batchTracked && (
        <label className="batch-choice">
          Lot
          <select className="big" aria-label="Lot" value={open.batchId ?? ""} onChange={(e) => props.onBatch(e.target.value || null)}>
            <option value="">Choose the lot…</option>
            {batches.map((b) => (
              <option key={b.id} value={b.id}>
                {b.lot}
                {b.expiryDate ? ` (exp. ${b.expiryDate})` : ""}
              </option>
            ))}
          </select>
        </label>
      )}
      <div className="count-facts">
        {showExpected ? (
          <span>
            Expected: <strong data-testid="expected">{stock?.quantity ?? 0}</strong>
          </span>
        ) : (
          <span className="muted">Blind count: expected hidden</span>
        )}
        {mine && (
          <span>
            Your last count: <strong>{mine.countedQuantity}</strong>
          </span>
        )}
        {mine?.needsRecount && <span className="badge badge-warning">count again</span>}
      </div>
      <Keypad
        value={entry === "" ? String(value) : entry}
        fresh={entry === ""}
        onChange={setEntry}
        onStep={(d) => setEntry(String(Math.max(0, value + d)))}
      />
      <button type="button" className="big save-count" disabled={needsBatch} onClick={() => void props.onSave(value)}>
        {needsBatch ? "Choose the lot first" : `Save count: ${value}`}
      </button>
    </section>
  );
}

function Notices({ data }: { data: SessionData }) {
  const actions = useCountActions();
  const [moved, setMoved] = useState<string | null>(null);
  const closedLines = data.notices.filter((n) => n.kind === "rejected" && n.name === "count.recordLine" && n.code === "SESSION_CLOSED");
  const others = data.notices.filter((n) => !closedLines.includes(n));
  if (!data.notices.length && !moved) return null;
  const session = data.session!;
  /** Counts refused because the session closed: into a new session with the same scope, nothing lost. */
  const moveToNew = async () => {
    const id = await actions.start({
      locationId: session.locationId,
      includeSubLocations: session.includeSubLocations,
      itemIds: session.itemIds,
      blind: session.blind,
      recountThreshold: session.recountThresholdUnits
        ? { kind: "units", value: session.recountThresholdUnits }
        : session.recountThresholdPct
          ? { kind: "percent", value: session.recountThresholdPct }
          : null,
      name: session.name ? `${session.name} (continued)` : null,
      note: session.note,
    });
    for (const n of closedLines) {
      const a = n.args as {
        itemId: string;
        locationId: string;
        batchId: string | null;
        countedQuantity: number;
        seenQuantity: number | null;
      };
      await actions.record({
        sessionId: id,
        itemId: a.itemId,
        locationId: a.locationId,
        batchId: a.batchId,
        countedQuantity: a.countedQuantity,
        showExpected: a.seenQuantity !== null,
      });
      await actions.dismissNotice(n.id);
    }
    setMoved(id);
  };
  return (
    <div className="card notices" data-testid="count-notices">
      {closedLines.length > 0 && (
        <div role="alert">
          <p>
            <strong>
              {closedLines.length} count{closedLines.length === 1 ? " was" : "s were"} not accepted:
            </strong>{" "}
            {closedLines[0]!.message}
          </p>
          <button type="button" className="big" onClick={() => void moveToNew()}>
            Move them to a new count
          </button>
        </div>
      )}
      {moved && (
        <p>
          Moved.{" "}
          <Link to="/counts/$sessionId" params={{ sessionId: moved }}>
            Open the new count
          </Link>
        </p>
      )}
      {others.slice(0, 5).map((n) => (
        <p key={n.id} className="notice-line">
          {n.message}{" "}
          <button type="button" className="link-button" onClick={() => void actions.dismissNotice(n.id)}>
            Dismiss
          </button>
        </p>
      ))}
    </div>
  );
}

function PendingList({ data, online }: { data: SessionData; online: boolean }) {
  const lines = data.pending.filter((p) => p.kind === "line");
  return (
    <details
      className="card pending-sync"
      data-testid="pending-sync"
      data-pending={data.pending.length}
      open={data.pending.length > 0 && data.pending.length <= 20}
    >
      <summary>
        {data.pending.length === 0
          ? "Everything of this count is synced"
          : `${data.pending.length} waiting to sync${online ? "" : " (offline: kept on this tablet)"}`}
      </summary>
      <ol className="plain-list">
        {data.pending.map((p) => (
          <li key={p.seq}>
            {p.kind === "line" ? (
              <>
                {p.quantity} ×{" "}
                <KeyLabel
                  item={data.items.get(p.itemId!)}
                  batch={p.batchId ? data.batches.get(p.batchId) : null}
                  location={data.locations.get(p.locationId!)}
                />
              </>
            ) : (
              <span className="muted">
                {p.kind === "start"
                  ? "Start of this count"
                  : p.kind === "join"
                    ? "Joining this count"
                    : p.kind === "resolve"
                      ? "A conflict decision"
                      : p.kind === "cancel"
                        ? "Cancelling"
                        : "Completing"}
              </span>
            )}
          </li>
        ))}
      </ol>
      {lines.length > 0 && <p className="muted">Counts stay on this device until the server has them, across reloads.</p>}
    </details>
  );
}
