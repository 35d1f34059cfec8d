/** The order received against: each line's ordered, received so far, this delivery and what is still to come. */
import type { ItemRow, OrderItemRow } from "../../../shared/protocol/entities.js";
import type { LineJudgement } from "../../../shared/receiving/judge-receipt.js";
import { Badge } from "../../ui/Badge.js";

interface Props {
  lines: readonly OrderItemRow[];
  items: ReadonlyMap<string, ItemRow>;
  judged: ReadonlyMap<string, LineJudgement>;
  tolerancePercent: number;
  onAddOne: (line: OrderItemRow) => void;
}

export function OrderLinesTable({ lines, items, judged, tolerancePercent, onAddOne }: Props) {
  return (
    <table className="stock-table order-lines" aria-label="Order lines">
      <thead>
        <tr>
          <th scope="col">Item</th>
          <th scope="col" className="num">
            Ordered
          </th>
          <th scope="col" className="num">
            Received
          </th>
          <th scope="col" className="num">
            This delivery
          </th>
          <th scope="col" className="num">
            Still to come
          </th>
          <th scope="col">
            <span className="visually-hidden">Add a pack</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line) => {
          const j = judged.get(line.id);
          const name = items.get(line.itemId)?.name ?? "Unknown item";
          const now = j?.accepted ?? 0;
          const after = line.receivedQuantity + now;
          return (
            <tr key={line.id} data-testid="order-line" data-order-item-id={line.id} data-kind={j?.kind ?? ""}>
              <th scope="row">
                {name}
                <span className="muted"> · packs of {line.packSize}</span>
                {j?.kind === "OVER" && <Badge tone="warning">over the order (within {tolerancePercent} %)</Badge>}
                {j?.kind === "BEYOND" && <Badge tone="warning">past the {tolerancePercent} % tolerance</Badge>}
              </th>
              <td className="num">{line.quantity}</td>
              <td className="num">{line.receivedQuantity}</td>
              <td className="num" data-testid="this-delivery">
                {now}
                {j && j.damaged > 0 && <span className="muted"> (+{j.damaged} damaged)</span>}
              </td>
              <td className="num">{Math.max(0, line.quantity - after)}</td>
              <td className="row-end">
                <button type="button" className="secondary" onClick={() => onAddOne(line)} aria-label={`+1 pack of ${name}`}>
                  +1
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
