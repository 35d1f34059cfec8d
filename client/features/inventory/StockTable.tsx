import { useWindowVirtualizer } from "@tanstack/react-virtual";
import { useLayoutEffect, useRef, useState, type ReactNode } from "react";
import { fefoCompare, isExpired, localToday } from "../../../shared/stock/expiry.js";
import { PendingBadge } from "../../ui/Badge.js";
import type { ParLevelRow } from "../../../shared/protocol/entities.js";
import type { StockLine } from "./stockLines.js";

interface Props {
  lines: readonly StockLine[];
  /** Shown when the role may change stock: opens the stock form for that item. */
  onAdjust?: (itemId: string) => void;
  /** The item whose form is open under its own row (tablet), and that form. */
  openItemId?: string | null;
  renderForm?: (line: StockLine) => ReactNode;
  /** Par levels at this location by item (not shown for sub-location totals). */
  parLevels?: ReadonlyMap<string, ParLevelRow>;
}

/**
 * Items and quantities at one location, batches in FEFO order with expired lots flagged; unsynced
 * quantities carry a "pending" badge. Virtualised against the window scroll: 10,000 items render only
 * the rows on screen (plus a few), and rows measure themselves (batches and an open form vary in height).
 */
export function StockTable({ lines, onAdjust, openItemId, renderForm, parLevels }: Props) {
  const listRef = useRef<HTMLDivElement>(null);
  const [offset, setOffset] = useState(0);
  useLayoutEffect(() => setOffset(listRef.current?.offsetTop ?? 0), []);
  const virtualizer = useWindowVirtualizer({
    count: lines.length,
    estimateSize: () => 56,
    overscan: 8,
    scrollMargin: offset,
    getItemKey: (i) => lines[i]!.item.id,
  });
  const today = localToday();

  return (
    <div className="stock-list" role="table" aria-label="Stock" aria-rowcount={lines.length}>
      <div className="stock-list-head" role="row">
        <span role="columnheader">Item</span>
        <span role="columnheader" className="num">
          Quantity
        </span>
        <span role="columnheader">
          <span className="visually-hidden">Status and actions</span>
        </span>
      </div>
      <div ref={listRef} style={{ height: virtualizer.getTotalSize(), position: "relative" }} role="rowgroup">
        {virtualizer.getVirtualItems().map((v) => {
          const line = lines[v.index]!;
          const batches = [...line.batches].sort((a, b) =>
            fefoCompare(a.batch ?? { lot: "", expiryDate: null }, b.batch ?? { lot: "", expiryDate: null }),
          );
          return (
            <div
              key={v.key}
              data-index={v.index}
              ref={virtualizer.measureElement}
              className="stock-row-wrap"
              style={{
                position: "absolute",
                top: 0,
                left: 0,
                width: "100%",
                transform: `translateY(${v.start - virtualizer.options.scrollMargin}px)`,
              }}
            >
              <div
                className="stock-row"
                role="row"
                data-testid="stock-row"
                data-item-id={line.item.id}
                data-pending={String(line.pending)}
                data-quantity={line.quantity ?? undefined}
                data-batch-tracked={String(line.item.batchTracked)}
                data-hidden={line.quantity === null || undefined}
              >
                <span role="rowheader" className="stock-name">
                  {line.item.name}
                  {line.item.sku && <span className="muted"> · {line.item.sku}</span>}
                  <ParNote par={parLevels?.get(line.item.id)} quantity={line.quantity} />
                  {batches.some((b) => b.batch) && (
                    <ul className="batch-list">
                      {batches.map((b) => (
                        <li key={b.batchId ?? "none"} className={b.batch && isExpired(b.batch.expiryDate, today) ? "expired" : undefined}>
                          {b.batch ? `Lot ${b.batch.lot}${b.batch.expiryDate ? `, exp. ${b.batch.expiryDate}` : ""}` : "No batch"}:{" "}
                          {b.quantity ?? HIDDEN}
                          {b.batch && isExpired(b.batch.expiryDate, today) && <strong className="flag"> expired</strong>}
                          {b.pending && <span className="visually-hidden"> (pending)</span>}
                        </li>
                      ))}
                    </ul>
                  )}
                </span>
                <span role="cell" className="num" data-testid="stock-quantity">
                  {line.quantity ?? HIDDEN}
                  {line.quantity !== null && <span className="muted"> {line.item.unit}</span>}
                </span>
                <span role="cell" className="row-end">
                  {line.pending && <PendingBadge />}
                  {onAdjust && (
                    <button
                      type="button"
                      className="link-button"
                      aria-label={`Adjust ${line.item.name}`}
                      aria-expanded={openItemId === line.item.id}
                      onClick={() => onAdjust(line.item.id)}
                    >
                      Adjust
                    </button>
                  )}
                </span>
              </div>
              {/* A table's row group holds rows only: the form goes in a full-width cell of a row of its own. */}
              {openItemId === line.item.id && (
                <div role="row">
                  <div role="cell" aria-colspan={3}>
                    {renderForm?.(line)}
                  </div>
                </div>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}

/** "par 5–20" beside the name, flagged when the quantity here is below the minimum. */
/** What a quantity withheld by a blind count shows (the count's counters must not see what to expect). */
const HIDDEN = "hidden during a blind count";

function ParNote({ par, quantity }: { par: ParLevelRow | undefined; quantity: number | null }) {
  if (!par || (par.minQuantity == null && par.maxQuantity == null)) return null;
  const range = `${par.minQuantity ?? "–"}–${par.maxQuantity ?? "–"}`;
  const below = par.minQuantity != null && quantity !== null && quantity < par.minQuantity;
  return (
    <span className={below ? "flag" : "muted"} data-testid="par-level">
      {" "}
      · par {range}
      {below ? " (below par)" : ""}
    </span>
  );
}
