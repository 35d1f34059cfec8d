import { DomainError } from "../errors.js";

export const ADJUSTMENT_REASONS = ["COUNT_CORRECTION", "DAMAGED", "EXPIRED", "FOUND", "USED", "OTHER", "OPENING_BALANCE"] as const;
export type AdjustmentReason = (typeof ADJUSTMENT_REASONS)[number];

/** The largest single change we accept; far above any real pack count, it keeps int4 columns safe. */
export const MAX_STOCK_DELTA = 1_000_000;

/** The quantity after applying `delta`; refuses a change that would leave stock negative. */
/** The sum of stock rows' quantities; null when a blind count withholds any of them from this role. */
export function sumQuantities(rows: readonly { quantity: number | null }[]): number | null {
  let sum = 0;
  for (const r of rows) {
    if (r.quantity === null) return null;
    sum += r.quantity;
  }
  return sum;
}

export function quantityAfter(current: number, delta: number): number;
/** A quantity withheld by a blind count (null) stays unknown on the replica: the server judges the movement. */
export function quantityAfter(current: number | null, delta: number): number | null;
export function quantityAfter(current: number | null, delta: number): number | null {
  if (current === null) return null;
  const next = current + delta;
  if (next < 0) {
    throw new DomainError("INSUFFICIENT_STOCK", `Only ${current} in stock here; cannot remove ${-delta}.`, { onHand: current, delta });
  }
  return next;
}

/**
 * Every movement of a batch-tracked item names its batch: unbatched stock of a vaccine cannot be
 * recalled or used first-expiry-first. One rule for the client's optimistic apply and the server.
 */
export function assertBatchChoice(item: { name: string; batchTracked: boolean }, batchId: string | null): void {
  if (item.batchTracked && !batchId) {
    throw new DomainError("BATCH_REQUIRED", `"${item.name}" is batch-tracked: choose or add the lot (batch) for this stock.`);
  }
}

/** A transfer moves stock between two different locations. */
export function assertDistinctLocations(fromLocationId: string, toLocationId: string): void {
  if (fromLocationId === toLocationId) throw new DomainError("VALIDATION_FAILED", "Choose a different location to move the stock to.");
}

/** Par levels: each optional, whole and not negative, and min never above max. */
export function assertLevels(min: number | null, max: number | null): void {
  if (min !== null && max !== null && min > max) {
    throw new DomainError("VALIDATION_FAILED", `The minimum (${min}) cannot be above the maximum (${max}).`);
  }
}
