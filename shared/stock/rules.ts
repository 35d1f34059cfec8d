import { DomainError } from "../errors.js";

export const ADJUSTMENT_REASONS = ["COUNT_CORRECTION", "DAMAGED", "EXPIRED", "FOUND", "USED", "OTHER"] as const;
export type AdjustmentReason = (typeof ADJUSTMENT_REASONS)[number];

/** The largest single change we accept; far above any real pack count, it keeps int4 columns safe. */
export const MAX_STOCK_DELTA = 1_000_000;

/** The quantity after applying `delta`; refuses a change that would leave stock negative. */
export function quantityAfter(current: number, delta: number): number {
  const next = current + delta;
  if (next < 0) {
    throw new DomainError("INSUFFICIENT_STOCK", `Only ${current} in stock here; cannot remove ${-delta}.`, { onHand: current, delta });
  }
  return next;
}
