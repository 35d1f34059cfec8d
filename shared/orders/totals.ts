/**
 * Order totals in exact decimal. Prices are decimal text with up to four decimals (Decimal(12,4), checked
 * by the suppliers' money helper); here they become integer ten-thousandths (bigint), so a line total
 * (whole packs × unit price) is exact with no rounding at all: 3 × "0.1" is "0.3000", never 0.30000000000000004.
 *
 * Rounding rules:
 * - Exact amounts (`lineTotal`, `total`) are never rounded: four decimals, as the database stores money.
 * - Printed amounts (`printedTotal`, cents) round each LINE half-up to two decimals and the order's printed
 *   total is the sum of the printed lines, so a document (email, CSV) always adds up. This is the rule the
 *   email templates already use; the printed total may differ from the exact one by under a cent per line.
 * - A line without a price snapshot ("price to confirm") is left out of both totals and counted.
 */
import { DomainError } from "../errors.js";
import { isPrice } from "../suppliers/money.js";

/** "12.34" → 123400n (ten-thousandths). Refuses anything the money helper would not store. */
export function priceToUnits(text: string): bigint {
  if (!isPrice(text))
    throw new DomainError("VALIDATION_FAILED", "A price is a number like 12.50 (up to 4 decimals).", { field: "unitPrice" });
  const [whole = "0", fraction = ""] = text.split(".");
  return BigInt(whole) * 10_000n + BigInt(fraction.padEnd(4, "0"));
}

/** 3000n → "0.3000": the canonical four-decimal text the database answers with. */
export function unitsToPrice(units: bigint): string {
  const sign = units < 0n ? "-" : "";
  const abs = units < 0n ? -units : units;
  return `${sign}${abs / 10_000n}.${(abs % 10_000n).toString().padStart(4, "0")}`;
}

/** Ten-thousandths → cents, half up (order amounts are never negative). */
export function unitsToCents(units: bigint): bigint {
  return (units + 50n) / 100n;
}

/** 30n → "0.30". */
export function centsToText(cents: bigint): string {
  return `${cents / 100n}.${(cents % 100n).toString().padStart(2, "0")}`;
}

export interface OrderLineAmount {
  /** Whole packs of the supplier's pack size. */
  quantity: number;
  /** The unit (per-pack) price at the time of ordering; null until someone confirms it. */
  unitPrice: string | null;
}

/** quantity × unit price, exact, in ten-thousandths; null for a line without a price. */
export function lineTotalUnits(line: OrderLineAmount): bigint | null {
  if (!Number.isSafeInteger(line.quantity) || line.quantity < 0) {
    throw new DomainError("VALIDATION_FAILED", "A quantity is a whole number of packs, zero or more.", { field: "quantity" });
  }
  if (line.unitPrice === null || line.unitPrice === "") return null;
  return BigInt(line.quantity) * priceToUnits(line.unitPrice);
}

/** quantity × unit price as exact four-decimal text ("0.3000"); null without a price. */
export function lineTotal(line: OrderLineAmount): string | null {
  const units = lineTotalUnits(line);
  return units === null ? null : unitsToPrice(units);
}

export interface OrderTotal {
  /** The order's currency (ISO 4217): every line's price snapshot is in it. */
  currency: string;
  /** Sum of the exact line totals, four decimals. */
  total: string;
  /** Sum of the lines each rounded half-up to cents, two decimals: what a printed order shows. */
  printedTotal: string;
  pricedLines: number;
  /** Lines without a price: shown as "price to confirm", left out of both totals. */
  unpricedLines: number;
}

export function orderTotal(lines: readonly OrderLineAmount[], currency: string): OrderTotal {
  let exact = 0n;
  let printed = 0n;
  let pricedLines = 0;
  let unpricedLines = 0;
  for (const line of lines) {
    const units = lineTotalUnits(line);
    if (units === null) {
      unpricedLines += 1;
      continue;
    }
    exact += units;
    printed += unitsToCents(units);
    pricedLines += 1;
  }
  return { currency, total: unitsToPrice(exact), printedTotal: centsToText(printed), pricedLines, unpricedLines };
}
