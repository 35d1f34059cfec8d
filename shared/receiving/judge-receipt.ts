/**
 * Judging a receipt against an order, on the tablet (optimistically) and again on the server at push,
 * where `order` holds the server's CURRENT received quantities. Two devices receiving one order at once
 * therefore never push it past the tolerance: the later receipt is judged on what is already in,
 *
 * - APPLIED:  every line stays within what was ordered, or the device saw its own over-receipt and gave a reason;
 * - CONFLICT: applied, but a line went over what was ordered only because another device received part of
 *             it meanwhile (the device could not have asked for a reason): a generated reason says so, for review;
 * - REFUSED:  a line would pass the tolerance (OVER_RECEIPT), the order cannot be received (ORDER_STATE), or
 *             the receipt is malformed / lacks its over-receipt reason (VALIDATION_FAILED). Nothing is applied;
 *             the device keeps the receipt (it can be corrected, or received without the order).
 *
 * Received quantities only ever grow (before + accepted), so nothing already received is lost.
 * Quantities are in the order line's unit (the supplier's packs); the mutator converts accepted packs to
 * item units for the RECEIPT movements. Damaged or rejected packs are recorded on the receipt but never put
 * into stock and never count as received: the supplier still owes them, so the line stays open for them.
 */
import { DomainError } from "../errors.js";
import type { OrderStatus } from "../orders/rules.js";
import { actionAllowedIn, nextStatus, type ReceiptProgress } from "../orders/status-machine.js";
import { classifyLineReceipt, maxReceivable, type LineReceiptKind } from "./tolerance.js";

export interface OrderLineState {
  id: string;
  itemId: string;
  /** Packs ordered. */
  quantity: number;
  /** Packs received so far (the server's current figure when judged at push). */
  receivedQuantity: number;
}

export interface OrderState {
  status: OrderStatus;
  lines: readonly OrderLineState[];
}

export interface ReceiptLineInput {
  /** The order line this fills; null for an item nobody ordered (or a receipt without an order). */
  orderItemId: string | null;
  itemId: string;
  /** Packs accepted into stock. */
  accepted: number;
  /** Packs damaged or rejected at the door: recorded, never stocked. */
  damaged: number;
}

export interface ReceiptInput {
  /** The order received against, with its current received quantities; null for a delivery nobody ordered. */
  order: OrderState | null;
  lines: readonly ReceiptLineInput[];
  tolerancePercent: number;
  /** Given by the person receiving when the device showed them an over-receipt. */
  overReceiptReason?: string | null;
  /**
   * Per order line, the received quantity the device saw when it took the receipt (its replica). Omitted
   * lines (or omitted altogether: received online) are taken to have seen the current figure.
   */
  seenReceived?: Readonly<Record<string, number>>;
}

export interface LineJudgement {
  orderItemId: string;
  itemId: string;
  ordered: number;
  receivedBefore: number;
  /** What the device saw as received when it took the receipt (≤ receivedBefore when others received meanwhile). */
  seenBefore: number;
  accepted: number;
  damaged: number;
  receivedAfter: number;
  maxReceivable: number;
  kind: LineReceiptKind;
  /** Over what was ordered only because of receipts the device had not seen. */
  concurrent: boolean;
}

export type ReceiptJudgement =
  | {
      outcome: "APPLIED" | "CONFLICT";
      /** One per order line (untouched lines included, with accepted 0). */
      lines: LineJudgement[];
      progress: ReceiptProgress | null;
      /** The order's status after the receipt (through the status machine); null without an order. */
      status: OrderStatus | null;
      /** The receipt lines that put stock in (accepted > 0). */
      stockLines: ReceiptLineInput[];
      /** The receipt lines with damaged or rejected packs (recorded only). */
      damagedLines: ReceiptLineInput[];
      overReceiptReason: string | null;
      /** Set on CONFLICT: what happened, in words, for the order's reviewer. */
      conflictReason: string | null;
    }
  | { outcome: "REFUSED"; error: DomainError; lines: LineJudgement[] };

const refused = (error: DomainError, lines: LineJudgement[] = []): ReceiptJudgement => ({ outcome: "REFUSED", error, lines });

function invalid(message: string, details?: Record<string, unknown>): DomainError {
  return new DomainError("VALIDATION_FAILED", message, details);
}

function checkShape(input: ReceiptInput): DomainError | null {
  if (input.lines.length === 0) return invalid("A receipt needs at least one line.");
  const orderLines = new Map((input.order?.lines ?? []).map((l) => [l.id, l]));
  for (const [index, line] of input.lines.entries()) {
    for (const field of ["accepted", "damaged"] as const) {
      if (!Number.isSafeInteger(line[field]) || line[field] < 0)
        return invalid("Quantities are whole packs, zero or more.", { line: index, field });
    }
    if (line.accepted === 0 && line.damaged === 0) return invalid("A receipt line receives or rejects at least one pack.", { line: index });
    if (line.orderItemId === null) continue;
    const orderLine = orderLines.get(line.orderItemId);
    if (!orderLine) return invalid("This line is not on the order received against.", { line: index, field: "orderItemId" });
    if (orderLine.itemId !== line.itemId)
      return invalid("This line's item differs from the order line's.", { line: index, field: "itemId" });
  }
  return null;
}

function progressOf(lines: readonly LineJudgement[]): ReceiptProgress {
  if (lines.every((l) => l.receivedAfter >= l.ordered)) return "COMPLETE";
  return lines.some((l) => l.receivedAfter > 0) ? "PARTIAL" : "NONE";
}

export function judgeReceipt(input: ReceiptInput): ReceiptJudgement {
  const shapeError = checkShape(input);
  if (shapeError) return refused(shapeError);
  const { order } = input;
  // Whether the order can be received at all comes before any quantity: a cancelled order refuses everything.
  if (order && !actionAllowedIn(order.status, "RECEIVE")) {
    try {
      nextStatus(order.status, "RECEIVE", { progress: "NONE" });
    } catch (e) {
      if (e instanceof DomainError) return refused(e);
      throw e;
    }
  }

  const accepted = new Map<string, number>();
  const damaged = new Map<string, number>();
  for (const line of input.lines) {
    if (line.orderItemId === null) continue;
    accepted.set(line.orderItemId, (accepted.get(line.orderItemId) ?? 0) + line.accepted);
    damaged.set(line.orderItemId, (damaged.get(line.orderItemId) ?? 0) + line.damaged);
  }

  const judged: LineJudgement[] = (order?.lines ?? []).map((l) => {
    const add = accepted.get(l.id) ?? 0;
    const seen = input.seenReceived?.[l.id] ?? l.receivedQuantity;
    const receivedAfter = l.receivedQuantity + add;
    return {
      orderItemId: l.id,
      itemId: l.itemId,
      ordered: l.quantity,
      receivedBefore: l.receivedQuantity,
      seenBefore: seen,
      accepted: add,
      damaged: damaged.get(l.id) ?? 0,
      receivedAfter,
      maxReceivable: maxReceivable(l.quantity, input.tolerancePercent),
      kind: classifyLineReceipt(l.quantity, l.receivedQuantity, add, input.tolerancePercent),
      // Over what was ordered, though what the device saw plus what it adds is not.
      concurrent: add > 0 && receivedAfter > l.quantity && seen + add <= l.quantity,
    };
  });

  const beyond = judged.filter((l) => l.kind === "BEYOND");
  if (beyond.length > 0) {
    const first = beyond[0]!;
    const others = first.receivedBefore - first.seenBefore;
    const meanwhile = others > 0 ? ` (${others} of them on another device since this one last synced)` : "";
    return refused(
      new DomainError(
        "OVER_RECEIPT",
        `Ordered ${first.ordered}, already received ${first.receivedBefore}${meanwhile}; this receipt adds ${first.accepted}, past the ${input.tolerancePercent} % tolerance (at most ${first.maxReceivable}). Nothing was applied: lower the quantity, or receive the extra without the order.`,
        {
          lines: beyond.map((l) => ({
            orderItemId: l.orderItemId,
            ordered: l.ordered,
            receivedBefore: l.receivedBefore,
            accepted: l.accepted,
            maxReceivable: l.maxReceivable,
          })),
        },
      ),
      judged,
    );
  }

  const reason = input.overReceiptReason?.trim() || null;
  const knowinglyOver = judged.filter((l) => l.kind === "OVER" && !l.concurrent);
  if (knowinglyOver.length > 0 && reason === null) {
    return refused(
      invalid("More than ordered was received: say why (within the tolerance).", {
        field: "overReceiptReason",
        orderItemIds: knowinglyOver.map((l) => l.orderItemId),
      }),
      judged,
    );
  }

  const concurrent = judged.filter((l) => l.concurrent);
  const conflictReason =
    concurrent.length === 0
      ? null
      : concurrent
          .map(
            (l) =>
              `ordered ${l.ordered}, ${l.receivedBefore - l.seenBefore} received on another device meanwhile, this receipt adds ${l.accepted}: ${l.receivedAfter} received (within the ${input.tolerancePercent} % tolerance)`,
          )
          .join("; ");

  const progress = order ? progressOf(judged) : null;
  return {
    outcome: concurrent.length > 0 ? "CONFLICT" : "APPLIED",
    lines: judged,
    progress,
    status: order && progress ? nextStatus(order.status, "RECEIVE", { progress }) : null,
    stockLines: input.lines.filter((l) => l.accepted > 0),
    damagedLines: input.lines.filter((l) => l.damaged > 0),
    overReceiptReason: knowinglyOver.length > 0 ? reason : null,
    conflictReason,
  };
}

/** The mutator's form: the judgement, or the refusal thrown (the push answers its code; the device keeps the receipt). */
export function assertReceiptApplies(input: ReceiptInput): Exclude<ReceiptJudgement, { outcome: "REFUSED" }> {
  const judgement = judgeReceipt(input);
  if (judgement.outcome === "REFUSED") throw judgement.error;
  return judgement;
}
