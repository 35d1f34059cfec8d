/**
 * Money travels and is stored as decimal text, never as a binary float: "12.34" is exactly 12.34 in
 * the database (Decimal(12,4)), on the wire and in the replica. Arithmetic on prices belongs to the
 * server (SQL numeric) or to integer minor units; these helpers only check and normalise the text.
 */
import { DomainError } from "../errors.js";

/** Up to 8 integer digits (Decimal(12,4) holds 99,999,999.9999) and up to 4 decimals. */
export const PRICE_PATTERN = /^\d{1,8}(\.\d{1,4})?$/;
export const CURRENCY_PATTERN = /^[A-Z]{3}$/;
export const DEFAULT_CURRENCY = "GBP";

export function isPrice(text: string): boolean {
  return PRICE_PATTERN.test(text);
}

/** The canonical form the database answers with: four decimals ("12.3" → "12.3000"). Pure string work. */
export function canonicalPrice(text: string): string {
  if (!isPrice(text))
    throw new DomainError("VALIDATION_FAILED", "A price is a number like 12.50 (up to 4 decimals).", { field: "unitPrice" });
  const [whole = "0", fraction = ""] = text.split(".");
  return `${String(Number(whole))}.${fraction.padEnd(4, "0")}`;
}

/** A price for people: two decimals unless more were given ("12.3400" → "12.34", "0.1250" → "0.125"). */
export function displayPrice(text: string, currency: string): string {
  const [whole = "0", fraction = ""] = text.split(".");
  const trimmed = fraction.replace(/0+$/, "").padEnd(2, "0");
  return `${currency} ${whole}.${trimmed}`;
}
