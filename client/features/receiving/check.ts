/**
 * What stands between a receipt and posting it, judged as the server will judge it: the shared
 * judgeReceipt (tolerance, over-receipt reason, order state) on the order as the replica holds it, plus
 * what the form itself needs (a lot for batch-tracked items, a readable expiry, a reason for damaged packs).
 * Also the short-dated flag per line (shared rule, the practice's horizon).
 */
import type { ItemRow, OrderItemRow, OrderRow } from "../../../shared/protocol/entities.js";
import { judgeReceipt, type LineJudgement } from "../../../shared/receiving/judge-receipt.js";
import { checkLotExpiry, type LotExpiryCheck } from "../../../shared/receiving/short-dated.js";
import { isValidExpiry } from "../../../shared/stock/expiry.js";
import { linesToPost, type DraftLine } from "./receipt.js";

export interface ReceiptCheck {
  /** Refused by the shared rules (beyond tolerance, order not receivable): the reason, as the server would give it. */
  refusal: string | null;
  /** Over what was ordered within the tolerance: a reason is asked for. */
  needsOverReason: boolean;
  /** Per order line, the judgement (ordered, received before and after, kind). */
  orderLines: Map<string, LineJudgement>;
  /** Per draft line id, what the form still needs ("Lot needed" …). */
  lineProblems: Map<string, string>;
  /** Per draft line id, the expiry flag (expired or short-dated). */
  expiry: Map<string, LotExpiryCheck>;
  /** Nothing to receive yet. */
  empty: boolean;
}

export interface CheckInput {
  lines: readonly DraftLine[];
  order: Pick<OrderRow, "status"> | null;
  orderLines: readonly OrderItemRow[];
  items: ReadonlyMap<string, Pick<ItemRow, "name" | "batchTracked">>;
  tolerancePercent: number;
  overReason: string;
  today: string;
  horizonDays: number;
}

function lineProblem(line: DraftLine, item: Pick<ItemRow, "batchTracked"> | undefined): string | null {
  if (line.expiry && !isValidExpiry(line.expiry)) return "Expiry must be a date (YYYY-MM-DD)";
  if (line.accepted > 0 && item?.batchTracked && !line.lot.trim()) return "Lot needed: this item is batch-tracked";
  if (line.damaged > 0 && !line.damageReason.trim()) return "Say why packs are damaged or rejected";
  return null;
}

export function checkReceipt(input: CheckInput): ReceiptCheck {
  const posting = linesToPost(input.lines);
  const lineProblems = new Map<string, string>();
  const expiry = new Map<string, LotExpiryCheck>();
  for (const line of input.lines) {
    const problem = lineProblem(line, input.items.get(line.itemId));
    if (problem) lineProblems.set(line.id, problem);
    if (line.expiry && isValidExpiry(line.expiry)) expiry.set(line.id, checkLotExpiry(line.expiry, input.today, input.horizonDays));
  }
  const judged = judgeReceipt({
    order: input.order ? { status: input.order.status, lines: input.orderLines } : null,
    lines: posting.map((l) => ({ orderItemId: l.orderItemId, itemId: l.itemId, accepted: l.accepted, damaged: l.damaged })),
    tolerancePercent: input.tolerancePercent,
    overReceiptReason: input.overReason,
  });
  const orderLines = new Map(judged.lines.map((l) => [l.orderItemId, l]));
  const empty = posting.length === 0;
  const needsOverReason = judged.lines.some((l) => l.kind === "OVER");
  let refusal: string | null = null;
  if (!empty && judged.outcome === "REFUSED" && judged.error.details?.field !== "overReceiptReason") refusal = judged.error.message;
  return { refusal, needsOverReason, orderLines, lineProblems, expiry, empty };
}

/** Whether the receipt can be posted now. */
export function canPost(check: ReceiptCheck, overReason: string, locationId: string): boolean {
  return (
    !check.empty && !check.refusal && check.lineProblems.size === 0 && (!check.needsOverReason || overReason.trim() !== "") && !!locationId
  );
}
