import { describe, expect, it } from "vitest";
import { formatCents, formatUnitPrice, lineTotalCents, orderTotals, parsePrice4 } from "./money.js";

describe("parsePrice4", () => {
  it("reads decimal strings as ten-thousandths", () => {
    expect(parsePrice4("12.3400")).toBe(123_400n);
    expect(parsePrice4("12.34")).toBe(123_400n);
    expect(parsePrice4("0.0001")).toBe(1n);
    expect(parsePrice4("7")).toBe(70_000n);
    expect(parsePrice4("99999999.9999")).toBe(999_999_999_999n);
  });
  it("rejects anything else", () => {
    for (const bad of ["", "-1.00", "1.23456", "1e3", ".5", "5.", "1,00", " 1.00", "NaN", "Infinity"]) {
      expect(() => parsePrice4(bad), bad).toThrow(/Not a price/);
    }
  });
});

describe("line totals", () => {
  it("multiplies exactly where binary floating point would not", () => {
    expect(0.1 * 3).not.toBe(0.3);
    expect(formatCents(lineTotalCents(3, "0.1000"), "GBP")).toBe("£0.30");
    // 1.005 is 1.00499999… as a double; half-up on the exact decimal gives 1.01.
    expect(formatCents(lineTotalCents(1, "1.0050"), "GBP")).toBe("£1.01");
    expect(formatCents(lineTotalCents(1, "1.0049"), "GBP")).toBe("£1.00");
  });
  it("rounds quantity × fractional-penny prices once per line", () => {
    expect(lineTotalCents(3, "0.1250")).toBe(38n); // 0.375 → 0.38
    expect(lineTotalCents(7, "0.3333")).toBe(233n); // 2.3331 → 2.33
  });
});

describe("formatting", () => {
  it("formats cents with a symbol or the currency code, and thousands separators", () => {
    expect(formatCents(0n, "GBP")).toBe("£0.00");
    expect(formatCents(123_456_789n, "GBP")).toBe("£1,234,567.89");
    expect(formatCents(1_005n, "EUR")).toBe("€10.05");
    expect(formatCents(100n, "USD")).toBe("USD 1.00");
  });
  it("shows unit prices with 2 to 4 decimals", () => {
    expect(formatUnitPrice("12.3400", "GBP")).toBe("£12.34");
    expect(formatUnitPrice("0.1250", "GBP")).toBe("£0.125");
    expect(formatUnitPrice("0.0001", "GBP")).toBe("£0.0001");
    expect(formatUnitPrice("1000", "CHF")).toBe("CHF 1,000.00");
  });
});

describe("orderTotals", () => {
  it("sums mixed prices per currency and leaves out lines without a price", () => {
    const totals = orderTotals([
      { quantity: 4, unitPrice: "5.9900", currency: "GBP" },
      { quantity: 3, unitPrice: "0.1250", currency: "GBP" },
      { quantity: 2, unitPrice: null, currency: "GBP" },
      { quantity: 10, unitPrice: "1.1000", currency: "EUR" },
      { quantity: 1, unitPrice: undefined, currency: "EUR" },
      { quantity: 1, unitPrice: "0.0100", currency: "GBP" },
    ]);
    expect(totals.unpricedCount).toBe(2);
    expect(totals.byCurrency).toEqual([
      { currency: "GBP", cents: 2396n + 38n + 1n, lineCount: 3 },
      { currency: "EUR", cents: 1100n, lineCount: 1 },
    ]);
  });
  it("has no currency totals when nothing is priced", () => {
    expect(orderTotals([{ quantity: 1, unitPrice: null, currency: "GBP" }])).toEqual({ byCurrency: [], unpricedCount: 1 });
  });
  it("stays exact for large orders", () => {
    const totals = orderTotals(Array.from({ length: 1000 }, () => ({ quantity: 999_999, unitPrice: "99999999.9999", currency: "GBP" })));
    expect(totals.byCurrency[0]?.cents).toBe(1000n * lineTotalCents(999_999, "99999999.9999"));
  });
});
