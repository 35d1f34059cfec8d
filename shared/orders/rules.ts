/**
 * Orders, as both sides see them. An order is named by the UUID its client chose; its practice-wide
 * number is assigned by the server when the order first arrives in a push, so a replica that has not
 * synced yet shows it as a draft rather than guess a number another device might take.
 */
export const ORDER_STATUSES = ["DRAFT", "SENT", "PARTIALLY_RECEIVED", "RECEIVED", "CANCELLED"] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Prices on an order are in this currency unless it says otherwise (ISO 4217). */
export const DEFAULT_CURRENCY = "GBP";

/** What a person sees for an order number: "PO-0042", or "draft" until the server has numbered it. */
export function orderNumberLabel(number: number | null): string {
  return number === null ? "draft" : `PO-${String(number).padStart(4, "0")}`;
}
