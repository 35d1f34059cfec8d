/**
 * "/receiving/new?order=…": taking a delivery at the door on a tablet. Scan each pack (camera, hardware
 * scanner or typed: GS1 fills item, lot and expiry, a second scan of the same item and lot adds one), or
 * tap +1 on an order line, or pick an item; correct lots and expiries, mark damaged packs, then post the
 * receipt as one mutation (offline too). Everything is judged by the shared rules the server applies.
 */
import { getRouteApi, Link } from "@tanstack/react-router";
import { lazy, Suspense, useCallback, useMemo, useRef, useState } from "react";
import { orderNumberLabel } from "../../../shared/orders/rules.js";
import { expiryAsPrinted, localToday } from "../../../shared/stock/expiry.js";
import { describeError } from "../../api/describeError.js";
import type { ScanEvent } from "../../scan/index.js";
import { useNow } from "../../ui/useNow.js";
import { canPost, checkReceipt } from "./check.js";
import { findItemByGtin, findItemBySku, useDraftStore, usePostReceipt, useReceivingData } from "./data.js";
import { ItemPicker } from "./ItemPicker.js";
import { OrderLinesTable } from "./OrderLinesTable.js";
import { PostedPanel } from "./PostedPanel.js";
import { applyScan, type DraftLine, type ScannedPack } from "./receipt.js";
import { ReceiptLines } from "./ReceiptLines.js";
import "./receiving.css";

const Scanner = lazy(() => import("../../scan/index.js").then((m) => ({ default: m.Scanner })));
const receiptRoute = getRouteApi("/app/receiving/new");
const LAST_LOCATION = "venzory.receiving.locationId";

interface Draft {
  lines: DraftLine[];
  lastLineId: string | null;
  /** The location chosen on this screen (kept with the packs, so a reload does not lose it). */
  locationId?: string;
}
type Message = { tone: "ok" | "warning"; text: string; gtin?: string };

export function ReceiptScreen() {
  const { order: orderId = null } = receiptRoute.useSearch();
  const data = useReceivingData(orderId);
  const post = usePostReceipt();
  const today = localToday(useNow(60_000));
  const store = useDraftStore<Draft>(orderId);
  const [draft, setDraftState] = useState<Draft>(() => store.load() ?? { lines: [], lastLineId: null });
  // Scans arrive from the scanner's callback faster than renders: the newest draft is read from here.
  const draftRef = useRef(draft);
  const setDraft = useCallback(
    (change: Partial<Draft>) => {
      const next = { ...draftRef.current, ...change };
      draftRef.current = next;
      setDraftState(next);
      store.save(next);
    },
    [store],
  );
  const [overReason, setOverReason] = useState("");
  const [notes, setNotes] = useState("");
  const [message, setMessage] = useState<Message | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [postedId, setPostedId] = useState<string | null>(null);

  const orderItemFor = useCallback((itemId: string) => data?.orderLines.find((l) => l.itemId === itemId)?.id ?? null, [data]);

  const addPack = useCallback(
    (pack: ScannedPack, label: string) => {
      const current = draftRef.current;
      const r = applyScan(current.lines, pack, { orderItemFor, newId: () => crypto.randomUUID(), lastLineId: current.lastLineId });
      if (r.outcome.kind === "no-product") {
        setMessage({ tone: "warning", text: "This code names no product: scan the pack's product code first." });
        return;
      }
      setDraft({ lines: r.lines, lastLineId: r.outcome.lineId });
      const line = r.lines.find((l) => l.id === (r.outcome as { lineId: string }).lineId)!;
      const lot = line.lot ? ` lot ${line.lot}` : "";
      const text =
        r.outcome.kind === "same-pack"
          ? `${label}${lot}: this pack (serial ${pack.serial}) was already scanned.`
          : r.outcome.kind === "completed"
            ? `${label}${lot}: lot and expiry added.`
            : `${label}${lot}: ${line.accepted} ${line.accepted === 1 ? "pack" : "packs"}.`;
      setMessage({ tone: r.outcome.kind === "same-pack" ? "warning" : "ok", text });
    },
    [orderItemFor, setDraft],
  );

  const onScan = useCallback(
    (scan: ScanEvent) => {
      if (!data) return;
      const r = scan.result;
      if (r.kind === "gs1" || r.kind === "gtin") {
        const item = r.gtin ? findItemByGtin(data.items, r.gtin) : null;
        if (r.gtin && !item)
          return setMessage({ tone: "warning", text: `Unknown GTIN ${r.gtin}: not an item of this practice.`, gtin: r.gtin });
        const gs1 = r.kind === "gs1" ? r : null;
        addPack(
          { itemId: item?.id ?? null, lot: gs1?.lot, expiry: expiryAsPrinted(gs1?.expiry) ?? undefined, serial: gs1?.serial },
          item?.name ?? "Lot and expiry",
        );
      } else if (r.kind === "internal") {
        const item = findItemBySku(data.items, r.code);
        if (!item) return setMessage({ tone: "warning", text: `Unknown code ${r.code}: no item has this GTIN or SKU.` });
        addPack({ itemId: item.id }, item.name);
      } else {
        setMessage({
          tone: "warning",
          text: `${r.kind === "hibc" ? "HIBC" : "ISBT 128"} code: items are matched by GTIN. Pick the item below and type its lot.`,
        });
      }
    },
    [data, addPack],
  );

  const check = useMemo(
    () =>
      data &&
      checkReceipt({
        lines: draft.lines,
        order: data.order,
        orderLines: data.orderLines,
        items: data.items,
        tolerancePercent: data.tolerancePercent,
        overReason,
        today,
        horizonDays: data.horizonDays,
      }),
    [data, draft.lines, overReason, today],
  );

  if (!data || !check) return <p className="page-status">Loading…</p>;
  if (orderId && !data.order)
    return (
      <p className="page-status">
        This order is not on this device (yet). <Link to="/receiving">All deliveries</Link>
      </p>
    );

  const order = data.order;
  // Until one is chosen: the order's delivery place, else where this device received last.
  const remembered = localStorage.getItem(LAST_LOCATION) ?? "";
  const locationId =
    draft.locationId || [order?.deliveryLocationId, remembered].find((id) => id && data.locations.some((l) => l.id === id)) || "";
  const title = order
    ? `Receive order ${order.number ? orderNumberLabel(order.number) : "(not numbered yet)"}`
    : "Receive a delivery without an order";
  const changeLine = (line: DraftLine) =>
    setDraft({ ...draftRef.current, lines: draftRef.current.lines.map((l) => (l.id === line.id ? line : l)) });
  const removeLine = (id: string) => setDraft({ lines: draftRef.current.lines.filter((l) => l.id !== id), lastLineId: null });
  const accepted = draft.lines.reduce((n, l) => n + l.accepted, 0);
  const damaged = draft.lines.reduce((n, l) => n + l.damaged, 0);

  const submit = async () => {
    setError(null);
    const id = crypto.randomUUID();
    try {
      await post({ id, orderId, locationId, notes, overReason, lines: draft.lines, orderLines: data.orderLines });
      localStorage.setItem(LAST_LOCATION, locationId);
      store.clear();
      setPostedId(id);
    } catch (e) {
      setError(describeError(e));
    }
  };

  if (postedId)
    return (
      <PostedPanel
        receiptId={postedId}
        orderId={orderId}
        title={title}
        summary={`${accepted} ${accepted === 1 ? "pack" : "packs"} accepted${damaged ? `, ${damaged} damaged or rejected` : ""}`}
        onCorrect={() => setPostedId(null)}
      />
    );

  return (
    <section className="screen receiving" aria-labelledby="receipt-title">
      <div className="screen-header">
        <div>
          <h1 id="receipt-title">{title}</h1>
          {order && (
            <p className="muted">
              {data.supplier?.name ?? "Supplier"} · tolerance {data.tolerancePercent} % over the order
            </p>
          )}
        </div>
        <Link className="button-link secondary" to="/receiving">
          All deliveries
        </Link>
      </div>
      <label className="receipt-location">
        Receive into
        <select value={locationId} onChange={(e) => setDraft({ locationId: e.target.value })} aria-label="Receive into location">
          <option value="">Choose a location…</option>
          {data.locations.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </select>
      </label>
      <div className="receipt-layout">
        <div className="receipt-scan">
          <Suspense fallback={<p className="page-status">Loading the scanner…</p>}>
            <Scanner onScan={onScan} autoStart={false} manualLabel="Type or scan a pack's code" />
          </Suspense>
          {message && (
            <p className={message.tone === "ok" ? "form-success" : "notice"} data-testid="scan-message" role="status">
              {message.text}
              {message.gtin && (
                <>
                  {" "}
                  <Link to="/items/new" search={{ gtin: message.gtin }}>
                    New item with this GTIN
                  </Link>
                </>
              )}
            </p>
          )}
        </div>
        <div className="receipt-body">
          {order && (
            <OrderLinesTable
              lines={data.orderLines}
              items={data.items}
              judged={check.orderLines}
              tolerancePercent={data.tolerancePercent}
              onAddOne={(line) => addPack({ itemId: line.itemId }, data.items.get(line.itemId)?.name ?? "Item")}
            />
          )}
          <h2>This delivery</h2>
          <ReceiptLines
            lines={draft.lines}
            items={data.items}
            againstOrder={!!order}
            problems={check.lineProblems}
            expiry={check.expiry}
            onChange={changeLine}
            onRemove={removeLine}
          />
          <ItemPicker items={data.items} onPick={(item) => addPack({ itemId: item.id }, item.name)} />
        </div>
      </div>
      <div className="card receipt-post" aria-label="Post the receipt" role="region">
        {check.needsOverReason && (
          <label>
            More than ordered (within the tolerance): say why
            <input value={overReason} onChange={(e) => setOverReason(e.target.value)} data-testid="over-reason" />
          </label>
        )}
        {check.refusal && (
          <p className="form-error" role="alert" data-testid="receipt-refusal">
            {check.refusal}
          </p>
        )}
        <label>
          Note (optional)
          <input value={notes} onChange={(e) => setNotes(e.target.value)} placeholder="Delivery note number, driver…" />
        </label>
        {!locationId && <p className="muted">Choose the location to receive into.</p>}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button
          type="button"
          className="receipt-post-button"
          disabled={!canPost(check, overReason, locationId)}
          onClick={() => void submit()}
        >
          Post receipt: {accepted} {accepted === 1 ? "pack" : "packs"}
          {damaged ? `, ${damaged} damaged` : ""}
        </button>
      </div>
    </section>
  );
}
