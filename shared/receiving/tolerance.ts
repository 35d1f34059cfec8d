/**
 * Over-receipt tolerance: how far past an order line's quantity a practice accepts a delivery. Within it
 * an over-receipt is accepted with a reason; beyond it the receipt is refused (OVER_RECEIPT). The setting
 * is a whole percent per practice.
 *
 * Rounding: the most a line may reach is floor(ordered × (100 + percent) / 100), so the tolerance is never
 * exceeded, not even by a rounding: 10 % of 5 packs is 0.5 of a pack, so 5 is the most (a sixth pack is 20 %).
 */
import { z } from "zod";

export const DEFAULT_OVER_RECEIPT_TOLERANCE_PERCENT = 10;
export const MAX_OVER_RECEIPT_TOLERANCE_PERCENT = 100;

/** The practice setting as it travels (validated at the edge). */
export const overReceiptTolerancePercent = () => z.number().int().min(0).max(MAX_OVER_RECEIPT_TOLERANCE_PERCENT);

/** The most that may be received in total against a line of `ordered` packs. */
export function maxReceivable(ordered: number, tolerancePercent: number): number {
  if (!Number.isInteger(tolerancePercent) || tolerancePercent < 0)
    throw new RangeError(`tolerance must be a whole percent ≥ 0, got ${tolerancePercent}`);
  return Math.floor((ordered * (100 + tolerancePercent)) / 100);
}

/**
 * What one receipt does to one order line, relative to what was still to come before it:
 * UNDER: less than remained (more to come: a partial receipt);
 * EXACT: what remained; OVER: more than remained, within tolerance; BEYOND: past the tolerance (refused).
 */
export type LineReceiptKind = "UNDER" | "EXACT" | "OVER" | "BEYOND";

export function classifyLineReceipt(ordered: number, receivedBefore: number, accepted: number, tolerancePercent: number): LineReceiptKind {
  const after = receivedBefore + accepted;
  // A receipt that adds nothing to the line (all damaged) cannot over-receive it, whatever came before.
  if (accepted === 0) return after >= ordered ? "EXACT" : "UNDER";
  if (after > maxReceivable(ordered, tolerancePercent)) return "BEYOND";
  if (after > ordered) return "OVER";
  return after === ordered ? "EXACT" : "UNDER";
}
