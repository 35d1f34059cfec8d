/**
 * Integers bounded by the column that stores them, so an out-of-range number is refused as invalid
 * input instead of overflowing in PostgreSQL (an unexpected error: a 500, or a push that retries forever).
 */
import { z } from "zod";

/** PostgreSQL `integer` (Prisma `Int`). */
export const INT32_MAX = 2_147_483_647;
export const INT32_MIN = -2_147_483_648;

/** An integer that fits an `integer` column. */
export function int32() {
  return z.number().int().min(INT32_MIN).max(INT32_MAX);
}

/**
 * A version or cursor (Prisma `BigInt`): travels as a JSON number, so it is bounded to the integers a
 * JavaScript number holds exactly.
 */
export function safeInt() {
  return z.number().int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);
}
