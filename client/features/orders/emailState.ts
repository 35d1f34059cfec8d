/** How an order's supplier email reads in the list and on the order (the state comes from the server). */
import { orderNumberLabel } from "../../../shared/orders/rules.js";
import type { OrderEmailState, OrderRow } from "./data.js";

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" }) : "");

/** One short phrase: "queued", "sent 1 Dec 2026, 08:10", "failed: <reason>", "phoned in"… */
export function emailStateText(order: OrderRow, state: OrderEmailState | undefined): string {
  if (order.sentManually) return "phoned in (no email)";
  if (order.status === "DRAFT") return "not sent yet";
  if (!order.emailed) return "—";
  if (!state) return "unknown offline";
  switch (state.state) {
    case "NOT_EMAILED":
      return "not emailed";
    case "QUEUED":
      return state.lastError ? `queued (retrying: ${state.lastError})` : "queued";
    case "SENDING":
      return "sending";
    case "SENT":
      return `sent ${when(state.sentAt)}`.trim();
    case "FAILED":
      return `failed: ${state.lastError ?? "no reason given"}`;
  }
}

export const STATUS_LABELS: Record<OrderRow["status"], string> = {
  DRAFT: "Draft",
  SENT: "Sent",
  PARTIALLY_RECEIVED: "Partly received",
  RECEIVED: "Received",
  CANCELLED: "Cancelled",
};

/** "PO-0012" (as the supplier's email says), or "draft" until the server numbers it. */
export function orderNumber(order: OrderRow): string {
  return orderNumberLabel(order.number);
}
