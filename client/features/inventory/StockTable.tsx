import { PendingBadge } from "../../ui/Badge.js";
import type { StockLine } from "./stockLines.js";

interface Props {
  lines: readonly StockLine[];
  /** Shown when the role may adjust: pre-selects the item in the adjust form. */
  onAdjust?: (itemId: string) => void;
}

/** Items and quantities at one location; unsynced quantities carry a "pending" badge. */
export function StockTable({ lines, onAdjust }: Props) {
  return (
    <table className="stock-table">
      <thead>
        <tr>
          <th scope="col">Item</th>
          <th scope="col" className="num">
            Quantity
          </th>
          <th scope="col">
            <span className="visually-hidden">Status and actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line) => (
          <tr key={line.item.id} data-testid="stock-row" data-item-id={line.item.id} data-pending={String(line.pending)} data-quantity={line.quantity}>
            <th scope="row">
              {line.item.name}
              {line.item.sku && <span className="muted"> · {line.item.sku}</span>}
              {line.batches.some((b) => b.batch) && (
                <ul className="batch-list">
                  {line.batches.map((b) => (
                    <li key={b.batchId ?? "none"}>
                      {b.batch ? `Lot ${b.batch.lot}${b.batch.expiryDate ? `, exp. ${b.batch.expiryDate.slice(0, 10)}` : ""}` : "No batch"}: {b.quantity}
                      {b.pending && <span className="visually-hidden"> (pending)</span>}
                    </li>
                  ))}
                </ul>
              )}
            </th>
            <td className="num" data-testid="stock-quantity">
              {line.quantity}
              <span className="muted"> {line.item.unit}</span>
            </td>
            <td className="row-end">
              {line.pending && <PendingBadge />}
              {onAdjust && (
                <button type="button" className="link-button" aria-label={`Adjust ${line.item.name}`} onClick={() => onAdjust(line.item.id)}>
                  Adjust
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
