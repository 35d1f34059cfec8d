/**
 * Cell readers for the import: each turns the text of one cell into a value or a reason a person can act
 * on ("Use a dot for decimals: 12.50"). Blank cells are handled by the caller (blank = not given).
 */
import { isValidGtin, toGtin14 } from "../gs1/gtin.js";
import { PRICE_PATTERN } from "../suppliers/money.js";
import { INT32_MAX } from "../validation/numbers.js";
import { isStorableText } from "../validation/text.js";
import { isKnownCurrency } from "./currencies.js";

export type Read<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const fail = <T>(reason: string): Read<T> => ({ ok: false, reason });

export function readText(cell: string, max: number): Read<string> {
  if (!isStorableText(cell)) return fail("Contains characters that cannot be stored.");
  if (cell.length > max) return fail(`Longer than ${max} characters.`);
  return ok(cell);
}

/** A GTIN with a right check digit, as the 14 digits items are stored and compared by. */
export function readGtin(cell: string): Read<string> {
  const digits = cell.replace(/\s+/g, "");
  if (!/^\d+$/.test(digits)) return fail("A GTIN has digits only.");
  if (![8, 12, 13, 14].includes(digits.length)) return fail(`A GTIN has 8, 12, 13 or 14 digits (this has ${digits.length}).`);
  if (!isValidGtin(digits)) return fail("The check digit is wrong: check the barcode number.");
  return ok(toGtin14(digits));
}

/** A whole number within [min, max]; "1.0" and "1e3" are refused rather than guessed at. */
export function readInt(cell: string, min: number, max = INT32_MAX): Read<number> {
  if (!/^-?\d+$/.test(cell)) return fail("Must be a whole number.");
  const n = Number(cell);
  if (n < min) return fail(`Must be at least ${min}.`);
  if (n > max) return fail(`Must be at most ${max}.`);
  return ok(n);
}

const TRUE = new Set(["yes", "y", "true", "1"]);
const FALSE = new Set(["no", "n", "false", "0"]);

export function readBool(cell: string): Read<boolean> {
  const v = cell.toLowerCase();
  if (TRUE.has(v)) return ok(true);
  if (FALSE.has(v)) return ok(false);
  return fail('Use "yes" or "no".');
}

/**
 * A price as decimal text, kept exactly as written (never through a float). A comma is the common
 * spreadsheet slip in Europe: name the fix rather than read "12,50" as 1250 or 12.5.
 */
export function readPrice(cell: string): Read<string> {
  if (PRICE_PATTERN.test(cell)) return ok(cell);
  if (/^-/.test(cell)) return fail("A price cannot be negative.");
  if (/^\d+,\d{1,4}$/.test(cell)) return fail(`Use a dot for decimals: ${cell.replace(",", ".")}.`);
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(cell)) return fail(`Write the price without thousands separators: ${cell.replace(/,/g, "")}.`);
  if (/^\d+\.\d{5,}$/.test(cell)) return fail("A price has at most 4 decimals.");
  if (/^\d{9,}(\.\d+)?$/.test(cell)) return fail("A price is at most 99999999.9999.");
  return fail("A price is a number like 12.50 (digits, a dot, up to 4 decimals; no currency sign).");
}

export function readCurrency(cell: string): Read<string> {
  const code = cell.toUpperCase();
  if (!/^[A-Z]{3}$/.test(code)) return fail("A currency is a three-letter ISO code such as GBP or EUR.");
  if (!isKnownCurrency(code)) return fail(`"${code}" is not an ISO 4217 currency code.`);
  return ok(code);
}

/**
 * Two decimal texts name the same amount ("12.5" = "12.5000" = "012.50"): compared as digit strings, so
 * no float ever decides whether a price changed.
 */
export function samePrice(a: string, b: string): boolean {
  return canonicalDecimal(a) === canonicalDecimal(b);
}

function canonicalDecimal(text: string): string {
  const [whole = "0", fraction = ""] = text.split(".");
  return `${whole.replace(/^0+(?=\d)/, "")}.${fraction.replace(/0+$/, "")}`;
}
