/**
 * The order status machine, defined once. The tablet's optimistic apply, the screens (which buttons to
 * show) and the server's mutators all ask `nextStatus`, so an action is judged alike offline and on push.
 *
 *   DRAFT ──SEND / MARK_SENT_MANUALLY──▶ SENT ──RECEIVE──▶ PARTIALLY_RECEIVED ──RECEIVE (all in)──▶ RECEIVED
 *     │                                   │  └──RECEIVE (all in)──────────────────────────────────▶ RECEIVED
 *     └──CANCEL (reason)──▶ CANCELLED ◀───┘ CANCEL (reason)        PARTIALLY_RECEIVED ──CLOSE (reason)──▶ RECEIVED
 *
 * Closing a partly received order ends in RECEIVED, not in a status of its own: the database enum has
 * exactly DRAFT, SENT, PARTIALLY_RECEIVED, RECEIVED, CANCELLED, and CANCELLED would be wrong (goods did
 * arrive and moved stock; spend and receiving history must keep them). "Closed short" needs no column:
 * it is a RECEIVED order with a line received below its quantity (`isClosedShort`). The reason goes to
 * the audit entry. Such an order is no longer open, so its shortfall stops counting as "on order".
 */
import { DomainError } from "../errors.js";
import type { OrderStatus } from "./rules.js";

/** Everything a person (or a posted receipt) can do to an order. A closed set: the test classifies each one in each status. */
export const ORDER_ACTIONS = ["EDIT", "DELETE", "SEND", "MARK_SENT_MANUALLY", "RECEIVE", "CANCEL", "CLOSE"] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];

/** How far an order's lines have been received after a receipt (see `receiptProgress` in receiving). */
export type ReceiptProgress = "NONE" | "PARTIAL" | "COMPLETE";

/** What an action needs to know besides the status. Each action reads only its own fields. */
export interface OrderActionContext {
  /** SEND / MARK_SENT_MANUALLY: whether the supplier has an order email. */
  supplierHasOrderEmail?: boolean;
  /** SEND / MARK_SENT_MANUALLY: lines with a quantity above zero. */
  lineCount?: number;
  /** CANCEL / CLOSE: why (required, not blank). */
  reason?: string | null;
  /** RECEIVE: the order's progress once the receipt's quantities are applied. */
  progress?: ReceiptProgress;
}

/** DELETE removes the draft: there is no status after it. */
export const DELETED = "DELETED" as const;
export type NextStatus<A extends OrderAction> = A extends "DELETE" ? typeof DELETED : OrderStatus;

const ACTION_WORDS: Record<OrderAction, string> = {
  EDIT: "edited",
  DELETE: "deleted",
  SEND: "sent",
  MARK_SENT_MANUALLY: "marked as sent",
  RECEIVE: "received against",
  CANCEL: "cancelled",
  CLOSE: "closed",
};

const STATUS_WORDS: Record<OrderStatus, string> = {
  DRAFT: "a draft",
  SENT: "sent",
  PARTIALLY_RECEIVED: "partly received",
  RECEIVED: "received",
  CANCELLED: "cancelled",
};

function refuse(status: OrderStatus, action: OrderAction, hint: string): never {
  throw new DomainError("ORDER_STATE", `This order is ${STATUS_WORDS[status]}: it cannot be ${ACTION_WORDS[action]}. ${hint}`.trim(), {
    status,
    action,
  });
}

function requireReason(reason: string | null | undefined, action: OrderAction): void {
  if (reason == null || reason.trim() === "") {
    throw new DomainError("VALIDATION_FAILED", `Say why the order is ${ACTION_WORDS[action]}.`, { field: "reason" });
  }
}

function requireLines(ctx: OrderActionContext): void {
  if ((ctx.lineCount ?? 0) < 1) throw new DomainError("ORDER_EMPTY", "Add at least one line with a quantity before sending the order.");
}

/**
 * The status an order has after `action`, or a DomainError (ORDER_STATE when the status does not allow
 * the action; VALIDATION_FAILED, ORDER_EMPTY, SUPPLIER_NO_ORDER_EMAIL or SUPPLIER_HAS_ORDER_EMAIL when the
 * context does not). EDIT keeps DRAFT; DELETE answers DELETED.
 */
export function nextStatus<A extends OrderAction>(status: OrderStatus, action: A, ctx: OrderActionContext = {}): NextStatus<A> {
  return transition(status, action, ctx) as NextStatus<A>;
}

function transition(status: OrderStatus, action: OrderAction, ctx: OrderActionContext): OrderStatus | typeof DELETED {
  switch (action) {
    case "EDIT":
      if (status !== "DRAFT") refuse(status, action, "Only drafts are edited.");
      return "DRAFT";
    case "DELETE":
      if (status !== "DRAFT") refuse(status, action, "Only drafts are deleted; cancel a sent order instead.");
      return DELETED;
    case "SEND":
      if (status !== "DRAFT") refuse(status, action, "It has already left the draft stage.");
      requireLines(ctx);
      if (ctx.supplierHasOrderEmail !== true) {
        throw new DomainError("SUPPLIER_NO_ORDER_EMAIL", "This supplier has no order email: phone the order in and mark it as sent.");
      }
      return "SENT";
    case "MARK_SENT_MANUALLY":
      if (status !== "DRAFT") refuse(status, action, "It has already left the draft stage.");
      requireLines(ctx);
      // Marking by hand is for suppliers we cannot email; with an email the order goes through the outbox, so
      // there is one record of what the supplier was sent.
      if (ctx.supplierHasOrderEmail !== false) {
        throw new DomainError("SUPPLIER_HAS_ORDER_EMAIL", "This supplier takes orders by email: send the order instead.");
      }
      return "SENT";
    case "RECEIVE":
      return receive(status, ctx.progress);
    case "CANCEL":
      if (status !== "DRAFT" && status !== "SENT") {
        refuse(status, action, status === "PARTIALLY_RECEIVED" ? "Part of it has arrived: close it instead." : "");
      }
      requireReason(ctx.reason, action);
      return "CANCELLED";
    case "CLOSE":
      if (status !== "PARTIALLY_RECEIVED") {
        refuse(status, action, status === "DRAFT" || status === "SENT" ? "Nothing has arrived yet: cancel it instead." : "");
      }
      requireReason(ctx.reason, action);
      return "RECEIVED";
  }
}

function receive(status: OrderStatus, progress: ReceiptProgress | undefined): OrderStatus {
  if (status === "DRAFT") refuse(status, "RECEIVE", "Send it first, or receive the delivery without an order.");
  if (status === "CANCELLED") refuse(status, "RECEIVE", "Receive the delivery without an order.");
  if (progress === undefined)
    throw new DomainError("VALIDATION_FAILED", "A receipt needs the order's received quantities.", { field: "progress" });
  // A RECEIVED order stays RECEIVED: a late delivery within tolerance (or after a close) is recorded
  // against it but never reopens it; the receiving rules decide whether its quantities are accepted.
  if (status === "RECEIVED") return "RECEIVED";
  if (progress === "COMPLETE") return "RECEIVED";
  if (progress === "PARTIAL") return "PARTIALLY_RECEIVED";
  // Nothing usable arrived (e.g. every pack damaged): the order keeps waiting.
  return status;
}

/**
 * Whether `action` is possible in `status` for some context: screens use it to show or hide buttons. It
 * asks the machine itself (every branch checks the status before the context), so it cannot drift from it.
 */
export function actionAllowedIn(status: OrderStatus, action: OrderAction): boolean {
  try {
    transition(status, action, {});
    return true;
  } catch (e) {
    return !(e instanceof DomainError && e.code === "ORDER_STATE");
  }
}

/** Orders whose unreceived quantities are still expected: they count as "on order". */
export const OPEN_ORDER_STATUSES: readonly OrderStatus[] = ["SENT", "PARTIALLY_RECEIVED"];

export function isOpenOrder(status: OrderStatus): boolean {
  return OPEN_ORDER_STATUSES.includes(status);
}

/** A RECEIVED order with a line below its quantity was closed by hand (CLOSE): the rest is not coming. */
export function isClosedShort(status: OrderStatus, lines: readonly { quantity: number; receivedQuantity: number }[]): boolean {
  return status === "RECEIVED" && lines.some((l) => l.receivedQuantity < l.quantity);
}
