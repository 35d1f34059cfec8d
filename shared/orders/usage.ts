/**
 * What suggested orders count as usage, and what as on order. Both are read from replicated rows (the
 * ledger and open order lines) so a manager's tablet suggests the same quantities offline as the server.
 */
import type { MovementKind } from "../stock/movements.js";
import type { OrderStatus } from "./rules.js";
import { isOpenOrder } from "./status-machine.js";

const DAY_MS = 86_400_000;

export interface LedgerLine {
  itemId: string;
  kind: MovementKind;
  /** Signed change of stock, in item units. */
  delta: number;
  createdAt: Date | string;
}

export interface UsageWindow {
  /** Total units used in the window. */
  used: number;
  /** The window's length in days (weeks × 7). */
  days: number;
}

/**
 * Units used per item over the `weeks` before `asOf`: consumption and negative adjustments (damaged,
 * expired, used…). Receipts, transfers (stock moving between rooms is not use) and count corrections
 * (they fix the record, they are not demand) are left out, as are positive adjustments.
 */
export function usageByItem(lines: readonly LedgerLine[], asOf: Date, weeks: number): Map<string, UsageWindow> {
  if (!Number.isInteger(weeks) || weeks < 1) throw new RangeError(`weeks must be a whole number ≥ 1, got ${weeks}`);
  const days = weeks * 7;
  const end = asOf.getTime();
  const start = end - days * DAY_MS;
  const out = new Map<string, UsageWindow>();
  for (const line of lines) {
    if (line.delta >= 0) continue;
    if (line.kind !== "CONSUMPTION" && line.kind !== "ADJUSTMENT") continue;
    const at = new Date(line.createdAt).getTime();
    if (!(at > start && at <= end)) continue;
    const entry = out.get(line.itemId) ?? { used: 0, days };
    entry.used += -line.delta;
    out.set(line.itemId, entry);
  }
  return out;
}

export interface OpenOrderLine {
  itemId: string;
  /** The order's status: only open orders (sent, partly received) count. */
  status: OrderStatus;
  /** Packs ordered and received so far. */
  quantity: number;
  receivedQuantity: number;
  /** Units per pack at the order's supplier (the supplier item's pack size). */
  packSize: number;
}

/**
 * Units still expected per item: (ordered − received) packs × pack size on open orders. Drafts are not
 * on order (nothing was asked of a supplier yet); a closed-short order no longer expects its rest; an
 * over-received line expects nothing (never a negative).
 */
export function onOrderByItem(lines: readonly OpenOrderLine[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of lines) {
    if (!isOpenOrder(line.status)) continue;
    const packs = Math.max(0, line.quantity - line.receivedQuantity);
    if (packs === 0) continue;
    out.set(line.itemId, (out.get(line.itemId) ?? 0) + packs * line.packSize);
  }
  return out;
}
