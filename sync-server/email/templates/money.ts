/**
 * Money for email rendering, without binary floating point. Prices arrive as decimal strings with up to
 * four decimal places (PostgreSQL `Decimal(12, 4)`, e.g. "12.3400") and are held as bigint ten-thousandths.
 * Line totals are rounded half-up to two decimals and the order total is the sum of the rounded line
 * totals, so the printed document always adds up.
 */

export const PRICE_PATTERN = /^\d{1,12}(\.\d{1,4})?$/;

/** "12.34" → 123400n (units of 0.0001). Throws on anything that is not a plain non-negative decimal. */
export function parsePrice4(value: string): bigint {
  if (!PRICE_PATTERN.test(value)) throw new Error(`Not a price: ${JSON.stringify(value)}`);
  const [whole = "0", frac = ""] = value.split(".");
  return BigInt(whole) * 10_000n + BigInt(frac.padEnd(4, "0"));
}

/** Units of 0.0001 → units of 0.01, rounding half up (amounts are never negative here). */
export function roundToCents(amount4: bigint): bigint {
  return (amount4 + 50n) / 100n;
}

/** quantity × unit price, in cents, rounded half-up. */
export function lineTotalCents(quantity: number, unitPrice: string): bigint {
  if (!Number.isSafeInteger(quantity) || quantity < 0) throw new Error(`Not a quantity: ${quantity}`);
  return roundToCents(BigInt(quantity) * parsePrice4(unitPrice));
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

const CURRENCY_SYMBOLS: Record<string, string> = { GBP: "£", EUR: "€" };

function withCurrency(currency: string, amount: string): string {
  const symbol = CURRENCY_SYMBOLS[currency];
  return symbol ? `${symbol}${amount}` : `${currency} ${amount}`;
}

/** 123456n cents, "GBP" → "£1,234.56"; other currencies as "USD 1,234.56". */
export function formatCents(cents: bigint, currency: string): string {
  const sign = cents < 0n ? "-" : "";
  const abs = cents < 0n ? -cents : cents;
  const whole = groupThousands((abs / 100n).toString());
  const frac = (abs % 100n).toString().padStart(2, "0");
  return `${sign}${withCurrency(currency, `${whole}.${frac}`)}`;
}

/**
 * A unit price as written: at least two decimals, up to four when they carry information
 * ("0.1250" → "£0.125", "12.3400" → "£12.34"), so a per-item price of fractions of a penny is not misquoted.
 */
export function formatUnitPrice(unitPrice: string, currency: string): string {
  const amount4 = parsePrice4(unitPrice);
  const whole = groupThousands((amount4 / 10_000n).toString());
  const frac = (amount4 % 10_000n).toString().padStart(4, "0").replace(/0+$/, "");
  return withCurrency(currency, `${whole}.${frac.padEnd(2, "0")}`);
}

export interface PricedLine {
  quantity: number;
  unitPrice?: string | null;
  currency: string;
}

export interface OrderTotals {
  /** One entry per currency, in order of first appearance. */
  byCurrency: { currency: string; cents: bigint; lineCount: number }[];
  /** Lines without a price: shown as "price to confirm" and left out of every total. */
  unpricedCount: number;
}

export function orderTotals(lines: readonly PricedLine[]): OrderTotals {
  const byCurrency = new Map<string, { currency: string; cents: bigint; lineCount: number }>();
  let unpricedCount = 0;
  for (const line of lines) {
    if (line.unitPrice == null || line.unitPrice === "") {
      unpricedCount += 1;
      continue;
    }
    const entry = byCurrency.get(line.currency) ?? { currency: line.currency, cents: 0n, lineCount: 0 };
    entry.cents += lineTotalCents(line.quantity, line.unitPrice);
    entry.lineCount += 1;
    byCurrency.set(line.currency, entry);
  }
  return { byCurrency: [...byCurrency.values()], unpricedCount };
}
